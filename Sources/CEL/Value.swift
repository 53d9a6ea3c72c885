/// A CEL value. Errors are values too, so `&&`, `||` and the macros can absorb them.
/// Sendable without the compiler's check only for `CELObject`, a `ManagedBuffer` (which the
/// standard library keeps from being `Sendable`) that is never changed once made.
public enum Value: @unchecked Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    /// Boxed, as the error below: rare, and larger than the other payloads (16 bytes at most,
    /// so a value takes 17 and arrays of values stay small).
    indirect case map(CELMap)
    case date(CELDate)
    case duration(CELDuration)
    case timestamp(CELTimestamp)
    case type(CELType)
    case object(CELObject)
    /// cel-go's optional values: `optional.of(x)` holds a value, `optional.none()` none.
    indirect case optional(Value?)
    indirect case error(EvalError)

    /// The runtime type of the value, as `type(x)` returns it.
    public var celType: CELType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .list: .list(.dyn)
        case .map: .map(.dyn, .dyn)
        case .date: .date
        case .duration: .duration
        case .timestamp: .timestamp
        case .type: .type
        case .object(let o): .object(o.type)
        case .optional: .optional(.dyn)
        case .error: .error
        }
    }

    /// The error, when the value is one.
    public var error: EvalError? {
        if case .error(let e) = self { e } else { nil }
    }

    /// Shorthand for an error value.
    public static func fail(_ message: String) -> Value { .error(EvalError(message)) }
}

/// Why an evaluation failed; carried as a value until something reports it.
public struct EvalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where in the expression the error arose, when known.
    public var range: SourceRange?

    public init(_ message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }

    public var description: String { message }
}

/// What a record holds before its fields: its type, where it was written, how many fields.
public struct CELObjectHeader: Sendable {
    let type: ObjectType
    let origin: Provenance?
    let count: Int
}

/// A record decoded from input: a schema type and a value per declared field (nil when absent).
/// The fields are stored in the object itself, after its header: a record is one allocation,
/// not an object and an array, and a field is read without going through the array.
public final class CELObject: ManagedBuffer<CELObjectHeader, Value?>, @unchecked Sendable {
    // Immutable once made: `make` initializes every field before the record is shared.

    /// A record of `type` with `fields`, each in the slot of its field.
    public static func make(type: ObjectType, fields: [Value?], origin: Provenance? = nil) -> CELObject {
        make(type: type, count: fields.count, origin: origin) { p in
            for i in fields.indices { p[i] = fields[i] }
        }
    }

    /// A record of `type` with `count` fields, all absent until `fill` sets them, in place: a
    /// decoder writes each field where it stays. Should `fill` throw, the record is dropped.
    @inline(__always)
    public static func make<E: Error>(type: ObjectType, count: Int, origin: Provenance? = nil,
                                      fill: (UnsafeMutablePointer<Value?>) throws(E) -> Void) throws(E) -> CELObject {
        let buffer = create(minimumCapacity: count) { _ in CELObjectHeader(type: type, origin: origin, count: count) }
        let o = unsafeDowncast(buffer, to: CELObject.self)
        // The pointer is used only while `o` is held here.
        let fields = o.withUnsafeMutablePointerToElements { $0 }
        fields.initialize(repeating: nil, count: count)
        try fill(fields)
        return o
    }

    deinit {
        _ = withUnsafeMutablePointers { h, e in e.deinitialize(count: h.pointee.count) }
    }

    public var type: ObjectType { withUnsafeMutablePointerToHeader { $0.pointee.type } }
    public var origin: Provenance? { withUnsafeMutablePointerToHeader { $0.pointee.origin } }
    /// The number of fields (the type's, for a record made from its type).
    public var count: Int { withUnsafeMutablePointerToHeader { $0.pointee.count } }

    /// Whether the record is of type `t`: compared where the type is kept, with no reference
    /// to it counted.
    @inline(__always)
    public func isOf(_ t: ObjectType) -> Bool { withUnsafeMutablePointerToHeader { $0.pointee.type === t } }

    /// The field in `slot` (nil when absent); `slot` must be below `count`.
    @inline(__always)
    public subscript(slot i: Int) -> Value? {
        // Unchecked in release builds, as the callers check against `count`; tests run checked.
        assert(i >= 0 && i < count, "slot \(i) of a record of \(count) fields")
        return withUnsafeMutablePointerToElements { $0[i] }
    }

    /// The fields, as an array of their own.
    public var fields: [Value?] {
        withUnsafeMutablePointers { h, e in Array(UnsafeBufferPointer(start: e, count: h.pointee.count)) }
    }

    /// The value of a field by name; nil when absent or undeclared.
    public subscript(name: String) -> Value? {
        guard let slot = type.slot(of: name), slot < count else { return nil }
        return self[slot: slot]
    }
}

/// A field of a record type, found once by name: read by its slot from records of that type,
/// by name from any other. For loops that read the same field of every record.
public struct FieldRef: Sendable {
    public let name: String
    public let type: ObjectType
    public let slot: Int

    /// The field `name` of `type`, or nil when the type does not declare it.
    public init?(_ name: String, of type: ObjectType) {
        guard let slot = type.slot(of: name) else { return nil }
        (self.name, self.type, self.slot) = (name, type, slot)
    }

    /// The field's value in `o`; nil when absent or undeclared.
    @inline(__always)
    public func read(_ o: CELObject) -> Value? {
        o.isOf(type) && slot < o.count ? o[slot: slot] : o[name]
    }
}

/// A key of a CEL map; ints and uints with the same value are the same key, as CEL's equality says.
public enum MapKey: Sendable, Hashable {
    case bool(Bool), int(Int64), uint(UInt64), string(String)

    /// The key for a value, or nil when the value cannot be a map key.
    public init?(_ value: Value) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        case .string(let s): self = .string(s)
        case .double(let d):
            // A double with an exact integer value finds the integer key (heterogeneous equality).
            guard d.rounded() == d, let i = Int64(exactly: d) else { return nil }
            self = .int(i)
        default: return nil
        }
    }
}

/// A CEL map keeping insertion order, so output is deterministic.
public struct CELMap: Sendable {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [MapKey: Int] = [:]

    public init() {}

    public var count: Int { keys.count }

    /// Looks a key up; nil when absent or not a valid key.
    public subscript(key: Value) -> Value? {
        guard let k = MapKey(key), let i = index[k] else { return nil }
        return values[i]
    }

    /// Adds an entry; false when the key is already present or invalid.
    @discardableResult
    public mutating func insert(_ key: Value, _ value: Value) -> Bool {
        guard let k = MapKey(key), index[k] == nil else { return false }
        index[k] = keys.count
        keys.append(key)
        values.append(value)
        return true
    }
}
