import Synchronization

/// The lowered nodes for names, literals, selections and calls (macros are in `CodeLoops`).
enum Nodes {
    final class Literal: Code, @unchecked Sendable {
        let v: Value
        init(_ v: Value, _ range: SourceRange) { self.v = v; super.init(range) }
        override func value(_ f: inout Frame) -> Value { v }
    }

    /// A macro's variable, by the slot the lowering gave it.
    final class Local: Code, @unchecked Sendable {
        let slot: Int
        init(_ slot: Int, _ range: SourceRange) { self.slot = slot; super.init(range) }
        override func value(_ f: inout Frame) -> Value { f.locals[slot] }
    }

    /// A variable of the activation; a type's name when none is bound.
    final class Global: Code, @unchecked Sendable {
        let name: String
        let builtin: CELType?
        let written: String
        init(name: String, written: String, _ range: SourceRange) {
            self.name = name
            self.written = written
            self.builtin = CELType.builtinNames[written]
            super.init(range)
        }
        /// Where the activation's base held the variable last time (`Frame.place(of:hint:)`).
        private let hint = Atomic<Int>(0)
        override func value(_ f: inout Frame) -> Value {
            if let at = f.place(of: name, hint: hint) { return f.activation.pointee.withValue(at: at) { copy $0 } }
            if let builtin { return .type(builtin) }
            return .fail(CELText.unboundVariable(written))
        }
    }

    /// `operand.field`, or `has(operand.field)` when `testOnly`.
    final class Select: Code, @unchecked Sendable {
        let operand: Code
        let field: String
        let testOnly: Bool
        let slot: Int?
        /// The record type the checker found the slot in: a record of it needs no other test.
        let declared: ObjectType?
        /// The slot of the macro variable the operand is, if it is one (`s.date`, `it.name`).
        let local: Int?
        /// The activation's variable the operand is, if it is one (`records.plans`, `unit.kind`).
        let global: String?
        /// Where the activation's base held `global` last time (`Frame.place(of:hint:)`).
        private let hint = Atomic<Int>(0)

        /// The number the field is stored as (`CELObject.number(slot:ifKept:)`) when it is
        /// kept as `kind` in a record of the declared type that a variable holds, read where
        /// the record is, as `value` reads it; nil otherwise. Nothing is charged.
        @inline(__always)
        func number(_ f: inout Frame, ifKept kind: StoredField.Kind) -> Int? {
            guard let slot, let declared else { return nil }
            if let local {
                guard case .object(let o) = f.locals[local], o.isOf(declared), slot < o.count else { return nil }
                return o.number(slot: slot, ifKept: kind)
            }
            guard let global, let at = f.place(of: global, hint: hint) else { return nil }
            return f.activation.pointee.withValue(at: at) { v -> Int? in
                guard case .object(let o) = v, o.isOf(declared), slot < o.count else { return nil }
                return o.number(slot: slot, ifKept: kind)
            }
        }

        init(_ operand: Code, _ field: String, testOnly: Bool, slot: Int?, of declared: ObjectType?, _ range: SourceRange) {
            self.operand = operand
            self.field = field
            self.testOnly = testOnly
            self.slot = slot
            self.declared = slot == nil ? nil : declared
            self.local = (operand as? Local)?.slot
            self.global = (operand as? Global)?.name
            super.init(range)
        }

        /// The result for a record of the declared type, by its slot: the field (null when
        /// absent), or for `has()` whether it is there; nil for any other record.
        @inline(__always)
        private func declaredField(of o: CELObject) -> Value? {
            guard let slot, let declared, o.isOf(declared), slot < o.count else { return nil }
            if testOnly { return .bool(o.has(slot: slot)) }
            // A text kept as bytes is made on the general path, where the record is held.
            return o.readInPlace(slot: slot)
        }

