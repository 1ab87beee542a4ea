/// True positives, false positives and false negatives, and the scores they give.
public struct Counts: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Predictions made: matched and unmatched.
    public var predicted: Int { truePositives + falsePositives }
    /// Gold spans: found and missed.
    public var gold: Int { truePositives + falseNegatives }
    /// Matched predictions over predictions (nil with no prediction).
    public var precision: Double? { predicted == 0 ? nil : Double(truePositives) / Double(predicted) }
    /// Matched gold spans over gold spans (nil with no gold).
    public var recall: Double? { gold == 0 ? nil : Double(truePositives) / Double(gold) }
    /// The harmonic mean of precision and recall (0 when both are 0; nil when either is undefined).
    public var f1: Double? {
        guard let p = precision, let r = recall else { return nil }
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}

/// The outcome of scoring predictions against gold.
public struct Evaluation: Sendable {
    public var gold: [AnnotatedSpan]
    public var predicted: [AnnotatedSpan]
    /// Index of the prediction matched to each gold span, if any.
    public var goldMatch: [Int?]
    /// Index of the gold span matched to each prediction, if any.
    public var predictedMatch: [Int?]
    public var mode: MatchMode

    /// Matches `predicted` with `gold` (both already narrowed to the documents and types to
    /// score: a prediction for a document without gold would count as a false positive).
    public init(gold: [AnnotatedSpan], predicted: [AnnotatedSpan], mode: MatchMode) {
        self.gold = gold
        self.predicted = predicted
        self.mode = mode
        goldMatch = Array(repeating: nil, count: gold.count)
        predictedMatch = Array(repeating: nil, count: predicted.count)
        for pair in Matcher.match(gold: gold, predicted: predicted, mode: mode) {
            goldMatch[pair.gold] = pair.predicted
            predictedMatch[pair.predicted] = pair.gold
        }
    }

    /// All types together, micro-averaged (counts summed before dividing).
    public var overall: Counts {
        Counts(
            truePositives: goldMatch.count { $0 != nil },
            falsePositives: predictedMatch.count { $0 == nil },
            falseNegatives: goldMatch.count { $0 == nil })
    }

    /// Counts per type, gold's and predictions' alike.
    public var byType: [String: Counts] {
        var counts: [String: Counts] = [:]
        for (i, span) in gold.enumerated() {
            if goldMatch[i] != nil { counts[span.type, default: Counts()].truePositives += 1 } else { counts[span.type, default: Counts()].falseNegatives += 1 }
        }
        for (i, span) in predicted.enumerated() where predictedMatch[i] == nil {
            counts[span.type, default: Counts()].falsePositives += 1
        }
        return counts
    }

    /// Counts per rule of the predictions (`(none)` for those without): false negatives cannot
    /// be told apart by rule, so only precision is defined.
    public var byRule: [String: Counts] {
        var counts: [String: Counts] = [:]
        for (i, span) in predicted.enumerated() {
            let rule = span.rule ?? Self.noRule
            if predictedMatch[i] != nil { counts[rule, default: Counts()].truePositives += 1 } else { counts[rule, default: Counts()].falsePositives += 1 }
        }
        return counts
    }

    /// The rule name shown for predictions without one.
    public static let noRule = "(none)"
}
