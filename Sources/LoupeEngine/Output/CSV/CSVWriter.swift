/// Writes each table as an RFC 4180 CSV file: a header of every column the table's rows
/// had, in order of first appearance, then one record per row.
///
/// The header is only known once every row is in, so rows are spooled to disk during the
/// run (``Spool``; memory holds only the column names) and the files are written at
/// ``finish()``. Each row is spooled already encoded, with as many fields as the table had
/// columns at the time; since columns are only ever added at the end, the missing trailing
/// fields are just commas added while copying.
final class CSVWriter: RowWriter {
    private final class Table {
        var columns = ColumnSet()
        let spool: Spool
        init(spool: Spool) { self.spool = spool }
    }

    private let paths: TablePaths
    /// The descriptor of standard output, or nil when writing files.
    private let standardOutput: Int32?
    private var toStandardOutput: Bool { standardOutput != nil }
    private var tables: [String: Table] = [:]
    /// Table names in order of first row, the default table first.
    private var order: [String] = [Row.defaultTable]
    /// Reused across rows: the position in the row of each column's cell, or -1.
    private var slots: [Int] = []
    private var line: [UInt8] = []

    /// A writer of the files for `path`, or of one table to `standardOutput`.
    init(path: String, standardOutput: Int32?) {
        self.paths = TablePaths(path: path)
        self.standardOutput = standardOutput
    }

    func write(_ row: Row) throws(OutputError) {
        let table = try self.table(row.table)
        slots.removeAll(keepingCapacity: true)
        // A null cell is an absent one, as in SQLite outputs, so both list the same columns.
        for (index, column) in row.columns.enumerated() where !column.value.isNull {
            let position = table.columns.add(column.name)
            if position >= slots.count { slots += repeatElement(-1, count: position - slots.count + 1) }
            slots[position] = index
        }
        line.removeAll(keepingCapacity: true)
        let width = table.columns.count
        for position in 0..<width {
            if position > 0 { line.append(CSVField.comma) }
            if position < slots.count, slots[position] >= 0 {
                CSVField.append(row.columns[slots[position]].value, to: &line)
            }
        }
        try table.spool.append(tag: width, line)
    }

    private func table(_ name: String) throws(OutputError) -> Table {
        if let table = tables[name] { return table }
        if toStandardOutput, let other = tables.keys.first {
            throw OutputError(
                path: OutputSet.standardOutputPath,
                "standard output holds one CSV table, but the script writes '\(other)' and '\(name)'; "
                    + "write to a file (-o out.csv gives out.csv and out.TABLE.csv) or use JSON Lines")
        }
        let table = Table(spool: try Spool(near: toStandardOutput ? "./-" : paths.path(of: name)))
        tables[name] = table
        if !order.contains(name) { order.append(name) }
        return table
    }

    func finish() throws(OutputError) -> [StagedFile] {
        if let standardOutput {
            let sink = FileSink(descriptor: standardOutput, path: OutputSet.standardOutputPath)
            if let table = tables.values.first { try copy(table, to: sink) }
            try sink.flush()
            return []
        }
        var files: [StagedFile] = []
        for name in order {
            let file = try StagedFile(destination: paths.path(of: name))
            files.append(file)
            let sink = FileSink(descriptor: file.descriptor, path: file.destination)
            if let table = tables[name] { try copy(table, to: sink) }
            try sink.flush()
            try file.finish()
        }
        return files
    }

    /// Writes the header and the spooled records of `table`.
    private func copy(_ table: Table, to sink: FileSink) throws(OutputError) {
        let width = table.columns.count
        var header: [UInt8] = []
        for (index, name) in table.columns.names.enumerated() {
            if index > 0 { header.append(CSVField.comma) }
            CSVField.appendText(name.utf8, to: &header)
        }
        try sink.write(header)
        try sink.write(CSVField.lineEnd)
        try table.spool.forEachRecord { (fields, bytes) throws(OutputError) in
            if width == 1, bytes.isEmpty {
                // A lone empty field would be a blank line, which readers skip.
                try sink.write([CSVField.quote, CSVField.quote])
            } else {
                try sink.write(bytes)
                if fields < width { try sink.write(repeatElement(CSVField.comma, count: width - fields)) }
            }
            try sink.write(CSVField.lineEnd)
        }
    }

    func abandon() {
        tables.removeAll()
    }
}
