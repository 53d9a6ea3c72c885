import Foundation
import Testing
@testable import duibiao

/// A report's pieces are written gathered (`writev`): each byte once, in order, however many
/// pieces there are and however much of them a call takes.
@Suite struct GatheredWriteTests {
    @Test func everyPieceArrivesWholeAndInOrder() throws {
        // More pieces than one call takes (1,024), empty ones among them, and more bytes than
        // a pipe holds, so the writer waits for the reader.
        let lengths = (0..<3_000).map { $0 % 13 == 0 ? 0 : 1 + $0 % 97 }
        let bytes = (0..<lengths.reduce(0, +)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
        let pipe = Pipe()
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        Thread {
            received = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        let failure = bytes.withUnsafeBytes { all -> Int32? in
            var at = 0
            let pieces = lengths.map { n in
                defer { at += n }
                return UnsafeRawBufferPointer(rebasing: all[at..<at + n])
            }
            return Output.writeAll(pipe.fileHandleForWriting.fileDescriptor, pieces)
        }
        try pipe.fileHandleForWriting.close()
        done.wait()
        #expect(failure == nil)
        #expect([UInt8](received) == bytes)
    }

    @Test func aShortWriteGoesOnWhereItStopped() {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 10, alignment: 1)
        defer { storage.deallocate() }
        var vectors = [iovec(iov_base: storage, iov_len: 3), iovec(iov_base: storage + 3, iov_len: 5), iovec(iov_base: storage + 8, iov_len: 2)]
        var first = 0
        Output.advance(&vectors, first: &first, by: 4)
        #expect(first == 1 && vectors[1].iov_base == storage + 4 && vectors[1].iov_len == 4)
        Output.advance(&vectors, first: &first, by: 4)
        #expect(first == 2 && vectors[2].iov_len == 2)
        Output.advance(&vectors, first: &first, by: 2)
        #expect(first == 3)
    }
}
