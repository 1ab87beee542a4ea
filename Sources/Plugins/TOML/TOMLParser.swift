/// Parses the subset of TOML 1.0 that Loupe's files use: comments, bare, quoted and dotted
/// keys, `[table]` and `[[array.of.tables]]` headers, basic and literal strings (single- and
/// multi-line), integers, floats, booleans, arrays (over several lines, trailing comma allowed)
/// and inline tables. Anything else (dates, times) is an error naming the line.
struct TOMLParser {
    /// What went wrong, and on which line.
    struct Failure: Error {
        var line: Int
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// Parses `text` into its root table.
    static func parse(_ text: String) throws(Failure) -> TOMLTable {
        var parser = TOMLParser(text)
        return try parser.document()
    }

    // MARK: - Document

    private mutating func document() throws(Failure) -> TOMLTable {
        var root = TOMLTable()
        var current: [String] = []  // The path of the table the next keys go in.
        var definedTables: Set<[String]> = []
        while true {
            skipWhitespaceAndNewlines()
            guard let byte = peek() else { break }
            if byte == UInt8(ascii: "[") {
                let headerLine = line
                index += 1
                let isArray = peek() == UInt8(ascii: "[")
                if isArray { index += 1 }
                skipSpaces()
                let path = try keyPath()
                skipSpaces()
                try expect("]")
                if isArray { try expect("]") }
                try endOfLine()
                if isArray {
                    try Self.appendTable(to: &root, at: path, line: headerLine)
                    current = path
                } else {
                    if definedTables.contains(path) {
                        throw Failure(line: headerLine, message: "table [\(path.joined(separator: "."))] is defined twice")
                    }
                    definedTables.insert(path)
                    try Self.ensureTable(in: &root, at: path, line: headerLine)
                    current = path
                }
                continue
            }
            let keyLine = line
            let path = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try endOfLine()
            try Self.insert(value, line: keyLine, into: &root, at: current, key: path)
        }
        return root
    }

    // MARK: - Tables

    /// Makes sure a table exists at `path` (the last element of an array of tables counts).
    private static func ensureTable(in table: inout TOMLTable, at path: [String], line: Int) throws(Failure) {
        guard let first = path.first else { return }
        let rest = Array(path.dropFirst())
        switch table[first]?.value {
        case nil:
            var child = TOMLTable()
            child.line = line
            try ensureTable(in: &child, at: rest, line: line)
            table[first] = TOMLItem(value: .table(child), line: line)
        case .table(var child):
            try ensureTable(in: &child, at: rest, line: line)
            table[first] = TOMLItem(value: .table(child), line: table[first]!.line)
        case .array(var items):
            guard case .table(var child)? = items.last?.value else { fallthrough }
            try ensureTable(in: &child, at: rest, line: line)
            items[items.count - 1].value = .table(child)
            table[first] = TOMLItem(value: .array(items), line: table[first]!.line)
        default:
            throw Failure(line: line, message: "key \"\(first)\" is already a value, not a table")
        }
    }

    /// Appends a new table to the array of tables at `path`.
    private static func appendTable(to table: inout TOMLTable, at path: [String], line: Int) throws(Failure) {
        let first = path[0]
        if path.count == 1 {
            var items: [TOMLItem] = []
            if let existing = table[first] {
                guard case .array(let old) = existing.value else {
                    throw Failure(line: line, message: "key \"\(first)\" is already a value, not an array of tables")
                }
                items = old
            }
            var child = TOMLTable()
            child.line = line
            items.append(TOMLItem(value: .table(child), line: line))
            table[first] = TOMLItem(value: .array(items), line: table[first]?.line ?? line)
            return
        }
        try ensureTable(in: &table, at: [first], line: line)
        try modifyTable(in: &table, key: first, line: line) { (child) throws(Failure) in
            try appendTable(to: &child, at: Array(path.dropFirst()), line: line)
        }
    }

