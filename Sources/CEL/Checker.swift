/// Type-checks a parsed expression against declared variables and functions, annotating
/// every node with its type and every call with the overloads that may apply.
struct Checker {
    let env: Env
    private var scopes: [[String: CELType]] = []
    private(set) var diagnostics: [CELDiagnostic] = []

    init(env: Env) { self.env = env }

    /// Calls the checker types itself rather than through the function table.
    static let operators: Set<String> = ["_&&_", "_||_", "_?_:_", "_?._", "_[?_]", Parser.optionalMarker]
    static let arithmetic: Set<String> = ["_+_", "_-_", "_*_", "_/_", "_%_"]

    // MARK: - Nodes

    mutating func check(_ e: inout Expr) {
        e.type = type(of: &e)
    }

    private mutating func type(of e: inout Expr) -> CELType {
        switch e.kind {
        case .literal(let v):
            return v.celType
        case .ident(let name):
            if name.hasPrefix("."), let t = env.variables[String(name.dropFirst())] { return t }
            for scope in scopes.reversed() { if let t = scope[name] { return t } }
            if let t = env.variables[name] { return t }
            if CELType.builtinNames[name] != nil { return .type }
            let known = Array(env.variables.keys) + scopes.flatMap(\.keys)
            report("cel.undeclared", CELText.undeclared(name, suggestion: Suggest.closest(name, in: known)), e.range)
            return .error
        case .select(var operand, let field, let testOnly):
            check(&operand)
            // Point at the field name, not the whole chain before it.
            let fieldRange = SourceRange(max(e.range.start, e.range.end - field.unicodeScalars.count), e.range.end)
            let (t, slot) = selectType(operand.type, field, testOnly ? e.range : fieldRange)
            e.kind = .select(operand, field, testOnly: testOnly)
            e.slot = slot
            return testOnly ? .bool : t
        case .list(var items):
            var element: CELType?
            for i in items.indices {
                check(&items[i])
                let t = optionalElement(items[i])
                element = element.map { Types.join($0, t) } ?? t
            }
            e.kind = .list(items)
            return .list(element ?? .dyn)
        case .map(var entries):
            var key: CELType?, value: CELType?
            for i in entries.indices {
                check(&entries[i].0)
                check(&entries[i].1)
                var v = entries[i].1.type
                if case .call(Parser.optionalMarker, nil, _) = entries[i].0.kind { v = unwrapOptional(v, entries[i].1.range) }
                key = key.map { Types.join($0, entries[i].0.type) } ?? entries[i].0.type
                value = value.map { Types.join($0, v) } ?? v
            }
            e.kind = .map(entries)
            return .map(key ?? .dyn, value ?? .dyn)
        case .comprehension(var c):
            let t = comprehension(&c)
            e.kind = .comprehension(c)
            return t
        case .call(let fn, var target, var args):
            // An unknown function is the mistake; its arguments (often a misspelt macro's
            // variable, as in `fliter(p, p.x)`) would only add errors that follow from it.
            if env.functions.overloads[fn] == nil, !Checker.operators.contains(fn) {
                let names = Array(env.functions.overloads.keys) + Macros.names
                // Underline the name: after the receiver's dot, or where the call starts.
                let start = target.map { $0.range.end + 1 } ?? e.range.start
                let name = SourceRange(start, min(e.range.end, start + fn.unicodeScalars.count))
                report("cel.function", CELText.unknownFunction(fn, suggestion: Suggest.closest(fn, in: names)), name)
                return .error
            }
            if target != nil { check(&target!) }
            for i in args.indices { check(&args[i]) }
            e.kind = .call(fn, target: target, args: args)
            return call(&e, fn, target, args)
        }
    }

    private mutating func selectType(_ t: CELType, _ field: String, _ range: SourceRange) -> (CELType, Int?) {
        switch t {
        case .object(let o):
            if let slot = o.slot(of: field) { return (o.fieldTypes[slot], slot) }
            report("cel.field", CELText.noField(field, on: o.name, suggestion: Suggest.closest(field, in: o.fieldNames)), range)
            return (.error, nil)
        case .map(let k, let v):
            if k == .string || k == .dyn || k.isParam { return (v, nil) }
            report("cel.field", CELText.notSelectable(t.description), range)
            return (.error, nil)
        case .dyn, .typeParam: return (.dyn, nil)
        case .error: return (.error, nil)
        case .optional: return (Optionals.elementType(t, field: field), nil)
        default:
            report("cel.field", CELText.notSelectable(t.description), range)
            return (.error, nil)
        }
    }

