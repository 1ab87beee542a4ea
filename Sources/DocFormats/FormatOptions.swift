import DocModel

/// How files of any format are read: the text reader's options plus what structured files
/// (JSON, JSON Lines, CSV, TSV) need.
///
/// ```swift
/// var options = FormatOptions()
/// options.textField = "article"   // --text-field article
/// options.idField = "uid"         // --id-field uid
/// options.format = .jsonl         // --format jsonl
/// ```
public struct FormatOptions: Sendable {
    /// Cleaning, segmentation, the size limit (applied to a file's decompressed bytes) and
    /// the text reader's own settings.
    public var reader: ReaderOptions
    /// The field (JSON) or column (CSV, TSV) holding each record's text (`--text-field`).
    /// `nil` means `text`, or else `body`, or else `content`: the first one a record has.
    public var textField: String?
    /// The field or column holding each record's id (`--id-field`). A record without one
    /// (or with an empty one) is called `<file stem>:<record number>`.
    public var idField: String
    /// The format to read every file as (`--format`); `nil` takes it from each file's
    /// extension.
    public var format: DocumentFormat?

    /// The text fields tried, in order, when ``textField`` is `nil`.
    public static let defaultTextFields = ["text", "body", "content"]

    /// Options with Loupe's defaults.
    public init(
        reader: ReaderOptions = ReaderOptions(), textField: String? = nil, idField: String = "id",
        format: DocumentFormat? = nil
    ) {
        self.reader = reader
        self.textField = textField
        self.idField = idField
        self.format = format
    }

    /// The text fields to try, in order.
    var textFieldCandidates: [String] {
        if let textField { [textField] } else { FormatOptions.defaultTextFields }
    }
}