    /// Inserts `value` at `key` (a dotted path) inside the table at `tablePath`.
    private static func insert(
        _ value: TOMLValue, line: Int, into table: inout TOMLTable, at tablePath: [String], key: [String]
    ) throws(Failure) {
        if let first = tablePath.first {
            try modifyTable(in: &table, key: first, line: line) { (child) throws(Failure) in
                try insert(value, line: line, into: &child, at: Array(tablePath.dropFirst()), key: key)
            }
            return
        }
        if key.count == 1 {
            if table[key[0]] != nil {
                throw Failure(line: line, message: "key \"\(key[0])\" is defined twice")
            }
            table[key[0]] = TOMLItem(value: value, line: line)
            return
        }
        try ensureTable(in: &table, at: [key[0]], line: line)
        try modifyTable(in: &table, key: key[0], line: line) { (child) throws(Failure) in
            try insert(value, line: line, into: &child, at: [], key: Array(key.dropFirst()))
        }
    }

    /// Runs `body` on the table at `key` (or the last table of the array there).
    private static func modifyTable(
        in table: inout TOMLTable, key: String, line: Int, _ body: (inout TOMLTable) throws(Failure) -> Void
    ) throws(Failure) {
        guard let item = table[key] else { throw Failure(line: line, message: "no table \"\(key)\"") }
        switch item.value {
        case .table(var child):
            try body(&child)
            table[key] = TOMLItem(value: .table(child), line: item.line)
        case .array(var items):
            guard case .table(var child)? = items.last?.value else {
                throw Failure(line: line, message: "key \"\(key)\" is an array of values, not of tables")
            }
            try body(&child)
            items[items.count - 1].value = .table(child)
            table[key] = TOMLItem(value: .array(items), line: item.line)
        default:
            throw Failure(line: line, message: "key \"\(key)\" is already a value, not a table")
        }
    }

    // MARK: - Keys

