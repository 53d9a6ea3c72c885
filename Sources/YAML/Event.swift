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
        // By length first: most scalars are longer, and comparing them as text is not free.
        guard style == .plain else { return false }
        switch value.utf8.count {
        case 0: return true
        case 1: return value == "~"
        case 4: return value == "null" || value == "Null" || value == "NULL"
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
