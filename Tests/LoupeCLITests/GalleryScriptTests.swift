import Foundation
import LoupeTestSupport
import Testing

/// The gallery's scripts (scripts/) on the example articles, as an analyst runs them.
@Suite struct GalleryScriptTests {
    /// The environment with the repository's bundled plugins and no user plugins.
    private let bundledOnly = ["XDG_DATA_HOME": "/nonexistent/xdg", "LOUPE_BUNDLED_PLUGINS": repositoryRoot.appendingPathComponent("plugins").path]

    @Test func everyQuoteWithItsSpeakerAndTheSpeakersMostQuotedFirst() throws {
        try withTemporaryDirectory { dir in
            let output = dir.appendingPathComponent("quotes.csv").path
            let result = try runLoupe(
                ["run", "-q", "-o", output, "scripts/who-is-quoted.lua", "examples/articles/", "examples/news/"],
                environment: bundledOnly)
            #expect(result.status == 0, "\(result.stderr)")
            let quotes = try String(contentsOfFile: output, encoding: .utf8)
            // CSV lines end in CRLF (RFC 4180).
            #expect(quotes.hasPrefix("doc,cue,date,kind,quote,rule,speaker\r\n"))
            #expect(quotes.contains("harbour-dredging,said,2022-03-08,direct,\"“We are not going to dig first and count the seals later,”\",cue-after,Marta Ilves\r\n"))
            let speakers = try String(contentsOfFile: dir.appendingPathComponent("quotes.speakers.csv").path, encoding: .utf8)
            // A speaker is counted once however the job before the name is written
            // ("Finance Minister Anders Holm", "Anders Holm"; "Economist Ruth Abebe", "Political
            // scientist Ruth Abebe").
            #expect(speakers.hasPrefix("quotes,speaker\r\n5,Daniel Brandt\r\n4,Anders Holm\r\n4,Mikael Berg\r\n4,Ruth Abebe\r\n"), "\(speakers)")
        }
    }

    @Test func concordanceListsATermInContextInDocumentOrder() throws {
        let result = try runLoupe(["run", "-q", "scripts/concordance.lua", "examples/articles/", "--", "harbour", "20"], environment: bundledOnly)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == #"{"doc":"harbour-dredging","keyword":"harbour","left":"edging of the north ","right":" until a second wild","start":85}"#)
        // Case does not matter: "Harbour Fishers’ Association" is found too.
        #expect(lines.contains { $0.contains(#""keyword":"Harbour""#) })
    }

    @Test func concordanceWithoutATermSaysHowToGiveIt() throws {
        let result = try runLoupe(["run", "-q", "scripts/concordance.lua", "examples/articles/"], environment: bundledOnly)
        #expect(result.status != 0)
        #expect(result.stderr.contains("give the term after --: loupe run scripts/concordance.lua CORPUS -- TERM [WIDTH]"))
    }

    @Test func figuresComeWithTheirValueAndSentence() throws {
        let result = try runLoupe(["run", "-q", "scripts/figures.lua", "examples/articles/"], environment: bundledOnly)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(
            #"{"doc":"harbour-dredging","comparator":"~","counts":"","figure":"about $1.2 million","rule":"currency","sentence":"She said the survey would cost about $1.2 million.","unit":"USD","value":1200000}"#))
        #expect(result.stdout.contains(#""figure":"more than 40","rule":"count""#))
    }

    @Test func coMentionsArePairsOfEntitiesNamedInOneSentence() throws {
        let result = try runLoupe(["run", "-q", "scripts/co-mentions.lua", "examples/articles/", "examples/news/"], environment: bundledOnly)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        // Each pair once, its names in byte order, with the kinds of entity they are.
        #expect(rows.contains(#"{"documents":1,"first":"Anders Holm","first_kind":"person","second":"Voltrex Energy","second_kind":"organization","sentences":1}"#))
        #expect(rows.contains(#"{"documents":1,"first":"Harbour Fishers’ Association","first_kind":"organization","second":"Tomas Reid","second_kind":"person","sentences":1}"#))
        #expect(!rows.contains { $0.contains(#""second":"Anders Holm""#) }, "pairs are written in one order")
        #expect(rows.count == 8, "\(result.stdout)")
    }
}