        override func value(_ f: inout Frame) -> Value {
            // A field of a macro variable's or an activation variable's record, read where the
            // record is: the operand's step is charged as its evaluation would be, and the
            // record is not copied out.
            if let local, case .object(let o) = f.locals[local], let found = declaredField(of: o) {
                if let over = f.charge(1) { return over }
                return found
            }
            if let global, let at = f.place(of: global, hint: hint), let found = f.activation.pointee.withValue(at: at, { v -> Value? in
                if case .object(let o) = v { declaredField(of: o) } else { nil }
            }) {
                if let over = f.charge(1) { return over }
                return found
            }
            let v = operand.eval(&f)
            switch v {
            case .object(let o):
                if let found = declaredField(of: o) { return found }
                let value: Value?
                if let slot, slot < o.count, o.type.fieldNames[slot] == field {
                    value = o[slot: slot]
                } else if let s = o.type.slot(of: field), s < o.count {
                    value = o[slot: s]
                } else {
                    return testOnly ? .bool(false) : .fail(CELText.noSuchField(field))
                }
                if testOnly { return .bool(value != nil) }
                // An absent optional field reads as null, so `it.completed <= x` needs no has().
                return value ?? .null
            case .map(let m):
                let value = m[.string(field)]
                if testOnly { return .bool(value != nil) }
                return value ?? .fail(CELText.noSuchKey(Printer.quote(field)))
            case .optional:
                return Optionals.select(v, field, testOnly: testOnly)
            case .error:
                return v
            default:
                return .fail(CELText.notSelectable(v.celType.description))
            }
        }
    }

    /// `[a, ?b]`: an element marked optional is kept only when it has a value.
    final class List: Code, @unchecked Sendable {
        let items: [(code: Code, optional: Bool)]
        init(_ items: [(code: Code, optional: Bool)], _ range: SourceRange) { self.items = items; super.init(range) }
        override func value(_ f: inout Frame) -> Value {
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (code, optional) in items {
                let v = code.eval(&f)
                if optional {
                    switch v {
                    case .optional(let inner?): out.append(inner)
                    case .optional(nil): break
                    case .error: return v
                    default: return .fail(CELText.notOptional(v.celType.description))
                    }
                    continue
                }
                if case .error = v { return v }
                out.append(v)
            }
            return .list(out)
        }
    }

    /// `{k: v, ?k2: v2}`: an entry marked optional is kept only when its value has one.
    final class Map: Code, @unchecked Sendable {
        let entries: [(key: Code, value: Code, optional: Bool)]
        init(_ entries: [(key: Code, value: Code, optional: Bool)], _ range: SourceRange) {
            self.entries = entries
            super.init(range)
        }
        override func value(_ f: inout Frame) -> Value {
            var m = CELMap()
            for (k, v, optional) in entries {
                let key = k.eval(&f)
                if case .error = key { return key }
                var value = v.eval(&f)
                if case .error = value { return value }
                if optional {
                    guard case .optional(let inner) = value else { return .fail(CELText.notOptional(value.celType.description)) }
                    guard let inner else { continue }
                    value = inner
                }
                guard MapKey(key) != nil, !(key.isDouble) else { return .fail(CELText.badMapKey) }
                if !m.insert(key, value) { return .fail(CELText.duplicateMapKey) }
            }
            return .map(m)
        }
    }

    /// `a.?f`: the field as an optional.
    final class OptionalSelect: Code, @unchecked Sendable {
        let operand: Code
        let field: String
        init(_ operand: Code, _ field: String, _ range: SourceRange) {
            self.operand = operand
            self.field = field
            super.init(range)
        }
        override func value(_ f: inout Frame) -> Value {
            Optionals.select(operand.eval(&f), field, testOnly: false)
        }
    }

    /// `a[?k]`: the element as an optional.
    final class OptionalIndex: Code, @unchecked Sendable {
        let container: Code
        let key: Code
        init(_ container: Code, _ key: Code, _ range: SourceRange) {
            self.container = container
            self.key = key
            super.init(range)
        }
        override func value(_ f: inout Frame) -> Value {
            let c = container.eval(&f)
            if case .error = c { return c }
            let k = key.eval(&f)
            if case .error = k { return k }
            return Optionals.index(c, k)
        }
    }

    /// `a && b` is false if either side is false, whatever the other is; likewise `||` with true.
    final class Logical: Code, @unchecked Sendable {
        let left: Code
        let right: Code
        let decisive: Bool
        init(_ left: Code, _ right: Code, decisive: Bool, _ range: SourceRange) {
            self.left = left
            self.right = right
            self.decisive = decisive
            super.init(range)
        }
        override func value(_ f: inout Frame) -> Value {
            let l = left.eval(&f)
            if case .bool(decisive) = l { return l }
            let r = right.eval(&f)
            if case .bool(decisive) = r { return r }
            if case .bool = l, case .bool = r { return .bool(!decisive) }
            if case .error = l { return l }
            if case .error = r { return r }
            let bad: Value = if case .bool = l { r } else { l }
            return .fail(CELText.noMatchingOverload(decisive ? "_||_" : "_&&_", [bad.celType.description]))
        }
    }

