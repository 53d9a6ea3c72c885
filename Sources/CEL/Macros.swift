/// Expands CEL's macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) at parse time.
enum Macros {
    static func global(_ name: String, args: [Expr], range: SourceRange, nameRange: SourceRange) throws(CELDiagnostic) -> Expr {
        guard name == "has" else { return Expr(.call(name, target: nil, args: args), range) }
        guard args.count == 1, case .select(let operand, let field, testOnly: false) = args[0].kind else {
            throw CELDiagnostic("cel.macro", CELText.badHas, range)
        }
        return Expr(.select(operand, field, testOnly: true), range)
    }

    static func receiver(_ name: String, target: Expr, args: [Expr], range: SourceRange, nameRange: SourceRange) throws(CELDiagnostic) -> Expr {
        let macro: Comprehension.Macro
        switch (name, args.count) {
        case ("all", 2): macro = .all
        case ("exists", 2): macro = .exists
        case ("exists_one", 2), ("existsOne", 2): macro = .existsOne
        case ("map", 2), ("map", 3): macro = .map
        case ("filter", 2): macro = .filter
        default:
            return Expr(.call(name, target: target, args: args), range)
        }
        guard case .ident(let variable) = args[0].kind else {
            throw CELDiagnostic("cel.macro", CELText.badMacroVariable(name), args[0].range)
        }
        var c = Comprehension(macro: macro, range: target, variable: variable)
        switch macro {
        case .map:
            if args.count == 3 { c.predicate = args[1]; c.transform = args[2] } else { c.transform = args[1] }
        default:
            c.predicate = args[1]
        }
        return Expr(.comprehension(c), range)
    }
}
