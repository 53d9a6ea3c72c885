import CRE2
import Foundation

/// `matches`: a regular expression search anywhere in the string, as RE2's partial match.
/// RE2 is CEL's specified engine and runs in time linear in the text: `^(a+)+$` cannot hang.
public enum Patterns {
    /// Whether RE2 accepts the pattern: a constant pattern is checked when the rules load.
    public static func isValid(_ pattern: String) -> Bool { RegexCache.shared.regex(pattern) != nil }

    static func matches(_ s: String, pattern: String) -> Value {
        guard let regex = RegexCache.shared.regex(pattern) else { return .fail(CELText.badRegex(pattern)) }
        var text = s
        let found = text.withUTF8 { duibiao_re2_partial_match(regex.handle, $0.baseAddress, $0.count) }
        return .bool(found == 1)
    }
}

/// A compiled RE2 pattern, freed with its last reference.
final class CompiledRegex: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    init(_ handle: UnsafeMutableRawPointer) { self.handle = handle }
    deinit { duibiao_re2_free(handle) }
}

/// Patterns compiled once per run: rules use a handful of literal patterns on every unit.
/// RE2 objects are safe to match from several threads at once.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private let lock = NSLock()
    private var compiled: [String: CompiledRegex] = [:]
    /// Patterns that did not compile, so they are not retried for every unit.
    private var failed = Set<String>()
    /// More distinct patterns than this (computed ones) start the cache afresh.
    private let capacity = 1024

    func regex(_ pattern: String) -> CompiledRegex? {
        lock.lock()
        if let r = compiled[pattern] { lock.unlock(); return r }
        let knownBad = failed.contains(pattern)
        lock.unlock()
        if knownBad { return nil }
        var p = pattern
        var error: UnsafeMutablePointer<CChar>?
        let handle = p.withUTF8 { duibiao_re2_compile($0.baseAddress, $0.count, &error) }
        free(error)
        lock.lock()
        defer { lock.unlock() }
        if compiled.count >= capacity { compiled.removeAll(); failed.removeAll() }
        guard let handle else {
            failed.insert(pattern)
            return nil
        }
        let r = CompiledRegex(handle)
        compiled[pattern] = r
        return r
    }
}

extension String {
    /// Substring search by Unicode scalars, as CEL compares strings (no grapheme folding). On
    /// UTF-8 bytes, which is the same thing since UTF-8 is self-synchronising. In place, with
    /// nothing allocated: it runs for every item a rule searches.
    func containsScalars(_ needle: String) -> Bool {
        // Read where both are kept: `withUTF8` would need a copy of each to make contiguous,
        // a reference count up and down on each text for every item searched.
        if let found = utf8.withContiguousStorageIfAvailable({ h in
            needle.utf8.withContiguousStorageIfAvailable { n in Self.occurs(n, in: h) }
        }), let found { return found }
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in Self.occurs(n, in: h) } }
    }

    /// Whether `n` occurs in `h`. Candidates by the needle's last byte (in Chinese text a
    /// continuation byte, rarer than the lead bytes most characters share), found with memchr
    /// and each compared whole; once the comparisons have cost twice the haystack, the rest goes
    /// to Knuth–Morris–Pratt, so no pair of strings makes it quadratic.
    private static func occurs(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Bool {
        if n.isEmpty { return true }
        guard h.count >= n.count else { return false }
        let last = Int32(n[n.count - 1]), hp = h.baseAddress!, np = n.baseAddress!
        var at = n.count - 1, work = 0
        while at < h.count {
            guard let p = memchr(hp + at, last, h.count - at) else { return false }
            let end = UnsafePointer(p.assumingMemoryBound(to: UInt8.self)) - hp
            if memcmp(hp + end + 1 - n.count, np, n.count - 1) == 0 { return true }
            work += n.count
            if work > 2 * h.count + 64 { return knuthMorrisPratt(UnsafeBufferPointer(rebasing: h[(end + 2 - n.count)...]), n) }
            at = end + 1
        }
        return false
    }

    /// Whether `n` (not empty) occurs in `h`, in time linear in both.
    private static func knuthMorrisPratt(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard h.count >= n.count else { return false }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n.count) { fail in
            // fail[i]: the length of the longest proper border of n[0...i].
            fail[0] = 0
            var k = 0
            for i in 1..<Swift.max(1, n.count) {
                while k > 0 && n[i] != n[k] { k = fail[k - 1] }
                if n[i] == n[k] { k += 1 }
                fail[i] = k
            }
            k = 0
            for b in h {
                while k > 0 && b != n[k] { k = fail[k - 1] }
                if b == n[k] { k += 1 }
                if k == n.count { return true }
            }
            return false
        }
    }
}
