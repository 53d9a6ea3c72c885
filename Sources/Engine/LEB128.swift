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

    /// The number at `at` in `bytes`, `at` moved past what was read, and whether it was whole:
    /// false when the bytes end before its last byte or it runs past 64 bits (the number is
    /// then what was read of it).
    static func read<C: RandomAccessCollection<UInt8>>(_ bytes: C, at: inout Int) -> (value: UInt64, whole: Bool) where C.Index == Int {
        var v: UInt64 = 0, shift: UInt64 = 0
        while at < bytes.endIndex, shift < 64 {
            let b = bytes[at]
            at += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return (v, true) }
            shift += 7
        }
        return (v, false)
    }
}
