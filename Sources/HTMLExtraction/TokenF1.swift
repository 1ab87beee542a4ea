/// Token-level agreement between an extracted text and a gold text, as the article-extraction
/// benchmarks score it: both texts are bags (multisets) of white-space separated tokens, and
/// the tokens they share (counted with multiplicity) give precision, recall and F1.
///
/// ```swift
/// let score = TokenF1(extracted: "a b b c", gold: "a b d")  // shared: a, b
/// score.precision  // 0.5  (2 of 4)
/// score.recall     // 0.667 (2 of 3)
/// ```
public struct TokenF1: Equatable, Sendable {
    /// Shared tokens over extracted tokens (1 when both texts are empty, 0 when only the
    /// extracted one is).
    public var precision: Double
    /// Shared tokens over gold tokens (1 when both texts are empty, 0 when only the gold is).
    public var recall: Double
    /// The harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double

    /// Scores `extracted` against `gold`.
    public init(extracted: String, gold: String) {
        let predicted = Self.tokens(extracted), expected = Self.tokens(gold)
        if predicted.isEmpty && expected.isEmpty {
            (precision, recall, f1) = (1, 1, 1)
            return
        }
        var counts: [Substring: Int] = [:]
        for token in expected { counts[token, default: 0] += 1 }
        var shared = 0
        for token in predicted {
            if let n = counts[token], n > 0 {
                counts[token] = n - 1
                shared += 1
            }
        }
        precision = predicted.isEmpty ? 0 : Double(shared) / Double(predicted.count)
        recall = expected.isEmpty ? 0 : Double(shared) / Double(expected.count)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// The white-space separated tokens of `text`.
    public static func tokens(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }
}
