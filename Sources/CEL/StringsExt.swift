import Foundation

/// cel-go's strings extension: positions and lengths count code points, as CEL's `size` does.
enum StringsExt {
    typealias Impl = @Sendable (Arguments) -> Value

    static func register(_ t: inout FunctionTable) {
        t.add("charAt", [member("string_char_at_int", [.string, .int], .string) { a in
            guard case .string(let s) = a[0], case .int(let i) = a[1] else { return .fail("type") }
            let c = Array(s.unicodeScalars)
            guard i >= 0, i <= c.count else { return .fail(CELText.indexOutOfRange(i, c.count)) }
            return .string(i == c.count ? "" : String(c[Int(i)]))
        }])
        t.add("indexOf", [
            member("string_index_of_string", [.string, .string], .int) { a in index(a, last: false) },
            member("string_index_of_string_int", [.string, .string, .int], .int) { a in index(a, last: false) },
        ])
        t.add("lastIndexOf", [
            member("string_last_index_of_string", [.string, .string], .int) { a in index(a, last: true) },
            member("string_last_index_of_string_int", [.string, .string, .int], .int) { a in index(a, last: true) },
        ])
        t.add("lowerAscii", [member("string_lower_ascii", [.string], .string) { a in
            guard case .string(let s) = a[0] else { return .fail("type") }
            return .string(ascii(s) { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 })
        }])
        t.add("upperAscii", [member("string_upper_ascii", [.string], .string) { a in
            guard case .string(let s) = a[0] else { return .fail("type") }
            return .string(ascii(s) { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 })
        }])
        t.add("replace", [
            member("string_replace_string_string", [.string, .string, .string], .string) { a in replace(a) },
            member("string_replace_string_string_int", [.string, .string, .string, .int], .string) { a in replace(a) },
        ])
        t.add("split", [
            member("string_split_string", [.string, .string], .list(.string)) { a in split(a) },
            member("string_split_string_int", [.string, .string, .int], .list(.string)) { a in split(a) },
        ])
        t.add("substring", [
            member("string_substring_int", [.string, .int], .string) { a in substring(a) },
            member("string_substring_int_int", [.string, .int, .int], .string) { a in substring(a) },
        ])
        t.add("trim", [member("string_trim", [.string], .string) { a in
            guard case .string(let s) = a[0] else { return .fail("type") }
            let c = Array(s.unicodeScalars)
            guard let first = c.firstIndex(where: { !isSpace($0) }), let last = c.lastIndex(where: { !isSpace($0) }) else { return .string("") }
            return .string(String(String.UnicodeScalarView(c[first...last])))
        }])
        t.add("reverse", [member("string_reverse", [.string], .string) { a in
            guard case .string(let s) = a[0] else { return .fail("type") }
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
        }])
        t.add("strings.quote", [Overload("strings_quote", [.string], .string) { a in
            guard case .string(let s) = a[0] else { return .fail("type") }
            return .string(Printer.quote(s))
        }])
        t.add("format", [member("string_format_list", [.string, .list(.dyn)], .string) { a in
            guard case .string(let f) = a[0], case .list(let args) = a[1] else { return .fail("type") }
            return Format.format(f, args)
        }])
    }

    static func member(_ id: String, _ params: [CELType], _ result: CELType, _ impl: @escaping Impl) -> Overload {
        Overload(id, member: true, params, result, impl)
    }

    static func ascii(_ s: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map(f)))
    }

    /// Unicode white space, as Go's `unicode.IsSpace` (what cel-go's trim uses).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// `indexOf` and `lastIndexOf`, in code points; the optional third argument is where the
    /// search starts (forward) or the last position it may start at (backward).
    static func index(_ a: Arguments, last: Bool) -> Value {
        guard case .string(let s) = a[0], case .string(let sub) = a[1] else { return .fail("type") }
        let h = Array(s.unicodeScalars), n = Array(sub.unicodeScalars)
        var bound = last ? h.count : 0
        if a.count == 3 {
            guard case .int(let b) = a[2] else { return .fail("type") }
            guard b >= 0, b <= h.count else { return .fail(CELText.indexOutOfRange(b, h.count)) }
            bound = Int(b)
        }
        if n.isEmpty { return .int(Int64(bound)) }
        guard n.count <= h.count else { return .int(-1) }
        let positions: [Int] = last ? Array(stride(from: min(bound, h.count - n.count), through: 0, by: -1))
                                    : Array(bound...max(bound, h.count - n.count))
        for i in positions where i + n.count <= h.count && Array(h[i..<i + n.count]) == n { return .int(Int64(i)) }
        return .int(-1)
    }

    static func replace(_ a: Arguments) -> Value {
        guard case .string(let s) = a[0], case .string(let old) = a[1], case .string(let new) = a[2] else { return .fail("type") }
        var limit = -1
        if a.count == 4 {
            guard case .int(let n) = a[3] else { return .fail("type") }
            limit = Int(n)
        }
        if limit == 0 { return .string(s) }
        let h = Array(s.unicodeScalars), o = Array(old.unicodeScalars), r = Array(new.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var i = 0, done = 0
        while i <= h.count {
            if limit >= 0 && done == limit { out += h[i...]; break }
            if o.isEmpty {
                // An empty pattern matches before every code point and at the end, as Go's.
                out += r
                done += 1
                if i < h.count { out.append(h[i]) }
                i += 1
                continue
            }
            if i + o.count <= h.count, Array(h[i..<i + o.count]) == o {
                out += r
                done += 1
                i += o.count
            } else {
                if i < h.count { out.append(h[i]) }
                i += 1
            }
        }
        return .string(String(String.UnicodeScalarView(out)))
    }

    static func split(_ a: Arguments) -> Value {
        guard case .string(let s) = a[0], case .string(let sep) = a[1] else { return .fail("type") }
        var limit = -1
        if a.count == 3 {
            guard case .int(let n) = a[2] else { return .fail("type") }
            limit = Int(n)
        }
        if limit == 0 { return .list([]) }
        let h = Array(s.unicodeScalars), p = Array(sep.unicodeScalars)
        var parts: [String] = []
        if p.isEmpty {
            // Each code point on its own; with a limit, the rest stays whole in the last part.
            for (i, c) in h.enumerated() {
                if limit > 0 && parts.count == limit - 1 { parts.append(String(String.UnicodeScalarView(h[i...]))); break }
                parts.append(String(c))
            }
            return .list(parts.map(Value.string))
        }
        var start = 0, i = 0
        while i + p.count <= h.count {
            if limit > 0 && parts.count == limit - 1 { break }
            if Array(h[i..<i + p.count]) == p {
                parts.append(String(String.UnicodeScalarView(h[start..<i])))
                i += p.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(String.UnicodeScalarView(h[start...])))
        return .list(parts.map(Value.string))
    }

    static func substring(_ a: Arguments) -> Value {
        guard case .string(let s) = a[0], case .int(let from) = a[1] else { return .fail("type") }
        let c = Array(s.unicodeScalars)
        var to = Int64(c.count)
        if a.count == 3 {
            guard case .int(let e) = a[2] else { return .fail("type") }
            to = e
        }
        guard from >= 0, from <= c.count else { return .fail(CELText.indexOutOfRange(from, c.count)) }
        guard to >= 0, to <= c.count else { return .fail(CELText.indexOutOfRange(to, c.count)) }
        guard from <= to else { return .fail(CELText.badRange(from, to)) }
        return .string(String(String.UnicodeScalarView(c[Int(from)..<Int(to)])))
    }
}