    private mutating func keyPath() throws(Failure) -> [String] {
        var path = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return path }
            index += 1
            skipSpaces()
            path.append(try simpleKey())
        }
    }

    private mutating func simpleKey() throws(Failure) -> String {
        switch peek() {
        case UInt8(ascii: "\""): return try basicString()
        case UInt8(ascii: "'"): return try literalString()
        default:
            let start = index
            while let byte = peek(), Self.isBareKeyByte(byte) { index += 1 }
            if start == index { throw Failure(line: line, message: "expected a key, found \(describeNext())") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: - Values

    private mutating func value() throws(Failure) -> TOMLValue {
        guard let byte = peek() else { throw Failure(line: line, message: "expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""):
            if startsWith("\"\"\"") { return .string(try multilineString(literal: false)) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if startsWith("'''") { return .string(try multilineString(literal: true)) }
            return .string(try literalString())
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "{"): return try inlineTable()
        default:
            if startsWith("true") { index += 4; return .bool(true) }
            if startsWith("false") { index += 5; return .bool(false) }
            return try number()
        }
    }

    private mutating func number() throws(Failure) -> TOMLValue {
        let start = index
        while let byte = peek(), Self.isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: ":")
        {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let digits = String(text.filter { $0 != "_" })
        if let integer = Int(digits) { return .integer(integer) }
        if let float = Double(digits), digits.contains(where: { $0.isNumber }) { return .float(float) }
        if text.isEmpty { throw Failure(line: line, message: "expected a value, found \(describeNext())") }
        throw Failure(line: line, message: "\(text) is not a value Loupe reads (strings go in double quotes: \"\(text)\")")
    }

    private mutating func array() throws(Failure) -> TOMLValue {
        index += 1
        var items: [TOMLItem] = []
        while true {
            skipWhitespaceNewlinesAndComments()
            if peek() == UInt8(ascii: "]") { index += 1; return .array(items) }
            let itemLine = line
            items.append(TOMLItem(value: try value(), line: itemLine))
            skipWhitespaceNewlinesAndComments()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            if peek() == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw Failure(line: line, message: "expected ',' or ']' in an array, found \(describeNext())")
        }
    }

    private mutating func inlineTable() throws(Failure) -> TOMLValue {
        index += 1
        var table = TOMLTable()
        table.line = line
        skipSpaces()
        if peek() == UInt8(ascii: "}") { index += 1; return .table(table) }
        while true {
            skipSpaces()
            let keyLine = line
            let key = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let value = try self.value()
            try Self.insert(value, line: keyLine, into: &table, at: [], key: key)
            skipSpaces()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            if peek() == UInt8(ascii: "}") { index += 1; return .table(table) }
            throw Failure(line: line, message: "expected ',' or '}' in an inline table, found \(describeNext())")
        }
    }

    // MARK: - Strings

    private mutating func basicString() throws(Failure) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                throw Failure(line: line, message: "a string is not closed on its line (add the closing \")")
            }
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") { try escape(into: &out) } else { out.append(byte) }
        }
    }

    private mutating func literalString() throws(Failure) -> String {
        index += 1
        let start = index
        while let byte = peek(), byte != UInt8(ascii: "'") {
            if byte == UInt8(ascii: "\n") { break }
            index += 1
        }
        guard peek() == UInt8(ascii: "'") else {
            throw Failure(line: line, message: "a string is not closed on its line (add the closing ')")
        }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func multilineString(literal: Bool) throws(Failure) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        let startLine = line
        index += 3
        // A newline right after the opening quotes is not part of the string.
        if peek() == UInt8(ascii: "\n") { index += 1; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw Failure(line: startLine, message: "a multi-line string is not closed (add the closing quotes)")
            }
            if byte == quote, index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                index += 3
                return String(decoding: out, as: UTF8.self)
            }
            index += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
            if !literal && byte == UInt8(ascii: "\\") { try escape(into: &out) } else { out.append(byte) }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
        guard let byte = peek() else { throw Failure(line: line, message: "a string ends in a lone backslash") }
        index += 1
        switch byte {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            guard index + count <= bytes.count,
                let scalarValue = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(scalarValue)
            else { throw Failure(line: line, message: "\\\(Character(Unicode.Scalar(byte))) needs \(count) hexadecimal digits of a Unicode character") }
            index += count
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        case UInt8(ascii: "\n"):
            // A line-ending backslash joins the lines (in multi-line strings).
            line += 1
            while let next = peek(), next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
                if next == 0x0A { line += 1 }
                index += 1
            }
        default:
            throw Failure(line: line, message: "\\\(Character(Unicode.Scalar(byte))) is not a TOML escape (write \\\\ for a backslash)")
        }
    }

    // MARK: - Whitespace

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func startsWith(_ text: String) -> Bool {
        let pattern = Array(text.utf8)
        return index + pattern.count <= bytes.count && Array(bytes[index..<index + pattern.count]) == pattern
    }

    private mutating func expect(_ character: Character) throws(Failure) {
        guard peek() == character.asciiValue else {
            throw Failure(line: line, message: "expected '\(character)', found \(describeNext())")
        }
        index += 1
    }

    private mutating func skipSpaces() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { index += 1 }
    }

    private mutating func skipComment() {
        if peek() == UInt8(ascii: "#") { while let byte = peek(), byte != 0x0A { index += 1 } }
    }

    private mutating func skipWhitespaceAndNewlines() {
        while true {
            skipSpaces()
            skipComment()
            if peek() == 0x0D { index += 1; continue }
            guard peek() == 0x0A else { return }
            index += 1
            line += 1
        }
    }

    private mutating func skipWhitespaceNewlinesAndComments() { skipWhitespaceAndNewlines() }

    /// After a value or header only spaces and a comment may follow on the line.
    private mutating func endOfLine() throws(Failure) {
        skipSpaces()
        skipComment()
        if peek() == 0x0D { index += 1 }
        guard let byte = peek() else { return }
        guard byte == 0x0A else { throw Failure(line: line, message: "expected the end of the line, found \(describeNext())") }
    }

    private func describeNext() -> String {
        guard let byte = peek() else { return "the end of the file" }
        if byte == 0x0A { return "the end of the line" }
        let end = min(index + 12, bytes.count)
        let text = String(decoding: bytes[index..<end], as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return "'\(text)'"
    }
}
