import DocModel
import Foundation
import LoupeTestSupport
import Testing

/// A document in the seed corpus's layout (Tests/Fixtures/documents/seed-layout.txt, our own
/// words): the date field, advertising residue, initials, "U.S." and closing quotes.
@Suite struct SeedLayoutTests {
    let document: Document

    init() throws {
        let path = repositoryRoot.appendingPathComponent("Tests/Fixtures/documents/seed-layout.txt").path
        document = try PlainTextReader().read(path: path)
    }

    @Test func theDateFieldBecomesMetadata() {
        #expect(document.meta["date"] == "2023-09-21")
        #expect(document.id == "seed-layout")
        #expect(document.text.hasPrefix("The inspector general’s report"))
    }

    @Test func advertisingResidueIsDroppedFromTheTextButKeptInRaw() {
        #expect(!document.text.split(separator: "\n").contains("AD"))
        #expect(document.raw.contains("\nAD\n"))
    }

    @Test func paragraphsAreTheBlocksBetweenEmptyLines() {
        #expect(document.paragraphs.count == 8)
        #expect(document.text(of: document.paragraphs.spans[1]).hasPrefix("“Officials knew"))
    }

    @Test func sentencesStayWholeAroundInitialsAbbreviationsAndQuotes() {
        let sentences = document.sentences.spans.map { document.text(of: $0) }
        #expect(sentences.contains { $0.hasPrefix("Paul R. Oakes, a former planning official") && $0.hasSuffix("according to the report.") })
        #expect(sentences.contains("At the time, the U.S. economy was slowing and ministers wanted “visible savings” before the budget."))
        #expect(sentences.contains { $0.hasPrefix("Once the plan was under way, Whitlock told U.S. attorneys") })
        #expect(sentences.contains("“I should have raised my concerns in writing."))
        #expect(sentences.contains("According to the report, “the department failed to plan for the effects on elderly residents.”"))
        #expect(sentences.contains("That left local councils to fill the gap with volunteer drivers."))
        #expect(sentences.contains("Mr. Oakes expressed regret in a statement on Friday."))
    }

    @Test func everySpanMapsBackToTheRawText() {
        let raw = Array(document.raw.unicodeScalars)
        for span in document.sentences.spans {
            let range = document.rawRange(of: span)!
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: raw[range])
            #expect(String(scalars) == document.text(of: span))
        }
    }

    static let sharedSample = "../shared/corpus/sample/2021-01-14-doj-zero-tolerance.txt"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(sharedSample).path),
                   "the seed article lives in ../shared/corpus, which a clone of the repository alone lacks"))
    func theSeedArticleItself() throws {
        let seed = try PlainTextReader().read(path: repositoryRoot.appendingPathComponent(Self.sharedSample).path)
        #expect(seed.meta["date"] == "2021-01-14")
        #expect(!seed.text.split(separator: "\n").contains("AD"))
        #expect(seed.paragraphs.count == 17)
        let sentences = seed.sentences.spans.map { seed.text(of: $0) }
        #expect(sentences.contains { $0.hasPrefix("Rod J. Rosenstein, who served as Sessions’s deputy attorney general") })
        #expect(sentences.contains { $0.hasPrefix("Once the policy was underway, Sessions at one point told U.S. attorneys") })
        #expect(sentences.contains { $0.hasSuffix("from bearing the wrath of the policy.”") })
        #expect(sentences.contains("That left Sessions — who was a vigorous backer anyway — to do it."))
    }
}
