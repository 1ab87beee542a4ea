import DocModel

/// Reads CSV (`.csv`) and TSV (`.tsv`) files into documents, one per row after the header.
///
/// The header row names the columns. The text column (``FormatOptions/textField``; by
/// default `text`, else `body`, else `content`) becomes each document's raw text, cleaned;
/// the id column (``FormatOptions/idField``, default `id`) its id, or else
/// `<file stem>:<record number>` when the column is absent or the cell empty; every other
/// column its metadata, as strings (empty cells included, so every document of a file has
/// the same keys), in the header's order. See ``CSVParser`` for the quoting rules.
///
/// A bad row fails alone:
///
/// ```text
/// press.csv: line 9: 3 fields where the header has 4 columns; quote fields that contain a comma, or add the missing ones
/// ```
///
/// A file whose header lacks the text column, or names a column twice, fails as a whole.
public enum CSVRecords {
    /// The documents of a CSV file whose bytes (decompressed) are `bytes`.
    public static func documents(csv bytes: [UInt8], path: String, options: FormatOptions)
        -> [Result<Document, DocumentError>]
    {
        documents(bytes, delimiter: UInt8(ascii: ","), path: path, options: options)
    }

    /// The documents of a TSV file whose bytes (decompressed) are `bytes`.
    public static func documents(tsv bytes: [UInt8], path: String, options: FormatOptions)
        -> [Result<Document, DocumentError>]
    {
        documents(bytes, delimiter: 0x09, path: path, options: options)
    }

    /// The documents of a file whose fields are separated by `delimiter`.
    public static func documents(
        _ bytes: [UInt8], delimiter: UInt8, path: String, options: FormatOptions
    ) -> [Result<Document, DocumentError>] {
        let builder = RecordBuilder(path: path, options: options)
        let separator = delimiter == 0x09 ? "a tab" : "'\(String(UnicodeScalar(delimiter)))'"
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(buffer, delimiter: delimiter, start: JSONRecords.bomLength(buffer))
            guard let header = parser.nextRow() else {
                return [.failure(builder.fail("", "is empty; the first line must be a header naming the columns"))]
            }
            if let error = header.error {
                return [.failure(builder.fail("line \(header.line) (the header)", error))]
            }
            if let problem = headerProblem(header.fields) {
                return [.failure(builder.fail("line \(header.line) (the header)", problem))]
            }
            let names = header.fields
            let candidates = options.textFieldCandidates
            guard candidates.contains(where: names.contains) else {
                return [.failure(builder.missingText(
                    keys: names, location: "line \(header.line) (the header)", noun: "column", holder: "the header"))]
            }
            var results: [Result<Document, DocumentError>] = []
            var number = 0
            while let row = parser.nextRow() {
                number += 1
                let location = "line \(row.line)"
                if let error = row.error {
                    results.append(.failure(builder.fail(location, error)))
                    continue
                }
                guard row.fields.count == names.count else {
                    let fields = row.fields.count == 1 ? "1 field" : "\(row.fields.count) fields"
                    let advice = row.fields.count > names.count
                        ? "quote fields that contain \(separator)"
                        : "add the missing fields, or check for a field broken by an unquoted line break"
                    results.append(.failure(builder.fail(
                        location, "\(fields) where the header has \(names.count) columns; \(advice)")))
                    continue
                }
                let fields = zip(names, row.fields).map { (key: $0, value: MetaValue?.some(.string($1))) }
                let warnings = row.sawInvalidText ? [RecordBuilder.invalidTextWarning] : []
                results.append(builder.document(
                    fields: fields, number: number, location: location, warnings: warnings, noun: "column"))
            }
            return results
        }
    }

    /// What is wrong with the header's names, if anything: a name used twice, or an empty
    /// one.
    private static func headerProblem(_ names: [String]) -> String? {
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name.isEmpty, names.count > 1 {
                return "column \(index + 1) has no name; name every column in the header"
            }
            if let first = seen[name] {
                return "the header names column \"\(name)\" twice (columns \(first + 1) and \(index + 1)); rename one"
            }
            seen[name] = index
        }
        return nil
    }
}
