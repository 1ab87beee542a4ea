import DocFormats
import DocModel
import Foundation
import LoupeTestSupport
import Testing

/// The format enum and the single entry point that reads any file.
@Suite struct DocumentLoaderTests {
    @Test func formatsComeFromExtensionsAfterGz() {
        #expect(DocumentFormat(path: "a/b/c.txt") == .txt)
        #expect(DocumentFormat(path: "c.JSONL.GZ") == .jsonl)
        #expect(DocumentFormat(path: "dir.v2/notes.md.gz") == .md)
        #expect(DocumentFormat(path: "page.htm") == .html)
        #expect(DocumentFormat(path: "feed.ndjson") == .jsonl)
        #expect(DocumentFormat(path: "x.tsv") == .tsv)
        #expect(DocumentFormat(path: "archive.gz") == nil)
        #expect(DocumentFormat(path: "dir.csv/README") == nil)
        #expect(DocumentFormat(path: ".csv") == nil)
        #expect(DocumentFormat(path: "report.pdf") == nil)
        #expect(DocumentFormat.isGzip("x.csv.gz") && !DocumentFormat.isGzip("x.gz.csv"))
    }

    @Test func formatNamesParseWithAClearError() throws {
        #expect(try DocumentFormat(parsing: "CSV") == .csv)
        #expect(try DocumentFormat(parsing: ".jsonl") == .jsonl)
        #expect(try DocumentFormat(parsing: "markdown") == .md)
        #expect(throws: UnknownFormatError(name: "xml")) { try DocumentFormat(parsing: "xml") }
        #expect(UnknownFormatError(name: "xml").description
            == "unknown format 'xml'; use one of: txt, md, html, json, jsonl, csv, tsv")
    }

    @Test func textFilesAreReadByThePlainTextReader() throws {
        try withTemporaryDirectory { dir in
            let path = try writeText(" date 2020-03-02 \nHarbour lights dimmed.\nAD\n\nCrews waited.\n", "0042.txt", in: dir)
            let doc = try #require(DocumentLoader.load(path: path).documents.first)
            #expect(doc.id == "0042")
            #expect(doc.meta["date"] == .string("2020-03-02"))
            #expect(doc.text == "Harbour lights dimmed.\n\nCrews waited.")
            let titled = FormatOptions(reader: ReaderOptions(titleFirstLine: true))
            let md = try writeText("Storm Watch\n\nWaves broke high.\n", "watch.md", in: dir)
            #expect(DocumentLoader.load(path: md, options: titled).documents.first?.meta["title"] == .string("Storm Watch"))
        }
    }

    @Test func theFormatCanBeOverridden() throws {
        try withTemporaryDirectory { dir in
            let path = try writeText("{\"text\": \"Pilots boarded.\"}\n{\"text\": \"Anchors up.\"}\n", "feed.dat", in: dir)
            let unknown = DocumentLoader.load(path: path)
            #expect(unknown.failures == [
                "\(path): has an extension Loupe does not know; rename it or give --format (txt, md, html, json, jsonl, csv, tsv)",
            ])
            #expect(DocumentLoader.load(path: path, format: .jsonl).documents.map(\.text) == ["Pilots boarded.", "Anchors up."])
            let options = FormatOptions(format: .jsonl)
            #expect(DocumentLoader.load(path: path, options: options).documents.map(\.id) == ["feed:1", "feed:2"])
            // The argument wins over the options, and over the extension.
            #expect(DocumentLoader.load(path: path, options: options, format: .txt).documents.count == 1)
            let csvNamedTxt = try writeText("text\nRow one.\n", "rows.txt", in: dir)
            #expect(DocumentLoader.load(path: csvNamedTxt, format: .csv).documents.map(\.text) == ["Row one."])
        }
    }

    @Test func htmlGoesToTheHTMLReader() throws {
        try withTemporaryDirectory { dir in
            let page = "<html><head><title>Ferry news</title></head><body><article>"
                + "<p>The ferry to the island was cancelled on Tuesday because of high winds, the operator said.</p>"
                + "<p>Passengers were offered refunds or seats on the next crossing, which left at noon.</p>"
                + "</article></body></html>"
            let path = try writeText(page, "page.html.gz.txt", in: dir)
            let documents = DocumentLoader.load(path: path, format: .html).documents
            #expect(documents.first?.meta["title"] == "Ferry news")
            #expect(documents.first?.text.hasPrefix("The ferry to the island was cancelled") == true)
            #expect(documents.first?.offsets == nil)
        }
    }

    @Test func missingFilesAndSizeLimitsFailTheFile() throws {
        try withTemporaryDirectory { dir in
            #expect(DocumentLoader.load(path: dir.path + "/gone.csv").failures == [
                "\(dir.path)/gone.csv: no such file; check the path",
            ])
            let path = try writeText("text\n" + String(repeating: "z", count: 100) + "\n", "big.csv", in: dir)
            let small = FormatOptions(reader: ReaderOptions(maxBytes: 50))
            #expect(DocumentLoader.load(path: path, options: small).failures == [
                "\(path): is 106 bytes, over the limit of 50 bytes; raise it with --max-doc-bytes",
            ])
            #expect(DocumentLoader.load(path: dir.path, format: .txt).failures == ["\(dir.path): is a directory, not a file"])
        }
    }

    @Test func segmentationWorksOnRecordDocuments() throws {
        let results = DocumentLoader.documents(
            bytes: Array(#"{"text": "Gulls cried. Boats left.\n\nThe quay emptied."}"#.utf8), path: "x.jsonl",
            format: .jsonl)
        let doc = try #require(results.documents.first)
        #expect(doc.paragraphs.spans.count == 2)
        #expect(doc.sentences.spans.count == 3)
    }
}
