/// A scalar as the parser read it, its text borrowed: the bytes are valid only until the
/// reader's next event. A decoder that turns most scalars into numbers, dates or known field
/// names reads them here without a `String` made for each.
public struct ScalarView {
    /// The scalar's UTF-8 text (libyaml has checked it is valid UTF-8).
    public let bytes: UnsafeBufferPointer<UInt8>
    public let style: ScalarStyle
    public let mark: Mark
    public let endMark: Mark

    /// The text as a `String` of its own.
    public var value: String { String(decoding: bytes, as: UTF8.self) }

    /// The scalar, kept beyond the next event.
    public var scalar: Scalar { Scalar(value: value, style: style, mark: mark, endMark: endMark) }

    /// True when YAML would read the text as null (`~`, `null`, or nothing) and it was not quoted.
    public var isNull: Bool { style == .plain && Scalar.isNullText(bytes) }
}

/// One step of a document as `Event` has it, with a scalar's text borrowed (`ScalarView`).
public enum EventView {
    case mappingStart(Mark)
    case mappingEnd(Mark)
    case sequenceStart(Mark)
    case sequenceEnd(Mark)
    case scalar(ScalarView)

    /// Where the event starts.
    public var mark: Mark {
        switch self {
        case .mappingStart(let m), .mappingEnd(let m), .sequenceStart(let m), .sequenceEnd(let m): m
        case .scalar(let s): s.mark
        }
    }

    /// The event, kept beyond the next one.
    public var event: Event {
        switch self {
        case .mappingStart(let m): .mappingStart(m)
        case .mappingEnd(let m): .mappingEnd(m)
        case .sequenceStart(let m): .sequenceStart(m)
        case .sequenceEnd(let m): .sequenceEnd(m)
        case .scalar(let s): .scalar(s.scalar)
        }
    }
}
