import Foundation
import Testing

@testable import LoupeScoring

@Suite struct ScoringTests {
    func predictions(_ name: String = "pred.jsonl") throws -> [AnnotatedSpan] {
        try JSONLSpans.predictions(try GoldLoader.read(EvalFixtures.path(name)), file: name)
    }

    func gold() throws -> [AnnotatedSpan] { try GoldLoader.load([EvalFixtures.attributions]).spans }

    @Test func loupeOffsetsAreOneBasedAndInclusive() throws {
        let spans = try predictions()
        // char_start 39, char_stop 67 is Python's text[38:67].
        #expect(spans[0].fragments == [38..<67])
        #expect(spans[0].rule == "curly")
        let raw = try JSONLSpans.predictions(
            #"{"doc":"d","kind":"quote","raw_start":1,"raw_stop":1}"#, file: "p.jsonl",
            options: .init(offsets: .raw, typeField: "kind", renamed: ["quote": "Content"]))
        #expect(raw[0].fragments == [0..<1])
        #expect(raw[0].type == "Content")
    }

    @Test func rowsWithoutDocNameFileLineAndRemedy() throws {
        let error = #expect(throws: ScoringError.self) { try predictions("pred-no-doc.jsonl") }
        #expect(error?.description == #"pred-no-doc.jsonl:2: the row has no "doc": emit the document's id with each row (emit{doc = doc.id, …})"#)
        let typeless = #expect(throws: ScoringError.self) {
            try JSONLSpans.predictions(#"{"doc":"d","char_start":1,"char_stop":2}"#, file: "p.jsonl")
        }
        #expect(typeless?.description.contains("--type-field") == true)
    }

    @Test func overlapIsOneToOneGreedyByLargestOverlap() throws {
        let known = try predictions().filter { $0.doc != "elsewhere" }
        let evaluation = Evaluation(gold: try gold(), predicted: known, mode: .overlap)
        #expect(evaluation.overall == Counts(truePositives: 5, falsePositives: 1, falseNegatives: 10))
        // Both halves of the split quote overlap it; the larger one (29 code points) takes it.
        #expect(evaluation.predictedMatch[0] != nil)
        #expect(evaluation.predictedMatch[1] == nil)
        #expect(evaluation.byType["Content"] == Counts(truePositives: 4, falsePositives: 1, falseNegatives: 1))
        #expect(evaluation.byType["Cue"] == Counts(truePositives: 0, falsePositives: 0, falseNegatives: 5))
        #expect(evaluation.byRule["curly"] == Counts(truePositives: 2, falsePositives: 1))
        let p = try #require(evaluation.overall.precision), r = try #require(evaluation.overall.recall)
        #expect(abs(p - 5.0 / 6) < 1e-9 && abs(r - 1.0 / 3) < 1e-9)
    }

    @Test func exactNeedsTheSameCodePoints() throws {
        let known = try predictions().filter { $0.doc != "elsewhere" }
        let evaluation = Evaluation(gold: try gold(), predicted: known, mode: .exact)
        #expect(evaluation.overall == Counts(truePositives: 2, falsePositives: 4, falseNegatives: 13))
    }

    @Test func properNameSourcesKeepSpeakersNamedByName() throws {
        let kept = GoldFilter.properNameSources.apply(try gold())
        #expect(!kept.isEmpty)
        #expect(kept.allSatisfy { $0.type == "Source" })
        for name in ["Mayor Ana Ruiz", "Department of Transport", "O’Neill", "Ruiz"] {
            #expect(GoldFilter.isProperName(name), "\(name)")
        }
        for other in ["she", "the harbour master", "Officials said to be", "They", "a spokesman"] {
            #expect(!GoldFilter.isProperName(other), "\(other)")
        }
    }

