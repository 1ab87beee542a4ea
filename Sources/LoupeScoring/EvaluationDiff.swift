/// What changed between two prediction files scored against the same gold.
public struct EvaluationDiff: Sendable {
    /// Gold spans the other file finds and the base does not.
    public var gained: [AnnotatedSpan]
    /// Gold spans the base finds and the other file does not.
    public var lost: [AnnotatedSpan]
    /// Unmatched predictions of the other file that the base did not make.
    public var newFalsePositives: [AnnotatedSpan]
    /// Unmatched predictions of the base that the other file no longer makes.
    public var removedFalsePositives: [AnnotatedSpan]

    /// Compares two evaluations over the same gold spans, in the same order.
    public init(base: Evaluation, other: Evaluation) {
        precondition(base.gold.count == other.gold.count, "both evaluations must score the same gold")
        gained = base.gold.indices.filter { base.goldMatch[$0] == nil && other.goldMatch[$0] != nil }.map { base.gold[$0] }
        lost = base.gold.indices.filter { base.goldMatch[$0] != nil && other.goldMatch[$0] == nil }.map { base.gold[$0] }
        struct Key: Hashable { var doc: String, type: String, coverage: [Range<Int>] }
        func falsePositives(_ e: Evaluation) -> [(Key, AnnotatedSpan)] {
            e.predicted.indices.filter { e.predictedMatch[$0] == nil }.map {
                let span = e.predicted[$0]
                return (Key(doc: span.doc, type: span.type, coverage: span.coverage), span)
            }
        }
        let baseFalse = falsePositives(base), otherFalse = falsePositives(other)
        let baseKeys = Set(baseFalse.map(\.0)), otherKeys = Set(otherFalse.map(\.0))
        newFalsePositives = otherFalse.filter { !baseKeys.contains($0.0) }.map(\.1)
        removedFalsePositives = baseFalse.filter { !otherKeys.contains($0.0) }.map(\.1)
    }
}
