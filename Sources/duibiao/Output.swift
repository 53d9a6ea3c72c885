import Engine
import Foundation

/// A failure while running (not a misuse of options): reported without the usage text, exit 2.
struct RunError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Where the command's text goes, and whether that is a terminal (for colour). Every write
/// checks its result: a full disk or a closed pipe is an error with exit 2, never a crash.
enum Output {
    static var stdoutIsTerminal: Bool { isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var stderrIsTerminal: Bool { isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    /// Standard error is a terminal (for the progress line, which is not colour: NO_COLOR does not hide it).
    static var stderrIsTTY: Bool { isatty(2) == 1 }

    /// Writes text to standard output (reports go through `ReportDestination`).
    static func write(_ text: String) throws(RunError) {
        if let code = writeAll(1, Array(text.utf8)) { throw RunError(CLIText.cannotWriteStdout(code)) }
    }

    /// Writes to standard error; if even that fails there is nobody left to tell.
    static func error(_ text: String) {
        _ = writeAll(2, Array(text.utf8))
    }

    /// Writes every byte to the descriptor; the errno of a failure, or nil.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { writeAll(fd, [$0]) }
    }

    /// Writes every byte of the pieces, in order, gathered (`writev`); the errno of a failure, or nil.
    static func writeAll(_ fd: Int32, _ pieces: [UnsafeRawBufferPointer]) -> Int32? {
        var vectors = pieces.compactMap { p in p.isEmpty ? nil : iovec(iov_base: UnsafeMutableRawPointer(mutating: p.baseAddress), iov_len: p.count) }
        var first = 0
        while first < vectors.count {
            // Linux takes at most 1,024 pieces a call (`IOV_MAX`).
            let n = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32(min($0.count - first, 1024))) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            advance(&vectors, first: &first, by: n)
        }
        return nil
    }

    /// Past `n` bytes written from `vectors[first]` on: the pieces written whole are skipped,
    /// and the one cut short, if any, starts where the write stopped.
    static func advance(_ vectors: inout [iovec], first: inout Int, by n: Int) {
        var left = n
        while left > 0 {
            if left >= vectors[first].iov_len {
                left -= vectors[first].iov_len
                first += 1
            } else {
                vectors[first].iov_base += left
                vectors[first].iov_len -= left
                left = 0
            }
        }
    }

    /// Refuses an `--output` that would overwrite a checked file, or land in a checked folder
    /// where the next run would read it as a submission.
    static func refuseOverwritingInputs(_ output: String, paths: [String], extensions: Set<String>) throws(RunError) {
        let target = canonical(output)
        for path in paths {
            let input = canonical(path)
            if Paths.isFolder(path) {
                let ext = (output as NSString).pathExtension.lowercased()
                if extensions.contains(ext), target.hasPrefix(input.hasSuffix("/") ? input : input + "/") {
                    throw RunError(CLIText.outputInsideInputs(output, path))
                }
            } else if input == target || sameFile(path, output) {
                throw RunError(CLIText.outputIsInput(output, path))
            }
        }
    }

    /// Whether both paths exist and are the same file (hard links included).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat(), y = stat()
        return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino
    }

    /// An absolute path with links resolved; a file not yet there is resolved through its folder.
    static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let real = realpath(url.path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let dir = url.deletingLastPathComponent().path
        guard let real = realpath(dir, nil) else { return url.path }
        defer { free(real) }
        let base = String(cString: real)
        return (base == "/" ? "" : base) + "/" + url.lastPathComponent
    }
}

/// Where a report goes, written in pieces: standard output, or a temporary file beside `path`
/// renamed over it only when complete (so a failed run leaves the old report whole).
final class ReportDestination {
    private let path: String?
    private let fd: Int32
    private let temp: String?
    /// The first failure; later writes are skipped and `finish` reports it.
    private(set) var failure: Int32?

    init(_ path: String?) throws(RunError) {
        self.path = path
        guard let path else {
            fd = 1
            temp = nil
            return
        }
        // Beside the report, so the rename that puts it in place stays on one file system.
        let url = URL(fileURLWithPath: path)
        switch Paths.temporaryFile(in: url.deletingLastPathComponent().path, prefix: ".\(url.lastPathComponent).duibiao-") {
        case .success(let file):
            fd = file.fd
            temp = file.path
        case .failure(let error):
            throw RunError(CLIText.cannotWrite(path, error.code))
        }
    }

    /// Appends bytes; false once a write has failed.
    func write(_ bytes: [UInt8]) -> Bool {
        guard failure == nil else { return false }
        failure = Output.writeAll(fd, bytes)
        return failure == nil
    }

    /// Appends pieces, in order, in as few writes as the system takes; false once a write has failed.
    func write(pieces: [UnsafeRawBufferPointer]) -> Bool {
        guard failure == nil else { return false }
        failure = Output.writeAll(fd, pieces)
        return failure == nil
    }

    /// Gives up: the temporary file is removed and an existing report stays as it was.
    func abandon() {
        guard let temp else { return }
        close(fd)
        unlink(temp)
    }

    /// Flushes and puts the file in place, or reports the first failure.
    func finish() throws(RunError) {
        guard let path, let temp else {
            if let failure { throw RunError(CLIText.cannotWriteStdout(failure)) }
            return
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        // A report is for reading: the usual permissions, not mkstemp's owner-only ones.
        if failure == nil { fchmod(fd, 0o644) }
        if close(fd) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temp, path) != 0 { failure = errno }
        if let failure {
            unlink(temp)
            throw RunError(CLIText.cannotWrite(path, failure))
        }
    }
}
