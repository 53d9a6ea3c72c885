import FuzzTargets
import Foundation

/// The target this process fuzzes, named by DUIBIAO_FUZZ (yaml, cel or check).
let target: @Sendable ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["DUIBIAO_FUZZ"] ?? ""
    guard let t = FuzzTargets.all[name] else {
        FileHandle.standardError.write(Data("DUIBIAO_FUZZ must be one of: \(FuzzTargets.all.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return t
}()

/// libFuzzer's entry point: one input, which must not crash, hang or exhaust memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
