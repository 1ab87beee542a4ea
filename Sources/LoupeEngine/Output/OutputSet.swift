/// The rows of one run, written to one output: a CSV, JSON Lines or SQLite file (one file
/// per table for CSV and JSON Lines), or standard output.
///
/// Nothing appears at the output path until ``commit()``: every file is written under a
/// temporary name in the same folder, flushed to disk, and only then renamed over the
/// previous output. ``abandon()`` — or dropping the set without committing — deletes what was
/// written and leaves the previous output as it was. (Standard output cannot be taken back:
/// JSON Lines rows reach it as they come; CSV, which needs every column for its header,
/// reaches it at ``commit()``.)
///
/// ```swift
/// let output = try OutputSet(path: "quotes.csv")
/// try output.write(Row(["doc": "a.txt", "speaker": "Sessions"]), document: 0)
/// try output.write(Row(table: "people", ["doc": "a.txt", "name": "Rod J. Rosenstein"]), document: 0)
/// try output.commit()  // quotes.csv and quotes.people.csv
/// ```
///
/// Rows are written in the order given, which must be document order so that identical runs
/// give identical bytes. Not thread-safe: one caller writes.
public final class OutputSet {
    /// The path that means standard output.
    public static let standardOutputPath = "-"

    /// The output path as given (`-` for standard output).
    public let path: String
    /// How rows are written.
    public let format: OutputFormat
    /// Rows written so far, by table.
    public private(set) var rowCounts: [String: Int] = [:]

    private var writer: (any RowWriter)?
    private var lastDocument = Int.min

    /// Opens an output.
    ///
    /// - Parameters:
    ///   - path: the output file (the default table's; other tables go beside it, see
    ///     ``files(forTables:)``), or `-` for standard output.
    ///   - format: the format; by default the one `path`'s extension names (JSON Lines for
    ///     standard output).
    /// - Throws: ``OutputError`` when the format is unknown or cannot go to standard output
    ///   (SQLite), or the folder is not writable.
    public convenience init(path: String, format: OutputFormat? = nil) throws(OutputError) {
        try self.init(path: path, format: format, standardOutput: 1)
    }

    /// Opens an output whose standard output is `standardOutput` (tests give a file).
    init(path: String, format: OutputFormat?, standardOutput descriptor: Int32) throws(OutputError) {
        let chosen: OutputFormat
        if let format { chosen = format } else { chosen = try OutputFormat.of(path: path) }
        self.path = path
        self.format = chosen
        let standardOutput = path == Self.standardOutputPath ? descriptor : nil
        switch chosen {
        case .csv: writer = CSVWriter(path: path, standardOutput: standardOutput)
        case .jsonl: writer = try JSONLWriter(path: path, standardOutput: standardOutput)
        case .sqlite:
            if standardOutput != nil {
                throw OutputError(path: path, "SQLite cannot go to standard output; name a file, as in -o out.sqlite")
            }
            writer = try SQLiteWriter(path: path)
        }
    }

    deinit { abandon() }

    /// Writes one row of document number `document` (its position in the run's input order).
    ///
    /// - Throws: ``OutputError`` when the set was already committed or abandoned, documents
    ///   come out of order, or the disk refuses the write. After an error, call ``abandon()``.
    public func write(_ row: Row, document: Int) throws(OutputError) {
        guard let writer else {
            throw OutputError(path: path, "rows written after the output was committed or abandoned")
        }
        guard document >= lastDocument else {
            throw OutputError(
                path: path,
                "rows must come in document order so that the output is the same on every run; "
                    + "got document \(document) after document \(lastDocument)")
        }
        lastDocument = document
        try writer.write(row)
        rowCounts[row.table, default: 0] += 1
    }

    /// Completes the output and puts it in place, replacing the previous one.
    ///
    /// Every file is completed and flushed to disk before the first is renamed. The default
    /// table's file is always written, even with no rows, so a stale output never survives.
    ///
    /// - Returns: the files written, the default table's first (none for standard output).
    /// - Throws: ``OutputError``; files not yet renamed are then deleted.
    @discardableResult
    public func commit() throws(OutputError) -> [String] {
        guard let writer else { throw OutputError(path: path, "the output was already committed or abandoned") }
        self.writer = nil
        let files: [StagedFile]
        do {
            files = try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        for file in files { try file.publish() }
        for folder in Set(files.map { POSIX.folder(of: $0.destination) }).sorted() { POSIX.syncFolder(folder) }
        return files.map(\.destination)
    }

    /// Drops everything written; no file appears and the previous output stays intact. Does
    /// nothing once committed.
    public func abandon() {
        writer?.abandon()
        writer = nil
    }

    /// The file each table goes to, for an output at `path`: the default table at `path`,
    /// any other beside it (`out.csv` → `out.quotes.csv`); SQLite keeps every table in `path`.
    public func files(forTables tables: [String]) -> [String] {
        let paths = TablePaths(path: path)
        return tables.map { format == .sqlite ? path : paths.path(of: $0) }
    }
}
