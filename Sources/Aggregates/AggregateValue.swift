/// What every kind of aggregate can do: merge with another of its kind, and travel as bytes.
///
/// The laws the runner relies on: `merge` is associative, and commutative for everything but
/// ``ItemList`` (whose items carry their document index, so merging restores document order
/// whatever the grouping); merging an ``emptied()`` value changes nothing; and decoding what
/// `encode` wrote gives an equal value. Equal values encode to equal bytes.
public protocol AggregateValue: Equatable, Sendable {
    /// The kind's tag in deltas and states.
    static var kind: AggregateKind { get }
    /// Whether nothing has been added (configuration aside).
    var isEmpty: Bool { get }
    /// An empty value with the same configuration (a histogram keeps its bins).
    func emptied() -> Self
    /// Adds what `other` holds.
    /// - Throws: ``AggregateError/mismatch(_:)`` when the configurations differ,
    ///   ``AggregateError/overflow(_:)`` when a count would overflow.
    mutating func merge(_ other: Self) throws(AggregateError)
    /// Writes the value, configuration included.
    func encode(into writer: inout WireWriter)
    /// Reads a value written by ``encode(into:)``.
    init(decoding reader: inout WireReader) throws(WireError)
    /// The value inside `aggregate` when it is of this kind. (A switch, not a dynamic cast:
    /// the coordinator unwraps once per document and a worker once per addition.)
    init?(unwrapping aggregate: Aggregate)
    /// The value as an ``Aggregate``.
    var wrapped: Aggregate { get }
}
