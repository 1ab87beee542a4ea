/// A chart's data, ready to draw: categories along one axis, one or more series of values.
///
/// What the parts mean depends on ``kind``:
///
/// | kind | ``categories`` | ``series`` |
/// |---|---|---|
/// | ``Kind/bars`` | the bars' labels, top to bottom | one, a value per bar |
/// | ``Kind/lines`` | the periods (`2021-03`), oldest first | a line each, a value per period |
/// | ``Kind/stackedBars`` | the bars' labels | a segment each, a value per bar |
/// | ``Kind/dispersion`` | the documents, one line each | a term each: ``Series/values`` are positions 0…1 and ``Series/lines`` the index of each position's document |
public struct Chart: Equatable, Sendable {
    /// What kind of chart.
    public enum Kind: UInt8, Sendable {
        /// Horizontal bars, in the order given.
        case bars = 1
        /// Lines over time.
        case lines
        /// Horizontal bars made of segments.
        case stackedBars
        /// Where in each document a term occurs.
        case dispersion
    }

    /// A named series of values.
    public struct Series: Equatable, Sendable {
        /// The series' name, shown in the legend (empty for a chart of one series).
        public var name: String
        /// The values: one per category, or for a dispersion plot the positions 0…1.
        public var values: [Double]
        /// For a dispersion plot, the category (line) of each position; otherwise empty.
        public var lines: [Int]

        /// A series named `name`.
        public init(name: String, values: [Double], lines: [Int] = []) {
            self.name = name
            self.values = values
            self.lines = lines
        }
    }

    /// What kind of chart.
    public var kind: Kind
    /// The chart's title.
    public var title: String
    /// The title of the value axis (the x axis of bars, the y axis of lines); may be empty.
    public var axisTitle: String
    /// The title of the category axis (the periods of a line chart); may be empty.
    public var categoryTitle: String
    /// The categories, in drawing order.
    public var categories: [String]
    /// The series.
    public var series: [Series]
    /// A note shown under the chart, such as what was left out; empty for none.
    public var note: String

    /// A chart of `kind`.
    public init(
        kind: Kind, title: String, axisTitle: String = "", categoryTitle: String = "", categories: [String], series: [Series],
        note: String = ""
    ) {
        self.kind = kind
        self.title = title
        self.axisTitle = axisTitle
        self.categoryTitle = categoryTitle
        self.categories = categories
        self.series = series
        self.note = note
    }

    /// Whether the chart shows a legend: more than one named series.
    public var hasLegend: Bool { series.count > 1 || (kind == .dispersion && series.contains { !$0.name.isEmpty }) }
}
