/// A reader of one file format: it makes a document from a file's bytes, with options.
/// Reading the file itself is shared by every format (``read(path:)``).
public protocol DocumentReader: Sendable {
    /// How to read: the size limit, cleaning, segmentation.
    var options: ReaderOptions { get }

    /// Makes a document from the bytes of a file read from `path`.
    /// - Throws: ``DocumentError`` naming the file, what was wrong and what to do.
    func document(path: String, bytes: [UInt8]) throws(DocumentError) -> Document
}

extension DocumentReader {
    /// Reads the file at `path` (within ``ReaderOptions/maxBytes``) into a document.
    /// - Throws: ``DocumentError`` when the file cannot be read or is not a document.
    public func read(path: String) throws(DocumentError) -> Document {
        try document(path: path, bytes: try FileBytes.read(path: path, maxBytes: options.maxBytes))
    }
}
