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
            let report = dir.appendingPathComponent("report.html").path
            let result = try runLoupe(
                ["run", "-q", "-o", output, "--report", report, "scripts/who-is-quoted.lua", "examples/articles/", "examples/news/"],
                environment: bundledOnly)
            #expect(result.status == 0, "\(result.stderr)")
            let quotes = try String(contentsOfFile: output, encoding: .utf8)
            // CSV lines end in CRLF (RFC 4180).
            #expect(quotes.hasPrefix("doc,cue,date,kind,mention,quote,rule,speaker\r\n"))
            #expect(quotes.contains("harbour-dredging,said,2022-03-08,direct,Marta Ilves,\"“We are not going to dig first and count the seals later,”\",cue-after,Marta Ilves\r\n"))
            // A pronoun is resolved to the name it stands for; the row keeps the mention.
            #expect(quotes.contains("harbour-dredging,said,2022-03-08,indirect,She,the survey would cost about $1.2 million,indirect-that,Marta Ilves\r\n"))
            let speakers = try String(contentsOfFile: dir.appendingPathComponent("quotes.speakers.csv").path, encoding: .utf8)
            // A speaker is counted once however the job before the name is written
            // ("Finance Minister Anders Holm", "Anders Holm"; "Economist Ruth Abebe", "Political
            // scientist Ruth Abebe").
            #expect(speakers.hasPrefix("quotes,speaker\r\n5,Daniel Brandt\r\n4,Anders Holm\r\n4,Mikael Berg\r\n4,Ruth Abebe\r\n"), "\(speakers)")
            // The report: key figures, the chart of the most quoted, and what each said.
            let html = try String(contentsOfFile: report, encoding: .utf8)
            #expect(html.contains(#"aria-label="Most quoted speakers""#))
            #expect(html.contains("<caption>Daniel Brandt (5)</caption>"))
            #expect(html.contains(#"aria-label="Quotes of the most quoted speakers, by section""#))
            #expect(html.contains("The numbers do not add up, and families will pay the difference next spring"))
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

    @Test func quotesOverTimeCountsPerSpeakerAndDateAndChartsThemByMonth() throws {
        try withTemporaryDirectory { dir in
            let report = dir.appendingPathComponent("over-time.html").path
            let result = try runLoupe(
                ["run", "-q", "--report", report, "scripts/quotes-over-time.lua", "examples/articles/", "examples/news/"],
                environment: bundledOnly)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(#"{"date":"2023-03-16","quotes":2,"speaker":"Karl Jensen"}"#))
            let html = try String(contentsOfFile: report, encoding: .utf8)
            #expect(html.contains(#"aria-label="Quotes per month""#))
            #expect(html.contains(#"aria-label="Quotes per month of the five most quoted speakers""#))
            // The months from the first quote (November 2021) to the last (June 2023).
            #expect(html.contains(">2021-11<") && html.contains(">2023-05<"))
        }
    }

    @Test func quotesOverTimeRefusesAnUnknownPeriod() throws {
        let result = try runLoupe(["run", "-q", "scripts/quotes-over-time.lua", "examples/articles/", "--", "fortnight"], environment: bundledOnly)
        #expect(result.status != 0)
        #expect(result.stderr.contains("the period after -- must be day, week, month or year, not 'fortnight'"))
    }

    @Test func keynessComparesTwoSectionsByLogLikelihood() throws {
        let result = try runLoupe(
            ["run", "-q", "scripts/keyness.lua", "examples/news/", "--", "section", "politics", "business"], environment: bundledOnly)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        // "company": 5 times in business's 236 words, never in politics's 254.
        #expect(rows.first == #"{"a":0,"a_per_million":0.0,"b":5,"b_per_million":21186.4406779661,"diff":-100.0,"ll":7.305735860790621,"more_in":"business","term":"company"}"#)
        #expect(rows.contains { $0.contains(#""more_in":"politics","term":"brandt""#) })
        #expect(!rows.contains { $0.contains(#""term":"the""#) }, "function words are left out")
    }

    @Test func keynessTakesGroupsFromTheDocumentIdWithAPattern() throws {
        let result = try runLoupe(
            ["run", "-q", "scripts/keyness.lua", "examples/articles/", "examples/news/", "--", "id:^(%a+)%-"], environment: bundledOnly)
        #expect(result.status == 0, "\(result.stderr)")
        // Without groups named, the first two in alphabetical order: "bakery" and "budget".
        #expect(result.stdout.contains(#""more_in":"bakery""#) && result.stdout.contains(#""more_in":"budget""#))
    }

    @Test func wordFrequenciesWithNGramsAndAReport() throws {
        try withTemporaryDirectory { dir in
            let output = dir.appendingPathComponent("words.csv").path
            let report = dir.appendingPathComponent("words.md").path
            let result = try runLoupe(
                ["run", "-q", "-o", output, "--report", report, "scripts/word-frequencies.lua", "examples/articles/", "examples/news/"],
                environment: bundledOnly)
            #expect(result.status == 0, "\(result.stderr)")
            let words = try String(contentsOfFile: dir.appendingPathComponent("words.words.csv").path, encoding: .utf8)
            #expect(words.hasPrefix("count,docs,per_million,term\r\n41,9,55555.555555555555,said\r\n8,4,10840.108401084011,million\r\n"))
            let bigrams = try String(contentsOfFile: dir.appendingPathComponent("words.bigrams.csv").path, encoding: .utf8)
            #expect(bigrams.contains("\r\n3,3,9316.770186335403,finance minister\r\n"))
            // "anders holm": both words 6 times, always together — the strongest collocation.
            let collocations = try String(contentsOfFile: dir.appendingPathComponent("words.collocations.csv").path, encoding: .utf8)
            #expect(collocations.hasPrefix("count,first,first_count,ll,pmi,second,second_count,t\r\n6,anders,6,75.35775376852378,"))
            let keyTerms = try String(contentsOfFile: dir.appendingPathComponent("words.key_terms.csv").path, encoding: .utf8)
            #expect(keyTerms.hasPrefix("doc,df,term,tf,tfidf\r\nharbour-dredging,1,harbour,3,6.591673732008658\r\n"))
            let markdown = try String(contentsOfFile: report, encoding: .utf8)
            #expect(markdown.contains("| **9** | **1,181** | **573** | **0.485** |"))
            #expect(markdown.contains("![Most frequent words](<words-chart-1.svg>)"))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("words-chart-1.svg").path))
        }
    }

    @Test func concordanceReportHighlightsTheTermAndPlotsWhereItOccurs() throws {
        try withTemporaryDirectory { dir in
            let report = dir.appendingPathComponent("kwic.html").path
            let result = try runLoupe(
                ["run", "-q", "--report", report, "scripts/concordance.lua", "examples/articles/", "examples/news/", "--", "council"],
                environment: bundledOnly)
            #expect(result.status == 0, "\(result.stderr)")
            let html = try String(contentsOfFile: report, encoding: .utf8)
            #expect(html.contains("<p>5 occurrences.</p>"))
            #expect(html.contains("<mark>Council</mark>"))
            #expect(html.contains(#"aria-label="Where “council” occurs in each document""#))
        }
    }
}
