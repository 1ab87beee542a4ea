/// One row of a CSV or TSV file.
struct CSVRow {
    /// The line the row starts on (1-based; a quoted field may span several lines).
    var line: Int
    /// The fields, decoded as UTF-8.
    var fields: [String]
    /// Why the row could not be read, if it could not.
    var error: String?
    /// Whether a field held invalid UTF-8 (replaced with U+FFFD).
    var sawInvalidText = false
}

/// A byte-level parser of delimiter-separated values (RFC 4180).
///
/// - Fields are separated by the delimiter (`,` or tab) and rows by LF or CRLF.
/// - A field that starts with `"` is quoted: it may hold delimiters, line breaks and quotes
///   written twice (`""`), and must be followed by a delimiter, a line break or the end.
/// - A quote inside an unquoted field is kept as it is (lenient, as spreadsheets are).
/// - Empty lines between rows are skipped; a final line break does not make an empty row.
/// - Line breaks inside quoted fields are kept as they are (LF or CRLF).
///
/// A malformed row (text after a closing quote) is reported and skipped up to the end of its
/// line, so the rows after it are read; a quote that is never closed swallows the rest of the
/// file and is reported as such.
struct CSVParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private var position: Int
    private var line = 1

    private static let quote = UInt8(ascii: "\"")
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// A parser of `bytes`, starting at `start` (after a byte-order mark).
    init(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, start: Int = 0) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = start
    }

    /// The next row, or `nil` at the end of the text.
    mutating func nextRow() -> CSVRow? {
        skipEmptyLines()
        guard position < bytes.count else { return nil }
        var row = CSVRow(line: line, fields: [])
        while true {
            if position == bytes.count {  // a delimiter ended the text: one more, empty field
                row.fields.append("")
                return row
            }
            if bytes[position] == CSVParser.quote {
                let opened = line
                guard let content = quotedField() else {
                    row.error = "the quoted field \(row.fields.count + 1) opened on line \(opened) is never closed; "
                        + "close it with \", and write quotes inside it as \"\""
                    return row
                }
                row.fields.append(makeString(content, &row.sawInvalidText))
                guard position < bytes.count else { return row }
                let b = bytes[position]
                if b == delimiter {
                    position += 1
                    continue
                }
                if endOfRow() { return row }
                row.error = "text after the closing quote of field \(row.fields.count); "
                    + "inside a quoted field write a quote as \"\""
                skipRestOfLine()
                return row
            }
            // An unquoted field runs to the delimiter, the line break or the end.
            let start = position
            while position < bytes.count, bytes[position] != delimiter, bytes[position] != CSVParser.lf {
                position += 1
            }
            var stop = position
            if stop > start, position == bytes.count || bytes[position] == CSVParser.lf,
                bytes[stop - 1] == CSVParser.cr
            {
                stop -= 1  // CRLF
            }
            row.fields.append(makeString(UnsafeBufferPointer(rebasing: bytes[start..<stop]), &row.sawInvalidText))
            guard position < bytes.count else { return row }
            if bytes[position] == delimiter {
                position += 1
                continue
            }
            position += 1  // LF
            line += 1
            return row
        }
    }

    /// Reads a quoted field whose opening quote is at `position`, leaving `position` after
    /// the closing quote; `nil` when the quote is never closed.
    private mutating func quotedField() -> [UInt8]? {
        position += 1
        var content: [UInt8] = []
        var segment = position
        while position < bytes.count {
            let b = bytes[position]
            if b == CSVParser.quote {
                content += bytes[segment..<position]
                if position + 1 < bytes.count, bytes[position + 1] == CSVParser.quote {
                    content.append(CSVParser.quote)
                    position += 2
                    segment = position
                    continue
                }
                position += 1
                return content
            }
            if b == CSVParser.lf { line += 1 }
            position += 1
        }
        return nil
    }

    /// Consumes a line break (LF or CRLF) at `position`, if there is one.
    private mutating func endOfRow() -> Bool {
        if bytes[position] == CSVParser.lf {
            position += 1
            line += 1
            return true
        }
        if bytes[position] == CSVParser.cr {
            if position + 1 == bytes.count {
                position += 1
                return true
            }
            if bytes[position + 1] == CSVParser.lf {
                position += 2
                line += 1
                return true
            }
        }
        return false
    }

    private mutating func skipRestOfLine() {
        while position < bytes.count, bytes[position] != CSVParser.lf { position += 1 }
        if position < bytes.count {
            position += 1
            line += 1
        }
    }

    private mutating func skipEmptyLines() {
        while position < bytes.count {
            if bytes[position] == CSVParser.lf {
                position += 1
                line += 1
            } else if bytes[position] == CSVParser.cr, position + 1 == bytes.count || bytes[position + 1] == CSVParser.lf {
                position += 1
            } else {
                return
            }
        }
    }

    private func makeString<C: Collection<UInt8>>(_ bytes: C, _ invalid: inout Bool) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        invalid = true
        return String(decoding: bytes, as: UTF8.self)
    }
}
