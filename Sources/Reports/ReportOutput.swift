import Engine

/// Where a report's bytes go: sent on in pieces of about `chunk` bytes (0: each write as it
/// comes) to `emit` until it refuses one, after which they are dropped. Small writes are
/// gathered into one array; a unit's rendered bytes (`RenderedBytes`) are kept as they are and
/// sent, in order, beside them: not copied here. Every sink writes through one, so none keeps
/// its own buffer or its own idea of having stopped.
final class ReportOutput {
    private enum Piece {
        case gathered([UInt8])
        case rendered(RenderedBytes)
    }

    private let chunk: Int
    private let emit: ([UnsafeRawBufferPointer]) -> Bool
    /// Small writes since the last piece.
    private var buffer: [UInt8] = []
    /// What waits to be sent, in order, each from a byte on.
    private var pieces: [(piece: Piece, from: Int)] = []
    /// How many bytes wait, gathered or in pieces.
    private var pending = 0
    private var stopped = false
    /// Whether an element of the document's one array (JSON's findings, SARIF's results) is out.
    private(set) var hasElements = false

    /// More pieces than this are sent at once, whatever their size: a unit of few findings
    /// renders to a few hundred bytes.
    private static let maxPieces = 64

    /// `emit` gets the pieces in order, each valid while it runs, and returns false to stop.
    init(chunk: Int = 0, pieces emit: @escaping ([UnsafeRawBufferPointer]) -> Bool) {
        self.chunk = chunk
        self.emit = emit
    }

    /// `emit` gets what is to be sent as one array.
    convenience init(chunk: Int = 0, _ emit: @escaping ([UInt8]) -> Bool) {
        self.init(chunk: chunk, pieces: { pieces in
            if pieces.count == 1 { return emit(Array(pieces[0])) }
            var all: [UInt8] = []
            all.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
            for p in pieces { all.append(contentsOf: p) }
            return emit(all)
        })
    }

    func write<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let before = buffer.count
        buffer += bytes
        pending += buffer.count - before
        if pending >= chunk { flush() }
    }

    func write(_ text: String) { write(text.utf8) }

    /// A unit's rendered bytes, sent as they are.
    func write(_ rendered: RenderedBytes) { add(rendered, from: 0) }

    /// Array elements, each rendered after its separating comma: the array's first loses it.
    func writeElements(_ rendered: [UInt8]) {
        guard !rendered.isEmpty else { return }
        write(hasElements ? rendered[...] : rendered.dropFirst())
        hasElements = true
    }

    /// Array elements rendered on a checking thread, as `writeElements(_:)` writes them.
    func writeElements(_ rendered: RenderedBytes) {
        guard rendered.count > 0 else { return }
        add(rendered, from: hasElements ? 0 : 1)
        hasElements = true
    }

    private func add(_ rendered: RenderedBytes, from: Int) {
        guard rendered.count > from else { return }
        closeGathered()
        pieces.append((.rendered(rendered), from))
        pending += rendered.count - from
        if pending >= chunk || pieces.count >= Self.maxPieces { flush() }
    }

    /// Sends what waits.
    func flush() {
        closeGathered()
        defer {
            pieces.removeAll(keepingCapacity: true)
            pending = 0
        }
        guard !stopped, !pieces.isEmpty else { return }
        var lent: [UnsafeRawBufferPointer] = []
        lent.reserveCapacity(pieces.count)
        stopped = !send(from: 0, &lent)
    }

    /// The small writes gathered so far, as the next piece.
    private func closeGathered() {
        guard !buffer.isEmpty else { return }
        pieces.append((.gathered(buffer), 0))
        buffer = []
    }

    /// Lends the pieces from `i` on to `lent` (each valid only inside its own closure, so one
    /// inside the other) and emits them all.
    private func send(from i: Int, _ lent: inout [UnsafeRawBufferPointer]) -> Bool {
        guard i < pieces.count else { return emit(lent) }
        let from = pieces[i].from
        switch pieces[i].piece {
        case .gathered(let bytes):
            return bytes.withUnsafeBytes { b in
                lent.append(UnsafeRawBufferPointer(rebasing: b[from...]))
                return send(from: i + 1, &lent)
            }
        case .rendered(let bytes):
            return bytes.withBytes { b in
                lent.append(UnsafeRawBufferPointer(rebasing: b[from...]))
                return send(from: i + 1, &lent)
            }
        }
    }
}
