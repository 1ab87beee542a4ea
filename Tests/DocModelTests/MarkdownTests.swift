import DocModel
import Testing

/// Markdown files: the markup is hidden, the text kept, and positions still map into the file.
@Suite struct MarkdownTests {
    let source = """
        ---
        title: Notes
        ---
        # Harbour plan

        The **port** said [in a statement](http://x.example/a) that `dredging` would _stop_.

        - first item
        - second item

        > A quoted line with a snake_case_word.

        ```
        let code = here
        ```
        """

    func read() throws -> Document {
        try PlainTextReader().document(path: "notes.md", bytes: Array(source.utf8))
    }

    @Test func markupIsHiddenAndTextKept() throws {
        let document = try read()
        #expect(document.meta["title"] == "Notes")
        #expect(document.paragraphs.spans.map { document.text(of: $0) } == [
            "Harbour plan",
            "The port said in a statement that dredging would stop.",
            "first item\nsecond item",
            "A quoted line with a snake_case_word.",
            "let code = here",
        ])
    }

    @Test func positionsStillPointIntoTheFile() throws {
        let document = try read()
        let raw = Array(document.raw.unicodeScalars)
        let sentence = try #require(document.sentences.spans.first { document.text(of: $0).hasPrefix("The port") })
        let range = try #require(document.rawRange(of: sentence))
        #expect(String(String.UnicodeScalarView(raw[range]))
            == "The **port** said [in a statement](http://x.example/a) that `dredging` would _stop_.")
    }

    @Test func textFilesKeepTheirAsterisks() throws {
        let document = try PlainTextReader().document(path: "notes.txt", bytes: Array("A *starred* word.".utf8))
        #expect(document.text == "A *starred* word.")
    }
}
