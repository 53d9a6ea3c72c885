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
        windows = [Window(), Window()]
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

    /// Stretches read from the file, kept for the reads after them: an index read back in file
    /// order (a campaign rule going over every unit's items, a group's items unit after unit)
    /// costs one read of the disk per window, not one per unit. Two, so that reads elsewhere
    /// in between (each finding's unit) do not push the one in order out.
    private struct Window {
        var start = 0
        var bytes: [UInt8] = []
        var used = 0
        var end: Int { start + bytes.count }
    }

    private var windows = [Window(), Window()]
    private var reads = 0
    /// How much a read of the file in order takes at least; one that jumps elsewhere takes
    /// `jumpSize`, and its window grows to `windowSize` if the reads after it go on from there.
    private let windowSize = 1 << 18
    private let jumpSize = 1 << 14

    /// How many times the file was read.
    private(set) var fileReads = 0

    /// The bytes at `range`, into `buffer` (replacing what it held). Bytes the file would not
    /// give back are zeros, and the read is counted in `failedReads`.
    func read(_ range: Range<Int>, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        if range.lowerBound < flushed {
            let inFile = range.lowerBound..<min(range.upperBound, flushed)
            reads += 1
            let w = window(for: inFile)
            windows[w].used = reads
            // What the window holds of the range; the rest (a read that failed) is zeros.
            let held = max(0, min(inFile.upperBound, windows[w].end) - inFile.lowerBound)
            let from = inFile.lowerBound - windows[w].start
            if held > 0 { buffer += windows[w].bytes[from..<(from + held)] }
            if held < inFile.count { buffer.append(contentsOf: repeatElement(0, count: inFile.count - held)) }
        }
        if range.upperBound > flushed {
            buffer += tail[(max(range.lowerBound, flushed) - flushed)..<(range.upperBound - flushed)]
        }
    }

    /// The window that holds `range`: one that does, else one it goes on from (starting in it,
    /// or less than a window past its end) read again from there, else the one used least
    /// lately, read at the range for a jump's worth.
    private func window(for range: Range<Int>) -> Int {
        for i in windows.indices where range.lowerBound >= windows[i].start && range.upperBound <= windows[i].end { return i }
        let order = windows.indices.sorted { windows[$0].used > windows[$1].used }
        for i in order where !windows[i].bytes.isEmpty && range.lowerBound >= windows[i].start && range.lowerBound - windows[i].end < windowSize {
            fill(i, from: range.lowerBound, size: max(windowSize, range.count))
            return i
        }
        let i = order.last!
        fill(i, from: range.lowerBound, size: max(jumpSize, range.count))
        return i
    }

    /// Reads `size` bytes at `offset` into window `i`, or what the file has. A read the file
    /// refuses or cuts short is counted, and the window ends there.
    private func fill(_ i: Int, from offset: Int, size: Int) {
        let size = min(size, flushed - offset)
        windows[i].bytes.removeAll(keepingCapacity: true)
        windows[i].bytes.append(contentsOf: repeatElement(0, count: size))
        windows[i].start = offset
        let done = windows[i].bytes.withUnsafeMutableBytes { readFile($0, at: offset) }
        windows[i].bytes.removeLast(size - done)
    }

    /// Fills `room` from the file at `offset`; how many bytes it got. A read the file refuses
    /// or cuts short is counted, and the bytes end there.
    private func readFile(_ room: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        fileReads += 1
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
