/// A small reader for protobuf text format, enough for cel-spec's conformance files:
/// fields `name: value` and `name { … }`, strings with C escapes, numbers, enum identifiers,
/// `[…]` extension names, `#` comments.
struct TextMessage {
    typealias Field = TextField

    var fields: [(name: String, value: Field)] = []
    /// The message's own source text, for skip rules that look for names.
    var raw: Substring = ""

    /// Every value of a repeated field.
    func all(_ name: String) -> [Field] { fields.filter { $0.name == name }.map(\.value) }

    /// The first message value of a field.
    func message(_ name: String) -> TextMessage? {
        for f in fields where f.name == name { if case .message(let m) = f.value { return m } }
        return nil
    }

    /// The first scalar or string value of a field, as text.
    func string(_ name: String) -> String? {
        for f in fields where f.name == name {
            switch f.value {
            case .scalar(let s): return s
            case .bytes(let b): return String(decoding: b, as: UTF8.self)
            case .message: return nil
            }
        }
        return nil
    }

    func bytes(_ name: String) -> [UInt8]? {
        for f in fields where f.name == name { if case .bytes(let b) = f.value { return b } }
        return nil
    }

    func has(_ name: String) -> Bool { fields.contains { $0.name == name } }
}

/// A field value of text format: a bare scalar, a (byte) string, or a nested message.
indirect enum TextField {
    case scalar(String)
    case bytes([UInt8])
    case message(TextMessage)
}

struct TextProtoError: Error, CustomStringConvertible {
    let description: String
}

/// Parses text format into a `TextMessage`.
struct TextProtoParser {
    private let s: [UInt8]
    private let text: String
    private var i = 0

    init(_ text: String) {
        self.text = text
        self.s = Array(text.utf8)
    }

    static func parse(_ text: String) throws -> TextMessage {
        var p = TextProtoParser(text)
        return try p.message(until: nil)
    }

    private mutating func skipSpace() {
        while i < s.count {
            let c = s[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x2C || c == 0x3B { i += 1 }
            else if c == 0x23 { while i < s.count, s[i] != 0x0A { i += 1 } }
            else { return }
        }
    }

    private mutating func message(until close: UInt8?) throws -> TextMessage {
        var m = TextMessage()
        let start = i
        while true {
            skipSpace()
            if i >= s.count {
                if close == nil { break }
                throw TextProtoError(description: "unexpected end of input")
            }
            if let close, s[i] == close { i += 1; break }
            let name = try fieldName()
            skipSpace()
            var sawColon = false
            if i < s.count, s[i] == 0x3A { i += 1; sawColon = true; skipSpace() }
            guard i < s.count else { throw TextProtoError(description: "value expected after \(name)") }
            if s[i] == 0x7B || s[i] == 0x3C {
                let closer: UInt8 = s[i] == 0x7B ? 0x7D : 0x3E
                i += 1
                m.fields.append((name, .message(try message(until: closer))))
            } else if s[i] == 0x5B && sawColon {
                // A repeated field's list form: `name: [a, b]`.
                i += 1
                while true {
                    skipSpace()
                    if i < s.count, s[i] == 0x5D { i += 1; break }
                    if i < s.count, s[i] == 0x7B {
                        i += 1
                        m.fields.append((name, .message(try message(until: 0x7D))))
                    } else {
                        m.fields.append((name, try scalarValue()))
                    }
                }
            } else {
                m.fields.append((name, try scalarValue()))
            }
        }
        let end = close == nil ? i : max(start, i - 1)
        m.raw = Substring(String(decoding: s[start..<end], as: UTF8.self))
        return m
    }

    private mutating func fieldName() throws -> String {
        if s[i] == 0x5B {
            let start = i
            while i < s.count, s[i] != 0x5D { i += 1 }
            i += 1
            return String(decoding: s[start..<i], as: UTF8.self)
        }
        let start = i
        while i < s.count, isIdent(s[i]) { i += 1 }
        guard i > start else { throw TextProtoError(description: "field name expected at byte \(i)") }
        return String(decoding: s[start..<i], as: UTF8.self)
    }

    private func isIdent(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2E || c == 0x2D || c == 0x2B
    }

    private mutating func scalarValue() throws -> TextMessage.Field {
        if s[i] == 0x22 || s[i] == 0x27 {
            var out: [UInt8] = []
            // Adjacent string literals concatenate.
            while i < s.count, s[i] == 0x22 || s[i] == 0x27 {
                out += try quoted()
                skipSpace()
            }
            return .bytes(out)
        }
        let start = i
        while i < s.count, isIdent(s[i]) { i += 1 }
        guard i > start else { throw TextProtoError(description: "value expected at byte \(i)") }
        return .scalar(String(decoding: s[start..<i], as: UTF8.self))
    }

    private mutating func quoted() throws -> [UInt8] {
        let q = s[i]
        i += 1
        var out: [UInt8] = []
        while i < s.count, s[i] != q {
            if s[i] == 0x5C {
                i += 1
                let e = s[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "a"): out.append(7)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "v"): out.append(11)
                case UInt8(ascii: "x"):
                    var v: UInt32 = 0, n = 0
                    while n < 2, i < s.count, let d = hex(s[i]) { v = v * 16 + d; i += 1; n += 1 }
                    out.append(UInt8(v))
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = e == UInt8(ascii: "u") ? 4 : 8
                    var v: UInt32 = 0
                    for _ in 0..<count { guard let d = hex(s[i]) else { break }; v = v * 16 + d; i += 1 }
                    out += Array(String(Unicode.Scalar(v) ?? "?").utf8)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var v = UInt32(e - 48), n = 1
                    while n < 3, i < s.count, s[i] >= 48, s[i] <= 55 { v = v * 8 + UInt32(s[i] - 48); i += 1; n += 1 }
                    out.append(UInt8(truncatingIfNeeded: v))
                default: out.append(e)
                }
            } else {
                out.append(s[i])
                i += 1
            }
        }
        guard i < s.count else { throw TextProtoError(description: "unterminated string") }
        i += 1
        return out
    }

    private func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case 48...57: UInt32(c - 48)
        case 65...70: UInt32(c - 55)
        case 97...102: UInt32(c - 87)
        default: nil
        }
    }
}
