/// Why a report method refused its data: which argument, and what is wrong with it, in the
/// words that follow "bad argument #n to 'line_chart' (…)".
public struct ReportArgumentError: Error, Equatable, CustomStringConvertible {
    /// Which argument is at fault.
    public enum Place: Equatable, Sendable {
        /// The rows (or lines, or figures).
        case rows
        /// The options table.
        case options
    }

    /// Which argument is at fault.
    public var place: Place
    /// What is wrong, such as `field 'date' of row 4 is not an ISO date: '14/01/2021'`.
    public var message: String

    /// A fault of `place`.
    public init(_ place: Place, _ message: String) {
        self.place = place
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
