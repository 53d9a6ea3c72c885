/// Type conversions: `int()`, `uint()`, `double()`, `string()`, `bytes()`, `bool()`, `type()`, `dyn()`.
enum Conversions {
    typealias Impl = @Sendable (Arguments) -> Value

    static func register(_ t: inout FunctionTable) {
        let A = Stdlib.A
        t.add("int", [.int, .uint, .double, .string, .timestamp].map { ty in
            Overload("\(ty)_to_int64", [ty], .int) { toInt($0[0]) }
        })
        t.add("uint", [.int, .uint, .double, .string].map { ty in
            Overload("\(ty)_to_uint64", [ty], .uint) { toUInt($0[0]) }
        })
        t.add("double", [.int, .uint, .double, .string].map { ty in
            Overload("\(ty)_to_double", [ty], .double) { toDouble($0[0]) }
        })
        t.add("string", [.int, .uint, .double, .string, .bytes, .bool, .date, .duration, .timestamp].map { ty in
            Overload("\(ty)_to_string", [ty], .string) { toString($0[0]) }
        })
        t.add("bytes", [.bytes, .string].map { ty in
            Overload("\(ty)_to_bytes", [ty], .bytes) { a in
                if case .string(let s) = a[0] { return .bytes(Array(s.utf8)) }
                return a[0]
            }
        })
        t.add("bool", [.bool, .string].map { ty in
            Overload("\(ty)_to_bool", [ty], .bool) { a in
                guard case .string(let s) = a[0] else { return a[0] }
                switch s {
                case "true", "True", "TRUE", "t", "1": return .bool(true)
                case "false", "False", "FALSE", "f", "0": return .bool(false)
                default: return .fail(CELText.badConversion(Printer.quote(s), "bool"))
                }
            }
        })
        t.add("type", [Overload("type", [A], .type) { .type($0[0].celType) }])
        t.add("dyn", [Overload("to_dyn", [A], .dyn) { $0[0] }])
    }

    static func toInt(_ v: Value) -> Value {
        switch v {
        case .int: return v
        case .timestamp(let t): return .int(t.seconds)
        case .uint(let u): return u > UInt64(Int64.max) ? .fail(CELText.overflow) : .int(Int64(u))
        case .double(let d):
            // Doubles at the edges of int64 do not round-trip: CEL treats them as overflow.
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775807e18 else { return .fail(CELText.overflow) }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else { return .fail(CELText.badConversion(Printer.quote(s), "int")) }
            return .int(i)
        default: return .fail(CELText.badConversion(v.celType.description, "int"))
        }
    }

    static func toUInt(_ v: Value) -> Value {
        switch v {
        case .uint: return v
        case .int(let i): return i < 0 ? .fail(CELText.overflow) : .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d > -1, d < 1.8446744073709552e19 else { return .fail(CELText.overflow) }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            guard let u = UInt64(s) else { return .fail(CELText.badConversion(Printer.quote(s), "uint")) }
            return .uint(u)
        default: return .fail(CELText.badConversion(v.celType.description, "uint"))
        }
    }

    static func toDouble(_ v: Value) -> Value {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            switch s {
            case "NaN": return .double(.nan)
            case "Infinity", "+Infinity", "inf": return .double(.infinity)
            case "-Infinity", "-inf": return .double(-.infinity)
            default:
                guard let d = Double(s) else { return .fail(CELText.badConversion(Printer.quote(s), "double")) }
                return .double(d)
            }
        default: return .fail(CELText.badConversion(v.celType.description, "double"))
        }
    }

    static func toString(_ v: Value) -> Value {
        switch v {
        case .string: return v
        case .int(let i): return .string("\(i)")
        case .uint(let u): return .string("\(u)")
        case .double(let d): return .string(formatDouble(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return .fail(CELText.badConversion("bytes", "string")) }
            return .string(s)
        case .date(let d): return .string(d.description)
        case .duration(let d): return .string(d.description)
        case .timestamp(let t): return .string(t.description)
        default: return .fail(CELText.badConversion(v.celType.description, "string"))
        }
    }

    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
        if d == d.rounded(), abs(d) < 1e21 { return String(Int64(exactly: d).map { "\($0)" } ?? "\(d)") }
        return "\(d)"
    }
}
