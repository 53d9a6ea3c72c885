internal import CYAML

/// A raw libyaml event, converted to Swift values at the C boundary; a scalar's text stays
/// libyaml's until the next event.
enum RawEvent {
    case streamStart, streamEnd
    case documentStart(Mark), documentEnd
    case mappingStart(Mark, anchor: Name?, tag: Name?)
    case mappingEnd(Mark)
    case sequenceStart(Mark, anchor: Name?, tag: Name?)
    case sequenceEnd(Mark)
    case scalar(ScalarView, anchor: Name?, tag: Name?)
    case alias(String, Mark)

    /// An anchor's or a tag's name, borrowed from libyaml until the next event: most events
    /// have neither, and need no `String` made or freed for them.
    struct Name {
        let pointer: UnsafeMutablePointer<yaml_char_t>

        init?(_ p: UnsafeMutablePointer<yaml_char_t>?) {
            guard let p else { return nil }
            pointer = p
        }

        var string: String { String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)) }
    }
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

    /// The next event, or a located error from libyaml. A scalar's bytes are valid until the
    /// next call.
    @inline(__always)
    func next() throws(YAMLError) -> RawEvent {
        if finished { return .streamEnd }
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw currentError() }
        holdsEvent = true
        let event = event.pointee
        let start = Mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_STREAM_END_EVENT:
            finished = true
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart(start)
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            return .mappingStart(start, anchor: RawEvent.Name(m.anchor), tag: RawEvent.Name(m.tag))
        case YAML_MAPPING_END_EVENT: return .mappingEnd(start)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return .sequenceStart(start, anchor: RawEvent.Name(s.anchor), tag: RawEvent.Name(s.tag))
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd(start)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let scalar = ScalarView(bytes: UnsafeBufferPointer(start: s.value, count: s.value == nil ? 0 : s.length),
                                    style: ScalarStyle(s.style), mark: start, endMark: Mark(event.end_mark))
            // libyaml reports the non-specific tag "!" only when written; plain scalars carry none.
            return .scalar(scalar, anchor: RawEvent.Name(s.anchor), tag: RawEvent.Name(s.tag))
        case YAML_ALIAS_EVENT:
            return .alias(RawEvent.Name(event.data.alias.anchor)?.string ?? "", start)
        default:
            return .streamEnd
        }
    }

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
