/// Reads typed fields out of a parsed TOML table, turning every mismatch into a
/// ``PluginError`` that names the file, the line and the key.
struct TOMLFields {
    /// The file, as messages name it.
    let file: String

    /// Parses `text`, naming `file` in a syntax error.
    func parse(_ text: String) throws(PluginError) -> TOMLTable {
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw PluginError(.invalidFile, file: file, line: error.line, error.message)
        }
    }

    /// Refuses keys of `table` outside `known`, naming the first such key and its line.
    func rejectUnknown(_ table: TOMLTable, known: [String], in section: String? = nil) throws(PluginError) {
        for (key, item) in table.entries where !known.contains(key) {
            let place = section.map { " in [\($0)]" } ?? ""
            throw PluginError(
                .invalidFile, file: file, line: item.line, "unknown key \"\(key)\"\(place)",
                hint: "known keys: " + known.joined(separator: ", "))
        }
    }

    /// A string, or nil when absent.
    func string(_ key: String, in table: TOMLTable) throws(PluginError) -> (value: String, line: Int)? {
        guard let item = table[key] else { return nil }
        guard case .string(let value) = item.value else { throw mistyped(key, item, expected: "a string") }
        return (value, item.line)
    }

    /// A string that must be there.
    func requiredString(_ key: String, in table: TOMLTable, example: String) throws(PluginError) -> (value: String, line: Int) {
        guard let found = try string(key, in: table) else {
            throw PluginError(.invalidFile, file: file, line: table.line == 0 ? nil : table.line, "\"\(key)\" is missing",
                hint: "add e.g. \(key) = \(example)")
        }
        return found
    }

    /// An array of strings, or nil when absent.
    func strings(_ key: String, in table: TOMLTable) throws(PluginError) -> (value: [String], line: Int)? {
        guard let item = table[key] else { return nil }
        guard case .array(let items) = item.value else { throw mistyped(key, item, expected: "an array of strings") }
        var strings: [String] = []
        for element in items {
            guard case .string(let text) = element.value else {
                throw PluginError(.invalidFile, file: file, line: element.line,
                    "\"\(key)\" holds \(element.value.typeName) where a string belongs", hint: "quote it: \"…\"")
            }
            strings.append(text)
        }
        return (strings, item.line)
    }

    /// A boolean, or nil when absent.
    func bool(_ key: String, in table: TOMLTable) throws(PluginError) -> Bool? {
        guard let item = table[key] else { return nil }
        guard case .bool(let value) = item.value else { throw mistyped(key, item, expected: "true or false") }
        return value
    }

    /// A table, or nil when absent.
    func table(_ key: String, in table: TOMLTable) throws(PluginError) -> TOMLTable? {
        guard let item = table[key] else { return nil }
        guard case .table(let value) = item.value else { throw mistyped(key, item, expected: "a table ([\(key)])") }
        return value
    }

    /// The tables of an array of tables (`[[plugin]]`), empty when absent.
    func tables(_ key: String, in table: TOMLTable) throws(PluginError) -> [TOMLTable] {
        guard let item = table[key] else { return [] }
        guard case .array(let items) = item.value else { throw mistyped(key, item, expected: "an array of tables ([[\(key)]])") }
        var tables: [TOMLTable] = []
        for element in items {
            guard case .table(let value) = element.value else { throw mistyped(key, element, expected: "a table") }
            tables.append(value)
        }
        return tables
    }

    /// An error naming the key, the line, and what type was expected.
    func mistyped(_ key: String, _ item: TOMLItem, expected: String) -> PluginError {
        PluginError(.invalidFile, file: file, line: item.line, "\"\(key)\" is \(item.value.typeName), not \(expected)")
    }

    /// An error at `line` with the file filled in.
    func error(line: Int?, _ problem: String, hint: String? = nil) -> PluginError {
        PluginError(.invalidFile, file: file, line: line, problem, hint: hint)
    }
}
