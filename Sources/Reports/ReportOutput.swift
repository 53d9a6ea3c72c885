/// Where a report's bytes go: gathered into pieces of about `chunk` bytes (0: each write as it
/// comes) and handed to `emit` until it refuses one, after which they are dropped. Every sink
/// writes through one, so none keeps its own buffer or its own idea of having stopped.
final class ReportOutput {
    private let chunk: Int
    private let emit: ([UInt8]) -> Bool
    private var buffer: [UInt8] = []
    private var stopped = false
    /// Whether an element of the document's one array (JSON's findings, SARIF's results) is out.
    private(set) var hasElements = false

    init(chunk: Int = 0, _ emit: @escaping ([UInt8]) -> Bool) {
        self.chunk = chunk
        self.emit = emit
    }

    func write<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer += bytes
        if buffer.count >= chunk { flush() }
    }

    func write(_ text: String) { write(text.utf8) }

    /// Array elements, each rendered after its separating comma: the array's first loses it.
    func writeElements(_ rendered: [UInt8]) {
        guard !rendered.isEmpty else { return }
        write(hasElements ? rendered[...] : rendered.dropFirst())
        hasElements = true
    }

    /// Sends what is gathered.
    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !stopped, !buffer.isEmpty else { return }
        stopped = !emit(buffer)
    }
}
