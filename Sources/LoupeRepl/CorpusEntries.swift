import DocFormats
import DocModel
import LoupeBindings

/// The REPL's corpus from a list of files, read lazily.
///
/// A text, Markdown or HTML file is one document, read when first used. A JSON, JSON Lines,
/// CSV or TSV file holds an unknown number of records, so such files are read at start-up
/// and each record is an entry of its own; a corpus of many small text files therefore
/// starts at once.
public enum CorpusEntries {
    /// One entry: a file to read, or a record already read (or its failure).
    enum Entry {
        case file(String)
        case record(Result<Document, DocumentError>)
    }

    /// The corpus of `paths` (as ``CorpusPaths/list(_:)`` gives them), read with `options`.
    public static func corpus(paths: [String], options: FormatOptions) -> LazyCorpus {
        var entries: [Entry] = []
        entries.reserveCapacity(paths.count)
        for path in paths {
            let format = options.format ?? DocumentFormat(path: path)
            switch format {
            case .json?, .jsonl?, .csv?, .tsv?:
                entries += DocumentLoader.load(path: path, options: options).map { .record($0) }
            default:
                entries.append(.file(path))
            }
        }
        return LazyCorpus(
            count: entries.count,
            expectedID: { index in
                guard case .file(let path) = entries[index] else { return nil }
                return PlainTextReader.identifier(for: path)
            },
            load: { index throws(DocumentError) in
                switch entries[index] {
                case .record(let result): return try result.get()
                case .file(let path):
                    guard let first = DocumentLoader.load(path: path, options: options).first else {
                        throw DocumentError(path: path, reason: "holds no document")
                    }
                    return try first.get()
                }
            })
    }
}
