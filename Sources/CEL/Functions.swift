/// One signature of a function with its implementation; operators are functions too (`_+_`).
public struct Overload: Sendable {
    public let id: String
    /// Called as `x.f(…)`: the receiver is the first parameter.
    public let member: Bool
    public let params: [CELType]
    public let result: CELType
    let impl: @Sendable (Arguments) -> Value

    public init(_ id: String, member: Bool = false, _ params: [CELType], _ result: CELType,
                _ impl: @escaping @Sendable (Arguments) -> Value) {
        self.id = id
        self.member = member
        self.params = params
        self.result = result
        self.impl = impl
    }

    /// The function's value for arguments in an array, as a call with them gives it.
    func call(_ args: [Value]) -> Value { args.withUnsafeBufferPointer { impl($0) } }

    /// `accepts` for arguments in an array (what a shortcut is checked against at load).
    func accepts(_ args: [Value]) -> Bool { args.withUnsafeBufferPointer { accepts($0) } }

    /// Whether runtime values fit the declared parameters (element types are the checker's job).
    func accepts(_ args: Arguments) -> Bool {
        guard args.count == params.count else { return false }
        // By index: pairs from `zip` would be copies of each value and type.
        for i in args.indices where !Overload.fits(args[i], params[i]) { return false }
        return true
    }

    static func fits(_ v: Value, _ t: CELType) -> Bool {
        switch (t, v) {
        case (.dyn, _), (.typeParam, _): true
        case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double),
             (.string, .string), (.bytes, .bytes), (.date, .date), (.duration, .duration), (.timestamp, .timestamp),
             (.list, .list), (.map, .map), (.type, .type), (.optional, .optional): true
        case (.object(let a), .object(let o)): a == o.type
        default: false
        }
    }
}

/// A call's arguments, where the call keeps them while the function runs (on its stack): a
/// function reads them, or copies what it keeps, and never holds on to the buffer.
public typealias Arguments = UnsafeBufferPointer<Value>

/// The functions an environment knows, by name; domain functions are declared the same way.
public struct FunctionTable: Sendable {
    public private(set) var overloads: [String: [Overload]] = [:]

    public init() {}

    /// Adds overloads to a function, creating it if new.
    public mutating func add(_ name: String, _ list: [Overload]) {
        overloads[name, default: []].append(contentsOf: list)
    }

    /// All standard CEL functions, cel-go's extension libraries (docs/cel.md) and the domain
    /// extensions.
    public static let standard: FunctionTable = fresh()

    /// The table `standard` is, made anew: its overloads share no object with `standard`'s,
    /// for rules evaluated on a thread of their own (calling an overload counts references on
    /// its parts, and threads counting on one object pass its cache line to each other).
    public static func fresh() -> FunctionTable {
        var t = FunctionTable()
        Stdlib.register(&t)
        Encoders.register(&t)
        MathExt.register(&t)
        StringsExt.register(&t)
        ListsExt.register(&t)
        Optionals.register(&t)
        Domain.register(&t)
        return t
    }
}
