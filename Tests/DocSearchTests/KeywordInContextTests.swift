import DocModel
import DocSearch
import Testing

/// Keyword-in-context lines: contexts cut at code points, line breaks flattened.
@Suite struct KeywordInContextTests {
    @Test func contextsAreCutByCodePoints() throws {
        let doc = Document(id: "d", text: "Überraschung: the façade of the Rathaus fell, said Jürgen Weiß.")
        let match = try #require(try PCRERegex("Rathaus").firstMatch(in: doc))
        let line = try #require(KeywordInContext.lines(document: doc, matches: [match.span], width: 8).first)
        #expect(line.left == " of the ")
        #expect(line.keyword == "Rathaus")
        #expect(line.right == " fell, s")
        #expect(line.span == match.span)

        // Multi-byte code points count once.
        let weiss = try #require(try PCRERegex("Weiß").firstMatch(in: doc))
        let end = try #require(KeywordInContext.lines(document: doc, matches: [weiss.span], width: 9).first)
        #expect(end.left == "d Jürgen ")
        #expect(end.right == ".")
        let start = KeywordInContext.lines(document: doc, matches: [Span(0, 14)], width: 6)[0]
        #expect(start.left == "")
        #expect(start.keyword == "Überraschung:")
        #expect(start.right == " the f")
        let façade = KeywordInContext.lines(document: doc, matches: [Span(19, 26)], width: 3)[0]
        #expect(façade.keyword == "façade")
        #expect(façade.left == "he ")
        #expect(façade.right == " of")
    }

    @Test func lineBreaksBecomeSpaces() {
        let doc = Document(id: "d", text: "First paragraph ends.\n\nSecond\tone\nstarts.")
        let line = KeywordInContext.lines(document: doc, matches: [Span(23, 33)], width: 5)[0]
        #expect(line.left == "ds.  ")
        #expect(line.keyword == "Second one")
        #expect(line.right == " star")
    }

    @Test func formattedLinesAlignKeywords() {
        let doc = Document(id: "d", text: "ab KEY cd. Lœng lead-in KEY x")
        let lines = KeywordInContext.lines(document: doc, matches: [Span(3, 6), Span(25, 28)], width: 6)
        #expect(lines.map { $0.formatted(width: 6, separator: "|") } == ["   ab |KEY| cd. L", "ad-in |KEY| x"])
        #expect(KeywordInContext.lines(document: doc, matches: [], width: 4).isEmpty)
        #expect(KeywordInContext.lines(document: doc, matches: [Span(3, 6)], width: 0)[0].left == "")
    }
}
