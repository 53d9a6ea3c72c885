/// Splits an expression into tokens; positions count Unicode scalars.
struct Lexer {
    private let s: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) { s = Array(text.unicodeScalars) }

    /// Every token, ending with `.eof`.
    mutating func tokens() -> [Token] {
        var out: [Token] = []
        while true {
            let t = next()
            out.append(t)
            if case .eof = t.kind { return out }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    /// Whether `c` then `d` spell one of the operators of two characters.
    private static func isTwoChar(_ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Bool {
        switch (c, d) {
        case ("=", "="), ("!", "="), ("<", "="), (">", "="), ("&", "&"), ("|", "|"): true
        default: false
        }
    }

    private static func isOneChar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}": true
        default: false
        }
    }

    private mutating func next() -> Token {
        skipSpaceAndComments()
        let start = i
        guard let c = peek() else { return Token(kind: .eof, range: SourceRange(i, i)) }
        func tok(_ k: Token.Kind) -> Token { Token(kind: k, range: SourceRange(start, i)) }

        if c.isDigit || (c == "." && peek(1)?.isDigit == true) { return tok(number()) }
        if c == "\"" || c == "'" { return tok(string(raw: false, bytes: false)) }
        if (c == "r" || c == "R" || c == "b" || c == "B"), let q = peek(1) {
            if q == "\"" || q == "'" {
                i += 1
                let isBytes = c == "b" || c == "B"
                return tok(string(raw: !isBytes, bytes: isBytes))
            }
            if let q2 = peek(2), (q == "r" || q == "R" || q == "b" || q == "B"), q != c, q2 == "\"" || q2 == "'" {
                let lower = [c, q].map { Character($0).lowercased() }
                if Set(lower) == ["r", "b"] {
                    i += 2
                    return tok(string(raw: true, bytes: true))
                }
            }
        }
        if c == "`" {
            i += 1
            var name = ""
            while let d = peek(), d != "`", d != "\n" { name.unicodeScalars.append(d); i += 1 }
            guard peek() == "`", !name.isEmpty else { return tok(.invalid(CELText.unterminatedString)) }
            i += 1
            return tok(.quotedIdent(name))
        }
        if c.isIdentStart {
            while let d = peek(), d.isIdentStart || d.isDigit { i += 1 }
            let name = text(start)
            switch name {
            case "true": return tok(.true)
            case "false": return tok(.false)
            case "null": return tok(.null)
            default: return tok(.ident(name))
            }
        }
        if let d = peek(1), Lexer.isTwoChar(c, d) { i += 2; return tok(.op(text(start))) }
        if Lexer.isOneChar(c) { i += 1; return tok(.op(text(start))) }
        i += 1
        if let half = Lexer.fullWidth[c] { return tok(.invalid(CELText.fullWidth(String(c), half))) }
        return tok(.invalid(CELText.unexpectedCharacter(String(c))))
    }

    /// Punctuation a Chinese input method types, and what CEL expects instead.
    static let fullWidth: [Unicode.Scalar: String] = [
        "（": "(", "）": ")", "，": ",", "：": ":", "“": "\"", "”": "\"", "‘": "'", "’": "'",
        "＞": ">", "＜": "<", "＝": "=", "！": "!", "＆": "&", "｜": "|", "［": "[", "］": "]",
        "｛": "{", "｝": "}", "．": ".", "。": ".", "＋": "+", "－": "-", "＊": "*", "／": "/",
        "％": "%", "？": "?", "、": ",", "；": ";", "\u{3000}": " ", "＿": "_",
    ]

    private mutating func number() -> Token.Kind {
        let start = i
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            var digits = ""
            while let d = peek(), d.isHexDigit { digits.unicodeScalars.append(d); i += 1 }
            if peek() == "u" || peek() == "U" {
                i += 1
                guard let v = UInt64(digits, radix: 16) else { return .invalid(CELText.badNumber(text(start))) }
                return .uint(v)
            }
            guard let v = Int64(digits, radix: 16) else { return .invalid(CELText.badNumber(text(start))) }
            return .int(v)
        }
        var isDouble = false
        while let d = peek(), d.isDigit { i += 1 }
        if peek() == ".", peek(1)?.isDigit == true {
            isDouble = true
            i += 1
            while let d = peek(), d.isDigit { i += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var j = 1
            if peek(1) == "+" || peek(1) == "-" { j = 2 }
            if peek(j)?.isDigit == true {
                isDouble = true
                i += j
                while let d = peek(), d.isDigit { i += 1 }
            }
        }
        let literal = text(start)
        // `5d` is how values write durations; inside an expression it is a number and a name.
        if let u = peek(), u.isIdentStart, !(u == "u" || u == "U") || peek(1)?.isIdentStart == true {
            var j = i
            while j < s.count, s[j].isIdentStart || s[j].isDigit { j += 1 }
            let word = String(String.UnicodeScalarView(s[start..<j]))
            i = j
            return .invalid(CELText.durationInExpression(word))
        }
        if isDouble {
            guard let v = Double(literal) else { return .invalid(CELText.badNumber(literal)) }
            return .double(v)
        }
        if peek() == "u" || peek() == "U" {
            i += 1
            guard let v = UInt64(literal) else { return .invalid(CELText.badNumber(literal + "u")) }
            return .uint(v)
        }
        if let v = Int64(literal) { return .int(v) }
        // 9223372036854775808 is valid only right after unary minus; the parser decides.
        if literal == "9223372036854775808" { return .minIntMagnitude }
        return .invalid(CELText.badNumber(literal))
    }

    /// The scalars from `start` to here, as text (encoded at once: a string grown a scalar at a
    /// time made lexing most of the time a rule's expression takes to compile). Made with room
    /// for exactly its bytes: a name of 15 bytes or fewer (`records`) is then kept in the
    /// string itself, as the activation's names are, so comparing the two is comparing two
    /// numbers; made with room to spare, it was a string of its own, compared byte for byte
    /// with the activation's at every lookup.
    private func text(_ start: Int) -> String {
        var count = 0
        for c in s[start..<i] { count += UTF8.width(c) }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var n = 0
            for c in s[start..<i] { UTF8.encode(c) { buffer[n] = $0; n += 1 } }
            return n
        }
    }

    private mutating func string(raw: Bool, bytes: Bool) -> Token.Kind {
        guard let quote = peek() else { return .invalid(CELText.unterminatedString) }
        let triple = peek(1) == quote && peek(2) == quote
        i += triple ? 3 : 1
        var out: [UInt8] = []
        func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { out.append($0) } }
        while true {
            guard let c = peek() else { return .invalid(CELText.unterminatedString) }
            if c == quote {
                if !triple { i += 1; break }
                if peek(1) == quote, peek(2) == quote { i += 3; break }
            }
            if !triple && (c == "\n" || c == "\r") { return .invalid(CELText.unterminatedString) }
            if c == "\\" && !raw {
                i += 1
                guard let e = peek() else { return .invalid(CELText.unterminatedString) }
                i += 1
                switch e {
                case "a": out.append(7)
                case "b": out.append(8)
                case "f": out.append(12)
                case "n": out.append(10)
                case "r": out.append(13)
                case "t": out.append(9)
                case "v": out.append(11)
                case "\\", "'", "\"", "`", "?": append(e)
                case "x", "X", "u", "U":
                    let n = e == "u" ? 4 : e == "U" ? 8 : 2
                    var hex = ""
                    for _ in 0..<n {
                        guard let h = peek(), h.isHexDigit else { return .invalid(CELText.badEscape) }
                        hex.unicodeScalars.append(h); i += 1
                    }
                    let v = UInt32(hex, radix: 16)!
                    if bytes && n == 2 {
                        out.append(UInt8(v))
                    } else {
                        guard !bytes || n == 2, let scalar = Unicode.Scalar(v) else { return .invalid(CELText.badEscape) }
                        append(scalar)
                    }
                case "0"..."3":
                    var v = e.value - 48
                    for _ in 0..<2 {
                        guard let o = peek(), ("0"..."7").contains(o) else { return .invalid(CELText.badEscape) }
                        v = v * 8 + (o.value - 48); i += 1
                    }
                    if bytes { out.append(UInt8(v)) } else {
                        guard let scalar = Unicode.Scalar(v) else { return .invalid(CELText.badEscape) }
                        append(scalar)
                    }
                default:
                    return .invalid(CELText.badEscape)
                }
                continue
            }
            append(c)
            i += 1
        }
        if bytes { return .bytes(out) }
        return .string(String(decoding: out, as: UTF8.self))
    }
}

extension Unicode.Scalar {
    var isDigit: Bool { ("0"..."9").contains(self) }
    var isHexDigit: Bool { isDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
    var isIdentStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
}