    /// `c ? a : b`.
    final class Conditional: Code, @unchecked Sendable {
        let condition: Code
        let then: Code
        let otherwise: Code
        init(_ condition: Code, _ then: Code, _ otherwise: Code, _ range: SourceRange) {
            self.condition = condition
            self.then = then
            self.otherwise = otherwise
            super.init(range)
        }
        override func value(_ f: inout Frame) -> Value {
            switch condition.eval(&f) {
            case .bool(true): return then.eval(&f)
            case .bool(false): return otherwise.eval(&f)
            case .error(let err): return .error(err)
            case let other: return .fail(CELText.noMatchingOverload("_?_:_", [other.celType.description]))
            }
        }
    }

    /// A function or operator call: every argument is evaluated (the first error wins), then
    /// the first overload that accepts the values runs: the checker's candidates, then any of
    /// the function's overloads of the same style (for `dyn` arguments).
    final class Call: Code, @unchecked Sendable {
        let fn: String
        let arguments: [Code]
        let candidates: [Overload]
        let fallback: [Overload]
        /// `_[_]` and `in` read a keyed record as the map the checker took it for.
        let keyed: Bool
        let indexes: Bool

        /// A comparison the standard library alone implements, judged without an argument
        /// array when both sides are of one kind (what its overloads would do, without the search).
        let comparison: Comparison?

        /// The first two arguments again, as properties: a child read from an array (or an
        /// optional) is retained and released around its evaluation, one read from a property
        /// is not. A null literal stands in for a missing one, never evaluated.
        let first: Code
        let second: Code

        init(_ fn: String, _ arguments: [Code], candidates: [Overload], fallback: [Overload], looksUp: Bool = false, _ range: SourceRange) {
            self.fn = fn
            self.arguments = arguments
            self.first = arguments.first ?? Literal(.null, range)
            self.second = arguments.count > 1 ? arguments[1] : Literal(.null, range)
            self.candidates = candidates
            self.fallback = fallback
            self.indexes = fn == "_[_]"
            self.keyed = fn == "_[_]" || fn == "@in"
            let standard = (candidates + fallback).allSatisfy { Self.standardIDs.contains($0.id) }
            comparison = arguments.count == 2 && standard ? Comparison(fn) : nil
            unary = arguments.count == 1 && standard ? Unary(fn) : nil
            membership = arguments.count == 2 && standard && fn == "@in"
            binary = arguments.count == 2 ? Binary(fn, candidates + fallback) : nil
            self.looksUp = looksUp
            super.init(range)
        }

        /// `a + b` of two ints or two texts, and `a.contains(b)` of two texts, judged without
        /// an argument array when no overload but the standard library's takes those arguments.
        let binary: Binary?

        enum Binary {
            case add, contains

            /// Nil unless every overload of the call that takes such arguments is the standard
            /// library's one (`_+_` has others, for dates and durations, which take neither).
            init?(_ fn: String, _ overloads: [Overload]) {
                let ids: Set<String>
                switch fn {
                case "_+_": (self, ids) = (.add, ["add_int64", "add_string"])
                case "contains": (self, ids) = (.contains, ["contains_string"])
                default: return nil
                }
                let taking = overloads.filter { $0.accepts([.int(0), .int(0)]) || $0.accepts([.string(""), .string("")]) }
                guard taking.allSatisfy({ ids.contains($0.id) }) else { return nil }
            }

            /// The call's value, charged as the call would be (`cost(of:)`); nil for other
            /// arguments, and for a sum past the ints' range (the overload says so).
            @inline(__always)
            func judge(_ a: Value, _ b: Value, _ f: inout Frame) -> Value? {
                switch (self, a, b) {
                case (.add, .int(let x), .int(let y)):
                    let (sum, overflow) = x.addingReportingOverflow(y)
                    if overflow { return nil }
                    if let over = f.charge(0) { return over }
                    return .int(sum)
                case (.add, .string(let x), .string(let y)):
                    if let over = f.charge(x.utf8.count / 16 &+ y.utf8.count / 16) { return over }
                    return .string(x + y)
                case (.contains, .string(let x), .string(let y)):
                    if let over = f.charge(x.utf8.count / 16 &+ y.utf8.count / 16) { return over }
                    return .bool(x.containsScalars(y))
                default:
                    return nil
                }
            }
        }

        /// Whether `x in list`, asked of one list again, looks `x` up (`MemberIndex`).
        let looksUp: Bool

        /// `!x` and `size(x)` (or `x.size()`) of the standard library, judged without an
        /// argument array when `x` is a bool, a list, a map or a text.
        let unary: Unary?
        /// `x in list` of the standard library, judged without an argument array when `x` is
        /// a string, an int, a date or a bool.
        let membership: Bool

