import Foundation

/// cel-go's math extension: `math.greatest`/`math.least` over numbers of any kind (as
/// arguments or one list), rounding, signs, IEEE tests and bit operations.
enum MathExt {
    typealias Impl = @Sendable (Arguments) -> Value
    static let numbers: [CELType] = [.int, .uint, .double]

    static func register(_ t: inout FunctionTable) {
        extremes(&t)
        rounding(&t)
        signs(&t)
        bits(&t)
    }

    /// The greatest (or least) of numbers, compared across kinds; the first of equals wins.
    static func extreme(_ values: some Collection<Value>, greatest: Bool) -> Value {
        var best: Value?
        for v in values {
            switch v {
            case .int, .uint, .double: break
            default: return .fail(CELText.noMatchingOverload(greatest ? "math.greatest" : "math.least", [v.celType.description]))
            }
            guard let b = best else { best = v; continue }
            if let c = Equality.compareNumbers(v, b), greatest ? c > 0 : c < 0 { best = v }
        }
        return best ?? .fail(CELText.emptyAggregate)
    }

    static func extremes(_ t: inout FunctionTable) {
        for (name, greatest) in [("math.greatest", true), ("math.least", false)] {
            var list: [Overload] = []
            // One argument: a number, or a list of numbers.
            for n in numbers { list.append(Overload("\(name)_\(n)", [n], n) { $0[0] }) }
            for n in numbers {
                list.append(Overload("\(name)_list_\(n)", [.list(n)], n) { a in
                    guard case .list(let l) = a[0] else { return .fail("type") }
                    return extreme(l, greatest: greatest)
                })
            }
            list.append(Overload("\(name)_list_dyn", [.list(.dyn)], .dyn) { a in
                guard case .list(let l) = a[0] else { return .fail("type") }
                return extreme(l, greatest: greatest)
            })
            // Two and more arguments of any numeric kinds: declared for every mix up to eight.
            for arity in 2...8 {
                for combination in combinations(arity) {
                    let same = Set(combination).count == 1
                    list.append(Overload("\(name)_\(combination.map(\.description).joined(separator: "_"))", combination,
                                         same ? combination[0] : .dyn) { extreme($0, greatest: greatest) })
                }
            }
            t.add(name, list)
        }
    }

    /// Every sequence of `arity` numeric kinds (3^arity, so kept small) — or, past three, the
    /// uniform ones and one `dyn` row, since mixes of many arguments are checked at run time.
    static func combinations(_ arity: Int) -> [[CELType]] {
        if arity > 3 { return numbers.map { Array(repeating: $0, count: arity) } + [Array(repeating: .dyn, count: arity)] }
        var out: [[CELType]] = [[]]
        for _ in 0..<arity { out = out.flatMap { prefix in numbers.map { prefix + [$0] } } }
        return out
    }

    static func rounding(_ t: inout FunctionTable) {
        // Half away from zero for `round`, as C's round and cel-go.
        let rules: [(String, FloatingPointRoundingRule)] = [("ceil", .up), ("floor", .down), ("round", .toNearestOrAwayFromZero), ("trunc", .towardZero)]
        for (name, rule) in rules {
            t.add("math.\(name)", [Overload("math_\(name)_double", [.double], .double) { a in
                guard case .double(let d) = a[0] else { return .fail("type") }
                return .double(d.rounded(rule))
            }])
        }
        let tests: [(String, @Sendable (Double) -> Bool)] = [("isNaN", { $0.isNaN }), ("isInf", { $0.isInfinite }), ("isFinite", { $0.isFinite })]
        for (name, test) in tests {
            t.add("math.\(name)", [Overload("math_\(name)_double", [.double], .bool) { a in
                guard case .double(let d) = a[0] else { return .fail("type") }
                return .bool(test(d))
            }])
        }
    }

    static func signs(_ t: inout FunctionTable) {
        t.add("math.abs", [
            Overload("math_abs_int", [.int], .int) { a in
                guard case .int(let i) = a[0] else { return .fail("type") }
                return i == .min ? .fail(CELText.overflow) : .int(Swift.abs(i))
            },
            Overload("math_abs_uint", [.uint], .uint) { $0[0] },
            Overload("math_abs_double", [.double], .double) { a in
                guard case .double(let d) = a[0] else { return .fail("type") }
                return .double(Swift.abs(d))
            },
        ])
        t.add("math.sign", [
            Overload("math_sign_int", [.int], .int) { a in
                guard case .int(let i) = a[0] else { return .fail("type") }
                return .int(i.signum())
            },
            Overload("math_sign_uint", [.uint], .uint) { a in
                guard case .uint(let u) = a[0] else { return .fail("type") }
                return .uint(u == 0 ? 0 : 1)
            },
            Overload("math_sign_double", [.double], .double) { a in
                guard case .double(let d) = a[0] else { return .fail("type") }
                return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
            },
        ])
    }

    static func bits(_ t: inout FunctionTable) {
        func binary(_ name: String, _ i: @escaping @Sendable (Int64, Int64) -> Int64, _ u: @escaping @Sendable (UInt64, UInt64) -> UInt64) {
            t.add(name, [
                Overload("\(name)_int_int", [.int, .int], .int) { a in
                    guard case .int(let x) = a[0], case .int(let y) = a[1] else { return .fail("type") }
                    return .int(i(x, y))
                },
                Overload("\(name)_uint_uint", [.uint, .uint], .uint) { a in
                    guard case .uint(let x) = a[0], case .uint(let y) = a[1] else { return .fail("type") }
                    return .uint(u(x, y))
                },
            ])
        }
        binary("math.bitAnd", { $0 & $1 }, { $0 & $1 })
        binary("math.bitOr", { $0 | $1 }, { $0 | $1 })
        binary("math.bitXor", { $0 ^ $1 }, { $0 ^ $1 })
        t.add("math.bitNot", [
            Overload("math_bitNot_int", [.int], .int) { a in
                guard case .int(let x) = a[0] else { return .fail("type") }
                return .int(~x)
            },
            Overload("math_bitNot_uint", [.uint], .uint) { a in
                guard case .uint(let x) = a[0] else { return .fail("type") }
                return .uint(~x)
            },
        ])
        // Shifts by 64 or more give 0; an int shifted right fills with zeros (a logical shift,
        // as cel-go); a negative count is an error.
        for (name, left) in [("math.bitShiftLeft", true), ("math.bitShiftRight", false)] {
            t.add(name, [
                Overload("\(name)_int_int", [.int, .int], .int) { a in
                    guard case .int(let x) = a[0], case .int(let n) = a[1] else { return .fail("type") }
                    if n < 0 { return .fail(CELText.negativeShift(n)) }
                    if n >= 64 { return .int(0) }
                    return .int(left ? x << n : Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(n)))
                },
                Overload("\(name)_uint_int", [.uint, .int], .uint) { a in
                    guard case .uint(let x) = a[0], case .int(let n) = a[1] else { return .fail("type") }
                    if n < 0 { return .fail(CELText.negativeShift(n)) }
                    if n >= 64 { return .uint(0) }
                    return .uint(left ? x << UInt64(n) : x >> UInt64(n))
                },
            ])
        }
    }
}
