import Foundation

/// A point in time, as `google.protobuf.Timestamp`: seconds and nanoseconds since 1970 UTC,
/// within years 1 to 9999.
public struct CELTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64
    public var nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800   // 0001-01-01T00:00:00Z
    static let maxSeconds: Int64 = 253_402_300_799   // 9999-12-31T23:59:59Z

    public init?(seconds: Int64, nanos: Int32 = 0) {
        guard seconds >= CELTimestamp.minSeconds, seconds <= CELTimestamp.maxSeconds, (0..<1_000_000_000).contains(nanos) else { return nil }
        self.seconds = seconds
        self.nanos = nanos
    }

    init?(totalNanos: Int128) {
        let s = totalNanos >= 0 ? totalNanos / 1_000_000_000 : (totalNanos - 999_999_999) / 1_000_000_000
        let n = totalNanos - s * 1_000_000_000
        guard let secs = Int64(exactly: s) else { return nil }
        self.init(seconds: secs, nanos: Int32(n))
    }

    var totalNanos: Int128 { Int128(seconds) * 1_000_000_000 + Int128(nanos) }

    public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    /// RFC 3339 in UTC, fraction trimmed: `2009-02-13T23:31:30Z`, `…59.999999999Z`.
    public var description: String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let c = CELDate.civil(fromDays: days)
        func pad(_ n: Int, _ width: Int = 2) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        if nanos != 0 {
            var f = pad(Int(nanos), 9)
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out + "Z"
    }

    /// Parses RFC 3339 (`2009-02-13T23:31:30.5Z`, `…+08:00`); nil when malformed or out of range.
    public static func parse(_ text: String) -> CELTimestamp? {
        let c = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= c.count else { return nil }
            var v = 0
            for b in c[from..<(from + count)] {
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard c.count >= 20, let y = num(0, 4), c[4] == 45, let mo = num(5, 2), c[7] == 45, let d = num(8, 2),
              c[10] == 84 || c[10] == 116, let h = num(11, 2), c[13] == 58, let mi = num(14, 2), c[16] == 58,
              let s = num(17, 2), h < 24, mi < 60, s < 60, let date = CELDate(year: y, month: mo, day: d) else { return nil }
        var i = 19
        var nanos = 0
        if i < c.count, c[i] == 46 {
            i += 1
            var digits = 0
            while i < c.count, c[i] >= 48, c[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(c[i] - 48) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 where digits < 9 { nanos *= 10 }
        }
        var offset = 0
        guard i < c.count else { return nil }
        if c[i] == 90 || c[i] == 122 {
            i += 1
        } else if c[i] == 43 || c[i] == 45, let oh = num(i + 1, 2), c.count > i + 3, c[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (c[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == c.count else { return nil }
        let secs = Int64(date.day) * 86_400 + Int64(h * 3600 + mi * 60 + s) - Int64(offset)
        return CELTimestamp(seconds: secs, nanos: Int32(nanos))
    }
}

/// Timestamps and their functions, as CEL's standard library defines them.
enum Time {
    typealias Impl = @Sendable (Arguments) -> Value
    static let outOfRange = "时间戳超出范围（公元1年至9999年）"

    static func register(_ t: inout FunctionTable) {
        t.add("timestamp", [
            Overload("string_to_timestamp", [.string], .timestamp) { a in
                guard case .string(let s) = a[0] else { return .fail("type") }
                return CELTimestamp.parse(s).map(Value.timestamp) ?? .fail(CELText.badConversion(Printer.quote(s), "timestamp"))
            },
            Overload("int64_to_timestamp", [.int], .timestamp) { a in
                guard case .int(let s) = a[0] else { return .fail("type") }
                return CELTimestamp(seconds: s).map(Value.timestamp) ?? .fail(outOfRange)
            },
            Overload("timestamp_to_timestamp", [.timestamp], .timestamp) { $0[0] },
        ])
        t.add("_+_", [
            Overload("add_timestamp_duration", [.timestamp, .duration], .timestamp) { shift($0[0], $0[1], 1) },
            Overload("add_duration_timestamp", [.duration, .timestamp], .timestamp) { shift($0[1], $0[0], 1) },
        ])
        t.add("_-_", [
            Overload("subtract_timestamp_duration", [.timestamp, .duration], .timestamp) { shift($0[0], $0[1], -1) },
            Overload("subtract_timestamp_timestamp", [.timestamp, .timestamp], .duration) { a in
                guard case .timestamp(let x) = a[0], case .timestamp(let y) = a[1] else { return .fail("type") }
                return CELDuration.from(nanos: x.totalNanos - y.totalNanos).map(Value.duration) ?? .fail(CELText.overflow)
            },
        ])
        let parts: [(String, @Sendable (Civil) -> Int64)] = [
            ("getFullYear", { Int64($0.year) }),
            ("getMonth", { Int64($0.month - 1) }),
            ("getDate", { Int64($0.day) }),
            ("getDayOfMonth", { Int64($0.day - 1) }),
            ("getDayOfYear", { Int64($0.dayOfYear) }),
            ("getDayOfWeek", { Int64($0.weekday % 7) }),
            ("getHours", { Int64($0.secondOfDay / 3600) }),
            ("getMinutes", { Int64($0.secondOfDay / 60 % 60) }),
            ("getSeconds", { Int64($0.secondOfDay % 60) }),
            ("getMilliseconds", { Int64($0.nanos / 1_000_000) }),
        ]
        for (name, f) in parts {
            let impl: Impl = { a in
                guard case .timestamp(let ts) = a[0] else { return .fail("type") }
                var zone: String?
                if a.count > 1, case .string(let z) = a[1] { zone = z }
                guard let civil = Civil(ts, zone: zone) else { return .fail("未知的时区「\(zone ?? "")」") }
                return .int(f(civil))
            }
            t.add(name, [
                Overload("timestamp_\(name)", member: true, [.timestamp], .int, impl),
                Overload("timestamp_\(name)_tz", member: true, [.timestamp, .string], .int, impl),
            ])
        }
        let durationParts: [(String, @Sendable (CELDuration) -> Int64)] = [
            ("getHours", { $0.seconds / 3600 }),
            ("getMinutes", { $0.seconds / 60 }),
            ("getSeconds", { $0.seconds }),
            ("getMilliseconds", { Int64($0.nanos / 1_000_000) }),
        ]
        for (name, f) in durationParts {
            t.add(name, [Overload("duration_\(name)", member: true, [.duration], .int) { a in
                guard case .duration(let d) = a[0] else { return .fail("type") }
                return .int(f(d))
            }])
        }
    }

    static func shift(_ ts: Value, _ d: Value, _ sign: Int128) -> Value {
        guard case .timestamp(let t) = ts, case .duration(let du) = d else { return .fail("type") }
        return CELTimestamp(totalNanos: t.totalNanos + sign * du.totalNanos).map(Value.timestamp) ?? .fail(outOfRange)
    }

    /// A timestamp's calendar fields in a time zone (IANA name, `±HH:MM`, or UTC by default).
    struct Civil {
        var year = 0, month = 0, day = 0, dayOfYear = 0, weekday = 0, secondOfDay = 0, nanos = 0

        init?(_ t: CELTimestamp, zone: String?) {
            guard let offset = Civil.offset(zone, at: t.seconds) else { return nil }
            let local = t.seconds + Int64(offset)
            let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
            let c = CELDate.civil(fromDays: days)
            (year, month, day) = (c.year, c.month, c.day)
            dayOfYear = days - CELDate.daysFromCivil(c.year, 1, 1)
            weekday = CELDate(day: Int32(days)).weekday
            secondOfDay = Int(local - Int64(days) * 86_400)
            nanos = Int(t.nanos)
        }

        static func offset(_ zone: String?, at seconds: Int64) -> Int? {
            guard let zone, !zone.isEmpty, zone != "UTC", zone != "Z" else { return 0 }
            let c = Array(zone.utf8)
            var sign = 1, i = 0
            if c.first == 43 || c.first == 45 { sign = c.first == 45 ? -1 : 1; i = 1 }
            if c.count == i + 5, c[i + 2] == 58,
               let h = Int(String(decoding: c[i..<(i + 2)], as: UTF8.self)),
               let m = Int(String(decoding: c[(i + 3)...], as: UTF8.self)) {
                return sign * (h * 3600 + m * 60)
            }
            guard let tz = TimeZone(identifier: zone) else { return nil }
            return tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
    }
}
