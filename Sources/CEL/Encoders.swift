import Foundation

/// cel-go's encoders extension: `base64.encode(bytes)` and `base64.decode(string)`, which also
/// accepts text without its `=` padding.
enum Encoders {
    static func register(_ t: inout FunctionTable) {
        t.add("base64.encode", [Overload("base64_encode_bytes", [.bytes], .string) { a in
            guard case .bytes(let b) = a[0] else { return .fail("type") }
            return .string(Data(b).base64EncodedString())
        }])
        t.add("base64.decode", [Overload("base64_decode_string", [.string], .bytes) { a in
            guard case .string(var s) = a[0] else { return .fail("type") }
            if s.utf8.count % 4 != 0 { s += String(repeating: "=", count: 4 - s.utf8.count % 4) }
            guard let data = Data(base64Encoded: s) else { return .fail(CELText.badBase64) }
            return .bytes([UInt8](data))
        }])
    }
}
