@testable import Engine
import Testing
@testable import Reports

/// A report's bytes leave in order and whole, about a chunk at a time, and a unit's rendered
/// bytes leave from where the renderer made them: lent to the writer, not copied together.
@Suite struct ReportOutputTests {
    /// Rendered bytes in memory of their own, as the JSON renderer hands them over.
    static func rendered(_ text: String) -> RenderedBytes {
        var b = ByteBuffer(capacity: 8)
        for byte in text.utf8 { b.append(byte) }
        return b.rendered()
    }

    @Test func piecesLeaveInOrderAboutAChunkAtATime() {
        var sent: [[UInt8]] = []
        let output = ReportOutput(chunk: 20, pieces: { pieces in
            sent.append(pieces.flatMap { Array($0) })
            return true
        })
        output.write("[")
        for i in 0..<6 { output.writeElements(Self.rendered(",元素\(i)")) }
        output.write("]")
        output.flush()
        // The first element loses its comma; every send but the last holds at least a chunk.
        #expect(String(decoding: sent.joined(), as: UTF8.self) == "[元素0,元素1,元素2,元素3,元素4,元素5]")
        #expect(sent.count > 1)
        #expect(sent.dropLast().allSatisfy { $0.count >= 20 })
    }

    @Test func renderedBytesAreLentNotCopied() {
        let units = (0..<3).map { Self.rendered(",第\($0)个单位") }
        var lent: [UnsafeRawBufferPointer] = []
        let output = ReportOutput(chunk: 1 << 20, pieces: { pieces in
            lent = pieces
            return true
        })
        for u in units { output.writeElements(u) }
        output.flush()
        // Where each unit's bytes are is where the writer was pointed (past the first's comma).
        #expect(lent.count == 3)
        for (i, u) in units.enumerated() {
            u.withBytes { own in
                #expect(lent[i].baseAddress == own.baseAddress! + (i == 0 ? 1 : 0))
                #expect(lent[i].count == own.count - (i == 0 ? 1 : 0))
            }
        }
    }

    @Test func smallWritesBetweenUnitsKeepTheirPlace() {
        var all: [UInt8] = []
        let output = ReportOutput(chunk: 0) { all += $0; return true }
        output.write("头")
        output.write(Self.rendered("甲"))
        output.write("中")
        output.write(RenderedBytes(Array("乙".utf8)))
        output.write("尾")
        output.flush()
        #expect(String(decoding: all, as: UTF8.self) == "头甲中乙尾")
    }

    @Test func aFailedSendStopsTheRest() {
        var sends = 0
        let output = ReportOutput(chunk: 4, pieces: { _ in
            sends += 1
            return false
        })
        for _ in 0..<5 { output.writeElements(Self.rendered(",单位")) }
        output.write("尾巴")
        output.flush()
        #expect(sends == 1)
    }
}
