/// Prints a syntax tree in canonical form: fully parenthesised operators, macros as written.
public enum Printer {
    /// The canonical text of `e`.
    public static func print(_ e: Expr) -> String {
        switch e.kind {
        case .literal(let v): return literal(v)
        case .ident(let n): return n
        case .select(let operand, let field, let testOnly):
            let s = "\(print(operand)).\(name(field))"
            return testOnly ? "has(\(s))" : s
        case .list(let items): return "[" + items.map(print).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { "\(print($0.0)): \(print($0.1))" }.joined(separator: ", ") + "}"
        case .comprehension(let c) where c.macro == .bind:
            return "cel.bind(\(c.variable), \(print(c.range)), \(c.transform.map(print) ?? ""))"
        case .comprehension(let c):
            var args = [c.variable] + (c.variable2.map { [$0] } ?? [])
            if let p = c.predicate { args.append(print(p)) }
            if let t = c.transform { args.append(print(t)) }
            return "\(print(c.range)).\(c.macro.rawValue)(\(args.joined(separator: ", ")))"
        case .call(let fn, let target, let args):
            if let target { return "\(print(target)).\(fn)(\(args.map(print).joined(separator: ", ")))" }
            switch (fn, args.count) {
            case ("_?_:_", 3): return "(\(print(args[0])) ? \(print(args[1])) : \(print(args[2])))"
            case ("_[_]", 2): return "\(print(args[0]))[\(print(args[1]))]"
            case ("!_", 1): return "!\(print(args[0]))"
            case ("-_", 1):
                // `--x` lexes as two minus signs: no parentheses needed (they would deepen the
                // nesting of the printed form past what the parser accepts).
                return "-\(print(args[0]))"
            case ("@in", 2): return "(\(print(args[0])) in \(print(args[1])))"
            case ("_?._", 2):
                if case .literal(.string(let field)) = args[1].kind { return "\(print(args[0])).?\(name(field))" }
                return "\(print(args[0])).?\(print(args[1]))"
            case ("_[?_]", 2): return "\(print(args[0]))[?\(print(args[1]))]"
            case (Parser.optionalMarker, 1): return "?\(print(args[0]))"
            default:
                if args.count == 2, fn.hasPrefix("_"), fn.hasSuffix("_") {
                    let op = fn.dropFirst().dropLast()
                    return "(\(print(args[0])) \(op) \(print(args[1])))"
                }
                // `has` is a macro unless written `.has(…)`, the only way to call a function of
                // that name: the dot is kept, so the printed form parses to the same call.
                return "\(fn == "has" ? "." : "")\(fn)(\(args.map(print).joined(separator: ", ")))"
            }
        }
    }

    /// A field name as written: plain when it is an identifier, else in backticks
    /// (``m.`content-type` ``), so the printed form parses again.
    static func name(_ field: String) -> String {
        let scalars = Array(field.unicodeScalars)
        let plain = !scalars.isEmpty && scalars[0].isIdentStart && scalars.allSatisfy { $0.isIdentStart || $0.isDigit }
            && !CELText.reserved.contains(field) && !["true", "false", "null"].contains(field)
        return plain ? field : "`\(field)`"
    }

    /// A value as CEL source text.
    public static func literal(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return "\(i)"
        case .uint(let u): return "\(u)u"
        case .double(let d):
            if d.isNaN { return "double(\"NaN\")" }
            if d.isInfinite { return d > 0 ? "double(\"Infinity\")" : "double(\"-Infinity\")" }
            return "\(d)"
        case .string(let s): return quote(s)
        case .bytes(let b): return "b" + quote(String(decoding: b, as: UTF8.self))
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .map(let m):
            return "{" + zip(m.keys, m.values).map { "\(literal($0)): \(literal($1))" }.joined(separator: ", ") + "}"
        case .date(let d): return "date(\"\(d)\")"
        case .duration(let d): return "duration(\"\(d.daysDescription)\")"
        case .timestamp(let t): return "timestamp(\"\(t)\")"
        case .type(let t): return t.description
        case .object(let o): return "\(o.type.name){…}"
        case .optional(let inner): return inner.map { "optional.of(\(literal($0)))" } ?? "optional.none()"
        case .error(let e): return "error(\(quote(e.message)))"
        }
    }

    /// A CEL string literal for `s`: double quotes, escapes for quotes, backslashes and control
    /// characters, printable text as it is (also `strings.quote`).
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    out += "\\x" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
