/// A lexical token of CEL with its range.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case int(Int64), uint(UInt64), double(Double), string(String), bytes([UInt8])
        case ident(String)
        /// A backtick-quoted field name: `` `content-type` ``.
        case quotedIdent(String)
        /// 9223372036854775808: valid only as the operand of unary minus.
        case minIntMagnitude
        case `true`, `false`, null
        case op(String)
        case eof
        /// A lexing problem, kept as a token so the parser reports it in order.
        case invalid(String)
    }

    var kind: Kind
    var range: SourceRange
}
