import Foundation

#if FUZZING
/// libFuzzer's driver, which runs `fuzzOne` on generated inputs (linked by -sanitize=fuzzer).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif

/// Built with -DFUZZING, libFuzzer's driver; otherwise the same binary replays the files it is
/// given through the target, so a crash found by fuzzing can be reproduced anywhere.
@main
enum Main {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { raw in
                _ = fuzzOne(raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
            }
        }
        #endif
    }
}
