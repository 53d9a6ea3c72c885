import CEL

/// A finding's message written as the catalogue writes it, `"已于\(done)完成"`, but put
/// together as UTF-8 bytes in one buffer: a date goes in as Chinese (`2019年9月10日`) and a
/// number as digits, without a string made for each and appended. Every deadline's finding has
/// such a message; made by interpolation, each took a dozen allocations.
struct Message: ExpressibleByStringInterpolation {
    let text: String

    init(stringLiteral text: String) { self.text = text }

    init(stringInterpolation m: Parts) { text = String(decoding: m.bytes, as: UTF8.self) }

    /// The pieces, in order.
    struct Parts: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            // A Chinese date is at most 17 bytes, a count of days a few.
            bytes.reserveCapacity(literalCapacity + 18 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

        /// A date, in Chinese.
        mutating func appendInterpolation(_ date: CELDate) { date.appendChinese(to: &bytes) }

        mutating func appendInterpolation(_ n: Int64) { bytes.append(contentsOf: String(n).utf8) }
    }
}
