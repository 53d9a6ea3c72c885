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
        /// One or two places in one file (a unit's finding, almost always), lines and columns
        /// packed, the second's bits zero when there is none: no array, no path per place.
        case inFile(String, Provenance, second: UInt64)
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

    /// One place, or two, in the file at `path` (their file numbers unused), put in report
    /// order, each once, with no array.
    init(file path: String, _ a: Provenance, _ b: Provenance?) {
        let x = a.inFileZero
        guard let y = b?.inFileZero, y.packed != x.packed else {
            storage = .inFile(path, x, second: 0)
            return
        }
        storage = x.packed < y.packed ? .inFile(path, x, second: y.packed) : .inFile(path, y, second: x.packed)
    }

    /// Places in the file at `path` (their file numbers unused), put in report order, each once.
    init(file path: String, _ places: [Provenance]) {
        switch places.count {
        case 0: self.init()
        case 1: self.init(file: path, places[0], nil)
        case 2: self.init(file: path, places[0], places[1])
        default:
            var once = places.map(\.inFileZero.packed)
            once.sort()
            once.dropRepeats()
            if once.count <= 2 {
                self.init(file: path, Provenance(packed: once[0])!, once.count == 2 ? Provenance(packed: once[1])! : nil)
            } else {
                self.init(once.map { p in
                    let place = Provenance(packed: p)!
                    return Location(file: path, line: Int(place.line), column: Int(place.column))
                })
            }
        }
    }

    /// The places as stored, for a writer that keeps them out of memory (`HeldFindings`).
    enum Parts {
        case list([Location])
        case packed([Provenance])
        case inFile(String, first: UInt64, second: UInt64)
    }

    var parts: Parts {
        switch storage {
        case .list(let l): .list(l)
        case .packed(let p, _): .packed(p)
        case .inFile(let path, let first, let second): .inFile(path, first: first.packed, second: second)
        }
    }

    /// Places as `parts` gave them; packed ones in files named by `path`. Nil for bits that
    /// are no place.
    init?(_ parts: Parts, path: @escaping @Sendable (Int) -> String) {
        switch parts {
        case .list(let l): storage = .list(l)
        case .packed(let p): storage = .packed(p, path: path)
        case .inFile(let file, let first, let second):
            guard let a = Provenance(packed: first) else { return nil }
            storage = .inFile(file, a, second: second)
        }
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .list(let l): l.count
        case .packed(let p, _): p.count
        case .inFile(_, _, let second): second == 0 ? 1 : 2
        }
    }

    public subscript(i: Int) -> Location {
        switch storage {
        case .list(let l): return l[i]
        case .packed(let p, let path):
            let place = p[i]
            return Location(file: path(Int(place.file)), line: Int(place.line), column: Int(place.column))
        case .inFile(let path, let first, let second):
            precondition(i == 0 || (i == 1 && second != 0), "location \(i) of \(endIndex)")
            let place = i == 0 ? first : Provenance(packed: second)!
            return Location(file: path, line: Int(place.line), column: Int(place.column))
        }
    }

    /// Changing the places keeps them as `Location`s.
    public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == Location {
        var list: [Location]
        switch storage {
        case .list(let l): list = l
        case .packed, .inFile: list = Array(self)
        }
        storage = .list([])
        list.replaceSubrange(range, with: new)
        storage = .list(list)
    }

    public static func == (a: Locations, b: Locations) -> Bool { a.elementsEqual(b) }
}
