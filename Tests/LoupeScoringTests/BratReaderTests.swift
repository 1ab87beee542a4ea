import Foundation
import Testing

@testable import LoupeScoring

@Suite struct BratReaderTests {
    @Test func readsEventArgumentsWithCodePointOffsets() throws {
        let file = EvalFixtures.attributions + "/harbour-vote_a1.ann"
        let spans = try BratReader.parse(try GoldLoader.read(file), doc: "harbour-vote", file: file)
        // Triggers (Attribution) and the span no event names (Discard) are left out.
        #expect(spans.map(\.type) == ["Content", "Source", "Cue", "Source", "Cue", "Content", "Content", "Source", "Cue"])
        // Out-of-order fragments are sorted; offsets count code points (🚢 is one).
        #expect(spans[0].fragments == [38..<67, 108..<128])
        #expect(spans[0].group == "E1")
        let text = Array(try GoldLoader.read(EvalFixtures.folder + "/polnear-like/text/harbour-vote.txt").unicodeScalars)
        #expect(String(String.UnicodeScalarView(text[73..<83])) == "Zoë Müller")
        #expect(spans[1].text == "Zoë Müller")
    }

    @Test func continuationLinesBelongToTheSpanBefore() throws {
        let file = EvalFixtures.attributions + "/harbour-vote_a1.ann"
        let spans = try BratReader.parse(try GoldLoader.read(file), doc: "harbour-vote", file: file)
        let quote = try #require(spans.first { $0.location.line == 11 })
        #expect(quote.text == "“It is the best plan we have seen.\n\n“And we will build it,”")
        #expect(quote.fragments == [176..<235])
        // The lines after a continuation are numbered as in the file.
        #expect(spans.last?.location.line == 15)
    }

    @Test func withoutEventsEverySpanCounts() throws {
        let spans = try BratReader.parse("T1\tPerson 0 3\tAda\nT2\tPlace 7 12\tParis\n", doc: "d", file: "d.ann")
        #expect(spans.map(\.type) == ["Person", "Place"])
    }

    @Test func malformedLinesNameFileAndLine() throws {
        let path = EvalFixtures.path("bad.ann")
        let error = #expect(throws: ScoringError.self) { try BratReader.parse(try GoldLoader.read(path), doc: "bad", file: path) }
        #expect(error?.description.hasSuffix("bad.ann:2: bad offsets 'eight 13': each fragment is 'start end', 0 ≤ start ≤ end, fragments joined by ';'") == true)
    }

    @Test func theFirstAnnotatorWinsAndIdsDropTheAnnotator() throws {
        let gold = try GoldLoader.load([EvalFixtures.folder + "/polnear-like"])
        #expect(gold.documents == ["harbour-vote", "zoning"])
        #expect(gold.chosen["harbour-vote"]?.hasSuffix("harbour-vote_a1.ann") == true)
        #expect(gold.spans.count == 15)
        #expect(GoldLoader.documentID(ofAnn: "/nowhere/nyt_2016-10-01_slug_4e07.ann") == "nyt_2016-10-01_slug")
    }

    @Test func goldFromJSONLines() throws {
        let gold = try GoldLoader.load([EvalFixtures.path("gold.jsonl")])
        #expect(gold.spans.map(\.fragments) == [[14..<31], [0..<7]])
        #expect(gold.documents == ["zoning"])
    }
}

