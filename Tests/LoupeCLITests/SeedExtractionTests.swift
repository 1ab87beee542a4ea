import Foundation
import LoupeTestSupport
import Testing

/// What DESIGN §2 promises an analyst from the seed article, with no configuration: the
/// people, organisations, figures, dates and quotes the bundled extractors find. Checked on
/// the project's own article in the seed's layout, and on the seed itself where
/// ../shared/corpus/sample is present.
@Suite struct SeedExtractionTests {
    /// The rows of Tests/Fixtures/scripts/extract-all.lua over `path`, as JSON lines.
    private func extract(_ path: String) throws -> [String] {
        let result = try runLoupe(
            ["run", "-q", "Tests/Fixtures/scripts/extract-all.lua", path],
            environment: ["XDG_DATA_HOME": "/nonexistent/xdg", "LOUPE_BUNDLED_PLUGINS": repositoryRoot.appendingPathComponent("plugins").path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// Whether some row of `table` holds every one of `fields` (JSON fragments).
    private func has(_ rows: [String], _ table: String, _ fields: String...) -> Bool {
        rows.contains { row in row.contains("\"table\":\"\(table)\"") && fields.allSatisfy { row.contains($0) } }
    }

    @Test func theProjectsOwnSeedLayoutArticle() throws {
        let rows = try extract("Tests/Fixtures/documents/seed-layout.txt")
        for person in ["Dana Whitlock", "Paul R. Oakes"] {
            #expect(has(rows, "entities", #""layer":"person""#, #""canonical":"\#(person)""#), "\(person)")
        }
        #expect(has(rows, "entities", #""layer":"person""#, #""text":"Whitlock""#, #""canonical":"Dana Whitlock""#))
        for organisation in ["Transport Department", "Department of Housing", "Office of Rural Affairs", "Treasury"] {
            #expect(has(rows, "entities", #""layer":"organization""#, #""text":"\#(organisation)""#), "\(organisation)")
        }
        #expect(has(rows, "figures", #""text":"more than 1,200""#, #""value":1200"#, #""comparator":">""#, #""noun":"routes""#))
        #expect(has(rows, "figures", #""text":"about 340""#, #""comparator":"~""#, #""noun":"drivers""#))
        #expect(has(rows, "dates", #""text":"Friday""#, #""value":"2023-09-15""#))
        #expect(has(rows, "quotes", "we need to move faster than the complaints", #""speaker":"Dana Whitlock""#))
        #expect(has(rows, "quotes", "I should have raised my concerns", #""kind":"direct""#, #""speaker":"Paul R. Oakes""#))
    }

    @Test func theSeedArticleWhereTheSharedCorpusIsPresent() throws {
        let sample = "../shared/corpus/sample"
        // The shared corpus is not part of the project (make test must pass without it).
        guard FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(sample).path) else {
            print("SeedExtractionTests: \(sample) not present; the seed article's expectations were checked on the project's own article only")
            return
        }
        let rows = try extract(sample)
        for person in ["Sessions", "Rod J. Rosenstein", "Gene Hamilton", "Kirstjen Nielsen", "Trump"] {
            #expect(has(rows, "entities", #""layer":"person""#, #""canonical":"\#(person)""#), "\(person)")
        }
        for organisation in ["Department of Justice", "Department of Homeland Security", "Department of Health and Human Services",
                             "Office of the Attorney General"] {
            #expect(has(rows, "entities", #""layer":"organization""#, #""canonical":"\#(organisation)""#), "\(organisation)")
        }
        #expect(has(rows, "entities", #""text":"DOJ""#, #""canonical":"Department of Justice""#))
        #expect(has(rows, "entities", #""text":"Justice Department""#, #""canonical":"Department of Justice""#))
        #expect(has(rows, "figures", #""text":"more than 5,000""#, #""noun":"children""#))
        #expect(has(rows, "figures", #""text":"more than 500""#, #""comparator":">""#))
        #expect(has(rows, "quotes", "we need to take children away", #""speaker":"Sessions""#))
        #expect(has(rows, "quotes", "I just don’t see that as a DOJ equity", #""speaker":"Rod J. Rosenstein""#))
        #expect(rows.contains { $0.contains("\"table\":\"dates\"") })
    }
}
