/// The bytes a renderer made of a unit's findings (`FindingRenderer`), handed from the
/// checking thread to the sink, and by the sink to its output, as they are: a unit's JSON is
/// tens of kilobytes, and each copy on the way cost as much as writing it out.
public final class RenderedBytes: @unchecked Sendable {
    // Never changed once made: threads may read it after the one that made it.
    private let array: [UInt8]
    private let base: UnsafeMutableRawPointer?
    /// How many bytes there are.
    public let count: Int

    /// Bytes already in an array, kept as they are.
    public init(_ array: [UInt8]) {
        self.array = array
        base = nil
        count = array.count
    }

    /// Takes `count` bytes at `base`, allocated with `UnsafeMutableRawPointer.allocate`;
    /// freed with this object.
    public init(taking base: UnsafeMutableRawPointer, count: Int) {
        array = []
        self.base = base
        self.count = count
    }

    deinit { base?.deallocate() }

    /// `body` of the bytes, valid while it runs.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let base { return try body(UnsafeRawBufferPointer(start: base, count: count)) }
        return try array.withUnsafeBytes(body)
    }

    /// The bytes, as an array of their own.
    public var bytes: [UInt8] { withBytes { Array($0) } }
}