    private mutating func comprehension(_ c: inout Comprehension) -> CELType {
        check(&c.range)
        if c.macro == .optMap || c.macro == .optFlatMap {
            let value: CELType
            switch c.range.type {
            case .optional(let inner): value = inner
            default: value = .dyn
            }
            scopes.append([c.variable: value])
            defer { scopes.removeLast() }
            if c.transform != nil { check(&c.transform!) }
            let result = c.transform?.type ?? .dyn
            return c.macro == .optMap ? .optional(result) : result
        }
        if c.macro == .bind {
            scopes.append([c.variable: c.range.type])
            defer { scopes.removeLast() }
            if c.transform != nil { check(&c.transform!) }
            return c.transform?.type ?? .dyn
        }
        // One variable: a list's elements or a map's keys. Two: (index, element) or (key, value).
        let element: CELType, first: CELType, second: CELType
        switch c.range.type {
        case .list(let t): (element, first, second) = (t, .int, t)
        case .map(let k, let v): (element, first, second) = (k, k, v)
        case .dyn, .error, .typeParam: (element, first, second) = (.dyn, .dyn, .dyn)
        default:
            report("cel.iterate", CELText.notIterable(c.range.type.description), c.range.range)
            (element, first, second) = (.error, .error, .error)
        }
        if let v2 = c.variable2 {
            // Not a literal: one of two equal keys would trap (the parser refuses them already).
            var scope = [c.variable: first]
            scope[v2] = second
            scopes.append(scope)
        } else {
            scopes.append([c.variable: element])
        }
        defer { scopes.removeLast() }
        if c.predicate != nil {
            check(&c.predicate!)
            expectBool(c.predicate!)
        }
        if c.transform != nil { check(&c.transform!) }
        switch c.macro {
        case .all, .exists, .existsOne: return .bool
        case .filter: return .list(element)
        case .map, .transformList: return .list(c.transform?.type ?? .dyn)
        case .transformMap: return .map(first, c.transform?.type ?? .dyn)
        case .bind: return c.transform?.type ?? .dyn
        case .sortBy: return c.range.type
        case .optMap, .optFlatMap: return .dyn
        }
    }

    private mutating func expectBool(_ e: Expr) {
        switch e.type {
        case .bool, .dyn, .error, .typeParam: break
        default: report("cel.type", CELText.expectedType("bool", e.type.description), e.range)
        }
    }

    /// The type an element of a list literal adds: a `?x` element adds what its optional holds.
    private mutating func optionalElement(_ item: Expr) -> CELType {
        guard case .call(Parser.optionalMarker, nil, let args) = item.kind, let inner = args.first else { return item.type }
        return unwrapOptional(inner.type, inner.range)
    }

    private mutating func unwrapOptional(_ t: CELType, _ range: SourceRange) -> CELType {
        switch t {
        case .optional(let inner): return inner
        case .dyn, .error, .typeParam: return .dyn
        default:
            report("cel.type", CELText.notOptional(t.description), range)
            return .error
        }
    }

