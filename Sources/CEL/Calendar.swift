/// A calendar day, counted from 1970-01-01, optionally remembering where it was written.
///
/// Equality and order ignore the provenance: two records on the same day are the same date.
public struct CELDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var day: Int32
    /// The provenance's bits, zero for none: an optional would make every date, and so every
    /// value, eight bytes larger.
    private var originBits: UInt64 = 0

    /// Where the date was written, if it was read from a file.
    public var origin: Provenance? {
        get { originBits == 0 ? nil : Provenance(bits: originBits) }
        set { originBits = newValue?.bits ?? 0 }
    }

    public init(day: Int32, origin: Provenance? = nil) {
        self.day = day
        self.origin = origin
    }

    /// Builds a date from a proleptic Gregorian year, month and day; nil if it does not exist.
    public init?(year: Int, month: Int, day: Int, origin: Provenance? = nil) {
        guard (1...12).contains(month), (1...CELDate.daysIn(year: year, month: month)).contains(day),
              (1...9999).contains(year) else { return nil }
        self.day = Int32(CELDate.daysFromCivil(year, month, day))
        self.origin = origin
    }

    public static func == (a: CELDate, b: CELDate) -> Bool { a.day == b.day }
    public func hash(into h: inout Hasher) { h.combine(day) }
    public static func < (a: CELDate, b: CELDate) -> Bool { a.day < b.day }

    /// Year, month and day of the month.
    public var components: (year: Int, month: Int, day: Int) { CELDate.civil(fromDays: Int(day)) }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        let w = (Int(day) + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// `2019-09-10`.
    public var description: String {
        let c = components
        // Years 0 to 9999 by digits, four of them as ISO 8601 writes them (`0999-01-05`):
        // interpolation costs more than a finding's other keys together.
        guard (0...9999).contains(c.year) else { return "\(c.year)-\(pad(c.month))-\(pad(c.day))" }
        return String(unsafeUninitializedCapacity: 10) { Self.writeISO(c, into: UnsafeMutableRawBufferPointer($0)) }
    }

    /// `description` as UTF-8 bytes lent to `body`: a writer puts the date straight into its
    /// output, without a string made for it.
    public func withISOBytes(_ body: (UnsafeRawBufferPointer) -> Void) {
        let c = components
        guard (0...9999).contains(c.year) else {
            var text = description
            return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
        var room: (UInt64, UInt64) = (0, 0)
        let count = withUnsafeMutableBytes(of: &room) { Self.writeISO(c, into: $0) }
        withUnsafeBytes(of: &room) { body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// Writes `2019-09-10` (a year of 0 to 9999, in four digits) and says how many bytes: ten.
    private static func writeISO(_ c: (year: Int, month: Int, day: Int), into b: UnsafeMutableRawBufferPointer) -> Int {
        func two(_ n: Int, at i: Int) {
            b[i] = UInt8(0x30 + n / 10)
            b[i + 1] = UInt8(0x30 + n % 10)
        }
        two(c.year / 100, at: 0)
        two(c.year % 100, at: 2)
        b[4] = 0x2D
        two(c.month, at: 5)
        b[7] = 0x2D
        two(c.day, at: 8)
        return 10
    }

    /// `2019年9月10日`, for Chinese messages.
    public var chinese: String {
        let c = components
        guard (1000...9999).contains(c.year) else { return "\(c.year)年\(c.month)月\(c.day)日" }
        // By bytes, as `description`: every deadline's message has two of these.
        return String(unsafeUninitializedCapacity: 19) { b in Self.writeChinese(c, into: UnsafeMutableRawBufferPointer(b)) }
    }

    /// Appends `chinese` as UTF-8 bytes: a message made as bytes takes the date without a
    /// string made for it.
    public func appendChinese(to out: inout [UInt8]) {
        let c = components
        guard (1000...9999).contains(c.year) else { return out.append(contentsOf: chinese.utf8) }
        var room: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &room) { Self.writeChinese(c, into: $0) }
        withUnsafeBytes(of: &room) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// Writes `2019年9月10日` (a four-digit year: at most 17 bytes) and says how many bytes.
    private static func writeChinese(_ c: (year: Int, month: Int, day: Int), into b: UnsafeMutableRawBufferPointer) -> Int {
        var i = 0
        func put(_ byte: Int) {
            b[i] = UInt8(truncatingIfNeeded: byte)
            i &+= 1
        }
        func upTo99(_ n: Int) {
            if n >= 10 { put(0x30 + n / 10) }
            put(0x30 + n % 10)
        }
        put(0x30 + c.year / 1000); put(0x30 + c.year / 100 % 10); put(0x30 + c.year / 10 % 10); put(0x30 + c.year % 10)
        put(0xE5); put(0xB9); put(0xB4)  // 年
        upTo99(c.month)
        put(0xE6); put(0x9C); put(0x88)  // 月
        upTo99(c.day)
        put(0xE6); put(0x97); put(0xA5)  // 日
        return i
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic calendar.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// A month as units write one (`2020-03`, `2020/3`, `2020.3`, `2020年3月`, full-width
    /// digits too), as the date of its first day, so it compares with `months(...)`.
    public static func parseMonth(_ text: String, origin: Provenance? = nil) -> CELDate? {
        let scalars = text.unicodeScalars.map { c -> Unicode.Scalar in
            (0xFF0D...0xFF19).contains(c.value) ? Unicode.Scalar(c.value - 0xFEE0)! : c
        }
        var s = String(String.UnicodeScalarView(scalars)).trimmingSpaces()
        if s.hasSuffix("月") { s.removeLast() }
        let parts = s.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." || $0 == "年" }
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        // `2020年3月` uses 年 only; the ASCII forms use one separator, not 年.
        if s.contains("年") != text.contains("月") { return nil }
        return CELDate(year: year, month: month, day: 1, origin: origin)
    }

    /// Parses the date spellings units use: `2019-09-10`, `2019/9/10`, `2019.9.10`,
    /// `2019年9月10日` (or `…10号`), with full-width digits and separators as well.
    public static func parse(_ text: String, origin: Provenance? = nil) -> CELDate? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, origin: origin) }
    }

    /// A date from UTF-8 text, as `parse(_:origin:)` reads it: on the bytes, with nothing
    /// allocated, as this runs for every date of every submission.
    public static func parse(bytes u: UnsafeBufferPointer<UInt8>, origin: Provenance? = nil) -> CELDate? {
        // `2019-09-10` as the submission format asks for it, which is nearly every date: read
        // at fixed places, without the general scan.
        if u.count == 10, u[4] == 0x2D, u[7] == 0x2D {
            var ok = true
            func number(_ from: Int, _ to: Int) -> Int {
                var n = 0
                for i in from..<to {
                    let d = u[i] &- 0x30
                    ok = ok && d < 10
                    n = n &* 10 &+ Int(d)
                }
                return n
            }
            let year = number(0, 4), month = number(5, 7), day = number(8, 10)
            // Not digits, or no such day: the general reading decides (and says nil).
            if ok, let date = CELDate(year: year, month: month, day: day, origin: origin) { return date }
        }
        if let date = parse(utf8: u, origin: origin) { return date }
        guard hasFullWidth(u) else { return nil }
        // Full-width ２０１９－０９－１０ as typed with a Chinese input method.
        let ascii = String(String.UnicodeScalarView(String(decoding: u, as: UTF8.self).unicodeScalars.map { c in
            (0xFF0D...0xFF19).contains(c.value) ? Unicode.Scalar(c.value - 0xFEE0)! : c
        }))
        return parse(ascii, origin: origin)
    }

    /// Whether the text has a full-width digit or separator (U+FF0D…U+FF19: EF BC 8D…99).
    private static func hasFullWidth(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 2 < u.count {
            if u[i] == 0xEF, u[i + 1] == 0xBC, (0x8D...0x99).contains(u[i + 2]) { return true }
            i += 1
        }
        return false
    }

    /// Three numbers of at most four digits with two equal ASCII separators between them, or
    /// 年, 月 and 日 (号) after them; spaces and tabs around.
    private static func parse(utf8 u: UnsafeBufferPointer<UInt8>, origin: Provenance?) -> CELDate? {
        var lo = 0, hi = u.count
        while lo < hi, u[lo] == 0x20 || u[lo] == 0x09 { lo += 1 }
        while hi > lo, u[hi - 1] == 0x20 || u[hi - 1] == 0x09 { hi -= 1 }
        var numbers = (0, 0, 0), count = 0
        var separators = (0..<0, 0..<0, 0..<0)
        var current = 0, digits = 0
        var i = lo
        while i < hi {
            let b = u[i]
            if b >= 0x30 && b <= 0x39 {
                current = current * 10 + Int(b - 0x30)
                digits += 1
                if digits > 4 { return nil }
                i += 1
                continue
            }
            guard digits > 0, count < 3 else { return nil }
            // A separator is one ASCII byte or one multi-byte character (年, 月, 日).
            var end = i + 1
            if b >= 0x80 { while end < hi, u[end] & 0xC0 == 0x80 { end += 1 } }
            switch count {
            case 0: (numbers.0, separators.0) = (current, i..<end)
            case 1: (numbers.1, separators.1) = (current, i..<end)
            default: (numbers.2, separators.2) = (current, i..<end)
            }
            count += 1
            current = 0
            digits = 0
            i = end
        }
        let separatorCount = count
        if digits > 0 {
            guard count < 3 else { return nil }
            if count == 2 { numbers.2 = current }
            count += 1
        }
        guard count == 3 else { return nil }
        func separator(_ r: Range<Int>, is text: StaticString) -> Bool {
            r.count == text.utf8CodeUnitCount && r.allSatisfy { u[$0] == text.utf8Start[$0 - r.lowerBound] }
        }
        let ok: Bool
        switch separatorCount {
        case 2:
            let a = separators.0, b = separators.1
            ok = a.count == 1 && b.count == 1 && u[a.lowerBound] == u[b.lowerBound] && [0x2D, 0x2F, 0x2E].contains(u[a.lowerBound])
        case 3:
            ok = separator(separators.0, is: "年") && separator(separators.1, is: "月")
                && (separator(separators.2, is: "日") || separator(separators.2, is: "号"))
        default: ok = false
        }
        guard ok else { return nil }
        return CELDate(year: numbers.0, month: numbers.1, day: numbers.2, origin: origin)
    }
}

/// A span of time in seconds and nanoseconds, as `google.protobuf.Duration`.
public struct CELDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64
    public var nanos: Int32

    public init(seconds: Int64, nanos: Int32 = 0) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// A whole number of days.
    public static func days(_ n: Int64) -> CELDuration { CELDuration(seconds: n * 86_400) }

    /// Whole days, rounded toward zero.
    public var wholeDays: Int64 { seconds / 86_400 }

    public static func < (a: CELDuration, b: CELDuration) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    /// CEL's text form: seconds with up to nine decimals, `"90s"`, `"1.5s"`, `"-0.000000001s"`.
    public var description: String {
        let total = Int128(seconds) * 1_000_000_000 + Int128(nanos)
        let negative = total < 0
        let magnitude = negative ? -total : total
        let whole = magnitude / 1_000_000_000
        var fraction = String(Int64(magnitude % 1_000_000_000))
        if fraction != "0" {
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        return (negative ? "-" : "") + "\(whole)" + (fraction == "0" ? "" : ".\(fraction)") + "s"
    }

    /// Whole days as `5d` (how the rules write them), otherwise the CEL form.
    public var daysDescription: String {
        nanos == 0 && seconds % 86_400 == 0 ? "\(seconds / 86_400)d" : description
    }

    /// The largest magnitude: 2^63-1 nanoseconds (about 292 years), as the conformance suite
    /// expects (cel-go's durations are int64 nanoseconds), rather than protobuf's 10,000 years.
    static let limit: Int128 = Int128(Int64.max)

    /// A duration from total nanoseconds, or nil when out of range.
    static func from(nanos total: Int128) -> CELDuration? {
        guard total <= limit, total >= -limit else { return nil }
        return CELDuration(seconds: Int64(total / 1_000_000_000), nanos: Int32(total % 1_000_000_000))
    }

    var totalNanos: Int128 { Int128(seconds) * 1_000_000_000 + Int128(nanos) }

    /// Parses Go-style durations as CEL does (`1h30m`, `1.5s`, `-3ns`) plus days and weeks
    /// (`5d`, `2w`); exact to the nanosecond; nil when malformed or out of range.
    public static func parse(_ text: String) -> CELDuration? {
        var chars = Array(text.trimmingSpaces().unicodeScalars)
        var negative = false
        if chars.first == "-" { negative = true; chars.removeFirst() } else if chars.first == "+" { chars.removeFirst() }
        guard !chars.isEmpty else { return nil }
        if chars == ["0"] { return CELDuration(seconds: 0) }
        var total: Int128 = 0
        var i = 0
        while i < chars.count {
            var whole: Int128 = 0, fraction: Int128 = 0, fractionDigits = 0, digits = 0
            while i < chars.count, ("0"..."9").contains(chars[i]) {
                whole = whole * 10 + Int128(chars[i].value - 48)
                digits += 1; i += 1
                if whole > limit { return nil }
            }
            if i < chars.count, chars[i] == "." {
                i += 1
                while i < chars.count, ("0"..."9").contains(chars[i]) {
                    if fractionDigits < 18 { fraction = fraction * 10 + Int128(chars[i].value - 48); fractionDigits += 1 }
                    digits += 1; i += 1
                }
            }
            guard digits > 0 else { return nil }
            var unit = ""
            while i < chars.count, !("0"..."9").contains(chars[i]), chars[i] != "." {
                unit.unicodeScalars.append(chars[i]); i += 1
            }
            let scale: Int128
            switch unit {
            case "w": scale = 604_800_000_000_000
            case "d": scale = 86_400_000_000_000
            case "h": scale = 3_600_000_000_000
            case "m": scale = 60_000_000_000
            case "s": scale = 1_000_000_000
            case "ms": scale = 1_000_000
            case "us", "µs", "μs": scale = 1_000
            case "ns": scale = 1
            default: return nil
            }
            var pow: Int128 = 1
            for _ in 0..<fractionDigits { pow *= 10 }
            total += whole * scale + fraction * scale / pow
            if total > limit { return nil }
        }
        return from(nanos: negative ? -total : total)
    }
}

extension String {
    func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }
}
