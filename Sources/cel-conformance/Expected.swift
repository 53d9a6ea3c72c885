import CEL

/// Converts conformance-file values and types into CEL values and types.
enum Expected {
    struct Unsupported: Error { let what: String }

    /// A `Value` message (`int64_value: 1`, `list_value { … }`, …).
    static func value(_ m: TextMessage) throws -> Value {
        guard let (name, field) = m.fields.first else { throw Unsupported(what: "empty value") }
        switch (name, field) {
        case ("null_value", _): return .null
        case ("bool_value", .scalar(let s)): return .bool(s == "true")
        case ("int64_value", .scalar(let s)):
            guard let v = Int64(s) else { throw Unsupported(what: "int \(s)") }
            return .int(v)
        case ("uint64_value", .scalar(let s)):
            guard let v = UInt64(s) else { throw Unsupported(what: "uint \(s)") }
            return .uint(v)
        case ("double_value", .scalar(let s)):
            switch s.lowercased() {
            case "inf", "infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            case "nan": return .double(.nan)
            default:
                guard let v = Double(s) else { throw Unsupported(what: "double \(s)") }
                return .double(v)
            }
        case ("string_value", .bytes(let b)): return .string(String(decoding: b, as: UTF8.self))
        case ("bytes_value", .bytes(let b)): return .bytes(b)
        case ("list_value", .message(let l)):
            return .list(try l.all("values").map { f in
                guard case .message(let v) = f else { throw Unsupported(what: "list element") }
                return try value(v)
            })
        case ("map_value", .message(let mm)):
            var map = CELMap()
            for case .message(let entry) in mm.all("entries") {
                guard let k = entry.message("key"), let v = entry.message("value") else { throw Unsupported(what: "map entry") }
                map.insert(try value(k), try value(v))
            }
            return .map(map)
        case ("type_value", _):
            let name = m.string("type_value") ?? ""
            guard let t = typeNamed(name) else { throw Unsupported(what: "type \(name)") }
            return .type(t)
        default:
            throw Unsupported(what: name)
        }
    }

    static func typeNamed(_ name: String) -> CELType? {
        switch name {
        case "int": .int
        case "uint": .uint
        case "double": .double
        case "bool": .bool
        case "string": .string
        case "bytes": .bytes
        case "null_type": .null
        case "type": .type
        case "list": .list(.dyn)
        case "map": .map(.dyn, .dyn)
        case "google.protobuf.Duration": .duration
        case "google.protobuf.Timestamp": .timestamp
        default: nil
        }
    }

    /// A `Type` message of a `type_env` declaration.
    static func type(_ m: TextMessage) throws -> CELType {
        if let p = m.string("primitive") {
            switch p {
            case "BOOL": return .bool
            case "INT64": return .int
            case "UINT64": return .uint
            case "DOUBLE": return .double
            case "STRING": return .string
            case "BYTES": return .bytes
            default: throw Unsupported(what: "primitive \(p)")
            }
        }
        if let l = m.message("list_type") {
            return .list(try l.message("elem_type").map(type) ?? .dyn)
        }
        if let mt = m.message("map_type") {
            return .map(try mt.message("key_type").map(type) ?? .dyn, try mt.message("value_type").map(type) ?? .dyn)
        }
        if m.has("dyn") { return .dyn }
        if m.has("null") { return .null }
        if let w = m.string("well_known") {
            switch w {
            case "DURATION": return .duration
            case "TIMESTAMP": return .timestamp
            default: throw Unsupported(what: "well_known \(w)")
            }
        }
        if m.has("type") { return .type }
        throw Unsupported(what: "type")
    }

    /// Equality of results: kinds must match (1 is not 1u), NaN equals NaN, maps in any order.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let i = y.keys.firstIndex(where: { same($0, k) }), same(y.values[i], v) else { return false }
            }
            return true
        default: return false
        }
    }
}
