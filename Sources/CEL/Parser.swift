/// Recursive-descent parser for CEL; macros are expanded as they are parsed.
public struct Parser {
    private var tokens: [Token]
    private var p = 0
    private var depth = 0
    private let macros: Bool
    /// Deeper nesting than this is reported rather than risking the stack.
    static let maxDepth = 200
    /// The parser's own nesting (parentheses, calls, chains) may go further than the tree it
    /// builds: the canonical printed form of a tree `maxDepth` high, fully parenthesised, must
    /// parse again. The tree itself is then checked against `maxDepth`.
    static let maxNesting = 3 * maxDepth

    private init(_ text: String, macros: Bool) {
        var lexer = Lexer(text)
        tokens = lexer.tokens()
        self.macros = macros
    }

    /// Parses a whole expression or throws its syntax errors; `macros: false` keeps
    /// `has`, `all`, … as ordinary calls.
    public static func parse(_ text: String, macros: Bool = true) throws(CELErrors) -> Expr {
        var parser = Parser(text, macros: macros)
        do throws(CELDiagnostic) {
            let e = try parser.expr()
            // Chains (`a + b + …`, `x.f.g…`) are parsed by loops but build trees as tall as they
            // are long; every later walk recurses, so the tree's height is bounded here, once.
            if let deep = Parser.tooTall(e) {
                throw CELDiagnostic("cel.depth", CELText.tooDeep(Parser.maxDepth), deep)
            }
            guard case .eof = parser.peek.kind else {
                if case .invalid(let m) = parser.peek.kind { throw CELDiagnostic("cel.syntax", m, parser.peek.range) }
                throw CELDiagnostic("cel.syntax", CELText.unexpected(parser.describe(parser.peek)), parser.peek.range)
            }
            return e
        } catch {
            throw CELErrors([error])
        }
    }

    // MARK: - Tokens

    private var peek: Token { tokens[p] }

    private mutating func advance() -> Token {
        let t = tokens[p]
        if p < tokens.count - 1 { p += 1 }
        return t
    }

    private func isOp(_ op: String) -> Bool {
        if case .op(let o) = peek.kind { return o == op }
        return false
    }

    private mutating func accept(_ op: String) -> Bool {
        if isOp(op) { p += 1; return true }
        return false
    }

