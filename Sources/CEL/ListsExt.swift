/// cel-go's lists extension: `flatten`, `sort`, `sortBy` (a macro, in `CodeLoops`),
/// `lists.range`, `slice`, `reverse`; `distinct` is among the domain functions.
enum ListsExt {
    static let A = Stdlib.A

    static func register(_ t: inout FunctionTable) {
        t.add("flatten", [
            Overload("list_flatten", member: true, [.list(.list(A))], .list(A)) { a in flatten(a[0], depth: 1) },
            Overload("list_flatten_dyn", member: true, [.list(.dyn)], .list(.dyn)) { a in flatten(a[0], depth: 1) },
            Overload("list_flatten_int", member: true, [.list(.dyn), .int], .list(.dyn)) { a in
                guard case .int(let d) = a[1] else { return .fail("type") }
                guard d >= 0 else { return .fail(CELText.negativeDepth(d)) }
                return flatten(a[0], depth: Int(d))
            },
        ])
        t.add("sort", [Overload("list_sort", member: true, [.list(A)], .list(A)) { a in
            guard case .list(let l) = a[0] else { return .fail("type") }
            return sorted(l, keys: l)
        }])
        t.add("lists.range", [Overload("lists_range", [.int], .list(.int)) { a in
            guard case .int(let n) = a[0] else { return .fail("type") }
            guard n >= 0, n <= 1_000_000 else { return .fail(CELText.badRangeCount(n)) }
            return .list((0..<n).map(Value.int))
        }])
        t.add("slice", [Overload("list_slice", member: true, [.list(A), .int, .int], .list(A)) { a in
            guard case .list(let l) = a[0], case .int(let from) = a[1], case .int(let to) = a[2] else { return .fail("type") }
            guard from >= 0, from <= l.count else { return .fail(CELText.indexOutOfRange(from, l.count)) }
            guard to >= 0, to <= l.count else { return .fail(CELText.indexOutOfRange(to, l.count)) }
            guard from <= to else { return .fail(CELText.badRange(from, to)) }
            return .list(Array(l[Int(from)..<Int(to)]))
        }])
        t.add("reverse", [Overload("list_reverse", member: true, [.list(A)], .list(A)) { a in
            guard case .list(let l) = a[0] else { return .fail("type") }
            return .list(l.reversed())
        }])
    }

    static func flatten(_ v: Value, depth: Int) -> Value {
        guard case .list(let l) = v else { return .fail("type") }
        guard depth > 0 else { return v }
        var out: [Value] = []
        for item in l {
            if case .list = item {
                guard case .list(let inner) = flatten(item, depth: depth - 1) else { return .fail("type") }
                out += inner
            } else {
                out.append(item)
            }
        }
        return .list(out)
    }

    /// `values` ordered by `keys` (stable); an error when two keys cannot be compared.
    static func sorted(_ values: [Value], keys: [Value]) -> Value {
        var failed = false
        let order = values.indices.sorted { i, j in
            guard let c = Equality.compare(keys[i], keys[j]) else { failed = true; return i < j }
            return c == 0 ? i < j : c < 0
        }
        if failed { return .fail(CELText.unsortable) }
        return .list(order.map { values[$0] })
    }
}
