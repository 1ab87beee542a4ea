/// A JSON value, with an object's members in the order the text gives them.
enum JSONValue: Equatable {
    case null
    case boolean(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// What kind of value this is, for messages: "a JSON array".
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .boolean: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One member of a JSON object.
struct JSONMember: Equatable {
    var key: String
    var value: JSONValue
}

/// Where JSON text went wrong: a byte offset into the text parsed and what was expected.
struct JSONSyntaxError: Error, Equatable {
    /// The offset of the offending byte (or of the end of the text).
    var offset: Int
    /// What was wrong, as a fragment: "expected ':' after an object key".
    var message: String
}

/// A byte-level JSON parser (RFC 8259).
///
/// Why not `JSONSerialization`: it returns `NSDictionary`, which loses the order of an
/// object's keys (``Metadata`` keeps that order, and outputs must be byte-identical from run
/// to run); it blurs booleans, integers and floats into `NSNumber`; and its errors say
/// neither where nor what in terms a user can act on. This parser keeps member order,
/// tells integers (no fraction or exponent, fits in `Int64`) from other numbers, reports the
/// byte offset and the expectation, and works on the file's UTF-8 bytes without copying
/// them. Strict RFC 8259 grammar: no comments, no trailing commas, no leading zeros, no
/// unescaped control characters in strings. Invalid UTF-8 inside strings and unpaired
/// surrogate escapes become U+FFFD and set ``sawInvalidText`` (readers add a warning), as
/// the text reader does for text files. Nesting is limited to ``maxDepth`` so a hostile file
/// cannot overflow the stack.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var position: Int
    /// The offset just past the last byte to read.
    let end: Int
    /// Whether a string held invalid UTF-8 or an unpaired surrogate (replaced by U+FFFD).
    var sawInvalidText = false

    /// A parser of `bytes[start..<end]`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    /// Parses exactly one value, with nothing but white space after it.
    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        let value = try parseValue()
        try expectEnd()
        return value
    }