    private mutating func call(_ e: inout Expr, _ fn: String, _ target: Expr?, _ args: [Expr]) -> CELType {
        switch fn {
        case "_?._":
            if case .literal(.string(let field)) = args[1].kind { return Optionals.elementType(args[0].type, field: field) }
            return .optional(.dyn)
        case "_[?_]":
            return Optionals.elementType(args[0].type, field: nil)
        case "_[_]":
            // Indexing an optional gives an optional (none when the element is absent).
            if case .optional = args[0].type { return Optionals.elementType(args[0].type, field: nil) }
        case Parser.optionalMarker:
            return args[0].type
        case "_&&_", "_||_":
            args.forEach { expectBool($0) }
            return .bool
        case "_?_:_":
            expectBool(args[0])
            return Types.join(args[1].type, args[2].type)
        default: break
        }
        let all = (target.map { [$0] } ?? []) + args
        var types = all.map(\.type)
        if fn == "_[_]" || fn == "@in" {
            // A keyed record is read by key as a map is (a call node converts it likewise).
            types = types.map { t in
                if case .object(let o) = t, let v = o.keyedValueType { return .map(.string, v) }
                return t
            }
        }
        if types.contains(.error) { return .error }
        guard let overloads = env.functions.overloads[fn] else {
            report("cel.function", CELText.unknownFunction(fn, suggestion: Suggest.closest(fn, in: Array(env.functions.overloads.keys))), e.range)
            return .error
        }
        var results: [CELType] = []
        var matched: [Overload] = []
        for o in overloads where o.member == (target != nil) && o.params.count == types.count {
            var bindings: [String: CELType] = [:]
            if zip(o.params, types).allSatisfy({ Types.unify($0, $1, &bindings) }) {
                matched.append(o)
                results.append(Types.substitute(o.result, bindings))
            }
        }
        guard let first = results.first else {
            // CEL does not mix int and double (`0.8 * employees`): name the conversion that works.
            if Checker.arithmetic.contains(fn), types.count == 2, Set(types) == [.int, .double],
               let whole = all.first(where: { $0.type == .int }) {
                report("cel.overload", CELText.mixedNumbers(fn, Printer.print(whole)), e.range)
                return .error
            }
            report("cel.overload", CELText.noOverload(fn, types.map(\.description)), e.range)
            return .error
        }
        e.overloads = matched
        return results.allSatisfy { $0 == first } ? first : .dyn
    }

    private mutating func report(_ code: String, _ message: String, _ range: SourceRange) {
        diagnostics.append(CELDiagnostic(code, message, range))
    }
}

/// Type relations used by the checker: unification with type parameters, and joins.
enum Types {
    static func unify(_ param: CELType, _ arg: CELType, _ b: inout [String: CELType]) -> Bool {
        switch (param, arg) {
        case (.typeParam(let n), _):
            guard let bound = b[n] else { b[n] = arg; return true }
            if bound == .dyn || arg == .dyn || arg == .error { return true }
            // Anything may be compared with null: an absent optional field reads as null.
            if bound == .null { b[n] = arg; return true }
            if arg == .null { return true }
            var inner = b
            if unify(bound, arg, &inner) { b = inner; return true }
            // Numbers compare across kinds at runtime; let `A` widen instead of failing.
            if bound.isNumber && arg.isNumber { b[n] = .dyn; return true }
            return false
        case (_, .dyn), (.dyn, _), (_, .error): return true
        case (_, .null): return param.acceptsNull
        case (.list(let p), .list(let a)): return unify(p, a, &b)
        case (.map(let pk, let pv), .map(let ak, let av)): return unify(pk, ak, &b) && unify(pv, av, &b)
        case (.optional(let p), .optional(let a)): return unify(p, a, &b)
        default: return param == arg
        }
    }

    static func substitute(_ t: CELType, _ b: [String: CELType]) -> CELType {
        switch t {
        case .typeParam(let n): b[n] ?? .dyn
        case .list(let e): .list(substitute(e, b))
        case .map(let k, let v): .map(substitute(k, b), substitute(v, b))
        case .optional(let e): .optional(substitute(e, b))
        default: t
        }
    }

    /// The most specific type both values fit: equal types stay, null joins nullable, else dyn.
    static func join(_ a: CELType, _ b: CELType) -> CELType {
        if a == b { return a }
        if a == .error || b == .error { return .error }
        if a == .null, b.acceptsNull { return b }
        if b == .null, a.acceptsNull { return a }
        if case .list(let x) = a, case .list(let y) = b { return .list(join(x, y)) }
        return .dyn
    }
}

extension CELType {
    var isParam: Bool { if case .typeParam = self { true } else { false } }
    var isNumber: Bool { self == .int || self == .uint || self == .double }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// The candidate nearest to `name`, if it is near enough to be a slip.
    public static func closest(_ name: String, in candidates: [String]) -> String? {
        let limit = max(1, min(3, name.count / 3))
        let scored = candidates.filter { !$0.hasPrefix("_") && !$0.hasPrefix("@") && $0 != name }
            .map { ($0, distance(name, $0)) }
            .filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return scored.first?.0
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
