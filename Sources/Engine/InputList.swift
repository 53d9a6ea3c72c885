/// The submissions of a run, each a path and a way to read it. A province is a hundred
/// thousand files: the paths of files on disk share one buffer instead of a string and a
/// closure each.
public struct InputList: RandomAccessCollection, Sendable {
    private let paths: Paths.ByteArena
    /// Folders that could not be listed, by place, with the errno: each is reported as an input.
    private let unreadable: [Int: Int32]
    private let limit: Int
    /// Inputs that bring their own reader (tests, the in-process benchmark).
    private let given: [CheckRun.Input]?

    /// Gathers paths, each once.
    struct Builder {
        private var paths = Paths.ByteArena()
        private var unreadable: [Int: Int32] = [:]

        /// Adds a path, unless `seen` (when given) has it already; `unreadable`: the errno of
        /// a folder that could not be listed.
        mutating func add(_ path: ArraySlice<UInt8>, unreadable code: Int32?, unlessIn seen: inout Set<ArraySlice<UInt8>>?) {
            if seen != nil, seen?.insert(path).inserted == false { return }
            if let code { unreadable[paths.indices.count] = code }
            paths.append(path)
        }

        func list(limit: Int) -> InputList {
            InputList(paths: paths, unreadable: unreadable, limit: limit, given: nil)
        }
    }

    private init(paths: Paths.ByteArena, unreadable: [Int: Int32], limit: Int, given: [CheckRun.Input]?) {
        (self.paths, self.unreadable, self.limit, self.given) = (paths, unreadable, limit, given)
    }

    /// Inputs with readers of their own.
    public init(_ inputs: [CheckRun.Input]) {
        self.init(paths: Paths.ByteArena(), unreadable: [:], limit: 0, given: inputs)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { given?.count ?? paths.indices.count }

    public subscript(i: Int) -> CheckRun.Input { (path(i), { read(i) }) }

    /// The path reports show for input `i`.
    public func path(_ i: Int) -> String {
        given?[i].path ?? paths.string(i)
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
