/// Writes rows as JSON Lines: one compact object per line, keys in column order.
///
/// Each table gets its own file, named like CSV outputs (`out.jsonl`, `out.quotes.jsonl`), so
/// a file never mixes rows of different shapes and a column can be called anything. Rows are
/// streamed straight into the staged files: nothing needs to wait for the end.
///
/// Standard output is one stream: rows of the default table are written as they are, and
/// rows of any other table start with a `"table"` key naming it (such a row may not have a
/// column of that name).
final class JSONLWriter: RowWriter {
    private struct Table {
        let file: StagedFile?
        let sink: FileSink
    }

    private let paths: TablePaths
    /// The descriptor of standard output, or nil when writing files.
    private let standardOutput: Int32?
    private var toStandardOutput: Bool { standardOutput != nil }
    private var tables: [String: Table] = [:]
    private var order: [String] = []
    private var line = ""

    /// A writer of the files for `path`, or of `standardOutput`.
    init(path: String, standardOutput: Int32?) throws(OutputError) {
        self.paths = TablePaths(path: path)
        self.standardOutput = standardOutput
        _ = try table(Row.defaultTable)
    }

    func write(_ row: Row) throws(OutputError) {
        let table = try self.table(row.table)
        line.removeAll(keepingCapacity: true)
        line += "{"
        if toStandardOutput, row.table != Row.defaultTable {
            if row.columns.contains(where: { $0.name == "table" }) {
                throw OutputError(
                    path: OutputSet.standardOutputPath,
                    "a row of table '\(row.table)' has a column 'table', which on standard output names "
                        + "the row's table; rename the column or write to a file")
            }
            line += "\"table\":"
            JSONWriter.writeString(row.table, into: &line)
            if !row.columns.isEmpty { line += "," }
        }
        for (index, column) in row.columns.enumerated() {
            if index > 0 { line += "," }
            JSONWriter.writeString(column.name, into: &line)
            line += ":"
            Self.append(column.value, to: &line)
        }
        line += "}\n"
        try table.sink.write(line)
    }

    /// Appends a cell as JSON: nested values as they are, reals that JSON cannot hold as null.
    static func append(_ cell: Cell, to out: inout String) {
        switch cell {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .real(let value): out += value.isFinite ? Cell.realText(value) : "null"
        case .text(let bytes): JSONWriter.writeString(String(decoding: bytes, as: UTF8.self), into: &out)
        case .json(let text): out += text
        }
    }

    private func table(_ name: String) throws(OutputError) -> Table {
        if let table = tables[name] { return table }
        let table: Table
        if let standardOutput {
            // One stream for every table.
            table = tables.values.first
                ?? Table(file: nil, sink: FileSink(descriptor: standardOutput, path: OutputSet.standardOutputPath))
        } else {
            let file = try StagedFile(destination: paths.path(of: name))
            table = Table(file: file, sink: FileSink(descriptor: file.descriptor, path: file.destination))
        }
        tables[name] = table
        order.append(name)
        return table
    }

    func finish() throws(OutputError) -> [StagedFile] {
        var files: [StagedFile] = []
        for name in order {
            guard let table = tables[name] else { continue }
            try table.sink.flush()
            if let file = table.file {
                try file.finish()
                files.append(file)
            }
        }
        return files
    }

    func abandon() {
        for table in tables.values { table.file?.discard() }
        tables.removeAll()
    }
}
