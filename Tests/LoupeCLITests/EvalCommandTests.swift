import Foundation
import LoupeTestSupport
import Testing

/// `loupe eval`: scoring predictions against gold through the real binary, on the fixtures of
/// `Tests/Fixtures/eval/`.
@Suite struct EvalCommandTests {
    let fixtures = "Tests/Fixtures/eval"

    @Test func printsAnAlignedTableOnStandardOutput() throws {
        let result = try runLoupe(["eval", "\(fixtures)/pred.jsonl", "--gold", "\(fixtures)/polnear-like", "--match", "overlap"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("match: overlap; gold: 2 documents, 15 spans; predicted: 6 spans\n"))
        #expect(result.stdout.contains("all (micro)    15          6        5      0.833   0.333  0.476\n"))
        // The row for a document without gold is left out, and said so on standard error.
        #expect(result.stderr == "loupe: warning: \(fixtures)/pred.jsonl: 1 predictions for 1 documents without gold ignored (e.g. 'elsewhere')\n")
    }

    @Test func directQuotesTypesAndJSON() throws {
        let result = try runLoupe([
            "eval", "\(fixtures)/pred.jsonl", "--gold", "\(fixtures)/polnear-like", "--match", "overlap",
            "--gold-filter", "direct-quotes", "--types", "Content", "--json",
        ])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["gold"] as? Int == 3)
        #expect(overall["matched"] as? Int == 3)
        #expect(overall["precision"] as? Double == 0.6)
    }

    @Test func diffListsGainedAndLostItems() throws {
        let result = try runLoupe([
            "eval", "\(fixtures)/pred.jsonl", "--diff", "\(fixtures)/pred-better.jsonl", "--gold", "\(fixtures)/polnear-like",
            "--match", "overlap",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("lost (gold found only by \(fixtures)/pred.jsonl): 1\n  harbour-vote\tSource\t73 83\tZoë Müller\n"))
    }

    @Test func speakersOfFoundQuotesWhenRowsAreGrouped() throws {
        let result = try runLoupe([
            "eval", "\(fixtures)/pred-linked.jsonl", "--gold", "\(fixtures)/polnear-like", "--match", "overlap", "--types", "Content",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("Source of Content        3      2        1     0.333\n"))
        let bad = try runLoupe(["eval", "\(fixtures)/pred.jsonl", "--gold", fixtures, "--link", "Content"])
        #expect(bad.status == 2)
    }

    @Test func badInputNamesFileAndLineWithExitCode2() throws {
        let noDoc = try runLoupe(["eval", "\(fixtures)/pred-no-doc.jsonl", "--gold", "\(fixtures)/polnear-like"])
        #expect(noDoc.status == 2)
        #expect(noDoc.stderr.hasPrefix("loupe: \(fixtures)/pred-no-doc.jsonl:2: the row has no \"doc\""))
        let badAnn = try runLoupe(["eval", "\(fixtures)/pred.jsonl", "--gold", "\(fixtures)/bad.ann"])
        #expect(badAnn.status == 2)
        #expect(badAnn.stderr.hasPrefix("loupe: \(fixtures)/bad.ann:2: bad offsets 'eight 13'"))
        let noGold = try runLoupe(["eval", "\(fixtures)/pred.jsonl"])
        #expect(noGold.status == 2)
        #expect(noGold.stderr.contains("--gold"))
        #expect(try runLoupe(["eval", "\(fixtures)/pred.jsonl", "--gold", fixtures, "--match", "fuzzy"]).status == 2)
    }

    @Test func nothingToScoreExitsWith1() throws {
        let wrongType = try runLoupe(["eval", "\(fixtures)/pred.jsonl", "--gold", "\(fixtures)/polnear-like", "--types", "Speaker"])
        #expect(wrongType.status == 1)
        #expect(wrongType.stderr == "loupe: no gold spans of type Speaker to score against\n")
        let gold = try runLoupe(["eval", "\(fixtures)/pred-better.jsonl", "--gold", "\(fixtures)/gold.jsonl", "--types", "Cue"])
        #expect(gold.status == 1)
        // Predictions of other documents only: the ids must be wrong.
        let elsewhere = try runLoupe(["eval", "\(fixtures)/pred-elsewhere.jsonl", "--gold", "\(fixtures)/gold.jsonl"])
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.hasSuffix("no prediction names a document that has gold; check that \"doc\" holds the text file's stem\n"))
        // Predictions of other types only still score: every gold span is missed.
        let otherTypes = try runLoupe(["eval", "\(fixtures)/pred.jsonl", "--gold", "\(fixtures)/gold.jsonl", "--types", "Source", "--json"])
        #expect(otherTypes.status == 0)
    }

    @Test func theQuoteBaselineEndToEnd() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let predictions = folder.appendingPathComponent("pred.jsonl").path
        let run = try runLoupe(["run", "scripts/quote-baseline.lua", "\(fixtures)/polnear-like/text", "-o", predictions])
        #expect(run.status == 0)
        let result = try runLoupe([
            "eval", predictions, "--gold", "\(fixtures)/polnear-like", "--offsets", "raw", "--gold-filter", "direct-quotes",
            "--types", "Content", "--match", "overlap",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("all (micro)     3          5        3      0.600   1.000  0.750\n"))
    }

    @Test func helpHasExamplesAndExitCodes() throws {
        let help = try runLoupe(["eval", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        #expect(help.stdout.contains("Exit codes: 0 scored; 1 nothing to score"))
        #expect(help.stdout.contains("char_start"))
    }
}
