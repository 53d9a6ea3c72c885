/// Builds a `Node` tree from an `EventReader`, rejecting complex and duplicate keys.
public enum Composer {
    /// Parses one document; an empty document is an error.
    public static func compose(bytes: [UInt8], limits: Limits = .default) throws(YAMLError) -> Node {
        let reader = EventReader(bytes: bytes, limits: limits)
        guard let first = try reader.next() else {
            throw YAMLError("yaml.empty", YAMLText.empty, at: .start)
        }
        let node = try node(from: first, reader)
        // The reader enforces one document; drain it so a second one is reported.
        while try reader.next() != nil {}
        return node
    }

    /// Parses text, as `compose(bytes:)` does.
    public static func compose(_ text: String, limits: Limits = .default) throws(YAMLError) -> Node {
        try compose(bytes: Array(text.utf8), limits: limits)
    }

    private static func node(from event: Event, _ reader: EventReader) throws(YAMLError) -> Node {
        switch event {
        case .scalar(let s):
            return .scalar(s)
        case .sequenceStart(let mark):
            var items: [Node] = []
            while let e = try reader.next() {
                if case .sequenceEnd = e { break }
                items.append(try node(from: e, reader))
            }
            return .sequence(Sequence(mark: mark, items: items))
        case .mappingStart(let mark):
            var entries: [(key: Scalar, value: Node)] = []
            var seen: [String: Mark] = [:]
            while let e = try reader.next() {
                if case .mappingEnd = e { break }
                guard case .scalar(let key) = e else {
                    throw YAMLError("yaml.key", YAMLText.complexKey, at: e.mark)
                }
                if let first = seen[key.value] {
                    throw YAMLError("yaml.duplicate-key", YAMLText.duplicateKey(key.value, first), at: key.mark)
                }
                seen[key.value] = key.mark
                guard let valueEvent = try reader.next() else { break }
                entries.append((key, try node(from: valueEvent, reader)))
            }
            return .mapping(Mapping(mark: mark, entries: entries))
        case .mappingEnd(let mark), .sequenceEnd(let mark):
            throw YAMLError("yaml.syntax", YAMLText.syntax("unexpected end", nil), at: mark)
        }
    }
}
