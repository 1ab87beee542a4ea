/// How rows are written, chosen by the output path's extension.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// RFC 4180 CSV, UTF-8, one file per table.
    case csv
    /// JSON Lines: one JSON object per line, one file per table.
    case jsonl
    /// One SQLite database, one SQL table per output table.
    case sqlite

    /// The format a path's extension names: `.csv`; `.jsonl` or `.ndjson`; `.sqlite`,
    /// `.sqlite3` or `.db`. Letter case is ignored.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonl
        case "sqlite", "sqlite3", "db": self = .sqlite
        default: return nil
        }
    }

    /// The format of the output at `path`; JSON Lines for standard output (`-`).
    ///
    /// - Throws: ``OutputError`` listing the extensions understood.
    public static func of(path: String) throws(OutputError) -> OutputFormat {
        if path == OutputSet.standardOutputPath { return .jsonl }
        let name = POSIX.name(of: path)
        if let dot = name.lastIndex(of: "."),
            let format = OutputFormat(pathExtension: String(name[name.index(after: dot)...]))
        {
            return format
        }
        throw OutputError(
            path: path, "cannot tell the output format from the name; end it with .csv, .jsonl or .sqlite")
    }
}

/// Where each table of an output goes: the default table at the path itself, any other
/// table beside it with the table's name before the extension (`out.csv`,
/// `out.quotes.csv`).
struct TablePaths {
    /// The output path the user gave.
    let path: String

    /// The file of table `table`.
    func path(of table: String) -> String {
        if table == Row.defaultTable { return path }
        let name = POSIX.name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(path).\(table)" }
        let stem = path.dropLast(name.distance(from: dot, to: name.endIndex))
        return "\(stem).\(table)\(name[dot...])"
    }
}
