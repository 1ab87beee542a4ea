import DocModel

/// The documents of a corpus, each read the first time it is asked for, so that a session
/// over thousands of files starts at once (`loupe repl corpus/`).
///
/// Entries are numbered from 0 here (Lua's `corpus[i]` is 1-based). A loaded document is kept:
/// asking again gives the same object.
///
/// ```swift
/// let corpus = LazyCorpus(count: paths.count, expectedID: { PlainTextReader.identifier(for: paths[$0]) }) {
///     try PlainTextReader().document(path: paths[$0])
/// }
/// let first = try corpus.document(at: 0)
/// ```
public final class LazyCorpus {
    /// Reads entry `index`.
    public typealias Loader = (_ index: Int) throws(DocumentError) -> Document

    /// How many documents the corpus holds.
    public let count: Int
    private let load: Loader
    private let expectedID: (Int) -> String?
    private var loaded: [Int: Document] = [:]
    private var positions: [ObjectIdentifier: Int] = [:]

    /// A corpus of `count` documents read by `load`; `expectedID` guesses an entry's id
    /// without reading it (the file name), so that ``index(ofID:)`` reads little.
    public init(count: Int, expectedID: @escaping (Int) -> String? = { _ in nil }, load: @escaping Loader) {
        self.count = count
        self.expectedID = expectedID
        self.load = load
    }

    /// How many documents have been read so far.
    public var loadedCount: Int { loaded.count }

    /// The document at `index` (0-based), read now if it was not yet.
    /// - Throws: ``DocumentError`` when the file cannot be read (asking again retries).
    public func document(at index: Int) throws(DocumentError) -> Document {
        if let document = loaded[index] { return document }
        let document = try load(index)
        loaded[index] = document
        positions[ObjectIdentifier(document)] = index
        return document
    }

    /// The position of a document this corpus has read, if it is one of them.
    public func index(of document: Document) -> Int? {
        positions[ObjectIdentifier(document)]
    }

    /// The position of the document whose id is `id`: the entries whose expected id matches
    /// are read first, then, if none has it, every other entry in order (unreadable ones are
    /// skipped).
    /// - Complexity: reads at most every entry once.
    public func index(ofID id: String) -> Int? {
        let likely = (0..<count).filter { expectedID($0) == id }
        for index in likely + (0..<count).filter({ !likely.contains($0) }) {
            if let document = try? document(at: index), document.id == id { return index }
        }
        return nil
    }
}
