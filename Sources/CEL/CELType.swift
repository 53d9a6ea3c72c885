/// A CEL type, as the checker sees it; `typeParam` appears only in overload signatures.
public indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
    case dyn, null, bool, int, uint, double, string, bytes
    case date, duration, timestamp
    case list(CELType)
    case map(CELType, CELType)
    /// The type of type values, e.g. `type(1)`.
    case type
    case object(ObjectType)
    /// An optional value of the type (cel-go's optionals).
    case optional(CELType)
    case typeParam(String)
    case error

    public var description: String {
        switch self {
        case .dyn: "dyn"
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .date: "date"
        case .duration: "google.protobuf.Duration"
        case .timestamp: "google.protobuf.Timestamp"
        case .list(let e): "list(\(e))"
        case .map(let k, let v): "map(\(k), \(v))"
        case .type: "type"
        case .object(let o): o.name
        case .optional(let t): "optional_type(\(t))"
        case .typeParam(let n): n
        case .error: "*error*"
        }
    }

    /// Type names usable as values, as in `type(x) == int`.
    static let builtinNames: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
        "bytes": .bytes, "null_type": .null, "type": .type, "list": .list(.dyn),
        "map": .map(.dyn, .dyn), "date": .date,
        "google.protobuf.Duration": .duration, "google.protobuf.Timestamp": .timestamp,
        "optional_type": .optional(.dyn),
    ]

    /// True for types whose values may be `null` (absent dates, records, dyn).
    var acceptsNull: Bool {
        switch self {
        case .null, .dyn, .date, .duration, .timestamp, .object, .typeParam: true
        default: false
        }
    }
}

/// A record type declared by a schema: named, with typed fields in declaration order.
/// Sendable without the compiler's check only for its table of listed texts, made once by
/// `init` and never changed.
public final class ObjectType: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let fieldNames: [String]
    public let fieldTypes: [CELType]
    private let index: [String: Int]
    /// For a record whose fields all have one type and that may be read by key (the office's
    /// `values` mappings): that type. `values.fix_within[it.level]` and `k in values.fix_within`
    /// then type-check as on a `map(string, T)`, and `.field` access keeps working.
    public let keyedValueType: CELType?
    /// For each slot, the texts a record may keep by number (`RecordField.listed`): a text
    /// field's list of allowed values (`enum`); empty for other fields.
    public let listed: [[String]]
    /// `listed` end to end, for a record to read a listed text by one number with no array
    /// counted (`CELObjectHeader.listed`); each slot's start in `listedStarts`.
    let listedTexts: UnsafeMutablePointer<String>
    @usableFromInline let listedStarts: UnsafeMutablePointer<Int>

    public init(name: String, fields: [(String, CELType)], keyed: Bool = false, listed: [[String]] = []) {
        self.name = name
        precondition(listed.isEmpty || listed.count == fields.count, "listed texts for \(listed.count) of \(fields.count) fields")
        self.listed = listed.isEmpty ? fields.map { _ in [] } : listed
        let flat = self.listed.flatMap { $0 }
        listedTexts = .allocate(capacity: max(flat.count, 1))
        listedTexts.initialize(from: flat, count: flat.count)
        listedStarts = .allocate(capacity: max(fields.count, 1))
        var start = 0
        for (i, texts) in self.listed.enumerated() {
            listedStarts[i] = start
            start += texts.count
        }
        self.fieldNames = fields.map(\.0)
        self.fieldTypes = fields.map(\.1)
        let first = fields.first?.1
        self.keyedValueType = keyed && first != nil && fields.allSatisfy { $0.1 == first } ? first : nil
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f.0] = i }
        self.index = index
    }

    deinit {
        listedTexts.deinitialize(count: listed.reduce(0) { $0 + $1.count })
        listedTexts.deallocate()
        listedStarts.deallocate()
    }

    /// The slot of a field, if the type declares it.
    public func slot(of field: String) -> Int? {
        // Records have a handful of short field names: comparing beats hashing.
        if fieldNames.count <= 16 { return fieldNames.firstIndex(of: field) }
        return index[field]
    }

    /// The declared type of a field, if any.
    public func type(of field: String) -> CELType? { index[field].map { fieldTypes[$0] } }

    public var description: String { name }

    public static func == (a: ObjectType, b: ObjectType) -> Bool { a === b || a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }
}
