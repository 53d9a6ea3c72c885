import CEL

/// Whether a `group_by` rule reads its groups only by their size (`size(group)` or
/// `group.size()`, as R5's "at most N visits per site and week"): its groups' items then need
/// not be read back as values to judge it, which for a province is hundreds of thousands.
enum GroupReads {
    static func onlySize(_ rule: Rule) -> Bool {
        onlySize(rule.compiledExpressions.map(\.program.expr))
    }

    static func onlySize(_ exprs: [Expr]) -> Bool {
        func isGroup(_ e: Expr) -> Bool {
            if case .ident(let n) = e.kind { n == "group" || n == ".group" } else { false }
        }
        func walk(_ e: Expr) -> Bool {
            switch e.kind {
            case .ident: return !isGroup(e)
            case .call("size", nil, let args) where args.count == 1 && isGroup(args[0]): return true
            case .call("size", let target?, let args) where args.isEmpty && isGroup(target): return true
            // A macro's own `group` would hide the rule's: not worth telling apart.
            case .comprehension(let c) where c.variable == "group" || c.variable2 == "group": return false
            default: return e.children.allSatisfy(walk)
            }
        }
        return exprs.allSatisfy(walk)
    }
}
