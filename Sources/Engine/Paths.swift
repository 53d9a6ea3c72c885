import Foundation
import YAML

/// Why a file could not be read; each becomes a located finding or diagnostic, never silence.
/// A system call's failure: its errno.
public struct SystemError: Error, Sendable {
    public let code: Int32
}

public enum ReadFailure: Error, Sendable, Equatable {
    case missing
    case denied
    /// A folder could not be listed: the files in it were not checked.
    case folderUnreadable(errno: Int32)
    case isFolder
    /// Larger than the limit: refused before reading, so a huge file costs nothing.
    case tooLarge(size: Int, limit: Int)
    case other(errno: Int32)
}

/// What a path given on the command line stands for: a file to read, or a folder that
/// could not be listed (reported, so its units are not silently "missing").
public enum InputPath: Sendable, Equatable {
    case file(String)
    case unreadableFolder(String, errno: Int32)

    public var path: String {
        switch self {
        case .file(let p), .unreadableFolder(let p, _): p
        }
    }
}

/// File discovery and reading, shared by rules and submissions.
public enum Paths {
    /// Lists a folder's entries one at a time, each with whether it is a folder when the
    /// listing knows (nil: the file system is asked); throws the errno when it cannot. One at
    /// a time: a province's folder is a hundred thousand names.
    public typealias Lister = (_ folder: String, _ each: (_ name: String, _ isFolder: Bool?) -> Void) throws(ReadFailure) -> Void

    /// Files named directly, plus files with the given extensions found under folders, sorted
    /// within each folder so runs are deterministic. Hidden files and folders are skipped.
    public static func expand(_ paths: [String], extensions: Set<String>, list: Lister = Paths.entries) -> [String] {
        inputs(paths, extensions: extensions, list: list).compactMap { if case .file(let p) = $0 { p } else { nil } }
    }

