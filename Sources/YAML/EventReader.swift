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

    /// The next event of the document, or nil at its end.
    public func next() throws(YAMLError) -> Event? {
        if let error = pendingError { throw error }
        if replayIndex < replay.count {
            let event = replay[replayIndex]
            replayIndex += 1
            if replayIndex == replay.count { replay = []; replayIndex = 0 }
            try track(event)
            return event
        }
        while true {
            let raw = try parser.next()
            switch raw {
            case .streamStart: continue
            case .documentStart(let mark):
                if state == .afterDocument {
                    throw YAMLError("yaml.documents", YAMLText.multipleDocuments, at: mark)
                }
                state = .inDocument
            case .documentEnd:
                state = .afterDocument
            case .streamEnd:
                state = .done
                return nil
            case .mappingStart(let mark, let anchor, let tag):
                try reject(tag, at: mark)
                return try begin(.mappingStart(mark), anchor: anchor)
            case .sequenceStart(let mark, let anchor, let tag):
                try reject(tag, at: mark)
                return try begin(.sequenceStart(mark), anchor: anchor)
            case .mappingEnd(let mark):
                return try end(.mappingEnd(mark))
            case .sequenceEnd(let mark):
                return try end(.sequenceEnd(mark))
            case .scalar(let scalar, let anchor, let tag):
                try reject(tag, at: scalar.mark)
                let event = Event.scalar(scalar)
                if let anchor {
                    // Appended once: it serves this anchor and every open one around it.
                    anchors[anchor] = recorded.count..<recorded.count + 1
                    recorded.append(event)
                } else {
                    record(event)
                }
                return event
            case .alias(let name, let mark):
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
                return events[0]
            }
        }
    }

    private func reject(_ tag: String?, at mark: Mark) throws(YAMLError) {
        if let tag { throw YAMLError("yaml.tag", YAMLText.tag(tag), at: mark) }
    }

    private func begin(_ event: Event, anchor: String?) throws(YAMLError) -> Event {
        try track(event)
        if let anchor { recording.append((anchor, depth, recorded.count)) }
        record(event)
        return event
    }

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
