import CEL

/// A finding's places, in report order. Most findings have one or two and keep them as
/// `Location`s. A campaign finding may point at a province's records: it keeps its places as
/// numbers (a `Provenance`, eight bytes each) and the run's way to name a file, and makes each
/// `Location` (and its path) only when a report reads it.
public struct Locations: RandomAccessCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
    private enum Storage: Sendable {
        case list([Location])
        /// Sorted and each once; files are named by `path`, whose order is the files' order.
        case packed([Provenance], path: @Sendable (Int) -> String)
    }

    private var storage: Storage

    public init() { storage = .list([]) }

    public init(_ list: [Location]) { storage = .list(list) }

    public init(arrayLiteral elements: Location...) { storage = .list(elements) }

    /// Places already in report order (by file, line, column), each once, in files named by
    /// `path` (file `i`'s path sorts before file `j`'s when `i < j`).
    init(packed places: [Provenance], path: @escaping @Sendable (Int) -> String) {
        storage = .packed(places, path: path)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .list(let l): l.count
        case .packed(let p, _): p.count
        }
    }

    public subscript(i: Int) -> Location {
        switch storage {
        case .list(let l): return l[i]
        case .packed(let p, let path):
            let place = p[i]
            return Location(file: path(Int(place.file)), line: Int(place.line), column: Int(place.column))
        }
    }

    /// Changing the places keeps them as `Location`s.
    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == Location {
        var list: [Location]
        switch storage {
        case .list(let l): list = l
        case .packed: list = Array(self)
        }
        storage = .list([])
        list.replaceSubrange(range, with: new)
        storage = .list(list)
    }

    public static func == (a: Locations, b: Locations) -> Bool { a.elementsEqual(b) }
}
