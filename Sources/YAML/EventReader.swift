/// Reads one YAML document as a stream of events, enforcing the project's input policy:
/// one document, no tags, bounded nesting, aliases expanded within a fixed budget.
///
/// Its state is read and changed on every event by one caller at a time and never lent out,
/// so the run-time exclusivity checks (a fifth of the reader's own cost) are left off.
public final class EventReader {
    private let parser: LibYAMLParser
    private let limits: Limits
    @exclusivity(unchecked) private var replay: [Event] = []
    @exclusivity(unchecked) private var replayIndex = 0
    /// The events of anchored nodes, each recorded once however many anchors are open around
    /// it: nested anchors share this buffer, so recording costs O(events), not O(events × depth).
    @exclusivity(unchecked) private var recorded: [Event] = []
    /// Each anchor's node, as a range of `recorded`.
    @exclusivity(unchecked) private var anchors: [String: Range<Int>] = [:]
    /// Anchored nodes still being read: their name, the depth they started at, where they start.
    @exclusivity(unchecked) private var recording: [(name: String, depth: Int, start: Int)] = []
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var aliasEvents = 0
    @exclusivity(unchecked) private var state = State.start

    private enum State { case start, inDocument, afterDocument, done }

    /// Prepares to read `bytes`; a file over the size limit fails on the first `next()`.
    /// `json`: the file is JSON (read by the same parser), and its syntax errors say so.
    public init(bytes: [UInt8], limits: Limits = .default, json: Bool = false) {
        self.limits = limits
        self.parser = LibYAMLParser(bytes: bytes.count > limits.maxBytes ? [] : bytes, json: json)
        if bytes.count > limits.maxBytes {
            pendingError = YAMLError("yaml.size", YAMLText.tooLarge(bytes.count, limits.maxBytes), at: .start)
        }
    }

    @exclusivity(unchecked) private var pendingError: YAMLError?
    /// The text of a replayed scalar, lent out as its view's bytes until the next event.
    @exclusivity(unchecked) private var replayed = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)

    deinit { replayed.deallocate() }

    /// The next event of the document, or nil at its end.
    public func next() throws(YAMLError) -> Event? { try nextView()?.event }

    /// The next event with its scalar's text borrowed until the following call, or nil at the
    /// document's end: for a reader that keeps few scalars as text.
    public func nextView() throws(YAMLError) -> EventView? {
        if let error = pendingError { throw error }
        if replayIndex < replay.count {
            let event = replay[replayIndex]
            replayIndex += 1
            if replayIndex == replay.count { replay = []; replayIndex = 0 }
            try track(event)
            return view(event)
        }
        while true {
            // The event's parts are asked of the parser, which holds it: most events have no
            // anchor or tag, and their names are looked at only when one is there.
            switch try parser.advance() {
            case .scalar:
                let scalar = parser.scalar
                if parser.isAnchoredOrTagged, let anchor = try anchorAfterTag(at: scalar.mark) {
                    // Appended once: it serves this anchor and every open one around it.
                    anchors[anchor.string] = recorded.count..<recorded.count + 1
                    recorded.append(.scalar(scalar.scalar))
                    return .scalar(scalar)
                }
                if !recording.isEmpty { recorded.append(.scalar(scalar.scalar)) }
                return .scalar(scalar)
            case .mappingStart:
                let mark = parser.mark
                let anchor = parser.isAnchoredOrTagged ? try anchorAfterTag(at: mark) : nil
                return .mappingStart(try begin(.mappingStart(mark), anchor: anchor).mark)
            case .sequenceStart:
                let mark = parser.mark
                let anchor = parser.isAnchoredOrTagged ? try anchorAfterTag(at: mark) : nil
                return .sequenceStart(try begin(.sequenceStart(mark), anchor: anchor).mark)
            case .mappingEnd:
                return .mappingEnd(try end(.mappingEnd(parser.mark)).mark)
            case .sequenceEnd:
                return .sequenceEnd(try end(.sequenceEnd(parser.mark)).mark)
            case .streamStart:
                continue
            case .documentStart:
                if state == .afterDocument {
                    throw YAMLError("yaml.documents", YAMLText.multipleDocuments, at: parser.mark)
                }
                state = .inDocument
            case .documentEnd:
                state = .afterDocument
            case .streamEnd:
                state = .done
                return nil
            case .alias:
                let (name, mark) = (parser.aliasName, parser.mark)
                guard let range = anchors[name] else {
                    if recording.contains(where: { $0.name == name }) {
                        throw YAMLError("yaml.alias", YAMLText.recursiveAlias(name), at: mark)
                    }
                    throw YAMLError("yaml.alias", YAMLText.unknownAnchor(name), at: mark)
                }
                aliasEvents += range.count
                if aliasEvents > limits.maxAliasEvents {
                    throw YAMLError("yaml.alias", YAMLText.aliasBudget(limits.maxAliasEvents), at: mark)
                }
                let events = Array(recorded[range])
                // An alias inside an anchored node is part of it: recorded expanded, within the budget.
                for event in events { record(event) }
                replay = Array(events.dropFirst())
                replayIndex = 0
                try track(events[0])
                return view(events[0])
            }
        }
    }

    /// The held node's anchor, after refusing the tag it has, if any.
    private func anchorAfterTag(at mark: Mark) throws(YAMLError) -> RawName? {
        try reject(parser.tag, at: mark)
        return parser.anchor
    }

    /// A replayed event as a view, its text copied where the view may borrow it.
    private func view(_ event: Event) -> EventView {
        switch event {
        case .mappingStart(let m): return .mappingStart(m)
        case .mappingEnd(let m): return .mappingEnd(m)
        case .sequenceStart(let m): return .sequenceStart(m)
        case .sequenceEnd(let m): return .sequenceEnd(m)
        case .scalar(let s):
            let text = s.value.utf8
            if replayed.count < text.count {
                replayed.deallocate()
                replayed = .allocate(capacity: text.count)
            }
            let n = replayed.initialize(fromContentsOf: text)
            return .scalar(ScalarView(bytes: UnsafeBufferPointer(rebasing: replayed[..<n]), style: s.style, mark: s.mark, endMark: s.endMark))
        }
    }

    private func reject(_ tag: RawName?, at mark: Mark) throws(YAMLError) {
        if let tag { throw YAMLError("yaml.tag", YAMLText.tag(tag.string), at: mark) }
    }

    @inline(__always)
    private func begin(_ event: Event, anchor: RawName?) throws(YAMLError) -> Event {
        try track(event)
        if let anchor { recording.append((anchor.string, depth, recorded.count)) }
        record(event)
        return event
    }

    @inline(__always)
    private func end(_ event: Event) throws(YAMLError) -> Event {
        try track(event)
        record(event)
        while let last = recording.last, last.depth > depth {
            anchors[last.name] = last.start..<recorded.count
            recording.removeLast()
        }
        return event
    }

    /// Depth accounting for both parsed and replayed events.
    @inline(__always)
    private func track(_ event: Event) throws(YAMLError) {
        switch event {
        case .mappingStart(let mark), .sequenceStart(let mark):
            depth += 1
            if depth > limits.maxDepth {
                throw YAMLError("yaml.depth", YAMLText.tooDeep(limits.maxDepth), at: mark)
            }
        case .mappingEnd, .sequenceEnd:
            depth -= 1
        case .scalar:
            break
        }
    }

    private func record(_ event: Event) {
        if !recording.isEmpty { recorded.append(event) }
    }
}
