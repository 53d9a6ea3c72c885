/// `matches`: a regular expression search anywhere in the string, as RE2's partial match.
enum Patterns {
    static func matches(_ s: String, pattern: String) -> Value {
        do {
            let regex = try Regex(pattern)
            return .bool(s.firstMatch(of: regex) != nil)
        } catch {
            return .fail(CELText.badRegex(pattern))
        }
    }
}

extension String {
    /// Substring search by Unicode scalars, as CEL compares strings (no grapheme folding).
    func containsScalars(_ needle: String) -> Bool {
        let h = Array(unicodeScalars), n = Array(needle.unicodeScalars)
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        outer: for i in 0...(h.count - n.count) {
            for j in 0..<n.count where h[i + j] != n[j] { continue outer }
            return true
        }
        return false
    }
}
