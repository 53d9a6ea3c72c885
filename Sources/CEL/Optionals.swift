/// cel-go's optional values: `optional.of`, `optional.none`, `optional.ofNonZeroValue`,
/// `hasValue`, `value`, `orValue`, `or`; the syntax (`a.?b`, `a[?k]`, `[?x]`, `{?k: v}`) and
/// the macros `optMap`, `optFlatMap` are in the parser, checker and lowering (`CodeLoops`).
enum Optionals {
    static let A = Stdlib.A

    static func register(_ t: inout FunctionTable) {
        t.add("optional.of", [Overload("optional_of", [A], .optional(A)) { .optional($0[0]) }])
        t.add("optional.none", [Overload("optional_none", [], .optional(.dyn)) { _ in .optional(nil) }])
        t.add("optional.ofNonZeroValue", [Overload("optional_of_non_zero_value", [A], .optional(A)) { a in
            .optional(isZero(a[0]) ? nil : a[0])
        }])
        t.add("hasValue", [Overload("optional_has_value", member: true, [.optional(A)], .bool) { a in
            guard case .optional(let v) = a[0] else { return .fail("type") }
            return .bool(v != nil)
        }])
        t.add("value", [Overload("optional_value", member: true, [.optional(A)], A) { a in
            guard case .optional(let v) = a[0] else { return .fail("type") }
            return v ?? .fail(CELText.emptyOptional)
        }])
        t.add("orValue", [Overload("optional_or_value", member: true, [.optional(A), A], A) { a in
            guard case .optional(let v) = a[0] else { return .fail("type") }
            return v ?? a[1]
        }])
        t.add("or", [Overload("optional_or_optional", member: true, [.optional(A), .optional(A)], .optional(A)) { a in
            guard case .optional(let v) = a[0] else { return .fail("type") }
            return v == nil ? a[1] : a[0]
        }])
    }

    /// The zero value of its type (what `ofNonZeroValue` turns into none).
    static func isZero(_ v: Value) -> Bool {
        switch v {
        case .null: true
        case .bool(let b): !b
        case .int(let i): i == 0
        case .uint(let u): u == 0
        case .double(let d): d == 0
        case .string(let s): s.isEmpty
        case .bytes(let b): b.isEmpty
        case .list(let l): l.isEmpty
        case .map(let m): m.count == 0
        case .duration(let d): d.seconds == 0 && d.nanos == 0
        case .object(let o): (0..<o.count).allSatisfy { !o.has(slot: $0) }
        case .optional(let inner): inner == nil
        default: false
        }
    }

    /// `a.?f`, and `a.f` on an optional: the field as an optional; none when it is absent.
    static func select(_ v: Value, _ field: String, testOnly: Bool) -> Value {
        var target = v
        if case .optional(let inner) = v {
            guard let inner else { return testOnly ? .bool(false) : .optional(nil) }
            target = inner
        }
        switch target {
        case .map(let m):
            let value = m[.string(field)]
            return testOnly ? .bool(value != nil) : .optional(value)
        case .object(let o):
            guard let slot = o.type.slot(of: field), slot < o.count else { return testOnly ? .bool(false) : .optional(nil) }
            return testOnly ? .bool(o.has(slot: slot)) : .optional(o[slot: slot])
        case .error: return target
        default: return .fail(CELText.noSuchKey(Printer.quote(field)))
        }
    }

    /// `a[?k]`, and `a[k]` on an optional: the element as an optional; none when absent.
    static func index(_ v: Value, _ key: Value) -> Value {
        var target = v
        if case .optional(let inner) = v {
            guard let inner else { return .optional(nil) }
            target = inner
        }
        switch target {
        case .list(let l):
            let i: Int64
            switch key {
            case .int(let x): i = x
            case .uint(let x): i = x > UInt64(Int64.max) ? -1 : Int64(x)
            case .double(let d) where d.rounded() == d && Int64(exactly: d) != nil: i = Int64(d)
            default: return .fail(CELText.noMatchingOverload("_[?_]", [target.celType.description, key.celType.description]))
            }
            return .optional(i >= 0 && i < l.count ? l[Int(i)] : nil)
        case .map(let m): return .optional(m[key])
        case .error: return target
        default: return .fail(CELText.noMatchingOverload("_[?_]", [target.celType.description, key.celType.description]))
        }
    }

    /// The type of `t.?f` or `t[?k]`: optional of what is selected or indexed.
    static func elementType(_ t: CELType, field: String?) -> CELType {
        switch t {
        case .optional(let inner): return elementType(inner, field: field)
        case .map(_, let v): return .optional(v)
        case .list(let e): return .optional(e)
        case .object(let o): return .optional(field.flatMap { o.type(of: $0) } ?? .dyn)
        default: return .optional(.dyn)
        }
    }
}
