import YAML

/// A place in a file: path, 1-based line and column (column in Unicode scalars, as YAML marks).
public struct Location: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public init(file: String, _ mark: Mark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }

    public static func < (a: Location, b: Location) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A located problem with a rules file (or, for `lint`, anything the office wrote).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier, e.g. `rules.quote`, `cel.field`.
    public var code: String
    public var message: String
    public var location: Location
    /// The source line the location is on, for showing it under the message.
    public var sourceLine: String?
    /// How many Unicode scalars the caret should underline (at least one).
    public var length: Int
    /// A warning does not stop the rules from loading; `lint` shows it.
    public var isWarning: Bool

    public init(_ code: String, _ message: String, at location: Location, sourceLine: String? = nil, length: Int = 1,
                isWarning: Bool = false) {
        self.code = code
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.length = max(1, length)
        self.isWarning = isWarning
    }

    public var description: String { "\(location): \(isWarning ? "warning" : "error")[\(code)]: \(message)" }
}

/// A text file as read, with its lines for quoting in diagnostics.
public struct SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]
    public let lines: [Substring]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        // Without the byte order mark Notepad writes: the columns of marks count from after it,
        // and a quoted first line would show it to terminals and logs that do not hide it.
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        self.lines = Lines.of(text)
    }

    /// The text of a 1-based line, if it exists.
    public func line(_ n: Int) -> String? {
        n >= 1 && n <= lines.count ? String(lines[n - 1]) : nil
    }

    /// A diagnostic at `mark` in this file, quoting its line.
    public func diagnostic(_ code: String, _ message: String, at mark: Mark, length: Int = 1, warning: Bool = false) -> Diagnostic {
        Diagnostic(code, message, at: Location(file: path, mark), sourceLine: line(mark.line), length: length, isWarning: warning)
    }
}
