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
