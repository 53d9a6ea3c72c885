import Foundation

/// CEL's equality and ordering, with numbers compared across int, uint and double.
public enum Equality {
    /// Two texts in code point order, which is the order of their UTF-8 bytes: -1, 0 or 1.
    static func orderOfBytes(_ x: String, _ y: String) -> Int {
        bytes(x) { a in
            bytes(y) { b in
                let n = min(a.count, b.count)
                let c = n == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, n)
                if c != 0 { return c < 0 ? -1 : 1 }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            }
        }
    }

    /// Whether two texts have the same UTF-8 bytes: lengths first, then one `memcmp`.
    public static func sameBytes(_ x: String, _ y: String) -> Bool {
        guard x.utf8.count == y.utf8.count else { return false }
        return bytes(x) { a in
            bytes(y) { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    /// A text's UTF-8 bytes, read where they are: `withUTF8` would need a copy of the string
    /// to mutate, a reference count up and down for every comparison.
    @inline(__always)
    static func bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var s = s
        return s.withUTF8(body)
    }

    public static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        // Code point by code point, as CEL says (not canonical equivalence); equal UTF-8 bytes are that.
        case (.string(let x), .string(let y)): return sameBytes(x, y)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case (let v?, let w?): return equal(v, w)
            default: return false
            }
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let w = y[k], equal(v, w) else { return false }
            }
            return true
        case (.object(let x), .object(let y)):
            guard x.type == y.type else { return false }
            return (0..<min(x.count, y.count)).allSatisfy { i in
                switch (x[slot: i], y[slot: i]) {
                case (nil, nil): true
                case (let v?, let w?): equal(v, w)
                default: false
                }
            }
        default:
            if let c = compareNumbers(a, b) { return c == 0 }
            return false
        }
    }

    /// -1, 0 or 1 when the values are ordered; nil when they are not (NaN, mixed kinds).
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)): return orderOfBytes(x, y)
        case (.timestamp(let x), .timestamp(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.bytes(let x), .bytes(let y)): return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.date(let x), .date(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.duration(let x), .duration(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        default: return compareNumbers(a, b)
        }
    }

    public static func compareNumbers(_ a: Value, _ b: Value) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x == y ? 0 : (x < y ? -1 : 1) }
        switch (a, b) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.uint(let x), .uint(let y)): return sign(x, y)
        case (.double(let x), .double(let y)): return x.isNaN || y.isNaN ? nil : sign(x, y)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : sign(UInt64(x), y)
        case (.uint(let x), .int(let y)): return y < 0 ? 1 : sign(x, UInt64(y))
        case (.int(let x), .double(let y)): return compareIntDouble(x, y)
        case (.double(let x), .int(let y)): return compareIntDouble(y, x).map { -$0 }
        case (.uint(let x), .double(let y)): return compareUIntDouble(x, y)
        case (.double(let x), .uint(let y)): return compareUIntDouble(y, x).map { -$0 }
        default: return nil
        }
    }

    // An int or uint meets a double as a double (cel-go does the same), so 2^63-1 and 2^63 compare equal.
    private static func compareIntDouble(_ i: Int64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        let x = Double(i)
        return x == d ? 0 : (x < d ? -1 : 1)
    }

    private static func compareUIntDouble(_ u: UInt64, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        let x = Double(u)
        return x == d ? 0 : (x < d ? -1 : 1)
    }
}
