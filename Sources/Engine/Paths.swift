import Foundation

/// File discovery and reading, shared by rules and submissions.
public enum Paths {
    /// Files named directly, plus files with the given extensions found under folders, sorted
    /// within each folder so runs are deterministic.
    public static func expand(_ paths: [String], extensions: Set<String>) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                let found = (fm.enumerator(atPath: base)?.allObjects as? [String] ?? [])
                    .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                    .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                    .sorted()
                out += found.map { "\(base)/\($0)" }
            } else {
                out.append(path)
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// The bytes of a file, or nil when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }
}
