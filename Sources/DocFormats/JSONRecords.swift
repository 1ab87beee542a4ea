import DocModel

/// Reads JSON (`.json`: an array of objects, or one object) and JSON Lines (`.jsonl`: one
/// object per line) into documents, one per object.
///
/// Each object's text field (``FormatOptions/textField``; by default `text`, else `body`,
/// else `content`) becomes the document's raw text, cleaned; its id field
/// (``FormatOptions/idField``, default `id`) its id, or else `<file stem>:<record number>`;
/// every other field its metadata, in the object's order: strings, integers, other numbers,
/// booleans, arrays as lists and objects as maps, with `null` values left out (in nested
/// arrays too).
///
/// A bad record fails alone and the others are read:
///
/// ```text
/// corpus.jsonl: line 12: not valid JSON (unexpected end of text at column 41); fix or remove that line
/// corpus.jsonl: line 15: no "text" field (nor "body" or "content"); the record has "id", "title"; name the text field with --text-field
/// ```
///
/// In a `.json` file a syntax error ends the reading (records after it cannot be found
/// reliably); the records before it are kept.
public enum JSONRecords {
    /// The documents of a JSON Lines file whose bytes (decompressed) are `bytes`. Blank lines
    /// are skipped; records are numbered among the non-blank lines.
    public static func documents(jsonLines bytes: [UInt8], path: String, options: FormatOptions)
        -> [Result<Document, DocumentError>]
    {
        let builder = RecordBuilder(path: path, options: options)
        var results: [Result<Document, DocumentError>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = bomLength(buffer)
            var lineNumber = 0
            var recordNumber = 0
            while lineStart < buffer.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < buffer.count, buffer[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var parser = JSONParser(buffer, start: lineStart, end: lineEnd)
                guard parser.peek() != nil else { continue }  // a blank line
                recordNumber += 1
                let location = "line \(lineNumber)"
                let value: JSONValue
                do throws(JSONSyntaxError) {
                    value = try parser.parseDocument()
                } catch {
                    let column = Utf8.codePoints(in: buffer, from: lineStart, to: min(error.offset, lineEnd)) + 1
                    results.append(.failure(builder.fail(
                        location, "not valid JSON (\(error.message), at column \(column)); fix or remove that line")))
                    continue
                }
                guard case .object(let members) = value else {
                    results.append(.failure(builder.fail(
                        location, "holds \(value.kindDescription), not a JSON object; each line must be one object")))
                    continue
                }
                let warnings = parser.sawInvalidText ? [RecordBuilder.invalidTextWarning] : []
                results.append(builder.document(
                    fields: fields(members), number: recordNumber, location: location, warnings: warnings))
            }
            if recordNumber == 0 {
                results.append(.failure(builder.fail("", "holds no records (the file is empty or blank); "
                    + "give one JSON object per line")))
            }
        }
        return results
    }

    /// The documents of a JSON file whose bytes (decompressed) are `bytes`: an array of
    /// objects (one document each) or a single object.
    public static func documents(json bytes: [UInt8], path: String, options: FormatOptions)
        -> [Result<Document, DocumentError>]
    {
        let builder = RecordBuilder(path: path, options: options)
        var results: [Result<Document, DocumentError>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var lines = LineCounter(buffer)
            var parser = JSONParser(buffer, start: bomLength(buffer))
            func syntaxError(_ error: JSONSyntaxError, afterRecords read: Int) {
                let (line, column) = lines.position(of: error.offset)
                let rest = read > 0
                    ? "the \(read) records before it were read; fix the file to read the rest" : "fix the file"
                results.append(.failure(builder.fail(
                    "line \(line), column \(column)", "not valid JSON (\(error.message)); \(rest)")))
            }
            do throws(JSONSyntaxError) {
                switch parser.peek() {
                case nil:
                    results.append(.failure(builder.fail("", "is empty; give an array of JSON objects, or one object")))
                case UInt8(ascii: "{"):
                    let start = parser.position
                    let value = try parser.parseDocument()
                    guard case .object(let members) = value else { return }
                    let warnings = parser.sawInvalidText ? [RecordBuilder.invalidTextWarning] : []
                    let location = "record 1 (line \(lines.position(of: start).line))"
                    results.append(builder.document(fields: fields(members), number: 1, location: location, warnings: warnings))
                case UInt8(ascii: "["):
                    try readArray(&parser, builder: builder, lines: &lines, into: &results)
                default:
                    let value = try parser.parseDocument()
                    results.append(.failure(builder.fail("", "holds \(value.kindDescription); "
                        + "a .json file must hold an array of objects, or one object")))
                }
            } catch {
                syntaxError(error, afterRecords: results.count)
            }
        }
        return results
    }

    /// Reads the elements of a top-level array one at a time, so that each becomes a
    /// document (or a failure) before the next is parsed.
    private static func readArray(
        _ parser: inout JSONParser, builder: RecordBuilder, lines: inout LineCounter,
        into results: inout [Result<Document, DocumentError>]
    ) throws(JSONSyntaxError) {
        try parser.expect(UInt8(ascii: "["), "expected '['")
        if parser.peek() == UInt8(ascii: "]") {
            parser.position += 1
            try parser.expectEnd()
            return
        }
        var number = 0
        while true {
            number += 1
            parser.sawInvalidText = false
            _ = parser.peek()
            let start = parser.position
            let value = try parser.parseValue(depth: 1)
            let location = "record \(number) (line \(lines.position(of: start).line))"
            if case .object(let members) = value {
                let warnings = parser.sawInvalidText ? [RecordBuilder.invalidTextWarning] : []
                results.append(builder.document(fields: fields(members), number: number, location: location, warnings: warnings))
            } else {
                results.append(.failure(builder.fail(
                    location, "is \(value.kindDescription), not an object; the array must hold objects")))
            }
            switch parser.peek() {
            case UInt8(ascii: ","): parser.position += 1
            case UInt8(ascii: "]"):
                parser.position += 1
                try parser.expectEnd()
                return
            case nil: throw JSONSyntaxError(offset: parser.position, message: "unexpected end of text inside the array (missing ']'?)")
            default: try parser.expect(UInt8(ascii: ","), "expected ',' or ']' after an array element")
            }
        }
    }

    /// An object's members as record fields.
    static func fields(_ members: [JSONMember]) -> [RecordBuilder.Field] {
        members.map { (key: $0.key, value: metaValue($0.value)) }
    }

    /// A JSON value as metadata; `nil` for `null`, which is left out of lists and maps.
    static func metaValue(_ value: JSONValue) -> MetaValue? {
        switch value {
        case .null: return nil
        case .boolean(let b): return .boolean(b)
        case .integer(let n): return .integer(n)
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .array(let elements): return .list(elements.compactMap(metaValue))
        case .object(let members):
            var map = Metadata()
            for member in members {
                if let value = metaValue(member.value) { map[member.key] = value }
            }
            return .map(map)
        }
    }

    /// The length of a UTF-8 byte-order mark at the start, if any.
    static func bomLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
    }
}

/// Turns byte offsets into 1-based line and column (in code points) numbers, counting
/// forward from the last offset asked about (asking in increasing order costs O(n) in all).
struct LineCounter {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    /// The line and column of byte `target`.
    mutating func position(of target: Int) -> (line: Int, column: Int) {
        let target = min(target, buffer.count)
        if target < offset { (offset, line, lineStart) = (0, 1, 0) }
        while offset < target {
            if buffer[offset] == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, Utf8.codePoints(in: buffer, from: lineStart, to: target) + 1)
    }
}
