/// Unsigned LEB128: seven bits a byte, low bits first, the last byte's high bit clear. Counts
/// and lengths are mostly below 128, so mostly one byte.
enum LEB128 {
    static func append(_ v: UInt64, to bytes: inout [UInt8]) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
