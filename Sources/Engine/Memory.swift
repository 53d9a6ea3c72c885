import Foundation

/// The process's memory as the system sees it.
enum Memory {
    /// Gives the pages the allocator holds free back to the system (glibc's `malloc_trim`),
    /// between phases: glibc keeps what a thread frees for that thread's later allocations, so
    /// what the checking threads freed would otherwise stay with the process while the
    /// campaign rules allocate anew on the main thread. Nothing where there is no such call.
    static func returnFreePages() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        // Looked up at run time: Swift's Glibc module leaves out <malloc.h>.
        guard let process = dlopen(nil, RTLD_NOW), let trim = dlsym(process, "malloc_trim") else { return }
        _ = unsafeBitCast(trim, to: Trim.self)(0)
        #endif
    }
}
