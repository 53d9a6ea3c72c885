/// How a scalar was written, which decides how its text maps back to source columns.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar as written: its text, style and where it starts and ends.
public struct Scalar: Sendable, Hashable {
    public var value: String
    public var style: ScalarStyle
    public var mark: Mark
    public var endMark: Mark

    public init(value: String, style: ScalarStyle = .plain, mark: Mark, endMark: Mark? = nil) {
        self.value = value
        self.style = style
        self.mark = mark
        self.endMark = endMark ?? mark
    }

    /// True when YAML would read the text as null (`~`, `null`, or nothing) and it was not quoted.
    public var isNull: Bool {
        guard style == .plain else { return false }
        var text = value
        return text.withUTF8 { Self.isNullText($0) }
    }

    /// Whether a plain scalar's text is YAML's null: `~`, `null`, `Null`, `NULL` or nothing.
    static func isNullText(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        // By length first: most scalars are longer.
        switch u.count {
        case 0: return true
        case 1: return u[0] == 0x7E
        case 4:
            // null, Null, NULL
            let rest = (u[1], u[2], u[3])
            if u[0] == 0x6E { return rest == (0x75, 0x6C, 0x6C) }
            return u[0] == 0x4E && (rest == (0x75, 0x6C, 0x6C) || rest == (0x55, 0x4C, 0x4C))
        default: return false
        }
    }
}

/// One step of a document, after alias expansion and policy checks.
public enum Event: Sendable, Hashable {
    case mappingStart(Mark)
    case mappingEnd(Mark)
    case sequenceStart(Mark)
    case sequenceEnd(Mark)
    case scalar(Scalar)

    /// Where the event starts.
    public var mark: Mark {
        switch self {
        case .mappingStart(let m), .mappingEnd(let m), .sequenceStart(let m), .sequenceEnd(let m): m
        case .scalar(let s): s.mark
        }
    }
}