    /// Checks that only white space is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < end { throw error("unexpected \(describeByte(at: position)) after the JSON value") }
    }

    /// Skips JSON white space (space, tab, line feed, carriage return).
    mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next byte after white space, without consuming it; `nil` at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < end ? bytes[position] : nil
    }

    /// Consumes `byte` (after white space) or throws `message`.
    mutating func expect(_ byte: UInt8, _ message: String) throws(JSONSyntaxError) {
        guard peek() == byte else { throw error(message) }
        position += 1
    }

    /// Parses the value starting at the next non-white-space byte.
    mutating func parseValue(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else { throw error("unexpected end of text where a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .boolean(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .boolean(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected \(describeByte(at: position)) where a value was expected")
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
        position += 1  // {
        var members: [JSONMember] = []
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard let byte = peek() else { throw error("unexpected end of text inside an object") }
            guard byte == UInt8(ascii: "\"") else {
                throw error("expected a string key in an object, found \(describeByte(at: position))")
            }
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "expected ':' after the object key \"\(key)\"")
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, value: value))
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            case nil: throw error("unexpected end of text inside an object (missing '}'?)")
            default: throw error("expected ',' or '}' after an object member, found \(describeByte(at: position))")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
        position += 1  // [
        var elements: [JSONValue] = []
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(elements)
            case nil: throw error("unexpected end of text inside an array (missing ']'?)")
            default: throw error("expected ',' or ']' after an array element, found \(describeByte(at: position))")
            }
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        guard position + count <= end else {
            throw error("unexpected end of text in '\(word)'")
        }
        for k in 0..<count where bytes[position + k] != start[k] {
            throw error("expected '\(word)'")
        }
        position += count
        return value
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, isDigit(bytes[position]) else { throw error("invalid number: '-' must be followed by a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < end, isDigit(bytes[position]) { throw error("invalid number: leading zeros are not allowed") }
        } else {
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < end, isDigit(bytes[position]) else { throw error("invalid number: a digit must follow '.'") }
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < end, isDigit(bytes[position]) else {
                throw error("invalid number: the exponent needs digits")
            }
            while position < end, isDigit(bytes[position]) { position += 1 }
        }
        if isInteger, let value = integer(start, position) { return .integer(value) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else { throw JSONSyntaxError(offset: start, message: "invalid number '\(text)'") }
        return .number(value)
    }

    /// The integer written in `bytes[start..<stop]`, or `nil` if it does not fit in `Int64`.
    private func integer(_ start: Int, _ stop: Int) -> Int64? {
        let negative = bytes[start] == UInt8(ascii: "-")
        var value: Int64 = 0
        for i in (negative ? start + 1 : start)..<stop {
            let digit = Int64(bytes[i] &- 0x30)
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            // Accumulate negatively so that Int64.min fits.
            let (next, o2) = times10.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    // MARK: - Strings

    /// Parses a string starting at its opening quote.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = position
        position += 1
        // Fast path: no escapes.
        var i = position
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[position..<i])
                position = i + 1
                return makeString(slice)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacter(at: i) }
            i += 1
        }
        guard i < end else { throw JSONSyntaxError(offset: open, message: "a string opened here is never closed") }
        // Slow path: copy, resolving escapes.
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[position..<i]))
        position = i
        while position < end {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return buffer.withUnsafeBufferPointer { makeString($0) }
            }
            if b < 0x20 { throw controlCharacter(at: position) }
            if b != UInt8(ascii: "\\") {
                // Copy the run up to the next quote, backslash or control character at once.
                let run = position
                position += 1
                while position < end {
                    let c = bytes[position]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
                    position += 1
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
                continue
            }
            guard position + 1 < end else { break }
            let escape = bytes[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try unicodeEscape()
                appendScalar(scalar, to: &buffer)
            default:
                position -= 2
                throw error("invalid escape '\\\(printable(escape))' in a string")
            }
        }
        throw JSONSyntaxError(offset: open, message: "a string opened here is never closed")
    }

    /// Reads the code point of a `\u` escape whose `\u` was just consumed, pairing surrogates.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> UInt32 {
        let first = try hex4()
        guard first >= 0xD800, first <= 0xDFFF else { return first }
        if first <= 0xDBFF, position + 1 < end, bytes[position] == UInt8(ascii: "\\"),
            bytes[position + 1] == UInt8(ascii: "u")
        {
            let save = position
            position += 2
            let second = try hex4()
            if second >= 0xDC00, second <= 0xDFFF {
                return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            position = save  // not a low surrogate: leave it to be read on its own
        }
        sawInvalidText = true
        return 0xFFFD
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= end else { throw error("unexpected end of text in a \\u escape") }
        var value: UInt32 = 0
        for k in 0..<4 {
            let b = bytes[position + k]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default:
                position += k
                throw error("invalid \\u escape: '\(printable(b))' is not a hexadecimal digit")
            }
            value = value << 4 | digit
        }
        position += 4
        return value
    }

    private func appendScalar(_ c: UInt32, to buffer: inout [UInt8]) {
        switch c {
        case 0..<0x80: buffer.append(UInt8(c))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | c >> 6))
            buffer.append(UInt8(0x80 | c & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | c >> 12))
            buffer.append(UInt8(0x80 | c >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | c & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | c >> 18))
            buffer.append(UInt8(0x80 | c >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | c >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | c & 0x3F))
        }
    }

    /// The bytes as a string; invalid UTF-8 becomes U+FFFD and is noted.
    private mutating func makeString(_ slice: UnsafeBufferPointer<UInt8>) -> String {
        if let valid = String(validating: slice, as: UTF8.self) { return valid }
        sawInvalidText = true
        return String(decoding: slice, as: UTF8.self)
    }

    // MARK: - Errors

    private func controlCharacter(at offset: Int) -> JSONSyntaxError {
        let b = bytes[offset]
        let hex = String(b, radix: 16, uppercase: true)
        let name = b == 0x0A ? "a line break" : b == 0x09 ? "a tab" : "control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex)"
        let escape = b == 0x0A ? " (write it as \\n)" : b == 0x09 ? " (write it as \\t)" : ""
        return JSONSyntaxError(offset: offset, message: "\(name) inside a string\(escape)")
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: position >= end && !message.contains("end of text")
            ? "unexpected end of text (\(message))" : message)
    }

    private func describeByte(at offset: Int) -> String {
        guard offset < end else { return "end of text" }
        return "'\(printable(bytes[offset]))'"
    }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
    }
}
