import DocModel
import Foundation
import LoupeTestSupport
import Testing

/// Plain text files become documents; problems name the file and what to do.
@Suite struct PlainTextReaderTests {
    @Test func invalidUTF8IsReplacedAndReported() throws {
        let document = try PlainTextReader().document(path: "x.txt", bytes: [0x61, 0xE9, 0x62])
        #expect(document.text == "a\u{FFFD}b")
        #expect(document.meta["warnings"] == .list([
            "invalid UTF-8 at byte 2 replaced with U+FFFD; re-encode the file as UTF-8 to keep those characters",
        ]))
    }

    @Test func identifiersComeFromFileNames() {
        #expect(PlainTextReader.identifier(for: "corpus/bbc/business/001.txt") == "001")
        #expect(PlainTextReader.identifier(for: ".hidden") == ".hidden")
        #expect(PlainTextReader.identifier(for: "a.b.txt") == "a.b")
    }

    @Test func missingFilesDirectoriesAndHugeFilesAreRefused() throws {
        #expect(throws: DocumentError(path: "/nonexistent/x.txt", reason: "no such file; check the path")) {
            try PlainTextReader().read(path: "/nonexistent/x.txt")
        }
        try withTemporaryDirectory { dir in
            #expect(throws: DocumentError(path: dir.path, reason: "is a directory, not a file")) {
                try PlainTextReader().read(path: dir.path)
            }
            let path = try writeFile("big.txt", String(repeating: "x", count: 100), in: dir)
            #expect(throws: DocumentError(
                path: path, reason: "is 100 bytes, over the limit of 10 bytes; raise it with --max-doc-bytes")) {
                try PlainTextReader(options: ReaderOptions(maxBytes: 10)).read(path: path)
            }
        }
    }
}