    @Test func directQuotesKeepQuotedContentsWithTheirSourcesAndCues() throws {
        let kept = GoldFilter.directQuotes.apply(try gold())
        #expect(kept.filter { $0.type == "Content" }.map(\.text) == [
            "“The port needs it.” “We have waited long enough,”",
            "“It is the best plan we have seen.\n\n“And we will build it,”",
            "\"No more delays.\"",
        ])
        #expect(kept.count == 9)
        #expect(GoldFilter.isDirectQuote("  “Yes”. "))
        #expect(GoldFilter.isDirectQuote("\"No,\" —"))
        #expect(!GoldFilter.isDirectQuote("that \"time is short\" for everyone"))
        #expect(!GoldFilter.isDirectQuote("“"))
        let contents = kept.filter { $0.type == "Content" }
        let evaluation = Evaluation(
            gold: contents, predicted: try predictions().filter { $0.type == "Content" && $0.doc != "elsewhere" }, mode: .overlap)
        #expect(evaluation.overall == Counts(truePositives: 3, falsePositives: 2, falseNegatives: 0))
    }

    @Test func matchingIsDeterministicWhateverTheOrder() throws {
        let gold = try gold(), known = try predictions().filter { $0.doc != "elsewhere" }
        let forward = Evaluation(gold: gold, predicted: known, mode: .overlap)
        let backward = Evaluation(gold: gold, predicted: known.reversed(), mode: .overlap)
        #expect(forward.overall == backward.overall)
        #expect(ScoreReport.json(forward, documents: 2) == ScoreReport.json(backward, documents: 2))
    }

    @Test func diffListsWhatWasGainedAndLost() throws {
        let gold = try gold()
        let base = Evaluation(gold: gold, predicted: try predictions().filter { $0.doc != "elsewhere" }, mode: .overlap)
        let other = Evaluation(gold: gold, predicted: try predictions("pred-better.jsonl"), mode: .overlap)
        let diff = EvaluationDiff(base: base, other: other)
        #expect(diff.gained.map(\.text) == ["said"])
        #expect(diff.lost.map(\.text) == ["Zoë Müller"])
        #expect(diff.newFalsePositives.isEmpty)
        #expect(diff.removedFalsePositives.map(\.text) == ["“The port needs it.”"])
        let table = ScoreReport.table(diff: diff, base: base, other: other, baseName: "pred.jsonl", otherName: "pred-better.jsonl")
        #expect(table.contains("gained (gold found only by pred-better.jsonl): 1\n  harbour-vote\tCue\t68 72\tsaid\n"))
    }

    @Test func tableAndJSON() throws {
        let known = try predictions().filter { $0.doc != "elsewhere" }
        let evaluation = Evaluation(gold: try gold(), predicted: known, mode: .overlap)
        let table = ScoreReport.table(evaluation, documents: 2)
        #expect(table.contains("type         gold  predicted  matched  precision  recall     F1\n"))
        #expect(table.contains("Content         5          5        4      0.800   0.800  0.800\n"))
        #expect(table.contains("all (micro)    15          6        5      0.833   0.333  0.476\n"))
        #expect(table.contains("curly             3        2      0.667\n"))
        let json = ScoreReport.json(evaluation, documents: 2)
        #expect(json.hasPrefix(#"{"match":"overlap","documents":2,"overall":{"gold":15,"predicted":6,"matched":5,"precision":0.8333,"recall":0.3333,"f1":0.4762}"#))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["rules"] as? [String: Any])?.keys.sorted() == ["curly", "name", "straight"])
    }
}

@Suite struct LinkScoreTests {
    @Test func speakersOfCorrectlyFoundQuotes() throws {
        let gold = try GoldLoader.load([EvalFixtures.attributions]).spans
        let predicted = try JSONLSpans.predictions(try GoldLoader.read(EvalFixtures.path("pred-linked.jsonl")), file: "pred-linked.jsonl")
        #expect(predicted[0].group == "1" && predicted[4].group == "q1")
        let contents = Evaluation(gold: gold.filter { $0.type == "Content" }, predicted: predicted.filter { $0.type == "Content" }, mode: .overlap)
        let link = LinkScore(anchor: "Content", linked: "Source", evaluation: contents, gold: gold, predicted: predicted)
        // Three quotes found; the first speaker overlaps "Zoë Müller", the second is the mayor
        // (wrong: the council), the third has none.
        #expect(link.anchors == 3)
        #expect(link.found == 2)
        #expect(link.correct == 1)
        #expect(ScoreReport.table(contents, documents: 2, links: [link]).hasSuffix(
            "link               matched  found  correct  accuracy\nSource of Content        3      2        1     0.333\n"))
    }
}

@Suite struct OffsetWarningTests {
    @Test func rowsWhoseRawOffsetsDifferAreCounted() throws {
        var differs = 0
        let rows = """
            {"doc":"d","type":"Content","char_start":3,"char_stop":9,"raw_start":3,"raw_stop":9}
            {"doc":"d","type":"Content","char_start":20,"char_stop":25,"raw_start":22,"raw_stop":27}
            """
        let spans = try JSONLSpans.predictions(rows, file: "p.jsonl", rawDiffers: &differs)
        #expect(spans.count == 2)
        #expect(differs == 1)
    }
}

@Suite struct IndirectAndDiffJSONTests {
    @Test func indirectQuotesAreTheOtherContents() throws {
        let gold = try GoldLoader.load([EvalFixtures.attributions]).spans
        let kept = GoldFilter.indirectQuotes.apply(gold)
        #expect(kept.filter { $0.type == "Content" }.map(\.text) == ["the vote would come in March", "that \"time is short\" for everyone"])
        #expect(kept.filter { $0.type == "Source" }.map(\.text) == ["The mayor", "The board"])
        #expect(kept.count == 6)
    }

    @Test func diffAsJSON() throws {
        let gold = try GoldLoader.load([EvalFixtures.attributions]).spans
        let read = { (name: String) in try JSONLSpans.predictions(try GoldLoader.read(EvalFixtures.path(name)), file: name) }
        let base = Evaluation(gold: gold, predicted: try read("pred.jsonl").filter { $0.doc != "elsewhere" }, mode: .overlap)
        let other = Evaluation(gold: gold, predicted: try read("pred-better.jsonl"), mode: .overlap)
        let json = ScoreReport.json(diff: EvaluationDiff(base: base, other: other), base: base, other: other)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let gained = try #require(object["gained"] as? [[String: Any]])
        #expect(gained.count == 1)
        #expect(gained[0]["text"] as? String == "said")
        #expect(gained[0]["fragments"] as? [[Int]] == [[68, 72]])
        #expect((object["removed_false_positives"] as? [[String: Any]])?.first?["rule"] as? String == "curly")
    }
}
