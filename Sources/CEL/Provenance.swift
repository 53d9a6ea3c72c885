/// Where a value came from in some input: the host's file number, line and column (1-based).
///
/// The CEL layer carries it through evaluation untouched (`min` of dates keeps the chosen
/// date's provenance) so the host can point at the record that decided a result.
///
/// Packed in eight bytes (file 21 bits, line 23, column 20): every date of every record carries
/// one, and a smaller date makes every value smaller. Beyond their ranges (2,097,151 files,
/// 8,388,607 lines, a column past 1,048,575) numbers are clamped; a file is at most 8 MiB.
public struct Provenance: Sendable, Hashable {
    /// Never zero: the line is at least 1, which lets a date store "no provenance" as zero.
    let bits: UInt64

    @usableFromInline static let fileBits: UInt64 = 21, lineBits: UInt64 = 23, columnBits: UInt64 = 20
    /// The file number's bits.
    static let fileMask: UInt64 = ~((1 << (lineBits + columnBits)) - 1)

    public init(file: Int32, line: Int32, column: Int32) {
        func clamp(_ v: Int32, _ bits: UInt64, least: Int32) -> UInt64 { UInt64(min(max(v, least), Int32((1 << bits) - 1))) }
        bits = clamp(file, Self.fileBits, least: 0) << (Self.lineBits + Self.columnBits) | Self.inFile(line: Int(line), column: Int(column))
    }

    init(bits: UInt64) { self.bits = bits }

    /// The bits of line `line` and column `column` with file number zero (`inFileZero`'s):
    /// the line at least 1, each clamped to its range.
    @inlinable
    static func inFile(line: Int, column: Int) -> UInt64 {
        UInt64(min(max(line, 1), (1 << Int(lineBits)) - 1)) << columnBits | UInt64(min(max(column, 0), (1 << Int(columnBits)) - 1))
    }

    /// The eight bytes it is kept in, for a host that stores provenance itself.
    public var packed: UInt64 { bits }

    /// A provenance from `packed`; nil for zero, which no provenance packs to.
    public init?(packed: UInt64) {
        guard packed != 0 else { return nil }
        bits = packed
    }

    public var file: Int32 { Int32(bits >> (Self.lineBits + Self.columnBits)) }
    public var line: Int32 { Int32((bits >> Self.columnBits) & ((1 << Self.lineBits) - 1)) }
    public var column: Int32 { Int32(bits & ((1 << Self.columnBits) - 1)) }

    /// The same line and column with file number zero: for places known to be in one file,
    /// ordered by line and column as their `packed` bits.
    public var inFileZero: Provenance { Provenance(bits: bits & ~Self.fileMask) }
}