        /// The overloads of the standard library, by id: calls made of these alone may be
        /// judged by the shortcuts, which do what they do.
        static let standardIDs: Set<String> = {
            var t = FunctionTable()
            Stdlib.register(&t)
            return Set(t.overloads.values.joined().map(\.id))
        }()

        enum Unary {
            case not, size

            init?(_ fn: String) {
                switch fn {
                case "!_": self = .not
                case "size": self = .size
                default: return nil
                }
            }

            /// The call's value, charged as the call would be; nil for other arguments.
            @inline(__always)
            func judge(_ a: Value, _ f: inout Frame) -> Value? {
                let steps: Int, result: Value
                switch (self, a) {
                case (.not, .bool(let x)): (steps, result) = (0, .bool(!x))
                case (.size, .list(let l)): (steps, result) = (l.count, .int(Int64(l.count)))
                case (.size, .map(let m)): (steps, result) = (m.count, .int(Int64(m.count)))
                // A text's size is its code points, as the overload counts them.
                case (.size, .string(let s)): (steps, result) = (s.utf8.count / 16, .int(Int64(s.unicodeScalars.count)))
                default: return nil
                }
                if let over = f.charge(steps) { return over }
                return result
            }
        }

        /// `x in list`, charged as the call would be (`cost(of:)`); nil unless `x` is a value
        /// an index has a key for (`LookupKey`: a text, a number, a date, a bool, null, bytes, a
        /// timestamp or a duration) and `list` a list. Asked of one list again, `x` is looked up.
        @inline(__always)
        func member(_ x: Value, _ list: Value, _ f: inout Frame) -> Value? {
            guard case .list(let l) = list else { return nil }
            var steps = l.count
            switch x {
            case .string(let s): steps &+= s.utf8.count / 16
            case .int, .uint, .double, .date, .bool, .null, .bytes, .timestamp, .duration: break
            default: return nil
            }
            if looksUp, l.count >= LookupPlan.minimum, let found = MemberIndex.find(x, in: l, of: self, &f) { return found }
            if let over = f.charge(steps) { return over }
            return .bool(l.contains { Equality.equal($0, x) })
        }

        override func value(_ f: inout Frame) -> Value {
            // The arguments where the shortcuts do not judge the call are kept on the stack
            // while its function runs: no array is made for them.
            switch arguments.count {
            case 1:
                let only = first.eval(&f)
                if let unary, let v = unary.judge(only, &f) { return v }
                return withUnsafePointer(to: only) { call(Arguments(start: $0, count: 1), &f) }
            case 2:
                let first = first.eval(&f)
                let second = second.eval(&f)
                if let comparison, let v = comparison.judge(first, second, &f) { return v }
                if membership, let v = member(first, second, &f) { return v }
                if let binary, let v = binary.judge(first, second, &f) { return v }
                return withUnsafeTemporaryAllocation(of: Value.self, capacity: 2) { b in
                    b.initializeElement(at: 0, to: first)
                    b.initializeElement(at: 1, to: second)
                    defer { Self.deinitialize(b) }
                    return call(Arguments(b), &f)
                }
            default:
                return withUnsafeTemporaryAllocation(of: Value.self, capacity: arguments.count) { b in
                    for i in arguments.indices { b.initializeElement(at: i, to: arguments[i].eval(&f)) }
                    defer { Self.deinitialize(b) }
                    return call(Arguments(b), &f)
                }
            }
        }

        /// Frees arguments one at a time: a buffer's `deinitialize()` destroys through the
        /// runtime's generic array path, costly for the two or three a call has.
        @inline(__always)
        private static func deinitialize(_ b: UnsafeMutableBufferPointer<Value>) {
            for i in b.indices { (b.baseAddress! + i).deinitialize(count: 1) }
        }

        /// The call of the function for `values`, evaluated already: an error among them is
        /// the call's, then the cost is charged and an overload that takes them chosen.
        private func call(_ values: Arguments, _ f: inout Frame) -> Value {
            for v in values { if case .error = v { return v } }
            if let over = f.charge(Self.cost(of: values)) { return over }
            if keyed, values.contains(where: Self.isKeyed) { return values.map(Self.keyed).withUnsafeBufferPointer(dispatch) }
            if indexes, case .optional = values[0] { return Optionals.index(values[0], values[1]) }
            return dispatch(values)
        }

