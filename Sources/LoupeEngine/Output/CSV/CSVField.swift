/// How one CSV field is written (RFC 4180): quoted only when it must be.
///
/// A field is quoted when it holds a comma, a double quote, CR or LF, and also when it is the
/// empty string, so that it differs from a missing value (an empty field) and a one-column
/// row of "" never becomes a blank line, which readers skip (for the same reason, a
/// one-column table's missing value is written `""` too). Quotes inside are doubled.
/// Text is UTF-8, invalid sequences replaced by U+FFFD.
enum CSVField {
    /// Appends `cell` as a field.
    static func append(_ cell: Cell, to line: inout [UInt8]) {
        switch cell {
        case .null: break
        case .bool(let value): line.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): line.append(contentsOf: String(value).utf8)
        case .real(let value): line.append(contentsOf: Cell.realText(value).utf8)
        case .text(let bytes):
            // ASCII is valid UTF-8 as is; anything else is decoded to repair invalid sequences.
            if bytes.allSatisfy({ $0 < 0x80 }) {
                appendText(bytes, to: &line)
            } else {
                appendText(String(decoding: bytes, as: UTF8.self).utf8, to: &line)
            }
        case .json(let text): appendText(text.utf8, to: &line)
        }
    }

    /// Appends text (valid UTF-8), quoted if needed.
    static func appendText(_ text: some Collection<UInt8>, to line: inout [UInt8]) {
        let mustQuote = text.isEmpty || text.contains { $0 == comma || $0 == quote || $0 == cr || $0 == lf }
        guard mustQuote else {
            line.append(contentsOf: text)
            return
        }
        line.append(quote)
        for byte in text {
            if byte == quote { line.append(quote) }
            line.append(byte)
        }
        line.append(quote)
    }

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    /// Records end with CRLF, as RFC 4180 says.
    static let lineEnd: [UInt8] = [cr, lf]
}
