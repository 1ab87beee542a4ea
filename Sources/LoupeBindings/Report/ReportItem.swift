import LuaRuntime

/// One part of a run's report, in the order the script added it: what each document's
/// `document(doc, report)` added, in corpus order, then what `finish(report)` added.
///
/// Everything a renderer needs is computed when the Lua method is called (in the worker), so
/// the items cross to the coordinator as data and the renderers only draw.
public enum ReportItem: Equatable, Sendable {
    /// A heading of `level` 1–4.
    case heading(String, level: Int)
    /// A paragraph of text.
    case paragraph(String)
    /// A table: a title, its column names, and rows of cells.
    case table(title: String, columns: [String], rows: [[LuaValue]])
    /// A row of key figures (`report:key_figures{…}`).
    case keyFigures([KeyFigure])
    /// Keyword-in-context lines (`report:kwic(title, lines)`).
    case concordance(Concordance)
    /// A chart (`report:bar_chart`, `line_chart`, `stacked_bars`, `dispersion`).
    case chart(Chart)
}

/// One key figure: a label, its value, and an optional note ("distinct names").
public struct KeyFigure: Equatable, Sendable {
    /// What the figure counts.
    public var label: String
    /// The figure: a number or a string.
    public var value: LuaValue
    /// A few words under the figure, if any.
    public var note: String?

    /// A figure of `label` and `value`, with an optional `note`.
    public init(label: String, value: LuaValue, note: String? = nil) {
        self.label = label
        self.value = value
        self.note = note
    }
}

/// A keyword-in-context table: each line's left context, keyword and right context, and the
/// document it comes from when the lines say.
public struct Concordance: Equatable, Sendable {
    /// One line of the table.
    public struct Line: Equatable, Sendable {
        /// The document, when the line has a `doc` field.
        public var document: String?
        /// The text before the keyword.
        public var left: String
        /// The match.
        public var keyword: String
        /// The text after the keyword.
        public var right: String

        /// A line of the three parts, from `document` if given.
        public init(document: String? = nil, left: String, keyword: String, right: String) {
            self.document = document
            self.left = left
            self.keyword = keyword
            self.right = right
        }
    }

    /// The table's title.
    public var title: String
    /// The lines shown.
    public var lines: [Line]
    /// How many lines were given beyond those shown (the report keeps at most
    /// ``Concordance/maximumLines``).
    public var omitted: Int

    /// The most lines a report shows of one concordance.
    public static let maximumLines = 2_000

    /// A concordance titled `title`.
    public init(title: String, lines: [Line], omitted: Int = 0) {
        self.title = title
        self.lines = lines
        self.omitted = omitted
    }

    /// Whether any line names its document (then the table has a document column).
    public var hasDocuments: Bool { lines.contains { $0.document != nil } }
}