        /// The first overload that takes `values`, called.
        private func dispatch(_ values: Arguments) -> Value {
            // By index: a loop's element would be a copy of each overload (its id, types and
            // function: four reference counts up and down) whether it is called or not.
            for i in candidates.indices where candidates[i].accepts(values) { return candidates[i].impl(values) }
            for i in fallback.indices where fallback[i].accepts(values) { return fallback[i].impl(values) }
            return .fail(CELText.noMatchingOverload(fn, values.map { $0.celType.description }))
        }

        /// `==`, `!=`, `<`, `<=`, `>`, `>=` over two values of one kind.
        enum Comparison {
            case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

            init?(_ fn: String) {
                switch fn {
                case "_==_": self = .equal
                case "_!=_": self = .notEqual
                case "_<_": self = .less
                case "_<=_": self = .lessOrEqual
                case "_>_": self = .greater
                case "_>=_": self = .greaterOrEqual
                default: return nil
                }
            }

            /// The call's value, charged as the call would be; nil when the arguments are not
            /// both a string, an int, a date or a bool (the overloads decide those).
            @inline(__always)
            func judge(_ a: Value, _ b: Value, _ f: inout Frame) -> Value? {
                let order: Int
                var steps = 0
                switch (a, b) {
                case (.string(let x), .string(let y)):
                    steps = x.utf8.count / 16 &+ y.utf8.count / 16
                    order = self == .equal || self == .notEqual ? (Equality.sameBytes(x, y) ? 0 : 1) : Equality.orderOfBytes(x, y)
                case (.int(let x), .int(let y)): order = x == y ? 0 : (x < y ? -1 : 1)
                case (.date(let x), .date(let y)): order = x == y ? 0 : (x < y ? -1 : 1)
                case (.bool(let x), .bool(let y)): order = x == y ? 0 : (!x ? -1 : 1)
                default: return nil
                }
                if let over = f.charge(steps) { return over }
                return .bool(holds(order))
            }

            /// Whether the comparison holds of two operands whose `order` is negative, zero or
            /// positive as the first is less than, equal to or greater than the second.
            @inline(__always)
            func holds(_ order: Int) -> Bool {
                switch self {
                case .equal: order == 0
                case .notEqual: order != 0
                case .less: order < 0
                case .lessOrEqual: order <= 0
                case .greater: order > 0
                case .greaterOrEqual: order >= 0
                }
            }
        }

        /// What a call's arguments cost beyond its node: functions over lists and text take
        /// time in proportion to their size (`sum`, `join`, `matches`).
        static func cost(of values: Arguments) -> Int {
            var steps = 0
            for v in values {
                switch v {
                case .list(let items): steps &+= items.count
                case .string(let s): steps &+= s.utf8.count / 16
                case .map(let m): steps &+= m.count
                default: break
                }
            }
            return steps
        }

        /// Whether the value is a keyed record, read by `_[_]` and `in` as a map.
        static func isKeyed(_ v: Value) -> Bool {
            if case .object(let o) = v { o.type.keyedValueType != nil } else { false }
        }

        /// A keyed record (see `ObjectType.keyedValueType`) as the map the checker took it for.
        static func keyed(_ v: Value) -> Value {
            guard case .object(let o) = v, o.type.keyedValueType != nil else { return v }
            var m = CELMap()
            for (i, name) in o.type.fieldNames.prefix(o.count).enumerated() {
                if let field = o[slot: i] { _ = m.insert(.string(name), field) }
            }
            return .map(m)
        }
    }
}

extension Value {
    var isDouble: Bool { if case .double = self { true } else { false } }
}

extension Nodes.Call {
    /// A two-operand call whose operands are a field of a record of a declared type, read by
    /// slot, and a value known when the rules load (a literal): the field's select, its slot
    /// and type, the known value, and whether the field is the first operand. The field is
    /// looked for first on the left, then (unless `fieldFirstOnly`) on the right. For the nodes
    /// that judge such a call from what the record stores (`ListedTest`, `DayTest`).
    func fieldAndKnown(fieldFirstOnly: Bool) -> (select: Nodes.Select, slot: Int, declared: ObjectType, known: Value, fieldFirst: Bool)? {
        guard arguments.count == 2 else { return nil }
        for fieldFirst in fieldFirstOnly ? [true] : [true, false] {
            let (field, other) = fieldFirst ? (first, second) : (second, first)
            guard let select = field as? Nodes.Select, !select.testOnly, let slot = select.slot, let declared = select.declared,
                  let known = other as? Nodes.Literal else { continue }
            return (select, slot, declared, known.v, fieldFirst)
        }
        return nil
    }
}
