/// A YAML node with its source mark; the generic tree used for small files such as rules.
public indirect enum Node: Sendable, Hashable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// Where the node starts.
    public var mark: Mark {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(let m): m.mark
        case .sequence(let s): s.mark
        }
    }

    /// The scalar, when the node is one.
    public var scalar: Scalar? {
        if case .scalar(let s) = self { s } else { nil }
    }

    /// The mapping, when the node is one.
    public var mapping: Mapping? {
        if case .mapping(let m) = self { m } else { nil }
    }

    /// The sequence, when the node is one.
    public var sequence: Sequence? {
        if case .sequence(let s) = self { s } else { nil }
    }

    /// A short Chinese name of the node's kind, for messages.
    public var kindName: String {
        switch self {
        case .scalar: "文本"
        case .mapping: "映射"
        case .sequence: "列表"
        }
    }
}

/// A mapping in source order; keys are scalars and unique.
public struct Mapping: Sendable, Hashable {
    public var mark: Mark
    public var entries: [(key: Scalar, value: Node)]

    public init(mark: Mark, entries: [(key: Scalar, value: Node)]) {
        self.mark = mark
        self.entries = entries
    }

    /// The value under `key`, if present.
    public subscript(key: String) -> Node? {
        entries.first { $0.key.value == key }?.value
    }

    /// The key scalar itself, for pointing at it.
    public func keyScalar(_ key: String) -> Scalar? {
        entries.first { $0.key.value == key }?.key
    }

    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.mark == b.mark && a.entries.elementsEqual(b.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into h: inout Hasher) {
        h.combine(mark)
        for e in entries { h.combine(e.key); h.combine(e.value) }
    }
}

/// A sequence and where it starts.
public struct Sequence: Sendable, Hashable {
    public var mark: Mark
    public var items: [Node]

    public init(mark: Mark, items: [Node]) {
        self.mark = mark
        self.items = items
    }
}
