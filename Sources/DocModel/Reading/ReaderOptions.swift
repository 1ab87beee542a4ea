/// How documents are read, cleaned and segmented.
public struct ReaderOptions: Sendable {
    /// Take the first line of a text file as its title (`--title first-line`).
    public var titleFirstLine: Bool
    /// Read text as Markdown, hiding its markup (set for `.md` files).
    public var markdown: Bool = false
    /// Files larger than this are refused (`--max-doc-bytes`).
    public var maxBytes: Int
    /// How the body is cleaned.
    public var cleaner: Cleaner
    /// How the clean text is segmented.
    public var segmentation: Segmentation

    /// Options with Loupe's defaults: no title line, 64 MiB, default cleaning.
    public init(
        titleFirstLine: Bool = false, maxBytes: Int = 64 << 20, cleaner: Cleaner = Cleaner(),
        segmentation: Segmentation = Segmentation()
    ) {
        self.titleFirstLine = titleFirstLine
        self.maxBytes = maxBytes
        self.cleaner = cleaner
        self.segmentation = segmentation
    }
}
