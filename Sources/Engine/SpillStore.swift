import Foundation

/// Bytes written once and read back by offset: a temporary file, unlinked at once, so what a
/// run keeps for its campaign rules lives outside its memory. When no temporary file can be
/// made or written (a full or read-only disk), the bytes stay in memory instead.
final class SpillStore: @unchecked Sendable {
    private var fd: Int32 = -1
    /// False once the disk refused a write: what is in the file stays readable.
    private var writable = false
    /// Bytes already in the file.
    private var flushed = 0
    /// Bytes after those, not yet written (or never, once the file failed).
    private var tail: [UInt8] = []
    /// Bytes gathered before they are written to the file.
    private let chunk: Int

    init(chunk: Int = 1 << 18) {
        self.chunk = chunk
        if case .success(let file) = Paths.temporaryFile(in: NSTemporaryDirectory(), prefix: "duibiao-index-") {
            unlink(file.path)
            fd = file.fd
            writable = true
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Closes the file under the store, as a failing disk would leave it: for tests of what
    /// a run says when its index cannot be read back.
    func failReadsForTesting() {
        if fd >= 0 { close(fd) }
        fd = -1
        window = []
        windowStart = 0
    }

    /// How many bytes have been appended.
    var size: Int { flushed + tail.count }

    /// Appends bytes; they are at `size` before the call.
    func append(_ bytes: [UInt8]) {
        tail += bytes
        if writable, tail.count >= chunk { flush() }
    }

    private func flush() {
        var done = 0
        while done < tail.count {
            let n = tail.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(flushed + done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                // The disk refused: the rest stays here.
                writable = false
                break
            }
            done += n
        }
        flushed += done
        tail.removeFirst(done)
    }

    /// Reads of the file that failed (the disk gave an error, or fewer bytes than were
    /// written), and the last one's errno: the reader is told, and says its results are incomplete.
    private(set) var failedReads = 0
    private(set) var lastError: Int32 = 0

    /// The last stretch read from the file, kept for the reads after it: an index read back
    /// in file order (a campaign rule going over every unit's items) costs one read of the
    /// disk per window, not one per unit.
    private var window: [UInt8] = []
    private var windowStart = 0
    /// How much a read of the file takes at least.
    private let windowSize = 1 << 18

    /// Where the last read ended: a read from there goes on in file order.
    private var lastEnd = -1

    /// The bytes at `range`, into `buffer` (replacing what it held). Bytes the file would not
    /// give back are zeros, and the read is counted in `failedReads`.
    func read(_ range: Range<Int>, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        defer { lastEnd = range.upperBound }
        if range.lowerBound < flushed {
            let inFile = range.lowerBound..<min(range.upperBound, flushed)
            let windowEnd = windowStart + window.count
            let inWindow = inFile.lowerBound >= windowStart && inFile.upperBound <= windowEnd
            if !inWindow && inFile.lowerBound != windowEnd && inFile.lowerBound != lastEnd {
                // Out of file order (a finding's unit, an item of a group): read alone, the
                // window left to the reads in order, which it would otherwise be read again for.
                buffer.append(contentsOf: repeatElement(0, count: inFile.count))
                let done = buffer.withUnsafeMutableBytes { readFile($0, at: inFile.lowerBound) }
                buffer.removeLast(inFile.count - done)
            } else {
                if !inWindow { fill(from: inFile.lowerBound, atLeast: inFile.count) }
                // What the window holds of the range.
                let held = max(0, min(inFile.upperBound, windowStart + window.count) - inFile.lowerBound)
                if held > 0 { buffer += window[(inFile.lowerBound - windowStart)..<(inFile.lowerBound - windowStart + held)] }
            }
            // The rest (a read that failed) is zeros.
            if buffer.count < inFile.count { buffer.append(contentsOf: repeatElement(0, count: inFile.count - buffer.count)) }
        }
        if range.upperBound > flushed {
            buffer += tail[(max(range.lowerBound, flushed) - flushed)..<(range.upperBound - flushed)]
        }
    }

    /// Reads the window at `offset`: `windowSize` bytes, or `count` if more, or what the file
    /// has. A read the file refuses or cuts short is counted, and the window ends there.
    private func fill(from offset: Int, atLeast count: Int) {
        let size = min(max(windowSize, count), flushed - offset)
        window.removeAll(keepingCapacity: true)
        window.append(contentsOf: repeatElement(0, count: size))
        windowStart = offset
        let done = window.withUnsafeMutableBytes { readFile($0, at: offset) }
        window.removeLast(size - done)
    }

    /// Fills `room` from the file at `offset`; how many bytes it got. A read the file refuses
    /// or cuts short is counted, and the bytes end there.
    private func readFile(_ room: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var done = 0
        while done < room.count {
            let n = pread(fd, room.baseAddress! + done, room.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                failedReads += 1
                lastError = n < 0 ? errno : EIO
                break
            }
            done += n
        }
        return done
    }
}
