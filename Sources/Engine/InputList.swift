/// The submissions of a run, each a path and a way to read it. A province is a hundred
/// thousand files: the paths of files on disk share one buffer instead of a string and a
/// closure each.
public struct InputList: RandomAccessCollection, Sendable {
    /// Each input's path, or its path below the folder of its run.
    private let paths: Paths.ByteArena
    /// Where runs of inputs below one folder begin, and the folder with its slash (nil: paths
    /// as given).
    private let folders: [(start: Int, folder: String?)]
    /// Folders that could not be listed, by place, with the errno: each is reported as an input.
    private let unreadable: [Int: Int32]
    private let limit: Int
    /// Inputs that bring their own reader (tests, the in-process benchmark).
    private let given: [CheckRun.Input]?

    /// Gathers paths, each once.
    struct Builder {
        private var paths = Paths.ByteArena()
        private var folders: [(start: Int, folder: String?)] = []
        private var unreadable: [Int: Int32] = [:]

        /// Adds a path (`path` below `folder`, which ends in a slash, when given), unless
        /// `seen` (when given) has it already; `unreadable`: the errno of a folder that could
        /// not be listed.
        mutating func add(_ path: ArraySlice<UInt8>, below folder: String?, unreadable code: Int32?,
                          unlessIn seen: inout Set<ArraySlice<UInt8>>?) {
            if seen != nil, seen?.insert(ArraySlice((folder.map { Array($0.utf8) } ?? []) + path)).inserted == false { return }
            let i = paths.indices.count
            if let code { unreadable[i] = code }
            if folders.last?.folder != folder { folders.append((i, folder)) }
            paths.append(path)
        }

        func list(limit: Int) -> InputList {
            InputList(paths: paths.trimmed(), folders: folders, unreadable: unreadable, limit: limit, given: nil)
        }
    }

    private init(paths: Paths.ByteArena, folders: [(start: Int, folder: String?)], unreadable: [Int: Int32], limit: Int,
                 given: [CheckRun.Input]?) {
        (self.paths, self.folders, self.unreadable, self.limit, self.given) = (paths, folders, unreadable, limit, given)
    }

    /// Inputs with readers of their own.
    public init(_ inputs: [CheckRun.Input]) {
        self.init(paths: Paths.ByteArena(), folders: [], unreadable: [:], limit: 0, given: inputs)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { given?.count ?? paths.indices.count }

    public subscript(i: Int) -> CheckRun.Input { (path(i), { read(i) }) }

    /// The path reports show for input `i`.
    public func path(_ i: Int) -> String {
        if let given { return given[i].path }
        // The last run that begins at or before `i`: runs are few (one per folder given).
        var lo = 0, hi = folders.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if folders[mid].start <= i { lo = mid } else { hi = mid }
        }
        guard let folder = folders.isEmpty ? nil : folders[lo].folder else { return paths.string(i) }
        return paths.string(i, after: folder)
    }

    /// What input `i` stands for: a file, or a folder that could not be listed.
    public func inputPath(_ i: Int) -> InputPath {
        if let given { return .file(given[i].path) }
        if let code = unreadable[i] { return .unreadableFolder(path(i), errno: code) }
        return .file(path(i))
    }

    /// The bytes of input `i`, or why they could not be had.
    public func read(_ i: Int) -> Result<[UInt8], ReadFailure> {
        if let given { return given[i].read() }
        if let code = unreadable[i] { return .failure(.folderUnreadable(errno: code)) }
        return Paths.read(path(i), limit: limit)
    }
}