    private mutating func expect(_ op: String) throws(CELDiagnostic) -> Token {
        guard isOp(op) else {
            if case .invalid(let m) = peek.kind { throw CELDiagnostic("cel.syntax", m, peek.range) }
            throw CELDiagnostic("cel.syntax", CELText.expected(op, describe(peek)), peek.range)
        }
        return advance()
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: "表达式结尾"
        case .op(let o): "「\(o)」"
        case .ident(let n): "「\(n)」"
        default: "字面量"
        }
    }

    private func span(_ a: SourceRange, _ b: SourceRange) -> SourceRange { SourceRange(a.start, b.end) }

    /// Counts one more level of nesting (a recursion or one more link of a chain); each
    /// production restores the count it started with when it returns. Nesting bounds the tree
    /// being built, so neither the parser, nor the walks over the tree, nor its release can
    /// exhaust the stack, however long the text; the tree's own height is checked once built.
    private mutating func deepen() throws(CELDiagnostic) {
        depth += 1
        if depth > Parser.maxNesting {
            throw CELDiagnostic("cel.depth", CELText.tooDeep(Parser.maxDepth), peek.range)
        }
    }

    // MARK: - Grammar

    private mutating func expr() throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        try deepen()
        let cond = try or()
        guard isOp("?") else { return cond }
        _ = advance()
        let a = try or()
        _ = try expect(":")
        let b = try expr()
        return Expr(.call("_?_:_", target: nil, args: [cond, a, b]), span(cond.range, b.range))
    }

    private mutating func or() throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        var e = try and()
        while isOp("||") {
            try deepen()
            _ = advance()
            let r = try and()
            e = Expr(.call("_||_", target: nil, args: [e, r]), span(e.range, r.range))
        }
        return e
    }

    private mutating func and() throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        var e = try relation()
        while isOp("&&") {
            try deepen()
            _ = advance()
            let r = try relation()
            e = Expr(.call("_&&_", target: nil, args: [e, r]), span(e.range, r.range))
        }
        return e
    }

    private static let relations: [String: String] = [
        "==": "_==_", "!=": "_!=_", "<": "_<_", "<=": "_<=_", ">": "_>_", ">=": "_>=_",
    ]

    private mutating func relation() throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        var e = try addition()
        while true {
            let fn: String
            if case .op(let o) = peek.kind, let f = Parser.relations[o] {
                fn = f
            } else if case .ident("in") = peek.kind {
                fn = "@in"
            } else {
                return e
            }
            try deepen()
            _ = advance()
            let r = try addition()
            e = Expr(.call(fn, target: nil, args: [e, r]), span(e.range, r.range))
        }
    }

    private mutating func addition() throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        var e = try multiplication()
        while isOp("+") || isOp("-") {
            try deepen()
            let op = advance()
            let r = try multiplication()
            let fn = isPlus(op) ? "_+_" : "_-_"
            e = Expr(.call(fn, target: nil, args: [e, r]), span(e.range, r.range))
        }
        return e
    }

    private func isPlus(_ t: Token) -> Bool { if case .op("+") = t.kind { true } else { false } }

    private mutating func multiplication() throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        var e = try unary()
        while isOp("*") || isOp("/") || isOp("%") {
            try deepen()
            let op = advance()
            guard case .op(let o) = op.kind else { break }
            let r = try unary()
            e = Expr(.call("_\(o)_", target: nil, args: [e, r]), span(e.range, r.range))
        }
        return e
    }

    private mutating func unary() throws(CELDiagnostic) -> Expr {
        // `!!!…` and `---…` recurse here, not through `expr()`: counted the same way.
        let base = depth
        defer { depth = base }
        try deepen()
        if isOp("!") {
            let op = advance()
            let e = try unary()
            return Expr(.call("!_", target: nil, args: [e]), span(op.range, e.range))
        }
        if isOp("-") {
            let op = advance()
            // A negative literal is one token's worth: -9223372036854775808 must not overflow.
            switch peek.kind {
            case .minIntMagnitude:
                let t = advance()
                return try member(Expr(.literal(.int(Int64.min)), span(op.range, t.range)))
            case .int(let v):
                if !isMemberFollow(p + 1) {
                    let t = advance()
                    return Expr(.literal(.int(-v)), span(op.range, t.range))
                }
            case .double(let v):
                if !isMemberFollow(p + 1) {
                    let t = advance()
                    return Expr(.literal(.double(-v)), span(op.range, t.range))
                }
            default: break
            }
            let e = try unary()
            return Expr(.call("-_", target: nil, args: [e]), span(op.range, e.range))
        }
        return try member(try primary())
    }

    /// The range of the first node deeper than `maxDepth`, found without recursion; nil when
    /// the tree is shallow enough for every recursive walk.
    static func tooTall(_ root: Expr) -> SourceRange? {
        var stack: [(Expr, Int)] = [(root, 1)]
        while let (e, h) = stack.popLast() {
            if h > maxDepth { return e.range }
            // No array of the children made per node: every expression of the rules is walked.
            e.forEachChild { stack.append(($0, h + 1)) }
        }
        return nil
    }

    private func isMemberFollow(_ index: Int) -> Bool {
        guard index < tokens.count, case .op(let o) = tokens[index].kind else { return false }
        return o == "." || o == "["
    }

    private mutating func member(_ start: Expr) throws(CELDiagnostic) -> Expr {
        let base = depth
        defer { depth = base }
        var e = start
        while true {
            if isOp(".") || isOp("[") { try deepen() }
            if isOp("."), case .op("?") = tokens[min(p + 1, tokens.count - 1)].kind {
                // `a.?b`: the field if present, as an optional (cel-go's `_?._`).
                _ = advance()
                _ = advance()
                let nameTok = advance()
                let name: String
                switch nameTok.kind {
                case .ident(let n), .quotedIdent(let n): name = n
                default: throw CELDiagnostic("cel.syntax", CELText.expected("字段名", describe(nameTok)), nameTok.range)
                }
                e = Expr(.call("_?._", target: nil, args: [e, Expr(.literal(.string(name)), nameTok.range)]), span(e.range, nameTok.range))
            } else if isOp(".") {
                _ = advance()
                let nameTok = advance()
                if case .quotedIdent(let quoted) = nameTok.kind {
                    e = Expr(.select(e, quoted, testOnly: false), span(e.range, nameTok.range))
                    continue
                }
                guard case .ident(let name) = nameTok.kind else {
                    throw CELDiagnostic("cel.syntax", CELText.expected("字段名", describe(nameTok)), nameTok.range)
                }
                if isOp("(") {
                    _ = advance()
                    let (args, close) = try arguments(")")
                    e = macros
                        ? try Macros.receiver(name, target: e, args: args, range: span(e.range, close.range), nameRange: nameTok.range)
                        : Expr(.call(name, target: e, args: args), span(e.range, close.range))
                } else {
                    e = Expr(.select(e, name, testOnly: false), span(e.range, nameTok.range))
                }
            } else if isOp("[") {
                _ = advance()
                // `a[?k]`: the element if present, as an optional.
                let optional = accept("?")
                let index = try expr()
                let close = try expect("]")
                e = Expr(.call(optional ? "_[?_]" : "_[_]", target: nil, args: [e, index]), span(e.range, close.range))
            } else {
                return e
            }
        }
    }

    /// Marks an optional list element (`[?x]`) or map entry (`{?k: v}`): kept only when the
    /// optional has a value.
    static let optionalMarker = "?_"

    private mutating func arguments(_ close: String, optionals: Bool = false) throws(CELDiagnostic) -> ([Expr], Token) {
        var args: [Expr] = []
        if isOp(close) { return (args, advance()) }
        while true {
            if optionals, isOp("?") {
                let marker = advance()
                let item = try expr()
                args.append(Expr(.call(Parser.optionalMarker, target: nil, args: [item]), span(marker.range, item.range)))
            } else {
                args.append(try expr())
            }
            if accept(",") {
                if isOp(close) { break }
                continue
            }
            break
        }
        return (args, try expect(close))
    }

    private mutating func primary() throws(CELDiagnostic) -> Expr {
        let t = advance()
        switch t.kind {
        case .int(let v): return Expr(.literal(.int(v)), t.range)
        case .uint(let v): return Expr(.literal(.uint(v)), t.range)
        case .double(let v): return Expr(.literal(.double(v)), t.range)
        case .string(let v): return Expr(.literal(.string(v)), t.range)
        case .bytes(let v): return Expr(.literal(.bytes(v)), t.range)
        case .true: return Expr(.literal(.bool(true)), t.range)
        case .false: return Expr(.literal(.bool(false)), t.range)
        case .null: return Expr(.literal(.null), t.range)
        case .minIntMagnitude:
            throw CELDiagnostic("cel.syntax", CELText.badNumber("9223372036854775808"), t.range)
        case .quotedIdent(let name):
            throw CELDiagnostic("cel.syntax", CELText.unexpected("「`\(name)`」"), t.range)
        case .invalid(let message):
            throw CELDiagnostic("cel.syntax", message, t.range)
        case .eof:
            throw CELDiagnostic("cel.syntax", CELText.unexpected("表达式结尾"), t.range)
        case .ident(let name):
            if CELText.reserved.contains(name) {
                throw CELDiagnostic("cel.syntax", CELText.reservedWord(name), t.range)
            }
            if isOp("(") {
                _ = advance()
                let (args, close) = try arguments(")")
                return macros
                    ? try Macros.global(name, args: args, range: span(t.range, close.range), nameRange: t.range)
                    : Expr(.call(name, target: nil, args: args), span(t.range, close.range))
            }
            return Expr(.ident(name), t.range)
        case .op("."):
            // A leading dot names the root scope: `.x` is `x`.
            let nameTok = advance()
            guard case .ident(let name) = nameTok.kind else {
                throw CELDiagnostic("cel.syntax", CELText.expected("名称", describe(nameTok)), nameTok.range)
            }
            // As without the dot: `.in()` names nothing a call or a variable may be called.
            if CELText.reserved.contains(name) {
                throw CELDiagnostic("cel.syntax", CELText.reservedWord(name), nameTok.range)
            }
            if isOp("(") {
                _ = advance()
                let (args, close) = try arguments(")")
                return Expr(.call(name, target: nil, args: args), span(t.range, close.range))
            }
            return Expr(.ident("." + name), span(t.range, nameTok.range))
        case .op("("):
            let e = try expr()
            _ = try expect(")")
            return e
        case .op("["):
            let (items, close) = try arguments("]", optionals: true)
            return Expr(.list(items), span(t.range, close.range))
        case .op("{"):
            var entries: [(Expr, Expr)] = []
            while !isOp("}") {
                // `{?k: v}`: the entry only when the optional `v` has a value.
                let marker = isOp("?") ? advance() : nil
                var k = try expr()
                if let marker { k = Expr(.call(Parser.optionalMarker, target: nil, args: [k]), span(marker.range, k.range)) }
                _ = try expect(":")
                let v = try expr()
                entries.append((k, v))
                if !accept(",") { break }
            }
            let close = try expect("}")
            return Expr(.map(entries), span(t.range, close.range))
        case .op(let o):
            throw CELDiagnostic("cel.syntax", CELText.unexpected("「\(o)」"), t.range)
        }
    }
}

