/// Expands CEL's macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) at parse time.
enum Macros {
    /// The macros' names, for suggestions when a call names nothing known.
    static let names = ["has", "all", "exists", "exists_one", "map", "filter", "transformList", "transformMap", "cel.bind", "sortBy", "optMap", "optFlatMap"]

    static func global(_ name: String, args: [Expr], range: SourceRange, nameRange: SourceRange) throws(CELDiagnostic) -> Expr {
        guard name == "has" else { return Expr(.call(name, target: nil, args: args), range) }
        guard args.count == 1, case .select(let operand, let field, testOnly: false) = args[0].kind else {
            throw CELDiagnostic("cel.macro", CELText.badHas, range)
        }
        return Expr(.select(operand, field, testOnly: true), range)
    }

    static func receiver(_ name: String, target: Expr, args: [Expr], range: SourceRange, nameRange: SourceRange) throws(CELDiagnostic) -> Expr {
        let macro: Comprehension.Macro
        let twoVariables: Bool
        switch (name, args.count) {
        case ("all", 2): (macro, twoVariables) = (.all, false)
        case ("exists", 2): (macro, twoVariables) = (.exists, false)
        case ("exists_one", 2), ("existsOne", 2): (macro, twoVariables) = (.existsOne, false)
        case ("map", 2), ("map", 3): (macro, twoVariables) = (.map, false)
        case ("filter", 2): (macro, twoVariables) = (.filter, false)
        case ("all", 3): (macro, twoVariables) = (.all, true)
        case ("exists", 3): (macro, twoVariables) = (.exists, true)
        case ("exists_one", 3), ("existsOne", 3): (macro, twoVariables) = (.existsOne, true)
        case ("transformList", 3), ("transformList", 4): (macro, twoVariables) = (.transformList, true)
        case ("transformMap", 3), ("transformMap", 4): (macro, twoVariables) = (.transformMap, true)
        case ("sortBy", 2), ("optMap", 2), ("optFlatMap", 2):
            guard case .ident(let variable) = args[0].kind else {
                throw CELDiagnostic("cel.macro", CELText.badMacroVariable(name), args[0].range)
            }
            let kind: Comprehension.Macro = name == "sortBy" ? .sortBy : (name == "optMap" ? .optMap : .optFlatMap)
            var c = Comprehension(macro: kind, range: target, variable: variable)
            c.transform = args[1]
            return Expr(.comprehension(c), range)
        case ("bind", 3):
            guard case .ident("cel") = target.kind else { return Expr(.call(name, target: target, args: args), range) }
            guard case .ident(let variable) = args[0].kind else {
                throw CELDiagnostic("cel.macro", CELText.badMacroVariable("cel.bind"), args[0].range)
            }
            var c = Comprehension(macro: .bind, range: args[1], variable: variable)
            c.transform = args[2]
            return Expr(.comprehension(c), range)
        default:
            return Expr(.call(name, target: target, args: args), range)
        }
        guard case .ident(let variable) = args[0].kind else {
            throw CELDiagnostic("cel.macro", CELText.badMacroVariable(name), args[0].range)
        }
        var c = Comprehension(macro: macro, range: target, variable: variable)
        var rest = Array(args.dropFirst())
        if twoVariables {
            guard case .ident(let second) = args[1].kind else {
                throw CELDiagnostic("cel.macro", CELText.badMacroVariable(name), args[1].range)
            }
            // One name for both would leave the first unreachable, and their scope one entry short.
            guard second != variable else {
                throw CELDiagnostic("cel.macro", CELText.sameMacroVariables(name, second), args[1].range)
            }
            c.variable2 = second
            rest.removeFirst()
        }
        switch macro {
        case .map, .transformList, .transformMap:
            if rest.count == 2 { c.predicate = rest[0]; c.transform = rest[1] } else { c.transform = rest[0] }
        default:
            c.predicate = rest[0]
        }
        return Expr(.comprehension(c), range)
    }
}
