import HTMLExtraction
import Testing

/// The benchmark's bag-of-tokens score.
@Suite struct TokenF1Tests {
    @Test func aHandComputedExample() {
        // Extracted: the cat sat on the mat (6); gold: the cat lay on a mat the (7).
        // Shared with multiplicity: the ×2, cat, on, mat = 5.
        let score = TokenF1(extracted: "the cat sat\non the  mat", gold: "the cat lay on a mat the")
        #expect(score.precision == 5.0 / 6.0)
        #expect(score.recall == 5.0 / 7.0)
        #expect(abs(score.f1 - 10.0 / 13.0) < 1e-12)
    }

    @Test func repeatedTokensCountOnlyAsOftenAsTheGoldHasThem() {
        let score = TokenF1(extracted: "news news news news", gold: "news today")
        #expect(score.precision == 0.25)
        #expect(score.recall == 0.5)
    }

    @Test func emptyTexts() {
        #expect(TokenF1(extracted: "", gold: "") == TokenF1(extracted: " \n", gold: "\t"))
        #expect(TokenF1(extracted: "", gold: "").f1 == 1)
        let nothingFound = TokenF1(extracted: "", gold: "some gold text")
        #expect(nothingFound.precision == 0 && nothingFound.recall == 0 && nothingFound.f1 == 0)
        let nothingExpected = TokenF1(extracted: "extra", gold: "")
        #expect(nothingExpected.f1 == 0)
    }
}
