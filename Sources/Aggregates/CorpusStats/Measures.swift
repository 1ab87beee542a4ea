import Foundation

/// The association and keyness measures, as functions of counts (Evert's notation for
/// collocations; Rayson and Garside's log-likelihood and Gabrielatos and Marchi's %DIFF for
/// keyness).
public enum Measures {
    /// PMI, log-likelihood and t-score of a pair.
    public struct Association: Equatable, Sendable {
        /// Pointwise mutual information, log2(O11/E11).
        public var pmi: Double
        /// Log-likelihood over the 2×2 table.
        public var ll: Double
        /// t-score, (O11 − E11)/√O11.
        public var t: Double
    }

    /// The measures of a pair seen `o11` times, whose first word (node) has the row total
    /// `r1` and whose second word (collocate) occurs `c1` times, among `n` words.
    ///
    /// E11 = R1·C1/N; PMI = log2(O11/E11); t = (O11 − E11)/√O11; LL = 2 Σ Oij ln(Oij/Eij)
    /// over the 2×2 table (O12 = R1 − O11, O21 = C1 − O11, O22 = N − R1 − C1 + O11,
    /// Eij = Ri·Cj/N), where cells with Oij ≤ 0 or Eij ≤ 0 add nothing. For a node with a
    /// window of w words each side, callers pass R1 = node count · 2w.
    public static func association(o11: Double, r1: Double, c1: Double, n: Double) -> Association {
        let e11 = r1 * c1 / n
        let r2 = n - r1, c2 = n - c1
        let cells: [(Double, Double)] = [
            (o11, e11), (r1 - o11, r1 * c2 / n), (c1 - o11, r2 * c1 / n), (n - r1 - c1 + o11, r2 * c2 / n),
        ]
        var sum = 0.0
        for (o, e) in cells where o > 0 && e > 0 { sum += o * log(o / e) }
        return Association(pmi: log2(o11 / e11), ll: 2 * sum, t: (o11 - e11) / o11.squareRoot())
    }

    /// Keyness of a term seen `a` times in a sub-corpus of `c` words and `b` times in one of
    /// `d` words: log-likelihood and %DIFF.
    ///
    /// E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d); LL = 2(a ln(a/E1) + b ln(b/E2)), a zero count
    /// adding nothing; %DIFF = (a/c − b/d)·100/(b/d), infinite when b = 0.
    public static func keyness(a: Double, b: Double, c: Double, d: Double) -> (ll: Double, diff: Double) {
        let e1 = c * (a + b) / (c + d), e2 = d * (a + b) / (c + d)
        var ll = 0.0
        if a > 0 && e1 > 0 { ll += a * log(a / e1) }
        if b > 0 && e2 > 0 { ll += b * log(b / e2) }
        // The same as (a/c − b/d)·100/(b/d), computed as one ratio so that a word absent from
        // A is exactly −100 (the difference form leaves −99.99999999999999).
        let ratio = c > 0 ? (a * d) / (b * c) : 0
        let diff = b == 0 ? Double.infinity : (ratio - 1) * 100
        return (2 * ll, diff)
    }
}
