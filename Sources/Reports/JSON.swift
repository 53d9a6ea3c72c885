/// A JSON value with ordered object keys, so output is stable and reads in a sensible order.
public indirect enum JSON: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    /// An array laid out one compact element per line when the rest is indented: `grep` and
    /// `diff` see each element (a finding, a rule) whole, and the file is a third smaller.
    case lines([JSON])
    case object([(String, JSON)])

    /// Serialises with two-space indentation (or compactly), keys in the order given.
    public func serialized(pretty: Bool = true) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: pretty ? 0 : nil)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 text to `out`, starting at nesting level `indent` (nil: compact).
    /// Bytes, not `String`: a report of half a million findings is written here.
    public func write(into out: inout [UInt8], indent: Int?) {
        switch self {
        case .null: out += JSON.nullBytes
        case .bool(let b): out += b ? JSON.trueBytes : JSON.falseBytes
        case .int(let i): out += String(i).utf8
        case .double(let d):
            if !d.isFinite { out += JSON.nullBytes } else if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)).utf8 } else { out += "\(d)".utf8 }
        case .string(let s): JSON.quote(s, into: &out)
        case .array(let items):
            JSON.array(count: items.count, indent: indent, into: &out) { i, out in items[i].write(into: &out, indent: indent.map { $0 + 1 }) }
        case .lines(let items):
            JSON.array(count: items.count, indent: indent, into: &out) { i, out in items[i].write(into: &out, indent: nil) }
        case .object(let fields):
            if fields.isEmpty { out += [0x7B, 0x7D]; return }
            out.append(0x7B)
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSON.newline(&out, indent.map { $0 + 1 })
                JSON.quote(k, into: &out)
                out += indent == nil ? [0x3A] : [0x3A, 0x20]
                v.write(into: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out.append(0x7D)
        }
    }

    /// An array's brackets and layout at `indent` (nil: compact): each item, written by `item`
    /// given its place, on its own line one level in; `[]` when there is none. The tree and the
    /// writers that skip it lay arrays out here alike.
    static func array<S: ByteSink & ~Copyable>(count: Int, indent: Int?, into out: inout S, item: (Int, inout S) -> Void) {
        out.append(0x5B)
        guard count > 0 else { return out.append(0x5D) }
        for i in 0..<count {
            if i > 0 { out.append(0x2C) }
            newline(&out, indent.map { $0 + 1 })
            item(i, &out)
        }
        newline(&out, indent)
        out.append(0x5D)
    }

    static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    /// A line break and two spaces per level (nothing when compact).
    static func newline<S: ByteSink & ~Copyable>(_ out: inout S, _ indent: Int?) {
        guard let indent else { return }
        if let literal = lineBreak(indent) { return out.append(literal) }
        out.append(0x0A)
        for _ in 0..<(2 * indent) { out.append(0x20) }
    }

    /// The line break to the usual levels as a literal (a finding has a dozen breaks; no
    /// array is shared between threads); nil past them.
    static func lineBreak(_ indent: Int) -> StaticString? {
        switch indent {
        case 0: "\n"
        case 1: "\n  "
        case 2: "\n    "
        case 3: "\n      "
        case 4: "\n        "
        case 5: "\n          "
        case 6: "\n            "
        case 7: "\n              "
        default: nil
        }
    }

    /// `null`, as a literal.
    static let nullText: StaticString = "null"

    /// A JSON string: quotes, backslashes and control characters escaped; the rest of the
    /// UTF-8 bytes as they are.
    static func quote<S: ByteSink & ~Copyable>(_ s: String, into out: inout S) {
        out.append(0x22)
        // Runs without escapes are copied whole, straight from the string's storage (read in
        // place: `withUTF8` would need a copy to mutate, a reference count up and down).
        func body(_ bytes: UnsafeBufferPointer<UInt8>) {
            var start = 0, i = 0
            let count = bytes.count
            while i < count {
                // Eight bytes at a time while none needs escaping (most of a report's text).
                if i &+ 8 <= count, !needsEscape(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                    i &+= 8
                    continue
                }
                let b = bytes[i]
                if b < 0x20 || b == 0x22 || b == 0x5C {
                    out.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<i])))
                    escape(b, into: &out)
                    start = i &+ 1
                }
                i &+= 1
            }
            out.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
        }
        if s.utf8.withContiguousStorageIfAvailable(body) == nil {
            var s = s
            s.withUTF8(body)
        }
        out.append(0x22)
    }

    /// Whether any of eight bytes is below 0x20, a quote or a backslash: the usual tests for a
    /// byte below a bound and for a zero byte, on all eight at once.
    @inline(__always)
    static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        let below = (w &- ones &* 0x20) & ~w
        let zeros = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        return (below | zeros) & highs != 0
    }

    /// One byte that JSON requires escaped.
    static func escape<S: ByteSink & ~Copyable>(_ b: UInt8, into out: inout S) {
        out.append(0x5C)
        switch b {
        case 0x22, 0x5C: out.append(b)
        case 0x0A: out.append(0x6E)
        case 0x0D: out.append(0x72)
        case 0x09: out.append(0x74)
        default:
            out.append(0x75); out.append(0x30); out.append(0x30)
            out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
        }
    }

    static let hex = Array("0123456789abcdef".utf8)
}

