import DocModel
import HTMLExtraction
import Testing

/// Charsets, bad pages and files.
@Suite struct ReadingTests {
    @Test func aDeclaredWindows1252PageIsDecoded() throws {
        // "Caf\xE9 owners\x92 plans \x96 \x93good\x94" in windows-1252.
        let sentence: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" owners".utf8) + [0x92] + Array(" plans ".utf8)
            + [0x96] + Array(" ".utf8) + [0x93] + Array("good".utf8) + [0x94]
            + Array(" news for the harbour, said the board, who expect more visitors in the summer.".utf8)
        for declaration in ["<meta charset=\"windows-1252\">",
                            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"] {
            let bytes = Array("<html><head>\(declaration)</head><body><article><p>".utf8) + sentence
                + Array("</p></article></body></html>".utf8)
            let doc = try read(bytes)
            #expect(doc.text == "Café owners’ plans – “good” news for the harbour, said the board, who expect more visitors in the summer.")
            #expect(doc.raw.contains("Café owners’"))
            #expect(warnings(doc).isEmpty)
        }
    }

    @Test func otherDeclaredCharsetsAreTranscoded() throws {
        // "Паром ходит" in windows-1251.
        let words: [UInt8] = [0xCF, 0xE0, 0xF0, 0xEE, 0xEC, 0x20, 0xF5, 0xEE, 0xE4, 0xE8, 0xF2]
        let bytes = Array("<html><head><meta charset='windows-1251'></head><body><p>".utf8) + words
            + Array("</p></body></html>".utf8)
        let doc = try read(bytes)
        #expect(doc.text == "Паром ходит")
        #expect(warnings(doc).isEmpty)
    }

    @Test func invalidUTF8IsReplacedWithAWarning() throws {
        let bytes = Array("<html><body><p>Caf".utf8) + [0xE9] + Array(" by the pier, open all year round for visitors.</p></body></html>".utf8)
        let doc = try read(bytes)
        #expect(doc.text == "Caf\u{FFFD} by the pier, open all year round for visitors.")
        #expect(warnings(doc).count == 1)
        #expect(warnings(doc).first?.contains("invalid UTF-8") == true)
    }

    @Test func emptyAndBinaryPagesAreErrorsNamingTheFile() {
        #expect(throws: DocumentError(path: "a.html", reason: "is empty; give Loupe an HTML page with some content")) {
            try read([], path: "a.html")
        }
        #expect(throws: DocumentError(path: "a.html", reason: "is empty; give Loupe an HTML page with some content")) {
            try read(Array(" \n\t\n".utf8), path: "a.html")
        }
        #expect(throws: DocumentError(
            path: "b.html", reason: "is not an HTML page (byte 3 is a zero byte); give Loupe HTML text files"))
        {
            try read([0x89, 0x50, 0x00, 0x47], path: "b.html")
        }
    }

    @Test func aPageWithoutArticleTextWarns() throws {
        let body = "<nav><a href=\"/a\">Home</a> <a href=\"/b\">News</a></nav><footer>Contact us</footer>"
        let doc = try read(page(head: "<title>Coastal Gazette</title>", body: body))
        #expect(doc.text == "")
        #expect(doc.meta["title"] == "Coastal Gazette")
        #expect(warnings(doc) == ["no article text found; the page may be empty, an index of links, or built by JavaScript"])
        #expect(doc.paragraphs.spans.isEmpty)
    }

    @Test func readsAFileAndNamesAMissingOne() throws {
        let path = String(#filePath.dropLast("HTMLExtractionTests/ReadingTests.swift".count)) + "Fixtures/html/lighthouse.html"
        let doc = try HTMLReader().read(path: path)
        #expect(doc.id == "lighthouse")
        #expect(doc.meta["title"] == "Lighthouse keeper retires")
        #expect(doc.meta["author"] == "Ines Calder")
        #expect(doc.text.hasPrefix("After forty-one years on the rock"))
        #expect(!doc.text.contains("Read more"))
        #expect(doc.paragraphs.spans.count == 3)
        #expect(throws: DocumentError(path: "missing.html", reason: "no such file; check the path")) {
            try HTMLReader().read(path: "missing.html")
        }
    }
}
