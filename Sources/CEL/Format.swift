import Foundation

/// `"…".format([args])` as cel-go's strings extension: `%s %d %f %e %b %o %x %X %%`, with a
/// precision for `%f` and `%e` (`%.3f`).
enum Format {
    static func format(_ pattern: String, _ args: [Value]) -> Value {
        let c = Array(pattern.unicodeScalars)
        var out = ""
        var i = 0, next = 0
        while i < c.count {
            guard c[i] == "%" else { out.unicodeScalars.append(c[i]); i += 1; continue }
            i += 1
            guard i < c.count else { return .fail(CELText.formatClause("")) }
            if c[i] == "%" { out += "%"; i += 1; continue }
            var precision: Int?
            if c[i] == "." {
                i += 1
                var digits = 0, value = 0
                while i < c.count, ("0"..."9").contains(c[i]) { value = value * 10 + Int(c[i].value - 48); digits += 1; i += 1 }
                guard digits > 0 else { return .fail(CELText.formatClause(".")) }
                precision = value
            }
            guard i < c.count else { return .fail(CELText.formatClause("")) }
            let verb = c[i]
            i += 1
            guard "sdfebxXo".unicodeScalars.contains(verb) else { return .fail(CELText.formatClause(String(verb))) }
            guard next < args.count else { return .fail(CELText.formatIndex(next)) }
            let arg = args[next]
            next += 1
            switch clause(verb, precision, arg) {
            case .string(let s): out += s
            case let failure: return failure
            }
        }
        return .string(out)
    }

    static func clause(_ verb: Unicode.Scalar, _ precision: Int?, _ v: Value) -> Value {
        switch verb {
        case "s":
            return text(v).map(Value.string) ?? .fail(CELText.formatKind("s", v.celType.description))
        case "d":
            switch v {
            case .int(let i): return .string("\(i)")
            case .uint(let u): return .string("\(u)")
            case .double(let d) where !d.isFinite: return .string(special(d))
            default: return .fail(CELText.formatKind("d", v.celType.description))
            }
        case "f", "e":
            let d: Double
            switch v {
            case .double(let x): d = x
            case .int(let x): d = Double(x)
            case .uint(let x): d = Double(x)
            default: return .fail(CELText.formatKind(String(verb), v.celType.description))
            }
            if !d.isFinite { return .string(special(d)) }
            return .string(String(format: "%.\(precision ?? 6)\(verb)", d))
        case "b":
            switch v {
            case .int(let i): return .string(i < 0 ? "-" + String(i.magnitude, radix: 2) : String(i, radix: 2))
            case .uint(let u): return .string(String(u, radix: 2))
            case .bool(let b): return .string(b ? "1" : "0")
            default: return .fail(CELText.formatKind("b", v.celType.description))
            }
        case "o":
            switch v {
            case .int(let i): return .string(i < 0 ? "-" + String(i.magnitude, radix: 8) : String(i, radix: 8))
            case .uint(let u): return .string(String(u, radix: 8))
            default: return .fail(CELText.formatKind("o", v.celType.description))
            }
        default:
            let upper = verb == "X"
            let hex: String
            switch v {
            case .int(let i): hex = i < 0 ? "-" + String(i.magnitude, radix: 16) : String(i, radix: 16)
            case .uint(let u): hex = String(u, radix: 16)
            case .string(let s): hex = s.utf8.map { String(format: "%02x", $0) }.joined()
            case .bytes(let b): hex = b.map { String(format: "%02x", $0) }.joined()
            default: return .fail(CELText.formatKind("x", v.celType.description))
            }
            return .string(upper ? hex.uppercased() : hex)
        }
    }

    /// `%s` of a value: text as it is, numbers and lists and maps readably (map keys sorted by
    /// their text, as cel-go); nil for kinds that have no text form.
    static func text(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return "\(i)"
        case .uint(let u): return "\(u)"
        case .double(let d): return d.isFinite ? "\(d)".replacingOccurrences(of: ".0", with: "", options: .anchored.union(.backwards)) : special(d)
        case .duration, .timestamp, .date:
            if case .string(let s) = Conversions.toString(v) { return s }
            return nil
        case .type(let t): return t.description
        case .list(let items):
            var parts: [String] = []
            for item in items {
                guard let s = text(item) else { return nil }
                parts.append(s)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m):
            var entries: [(String, String)] = []
            for (k, value) in zip(m.keys, m.values) {
                guard let ks = text(k), let vs = text(value) else { return nil }
                entries.append((ks, vs))
            }
            return "{" + entries.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        default: return nil
        }
    }

    static func special(_ d: Double) -> String { d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity") }
}
