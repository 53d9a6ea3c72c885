/// Resolves names against the environment and its container before checking: a chain such as
/// `a.b.c` may name the variable `a.b` (then `.c` is a field), and with container `x.y` the
/// name `b` may mean `x.y.b` or `x.b`. Macro variables shadow everything.
struct Resolver {
    let env: Env
    private var locals: [String] = []
    /// The first parts of the declared names that have a dot (`a` of `a.b`): a chain whose root
    /// is none of them, with no container, can only mean its root.
    private let dottedRoots: Set<Substring>

    init(env: Env) {
        self.env = env
        dottedRoots = Set(env.variables.keys.compactMap { name in
            name.utf8.firstIndex(of: UInt8(ascii: ".")).map { name[..<$0] }
        })
    }

    mutating func resolve(_ e: inout Expr) {
        if let rewritten = qualified(e) {
            e = rewritten
            return
        }
        switch e.kind {
        case .literal: break
        case .ident(let name):
            if name.hasPrefix("."), !locals.contains(String(name.dropFirst())) {
                e.kind = .ident(String(name.dropFirst()))
            }
        case .select(var operand, let field, let testOnly):
            resolve(&operand)
            e.kind = .select(operand, field, testOnly: testOnly)
        case .call(let fn, var target, var args):
            // `base64.encode(x)`, `math.greatest(…)`: a namespaced function, not a method of a
            // variable, when the receiver is a plain name chain that names no variable.
            if let t = target, let namespace = Resolver.chain(t), !locals.contains(namespace.split(separator: ".")[0].description),
               env.variables[namespace] == nil, env.variables[String(namespace.split(separator: ".")[0])] == nil,
               env.functions.overloads["\(namespace).\(fn)"] != nil {
                for i in args.indices { resolve(&args[i]) }
                e.kind = .call("\(namespace).\(fn)", target: nil, args: args)
                return
            }
            if target != nil { resolve(&target!) }
            for i in args.indices { resolve(&args[i]) }
            e.kind = .call(fn, target: target, args: args)
        case .list(var items):
            for i in items.indices { resolve(&items[i]) }
            e.kind = .list(items)
        case .map(var entries):
            for i in entries.indices { resolve(&entries[i].0); resolve(&entries[i].1) }
            e.kind = .map(entries)
        case .comprehension(var c):
            resolve(&c.range)
            locals.append(c.variable)
            if let v2 = c.variable2 { locals.append(v2) }
            if c.predicate != nil { resolve(&c.predicate!) }
            if c.transform != nil { resolve(&c.transform!) }
            locals.removeLast(c.variable2 == nil ? 1 : 2)
            e.kind = .comprehension(c)
        }
    }

    /// `a.b.c` as text, when `e` is only names and selections.
    static func chain(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let n): return n
        case .select(let operand, let field, testOnly: false): return chain(operand).map { "\($0).\(field)" }
        default: return nil
        }
    }

    /// The chain rewritten to a declared (qualified) variable plus remaining field selections.
    private func qualified(_ e: Expr) -> Expr? {
        var parts: [(name: String, range: SourceRange)] = []
        var node = e
        while true {
            switch node.kind {
            case .select(let operand, let field, testOnly: false):
                parts.insert((field, node.range), at: 0)
                node = operand
                continue
            case .ident(let name):
                parts.insert((name, node.range), at: 0)
            default:
                return nil
            }
            break
        }
        let root = parts[0].name
        if locals.contains(root) { return nil }
        // The loop below would end at the root itself, after joining every longer prefix.
        if env.container.isEmpty, !root.hasPrefix("."), !dottedRoots.contains(Substring(root)) { return nil }
        // Longest declared prefix wins; a plain declared name keeps its ordinary meaning.
        for length in stride(from: parts.count, through: 1, by: -1) {
            let name = parts[..<length].map(\.name).joined(separator: ".")
            for candidate in env.candidates(name) where env.variables[candidate] != nil {
                if length == 1 && candidate == root { return nil }
                // `.y` inside a macro over `y` still means the global `y`: keep the dot.
                let shadowed = root.hasPrefix(".") && locals.contains(candidate)
                var out = Expr(.ident(shadowed ? "." + candidate : candidate), parts[length - 1].range)
                for p in parts[length...] { out = Expr(.select(out, p.name, testOnly: false), p.range) }
                return out
            }
        }
        return nil
    }
}
