import DocModel
import HTMLExtraction

/// Reads any file Loupe knows into documents: the single entry point for every format.
///
/// A text, Markdown or HTML file gives one document; a JSON, JSON Lines, CSV or TSV file one per
/// record. Any of them may be gzip-compressed (`.gz`). Failures come back as values, one per
/// bad record (or one for the whole file), so one bad record never hides the others.
///
/// ```swift
/// for result in DocumentLoader.load(path: "corpus/2021.jsonl.gz", options: FormatOptions()) {
///     switch result {
///     case .success(let doc): print(doc.id, doc.text.count)
///     case .failure(let error): print(error)   // corpus/2021.jsonl.gz: line 12: …
///     }
/// }
/// ```
public enum DocumentLoader {
    /// The documents in the file at `path`.
    ///
    /// The format is `format` if given, else ``FormatOptions/format`` (`--format`), else the
    /// one the file's extension implies (``DocumentFormat/init(path:)``). A `.gz` file is
    /// decompressed first, within ``ReaderOptions/maxBytes``.
    public static func load(
        path: String, options: FormatOptions = FormatOptions(), format: DocumentFormat? = nil
    ) -> [Result<Document, DocumentError>] {
        var reading = FileReading()
        return load(path: path, options: options, format: format, hashing: false, reading: &reading)
    }

    /// As ``load(path:options:format:)``, saying in `reading` what reading the file gave
    /// (``FileInput/read(path:maxBytes:hashing:reading:)``): nothing, when it could not be read.
    public static func load(
        path: String, options: FormatOptions = FormatOptions(), format: DocumentFormat? = nil, hashing: Bool,
        reading: inout FileReading
    ) -> [Result<Document, DocumentError>] {
        reading = FileReading()
        guard let format = format ?? options.format ?? DocumentFormat(path: path) else {
            let names = DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return [.failure(DocumentError(
                path: path, reason: "has an extension Loupe does not know; rename it or give --format (\(names))"))]
        }
        let bytes: [UInt8]
        do {
            bytes = try FileInput.read(path: path, maxBytes: options.reader.maxBytes, hashing: hashing, reading: &reading)
        } catch {
            return [.failure(error)]
        }
        return documents(bytes: bytes, path: path, format: format, options: options)
    }

    /// The documents in `bytes` (already decompressed), read as `format`, as if read from
    /// `path` (which names them and their errors).
    public static func documents(
        bytes: [UInt8], path: String, format: DocumentFormat, options: FormatOptions = FormatOptions()
    ) -> [Result<Document, DocumentError>] {
        switch format {
        case .txt, .md:
            var options = options
            options.reader.markdown = format == .md
            do {
                return [.success(try PlainTextReader(options: options.reader).document(path: path, bytes: bytes))]
            } catch {
                return [.failure(error)]
            }
        case .html:
            do {
                return [.success(try HTMLReader(options: options.reader).document(path: path, bytes: bytes))]
            } catch {
                return [.failure(error)]
            }
        case .json: return JSONRecords.documents(json: bytes, path: path, options: options)
        case .jsonl: return JSONRecords.documents(jsonLines: bytes, path: path, options: options)
        case .csv: return CSVRecords.documents(csv: bytes, path: path, options: options)
        case .tsv: return CSVRecords.documents(tsv: bytes, path: path, options: options)
        }
    }
}
