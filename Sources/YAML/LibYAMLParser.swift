internal import CYAML

/// What the event libyaml parsed last is. Its parts are asked of the parser (`LibYAMLParser`),
/// which holds the event until the next one: no value is made for an event, nor its anchor's
/// or tag's name, which most events lack.
enum RawKind {
    case streamStart, streamEnd, documentStart, documentEnd
    case mappingStart, mappingEnd, sequenceStart, sequenceEnd, scalar, alias
}

/// An anchor's or a tag's name, borrowed from libyaml until the next event.
struct RawName {
    let pointer: UnsafeMutablePointer<yaml_char_t>

    init?(_ p: UnsafeMutablePointer<yaml_char_t>?) {
        guard let p else { return nil }
        pointer = p
    }

    /// The name as a `String` of its own.
    var string: String { String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)) }
}

/// Owns a libyaml parser and the bytes it reads; the only type that touches C.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The last event, kept until the next one: its scalar's bytes are lent out meanwhile.
    private let event: UnsafeMutablePointer<yaml_event_t>
    @exclusivity(unchecked) private var holdsEvent = false
    private let buffer: UnsafeMutablePointer<UInt8>
    private let count: Int
    @exclusivity(unchecked) private var finished = false
    private let json: Bool

    init(bytes: [UInt8], json: Bool = false) {
        self.json = json
        // Windows Notepad starts UTF-8 with a byte-order mark; with the encoding set, libyaml
        // would read it as content, so the first key looks indented. Columns count from after it.
        let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count - skip
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
        if n > 0 { bytes.withUnsafeBufferPointer { storage.initialize(from: $0.baseAddress! + skip, count: n) } }
        count = n
        buffer = storage
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, buffer, count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        event.deallocate()
        yaml_parser_delete(parser)
        parser.deallocate()
        buffer.deallocate()
    }

    /// Parses the next event, or throws libyaml's error, located. The event is held until the
    /// next call; its parts (`mark`, `scalar`, `anchor`, `tag`, `aliasName`) are read from it.
    @inline(__always)
    func advance() throws(YAMLError) -> RawKind {
        if finished { return .streamEnd }
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw currentError() }
        holdsEvent = true
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: return .scalar
        case YAML_MAPPING_START_EVENT: return .mappingStart
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_ALIAS_EVENT: return .alias
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_STREAM_END_EVENT:
            finished = true
            return .streamEnd
        default: return .streamEnd
        }
    }

    /// Where the held event starts.
    @inline(__always)
    var mark: Mark { Mark(event.pointee.start_mark) }

    /// The held scalar event's text and style, its bytes valid until the next event.
    @inline(__always)
    var scalar: ScalarView {
        let s = event.pointee.data.scalar
        return ScalarView(bytes: UnsafeBufferPointer(start: s.value, count: s.value == nil ? 0 : s.length),
                          style: ScalarStyle(s.style), mark: mark, endMark: Mark(event.pointee.end_mark))
    }

    /// The held event's anchor and tag, where libyaml keeps them for a scalar, a mapping or
    /// a sequence; libyaml reports the non-specific tag "!" only when written, and plain
    /// scalars carry none.
    @inline(__always)
    private var names: (anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?) {
        // Read where libyaml keeps them, not from a copy of the whole event: this is asked of
        // every scalar, mapping and sequence.
        let data = event.pointer(to: \.data)!
        return switch event.pointee.type {
        case YAML_SCALAR_EVENT: (data.pointee.scalar.anchor, data.pointee.scalar.tag)
        case YAML_MAPPING_START_EVENT: (data.pointee.mapping_start.anchor, data.pointee.mapping_start.tag)
        case YAML_SEQUENCE_START_EVENT: (data.pointee.sequence_start.anchor, data.pointee.sequence_start.tag)
        default: (nil, nil)
        }
    }

    /// The held event's anchor, if it has one.
    var anchor: RawName? { RawName(names.anchor) }

    /// The held event's tag, as written, if it has one.
    var tag: RawName? { RawName(names.tag) }

    /// Whether the held event has an anchor or a tag: one test for the usual event, which
    /// has neither.
    @inline(__always)
    var isAnchoredOrTagged: Bool {
        let n = names
        return n.anchor != nil || n.tag != nil
    }

    /// The name the held alias event refers to.
    var aliasName: String { RawName(event.pointee.data.alias.anchor)?.string ?? "" }

    private func currentError() -> YAMLError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "未知错误"
        if p.error == YAML_READER_ERROR {
            // Notepad on a Chinese Windows saves "ANSI" as GBK and "Unicode" as UTF-16 (with its
            // byte order mark): said by name, the office can act on it.
            let bytes = UnsafeBufferPointer(start: buffer, count: count)
            let notUTF8 = problem.contains("UTF-8")
            let message = if notUTF8, count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) {
                YAMLText.encodingUTF16
            } else if notUTF8, GBK.looksLike(bytes) {
                YAMLText.encodingGBK
            } else {
                YAMLText.encoding(problem)
            }
            return YAMLError("yaml.encoding", message, at: markOfOffset(p.problem_offset))
        }
        let context = p.context.map { String(cString: $0) }
        let mark = Mark(p.problem_mark)
        // The context mark is where the unfinished construct began, often the real mistake.
        let began = context == nil ? nil : Mark(p.context_mark)
        // A Chinese input method's colon (：) makes `名称： 值` one text, not a key and a value:
        // the line it is on, where the construct began or where the error is, is named.
        let colon = [began?.line, mark.line].compactMap { $0 }.first { hasFullWidthColon(onLine: $0) }
        return YAMLError("yaml.syntax", YAMLText.syntax(problem, context, began: began == mark ? nil : began, json: json,
                                                        fullWidthColon: colon), at: mark)
    }

    /// Whether 1-based line `line` of the input writes a key with a full-width colon (U+FF1A,
    /// EF BC 9A): one where a key goes, at the line's start or after `{` or `,`, and not after
    /// a `:` or a quote, so a colon inside a value is not taken for one.
    private func hasFullWidthColon(onLine line: Int) -> Bool {
        var current = 1, i = 0
        while i < count, current < line {
            if buffer[i] == 0x0A { current += 1 }
            i += 1
        }
        var keyPlace = true
        while i + 2 < count, buffer[i] != 0x0A {
            switch buffer[i] {
            case 0x22, 0x27: return false
            case 0x3A, 0x5B: keyPlace = false
            case 0x7B, 0x2C: keyPlace = true
            case 0xEF where buffer[i + 1] == 0xBC && buffer[i + 2] == 0x9A: return keyPlace
            default: break
            }
            i += 1
        }
        return false
    }

    /// libyaml gives reader errors as a byte offset only; count lines and scalars up to it.
    private func markOfOffset(_ offset: Int) -> Mark {
        var line = 1, column = 1, i = 0
        let end = min(offset, count)
        while i < end {
            let byte = buffer[i]
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Mark(line: line, column: column)
    }
}

extension Mark {
    /// libyaml marks are 0-based; ours are 1-based, converted once, here.
    init(_ m: yaml_mark_t) {
        self.init(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }
}

extension ScalarStyle {
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
