import CEL

/// Turns a scalar's text into a value of the kind the schema asks for: the schema decides,
/// not YAML 1.1's guessing, so `no` in a text field stays the text "no".
enum ScalarDecoder {
    /// The value of a scalar's UTF-8 text, as `decode(_:as:origin:)` gives it: dates and
    /// integers as usually written are read from the bytes, with no `String` made for them.
    static func decode(_ u: UnsafeBufferPointer<UInt8>, as kind: FieldKind, origin: Provenance?) -> (value: Value?, problem: String?) {
        switch kind {
        case .date:
            if let d = CELDate.parse(bytes: u, origin: origin) { return (.date(d), nil) }
        case .int:
            if let i = plainInteger(u) { return (.int(i), nil) }
        default: break
        }
        return decode(String(decoding: u, as: UTF8.self), as: kind, origin: origin)
    }

    /// An optional minus and at most 18 ASCII digits (no overflow is possible), else nil for
    /// `Int64(_:)` to decide.
    private static func plainInteger(_ u: UnsafeBufferPointer<UInt8>) -> Int64? {
        let negative = u.first == 0x2D
        let digits = negative ? 1 : 0
        guard u.count > digits, u.count - digits <= 18 else { return nil }
        var n: Int64 = 0
        for b in u[digits...] {
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n &* 10 &+ Int64(b &- 0x30)
        }
        return negative ? -n : n
    }

    /// The value, or the reason it cannot be one.
    static func decode(_ text: String, as kind: FieldKind, origin: Provenance?) -> (value: Value?, problem: String?) {
        switch kind {
        case .string:
            return (.string(text), nil)
        default: break
        }
        let trimmed = text.trimmingCharacters(in: " \t")
        switch kind {
        case .string:
            return (.string(text), nil)
        case .int:
            if let i = Int64(trimmed) { return (.int(i), nil) }
            return (nil, EngineText.notAn("整数", text))
        case .number:
            if let i = Int64(trimmed) { return (.double(Double(i)), nil) }
            if let d = Double(trimmed), d.isFinite, !trimmed.contains(where: { $0.isLetter }) { return (.double(d), nil) }
            return (nil, EngineText.notAn("数字", text))
        case .bool:
            switch trimmed {
            case "true", "True", "TRUE", "是": return (.bool(true), nil)
            case "false", "False", "FALSE", "否": return (.bool(false), nil)
            default: return (nil, EngineText.notAn("true 或 false", text))
            }
        case .date:
            if let d = CELDate.parse(trimmed, origin: origin) { return (.date(d), nil) }
            return (nil, EngineText.notADate(text))
        case .month:
            if let d = CELDate.parseMonth(trimmed, origin: origin) { return (.date(d), nil) }
            return (nil, EngineText.notAMonth(text))
        case .list, .object:
            return (nil, EngineText.wrongShape(expected: kind.isList ? "列表" : "映射", found: "文本"))
        }
    }
}

extension FieldKind {
    var isList: Bool { if case .list = self { true } else { false } }
}

extension String {
    /// The text without leading and trailing characters from `set` (ASCII only).
    func trimmingCharacters(in set: String) -> String {
        let strip = set.utf8
        let u = utf8
        guard let f = u.first, let l = u.last, strip.contains(f) || strip.contains(l) else { return self }
        var s = Substring(self).utf8[...]
        while let f = s.first, strip.contains(f) { s.removeFirst() }
        while let l = s.last, strip.contains(l) { s.removeLast() }
        return String(Substring(s))
    }
}
