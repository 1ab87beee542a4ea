/// How often the spans linked to a correctly found span are right too: for quotes, whether the
/// speaker found for each correctly found quote overlaps the gold speaker.
///
/// Gold spans are linked by their brat event (an attribution's Content, Source and Cue);
/// predicted spans by a shared `group` value in the same document (emit the quote's Content and
/// Source rows with the same `group`, e.g. the quote's index).
public struct LinkScore: Sendable, Equatable {
    /// The anchor type (`Content`) and the linked type (`Source`).
    public var anchor: String
    public var linked: String
    /// Matched anchors whose gold has a linked span.
    public var anchors = 0
    /// Of those, the ones whose prediction has a linked span.
    public var found = 0
    /// Of those, the ones whose predicted linked span overlaps a gold one.
    public var correct = 0

    /// `correct` over `anchors` (nil without anchors).
    public var accuracy: Double? { anchors == 0 ? nil : Double(correct) / Double(anchors) }

    /// Scores the `linked` spans of the `anchor` spans matched in `evaluation`, looking them
    /// up in `gold` and `predicted` (all types; usually wider than what was matched).
    public init(anchor: String, linked: String, evaluation: Evaluation, gold: [AnnotatedSpan], predicted: [AnnotatedSpan]) {
        self.anchor = anchor
        self.linked = linked
        func index(_ spans: [AnnotatedSpan]) -> [String: [AnnotatedSpan]] {
            var groups: [String: [AnnotatedSpan]] = [:]
            for span in spans where span.type == linked {
                if let group = span.group { groups["\(span.doc)\t\(group)", default: []].append(span) }
            }
            return groups
        }
        let goldLinked = index(gold), predictedLinked = index(predicted)
        for (g, match) in evaluation.goldMatch.enumerated() {
            guard let p = match, evaluation.gold[g].type == anchor else { continue }
            let goldSpan = evaluation.gold[g], predictedSpan = evaluation.predicted[p]
            guard let goldGroup = goldSpan.group, let wanted = goldLinked["\(goldSpan.doc)\t\(goldGroup)"] else { continue }
            anchors += 1
            guard let group = predictedSpan.group, let offered = predictedLinked["\(predictedSpan.doc)\t\(group)"] else { continue }
            found += 1
            if offered.contains(where: { o in wanted.contains { $0.overlap(with: o) > 0 } }) { correct += 1 }
        }
    }
}
