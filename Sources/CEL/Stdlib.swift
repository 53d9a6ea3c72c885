/// Standard CEL operators and functions.
enum Stdlib {
    typealias Impl = @Sendable (Arguments) -> Value
    static let A = CELType.typeParam("A")
    static let B = CELType.typeParam("B")

    static func register(_ t: inout FunctionTable) {
        arithmetic(&t)
        comparison(&t)
        containers(&t)
        strings(&t)
        Conversions.register(&t)
        Time.register(&t)
    }

    // MARK: - Arithmetic

    static func intOp(_ f: @escaping @Sendable (Int64, Int64) -> (Int64, Bool)) -> Impl {
        { a in
            guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .fail("type") }
            let (r, overflow) = f(x, y)
            return overflow ? .fail(CELText.overflow) : .int(r)
        }
    }

    static func uintOp(_ f: @escaping @Sendable (UInt64, UInt64) -> (UInt64, Bool)) -> Impl {
        { a in
            guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .fail("type") }
            let (r, overflow) = f(x, y)
            return overflow ? .fail(CELText.overflow) : .uint(r)
        }
    }

    static func doubleOp(_ f: @escaping @Sendable (Double, Double) -> Double) -> Impl {
        { a in
            guard case .double(let x) = a[0], case .double(let y) = a[1] else { return .fail("type") }
            return .double(f(x, y))
        }
    }

    static func arithmetic(_ t: inout FunctionTable) {
        t.add("_+_", [
            Overload("add_int64", [.int, .int], .int, intOp { $0.addingReportingOverflow($1) }),
            Overload("add_uint64", [.uint, .uint], .uint, uintOp { $0.addingReportingOverflow($1) }),
            Overload("add_double", [.double, .double], .double, doubleOp(+)),
            Overload("add_string", [.string, .string], .string) { a in
                guard case .string(let x) = a[0], case .string(let y) = a[1] else { return .fail("type") }
                return .string(x + y)
            },
            Overload("add_bytes", [.bytes, .bytes], .bytes) { a in
                guard case .bytes(let x) = a[0], case .bytes(let y) = a[1] else { return .fail("type") }
                return .bytes(x + y)
            },
            Overload("add_list", [.list(A), .list(A)], .list(A)) { a in
                guard case .list(let x) = a[0], case .list(let y) = a[1] else { return .fail("type") }
                return .list(x + y)
            },
        ])
        t.add("_-_", [
            Overload("subtract_int64", [.int, .int], .int, intOp { $0.subtractingReportingOverflow($1) }),
            Overload("subtract_uint64", [.uint, .uint], .uint, uintOp { $0.subtractingReportingOverflow($1) }),
            Overload("subtract_double", [.double, .double], .double, doubleOp(-)),
        ])
        t.add("_*_", [
            Overload("multiply_int64", [.int, .int], .int, intOp { $0.multipliedReportingOverflow(by: $1) }),
            Overload("multiply_uint64", [.uint, .uint], .uint, uintOp { $0.multipliedReportingOverflow(by: $1) }),
            Overload("multiply_double", [.double, .double], .double, doubleOp(*)),
        ])
        t.add("_/_", [
            Overload("divide_int64", [.int, .int], .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .fail("type") }
                if y == 0 { return .fail(CELText.divideByZero) }
                let (r, o) = x.dividedReportingOverflow(by: y)
                return o ? .fail(CELText.overflow) : .int(r)
            },
            Overload("divide_uint64", [.uint, .uint], .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .fail("type") }
                return y == 0 ? .fail(CELText.divideByZero) : .uint(x / y)
            },
            Overload("divide_double", [.double, .double], .double, doubleOp(/)),
        ])
        t.add("_%_", [
            Overload("modulo_int64", [.int, .int], .int) { a in
                guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .fail("type") }
                if y == 0 { return .fail(CELText.moduloByZero) }
                let (r, o) = x.remainderReportingOverflow(dividingBy: y)
                return o ? .fail(CELText.overflow) : .int(r)
            },
            Overload("modulo_uint64", [.uint, .uint], .uint) { a in
                guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .fail("type") }
                return y == 0 ? .fail(CELText.moduloByZero) : .uint(x % y)
            },
        ])
        t.add("-_", [
            Overload("negate_int64", [.int], .int) { a in
                guard case .int(let x) = a[0] else { return .fail("type") }
                return x == .min ? .fail(CELText.overflow) : .int(-x)
            },
            Overload("negate_double", [.double], .double) { a in
                guard case .double(let x) = a[0] else { return .fail("type") }
                return .double(-x)
            },
        ])
        t.add("!_", [
            Overload("logical_not", [.bool], .bool) { a in
                guard case .bool(let x) = a[0] else { return .fail("type") }
                return .bool(!x)
            },
        ])
    }

    // MARK: - Comparison

    static func comparison(_ t: inout FunctionTable) {
        t.add("_==_", [Overload("equals", [A, A], .bool) { .bool(Equality.equal($0[0], $0[1])) }])
        t.add("_!=_", [Overload("not_equals", [A, A], .bool) { .bool(!Equality.equal($0[0], $0[1])) }])
        let ordered: [(String, String, @Sendable (Int) -> Bool)] = [
            ("_<_", "less", { $0 < 0 }), ("_<=_", "less_equals", { $0 <= 0 }),
            ("_>_", "greater", { $0 > 0 }), ("_>=_", "greater_equals", { $0 >= 0 }),
        ]
        let same: [CELType] = [.bool, .int, .uint, .double, .string, .bytes, .date, .duration, .timestamp]
        let numbers: [CELType] = [.int, .uint, .double]
        for (fn, name, test) in ordered {
            var list: [Overload] = []
            let impl: Impl = { a in
                guard let c = Equality.compare(a[0], a[1]) else {
                    // NaN compares false with everything, without an error.
                    if case .double = a[0] { return .bool(false) }
                    if case .double = a[1] { return .bool(false) }
                    return .fail(CELText.noMatchingOverload(fn, a.map { $0.celType.description }))
                }
                return .bool(test(c))
            }
            for ty in same { list.append(Overload("\(name)_\(ty)", [ty, ty], .bool, impl)) }
            for x in numbers { for y in numbers where x != y {
                list.append(Overload("\(name)_\(x)_\(y)", [x, y], .bool, impl))
            } }
            t.add(fn, list)
        }
    }

    // MARK: - Containers

    static func containers(_ t: inout FunctionTable) {
        t.add("@in", [
            Overload("in_list", [A, .list(A)], .bool) { a in
                guard case .list(let l) = a[1] else { return .fail("type") }
                return .bool(l.contains { Equality.equal($0, a[0]) })
            },
            Overload("in_map", [A, .map(A, B)], .bool) { a in
                guard case .map(let m) = a[1] else { return .fail("type") }
                return .bool(m[a[0]] != nil)
            },
        ])
        let index: Impl = { a in
            switch a[0] {
            case .list(let l):
                let i: Int64
                switch a[1] {
                case .int(let v): i = v
                case .uint(let v): i = v > UInt64(Int64.max) ? -1 : Int64(v)
                case .double(let d):
                    guard d.rounded() == d, let v = Int64(exactly: d) else { return .fail(CELText.badConversion("\(d)", "下标")) }
                    i = v
                default: return .fail(CELText.noMatchingOverload("_[_]", a.map { $0.celType.description }))
                }
                guard i >= 0, i < l.count else { return .fail(CELText.indexOutOfRange(i, l.count)) }
                return l[Int(i)]
            case .map(let m):
                guard MapKey(a[1]) != nil || isKeyLike(a[1]) else { return .fail(CELText.badMapKey) }
                return m[a[1]] ?? .fail(CELText.noSuchKey(Printer.literal(a[1])))
            default:
                return .fail(CELText.noMatchingOverload("_[_]", a.map { $0.celType.description }))
            }
        }
        t.add("_[_]", [
            Overload("index_list", [.list(A), .int], A, index),
            Overload("index_list_uint", [.list(A), .uint], A, index),
            Overload("index_list_double", [.list(A), .double], A, index),
            Overload("index_map", [.map(A, B), A], B, index),
        ])
        let size: Impl = { a in
            switch a[0] {
            case .string(let s): .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): .int(Int64(b.count))
            case .list(let l): .int(Int64(l.count))
            case .map(let m): .int(Int64(m.count))
            default: .fail(CELText.noMatchingOverload("size", [a[0].celType.description]))
            }
        }
        let sized: [CELType] = [.string, .bytes, .list(A), .map(A, B)]
        t.add("size", sized.map { Overload("size_\($0)", [$0], .int, size) }
            + sized.map { Overload("\($0)_size", member: true, [$0], .int, size) })
    }

    private static func isKeyLike(_ v: Value) -> Bool {
        if case .double = v { return true }
        return false
    }

    // MARK: - Strings

    static func strings(_ t: inout FunctionTable) {
        func pred(_ id: String, _ f: @escaping @Sendable (String, String) -> Bool) -> Overload {
            Overload(id, member: true, [.string, .string], .bool) { a in
                guard case .string(let x) = a[0], case .string(let y) = a[1] else { return .fail("type") }
                return .bool(f(x, y))
            }
        }
        t.add("contains", [pred("contains_string") { $0.containsScalars($1) }])
        t.add("startsWith", [pred("starts_with_string") { $0.unicodeScalars.starts(with: $1.unicodeScalars) }])
        t.add("endsWith", [pred("ends_with_string") { $0.unicodeScalars.reversed().starts(with: $1.unicodeScalars.reversed()) }])
        let matches: Impl = { a in
            guard case .string(let s) = a[0], case .string(let p) = a[1] else { return .fail("type") }
            return Patterns.matches(s, pattern: p)
        }
        t.add("matches", [
            Overload("matches_string", member: true, [.string, .string], .bool, matches),
            Overload("matches", [.string, .string], .bool, matches),
        ])
    }
}
