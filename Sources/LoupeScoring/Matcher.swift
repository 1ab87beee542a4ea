/// How a predicted span must meet a gold span to count.
public enum MatchMode: String, Sendable, CaseIterable {
    /// The same code points, fragment for fragment.
    case exact
    /// At least one shared code point.
    case overlap
}

/// Pairs predicted spans with gold spans, one to one, within each document and type.
///
/// Overlap matching is greedy by largest overlap: of all candidate pairs, the one sharing the
/// most code points is taken first, ties broken by the gold span's then the prediction's
/// position (start, then order read), so the result never depends on hashing or input order
/// beyond that.
public enum Matcher {
    /// Pairs of indices into `gold` and `predicted`.
    ///
    /// - Complexity: O(*g* × *p*) per document and type.
    public static func match(gold: [AnnotatedSpan], predicted: [AnnotatedSpan], mode: MatchMode) -> [(gold: Int, predicted: Int)] {
        struct Key: Hashable { var doc: String, type: String }
        var goldGroups: [Key: [Int]] = [:], predictedGroups: [Key: [Int]] = [:]
        for (i, span) in gold.enumerated() { goldGroups[Key(doc: span.doc, type: span.type), default: []].append(i) }
        for (i, span) in predicted.enumerated() { predictedGroups[Key(doc: span.doc, type: span.type), default: []].append(i) }
        var pairs: [(gold: Int, predicted: Int)] = []
        for key in goldGroups.keys.sorted(by: { ($0.doc, $0.type) < ($1.doc, $1.type) }) {
            guard let candidates = predictedGroups[key] else { continue }
            var scored: [(shared: Int, gold: Int, predicted: Int)] = []
            for g in goldGroups[key]! {
                for p in candidates {
                    switch mode {
                    case .exact:
                        if gold[g].coversExactly(predicted[p]) { scored.append((1, g, p)) }
                    case .overlap:
                        let shared = gold[g].overlap(with: predicted[p])
                        if shared > 0 { scored.append((shared, g, p)) }
                    }
                }
            }
            scored.sort {
                if $0.shared != $1.shared { return $0.shared > $1.shared }
                let a = (gold[$0.gold].start, $0.gold, predicted[$0.predicted].start, $0.predicted)
                let b = (gold[$1.gold].start, $1.gold, predicted[$1.predicted].start, $1.predicted)
                return a < b
            }
            var usedGold = Set<Int>(), usedPredicted = Set<Int>()
            for candidate in scored where !usedGold.contains(candidate.gold) && !usedPredicted.contains(candidate.predicted) {
                usedGold.insert(candidate.gold)
                usedPredicted.insert(candidate.predicted)
                pairs.append((candidate.gold, candidate.predicted))
            }
        }
        return pairs.sorted { ($0.gold, $0.predicted) < ($1.gold, $1.predicted) }
    }
}