    /// A new file of its own, `<folder>/<prefix>` and a unique suffix, open for reading and
    /// writing (owner only); its descriptor and path, or the errno of the failure.
    public static func temporaryFile(in folder: String, prefix: String) -> Result<(fd: Int32, path: String), SystemError> {
        // mkstemp replaces the six trailing X with a unique suffix.
        var template = Array((folder + "/" + prefix + String(repeating: "X", count: 6)).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return .failure(SystemError(code: errno)) }
        return .success((fd, template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }))
    }

    /// `path` with `.` and `dir/..` taken out (`Rules/a/../../seeds/x` → `seeds/x`), as
    /// people would write it; a leading `..` stays.
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != "..", !last.isEmpty { parts.removeLast(); continue }
            parts.append(part)
        }
        let out = parts.joined(separator: "/")
        return out.isEmpty ? "." : out
    }

    /// As `expand`, keeping the folders that could not be listed, in their place.
    public static func inputs(_ paths: [String], extensions: Set<String>, list: Lister = Paths.entries) -> [InputPath] {
        let found = inputList(paths, extensions: extensions, limit: Limits.default.maxBytes, list: list)
        return found.indices.map(found.inputPath)
    }

    /// As `inputs`, kept compactly: a province's hundred thousand paths in one buffer, each
    /// file in a folder given as its path below it (the folder's path is kept once).
    public static func inputList(_ paths: [String], extensions: Set<String>, limit: Int, list: Lister = Paths.entries) -> InputList {
        var out = InputList.Builder()
        // A path given twice (or inside two folders given) is checked once.
        var seen: Set<ArraySlice<UInt8>>? = paths.count > 1 ? [] : nil
        for path in paths {
            if isFolder(path) {
                let base = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
                var found = Found()
                var visited = Set<FolderID>()
                walk(base, relative: "", extensions: extensions, list: list, visited: &visited, into: &found)
                // Sorted by path relative to the folder given (bytewise, which is the order of
                // their characters), so runs are deterministic.
                let order = found.relative.indices.sorted { found.relative[$0].lexicographicallyPrecedes(found.relative[$1]) }
                // What `walk` joins: the folder, a slash, the path below it.
                let folder = base == "/" ? "/" : base + "/"
                for i in order {
                    let relative = found.relative[i]
                    // Empty: the folder given itself could not be listed.
                    out.add(relative.isEmpty ? ArraySlice(base.utf8) : relative, below: relative.isEmpty ? nil : folder,
                            unreadable: found.unreadable[i], unlessIn: &seen)
                }
            } else {
                out.add(ArraySlice(path.utf8), below: nil, unreadable: nil, unlessIn: &seen)
            }
        }
        return out.list(limit: limit)
    }

    /// Strings one after another in one buffer.
    struct ByteArena: Sendable {
        private var bytes: [UInt8] = []
        private var ends: [Int] = []

        var indices: Range<Int> { ends.indices }

        mutating func append(_ s: String) { append(s.utf8) }

        mutating func append(_ s: some Swift.Sequence<UInt8>) {
            bytes += s
            ends.append(bytes.count)
        }

        subscript(i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }

        /// The same strings in arrays of exactly their size: grown by appending, a province's
        /// paths kept up to twice the room they use for the whole run.
        func trimmed() -> ByteArena {
            var t = ByteArena()
            t.bytes = Self.exact(bytes)
            t.ends = Self.exact(ends)
            return t
        }

        /// A copy of `a` with room for its elements only.
        private static func exact<T>(_ a: [T]) -> [T] {
            Array(unsafeUninitializedCapacity: a.count) { buffer, count in
                count = buffer.initialize(fromContentsOf: a)
            }
        }

        /// String `i`, made from its bytes.
        func string(_ i: Int) -> String { withBytes(i) { String(decoding: $0, as: UTF8.self) } }

        /// `prefix` and string `i`, made as one string of exactly their size: a campaign
        /// finding may hold one for each of a province's files.
        func string(_ i: Int, after prefix: String) -> String {
            var prefix = prefix
            return withBytes(i) { tail in
                prefix.withUTF8 { head in
                    String(unsafeUninitializedCapacity: head.count + tail.count) { out in
                        _ = out.initialize(from: head)
                        _ = UnsafeMutableBufferPointer(rebasing: out[head.count...]).initialize(from: tail)
                        return head.count + tail.count
                    }
                }
            }
        }

        /// The bytes of string `i`, read where they are kept: a slice would count a reference
        /// on the arena, which every checking thread reads.
        private func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            let start = i == 0 ? 0 : ends[i - 1], end = ends[i]
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }
    }

    /// What a walk found: each input's path relative to the folder given, and the
    /// folders that could not be listed, by place.
    private struct Found {
        var relative = ByteArena()
        var unreadable: [Int: Int32] = [:]

        mutating func add(_ relative: String, unreadable code: Int32? = nil) {
            if let code { unreadable[self.relative.indices.count] = code }
            self.relative.append(relative)
        }
    }

    /// A folder's device and inode: a link back up the tree is walked once, not forever.
    private struct FolderID: Hashable { let device: UInt64, inode: UInt64 }

    private static func walk(_ folder: String, relative: String, extensions: Set<String>, list: Lister,
                             visited: inout Set<FolderID>, into out: inout Found) {
        var info = stat()
        if stat(folder, &info) == 0, !visited.insert(FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted {
            return
        }
        // Subfolders are walked after the listing is done, so no folder stays open meanwhile.
        var folders: [(path: String, relative: String)] = []
        do {
            try list(folder) { name, knownFolder in
                guard !name.hasPrefix(".") else { return }
                // Paths are made only for what is kept or must be asked about: a province's
                // folder lists a file per unit.
                func path() -> String { folder == "/" ? "/\(name)" : "\(folder)/\(name)" }
                func rel() -> String { relative.isEmpty ? name : "\(relative)/\(name)" }
                if knownFolder ?? isFolder(path()) {
                    folders.append((path(), rel()))
                } else if extensions.contains(nameExtension(name)) {
                    out.add(rel())
                }
            }
        } catch {
            let code: Int32 = if case .folderUnreadable(let e) = error { e } else { EIO }
            out.add(relative, unreadable: code)
            return
        }
        for sub in folders {
            walk(sub.path, relative: sub.relative, extensions: extensions, list: list, visited: &visited, into: &out)
        }
    }

    /// A file name's extension, lowercased: what follows its last dot, none for a name that
    /// starts with its only dot (`NSString.pathExtension` for a name, without its cost per file).
    static func nameExtension(_ name: String) -> String {
        let utf8 = name.utf8
        // A mark that combines with the dot makes it no dot, for Foundation as here.
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex, name[dot] == "." else { return "" }
        return String(decoding: utf8[utf8.index(after: dot)...], as: UTF8.self).lowercased()
    }

    /// The entries of a folder, or the errno of the failure.
    public static func list(_ folder: String) throws(ReadFailure) -> [String] {
        var names: [String] = []
        try entries(folder) { name, _ in names.append(name) }
        return names
    }

    /// The entries of a folder, one at a time, with whether each is a folder when the
    /// directory entry says (`d_type`; links and unknown kinds: nil); the errno of a failure.
    public static func entries(_ folder: String, _ each: (_ name: String, _ isFolder: Bool?) -> Void) throws(ReadFailure) {
        guard let dir = opendir(folder) else { throw .folderUnreadable(errno: errno) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard name != "." && name != ".." else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): each(name, true)
            case Int32(DT_REG): each(name, false)
            default: each(name, nil)
            }
        }
    }

    /// Whether the path is a folder (following symbolic links).
    public static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The bytes of a file, at most `limit` of them: the size is checked before reading, and
    /// reading stops past the limit in case the file grows meanwhile.
    public static func read(_ path: String, limit: Int = Limits.default.maxBytes) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(failure(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(failure(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.isFolder) }
        if Int(info.st_size) > limit { return .failure(.tooLarge(size: Int(info.st_size), limit: limit)) }
        // Straight into the array, as large as the file says it is (and one byte more, to see
        // its end): nothing zeroed or copied for the 99% of files that do not change meanwhile.
        var failed: Int32?
        var ended = false
        // A regular file gives less than asked only at its end: no second call to hear it.
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size) + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let asked = buffer.count - count
                let n = Foundation.read(fd, buffer.baseAddress! + count, asked)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                if n == 0 { ended = true; return }
                count += n
                if regular, n < asked { ended = true; return }
            }
        }
        if let failed { return .failure(failure(failed)) }
        if ended { return bytes.count > limit ? .failure(.tooLarge(size: bytes.count, limit: limit)) : .success(bytes) }
        // The file grew since `fstat`: the rest in pieces, up to the limit.
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(failure(errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { return .failure(.tooLarge(size: bytes.count, limit: limit)) }
        }
        return .success(bytes)
    }

    private static func failure(_ code: Int32) -> ReadFailure {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .denied
        case EISDIR: .isFolder
        default: .other(errno: code)
        }
    }
}
