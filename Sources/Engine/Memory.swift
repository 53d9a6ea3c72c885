import Foundation

/// The process's memory as the system sees it.
enum Memory {
    /// Gives the pages the allocator holds free back to the system, between phases: what the
    /// checking threads freed would otherwise stay with the process while the campaign rules
    /// allocate anew on the main thread. The binary's allocator is mimalloc (`mi_collect`);
    /// with glibc's, `malloc_trim`. Nothing where there is neither.
    static func returnFreePages() {
        #if os(Linux)
        // Looked up at run time: not every binary links mimalloc (the library tests do not),
        // and Swift's Glibc module leaves out <malloc.h>.
        guard let process = dlopen(nil, RTLD_NOW) else { return }
        if let collect = dlsym(process, "mi_collect") {
            typealias Collect = @convention(c) (Bool) -> Void
            unsafeBitCast(collect, to: Collect.self)(true)
        } else if let trim = dlsym(process, "malloc_trim") {
            typealias Trim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(trim, to: Trim.self)(0)
        }
        #endif
    }
}
