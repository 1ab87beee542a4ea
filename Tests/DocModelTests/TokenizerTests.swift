import DocModel
import Testing

/// Tokens and their features on the awkward parts of news text.
@Suite struct TokenizerTests {
    func tokens(_ text: String) -> [String] {
        let document = Document(id: "t", text: text)
        return document.tokens.spans.map { document.text(of: $0) }
    }

    func flags(_ text: String) -> [(String, TokenFlags)] {
        let document = Document(id: "t", text: text)
        return zip(document.tokens.spans, document.tokenFlags).map { (document.text(of: $0), $1) }
    }

    @Test(arguments: [
        ("Rod J. Rosenstein said", ["Rod", "J.", "Rosenstein", "said"]),
        ("the U.S.-Mexico border", ["the", "U.S.-Mexico", "border"]),
        ("U.S. attorneys", ["U.S.", "attorneys"]),
        ("Sessions’s role", ["Sessions", "’s", "role"]),
        ("I don’t see", ["I", "do", "n’t", "see"]),
        ("they're O'Brien's", ["they", "'re", "O'Brien", "'s"]),
        ("more than 5,000 children", ["more", "than", "5,000", "children"]),
        ("$1.5bn and £20m, 50%", ["$", "1.5bn", "and", "£", "20m", ",", "50", "%"]),
        ("“we need to take children away,”", ["“", "we", "need", "to", "take", "children", "away", ",", "”"]),
        ("see https://example.org/a?b=1. Or", ["see", "https://example.org/a?b=1", ".", "Or"]),
        ("mail press@city.example.gov today", ["mail", "press@city.example.gov", "today"]),
        ("a well-known COVID-19 case", ["a", "well-known", "COVID-19", "case"]),
        ("Wait... what -- really?", ["Wait", "...", "what", "--", "really", "?"]),
        ("Mr. Smith met Dr. Jones at 9 a.m. sharp", ["Mr.", "Smith", "met", "Dr.", "Jones", "at", "9", "a.m.", "sharp"]),
        ("It rose 3.5 percent.", ["It", "rose", "3.5", "percent", "."]),
        ("Café Zürich", ["Café", "Zürich"]),
    ])
    func splitsNewsText(_ text: String, _ expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test func featuresAreComputed() {
        let features = Dictionary(flags("The DOJ said 5,000 “children” were taken. Seven more.").map { ($0.0, $0.1) }) { a, _ in a }
        #expect(features["The"]!.contains([.isTitle, .isSentenceStart, .isAlpha]))
        #expect(features["DOJ"]!.contains(.isUpper) && !features["DOJ"]!.contains(.isTitle))
        #expect(features["5,000"]!.contains(.likeNum))
        #expect(!features["5,000"]!.contains(.isDigit))
        #expect(features["“"]!.contains([.isPunct, .isQuote]))
        #expect(features["."]!.contains(.isPunct))
        #expect(features["Seven"]!.contains([.likeNum, .isSentenceStart]))
        #expect(!features["said"]!.contains(.isSentenceStart))
        #expect(features["children"]!.contains(.isAlpha))
    }

    @Test func currencyAndLinksAreMarked() {
        let features = flags("$5 at www.example.com or ed@example.com")
        #expect(features[0].1.contains(.isCurrency) && !features[0].1.contains(.isPunct))
        #expect(features[3].1.contains(.likeURL))
        #expect(features[5].1.contains(.likeEmail))
    }
}

/// Cleaning: residue lines, white space, NFC, and the map back to the raw text.
@Suite struct CleanerTests {
    func clean(_ text: String) -> (String, Cleaner.Result) {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { Cleaner().clean($0) }
        return (String(decoding: result.text, as: UTF8.self), result)
    }

    @Test func residueLinesGoAndParagraphsAreSeparatedByOneEmptyLine() {
        let (text, result) = clean("First para.\r\n\r\nAD\n\n\nAdvertisement\n\n  Second   para\tcontinues.  \nSame para.\n\n\n")
        #expect(text == "First para.\n\nSecond para continues.\nSame para.")
        #expect(result.droppedLines == 2)
    }

    @Test func whiteSpaceAndInvisibleCharactersAreNormalised() {
        #expect(clean("a\u{00A0}\u{00A0}b\u{200B}c \u{2009} d").0 == "a bc d")
    }

    @Test func textIsNormalisedToNFC() {
        let decomposed = "Cafe\u{0301} and re\u{0301}sume\u{0301}"
        #expect(clean(decomposed).0 == "Café and résumé")
        #expect(clean(decomposed).0.unicodeScalars.count == 15)
    }

    @Test func offsetsMapCleanBytesToRawCodePoints() {
        let raw = "  Hé said:\n\nAD\n\n“Yes.”   Then\tleft."
        let bytes = Array(raw.utf8)
        let result = bytes.withUnsafeBufferPointer { Cleaner().clean($0, rawStart: 0) }
        let clean = String(decoding: result.text, as: UTF8.self)
        #expect(clean == "Hé said:\n\n“Yes.” Then left.")
        let document = Document(id: "x", path: "", raw: raw, cleanText: result.text, offsets: result.offsets)
        let rawScalars = Array(raw.unicodeScalars)
        for span in document.tokens.spans {
            let range = document.rawRange(of: span)!
            var view = String.UnicodeScalarView()
            view.append(contentsOf: rawScalars[range])
            #expect(String(view) == document.text(of: span))
        }
    }
}

/// Headers at the top of text files become metadata.
@Suite struct HeaderTests {
    func read(_ text: String, titleFirstLine: Bool = false) throws -> Document {
        try PlainTextReader(options: ReaderOptions(titleFirstLine: titleFirstLine))
            .document(path: "dir/story.txt", bytes: Array(text.utf8))
    }

    @Test func yamlFrontMatter() throws {
        let document = try read("---\ntitle: \"Budget vote\"\ndate: 2024-02-01\npages: 3\nscore: 0.5\nlive: true\ntags: [a, b]\n---\nBody text.\n")
        #expect(document.meta["title"] == "Budget vote")
        #expect(document.meta["date"] == "2024-02-01")
        #expect(document.meta["pages"] == 3)
        #expect(document.meta["score"] == 0.5)
        #expect(document.meta["live"] == true)
        #expect(document.meta["tags"] == .list(["a", "b"]))
        #expect(document.text == "Body text.")
    }

    @Test func keyValueHeaderBlock() throws {
        let document = try read("Title: Harbour plan\nPublished Date: 2022-05-05\n\nThe harbour plan was approved.")
        #expect(document.meta["title"] == "Harbour plan")
        #expect(document.meta["published_date"] == "2022-05-05")
        #expect(document.text == "The harbour plan was approved.")
    }

    @Test func aSingleOrdinaryLineWithAColonIsText() throws {
        let document = try read("Note: the vote was close.\n\nMore text.")
        #expect(document.meta.isEmpty)
        #expect(document.text.hasPrefix("Note: the vote was close."))
    }

    @Test func titleFromTheFirstLine() throws {
        let document = try read("Ad sales boost Time Warner profit\n\nQuarterly profits rose 76%.", titleFirstLine: true)
        #expect(document.meta["title"] == "Ad sales boost Time Warner profit")
        #expect(document.text == "Quarterly profits rose 76%.")
        #expect(document.rawRange(of: document.sentences.spans[0]) == 35..<62)
    }

    @Test func binaryFilesAreRefused() {
        #expect(throws: DocumentError(path: "dir/story.txt", reason: "is not a text file (byte 3 is a zero byte); give Loupe text files")) {
            try read("ab\u{0}c")
        }
    }
}
