import DocFormats
import DocModel
import Testing

/// JSON and JSON Lines files: one document per object, a bad record failing alone.
@Suite struct JSONRecordsTests {
    private func lines(_ text: String, path: String = "press/wires.jsonl", options: FormatOptions = FormatOptions())
        -> [Result<Document, DocumentError>]
    {
        JSONRecords.documents(jsonLines: Array(text.utf8), path: path, options: options)
    }

    private func json(_ text: String, path: String = "press/wires.json", options: FormatOptions = FormatOptions())
        -> [Result<Document, DocumentError>]
    {
        JSONRecords.documents(json: Array(text.utf8), path: path, options: options)
    }

    @Test func aBadLineFailsAloneWithItsNumber() throws {
        let results = lines("""
            {"id": "w1", "text": "Plovers nested early."}

            {"id": "w2", "text": "Unfinished
            {"id": "w3", "text": "Marsh wardens counted 40 terns."}
            [1, 2]
            {"id": "w5", "text": "Dune grass returned.", "score": 0.5
            """)
        #expect(results.count == 5)
        #expect(results.documents.map(\.id) == ["w1", "w3"])
        #expect(results.failures == [
            "press/wires.jsonl: line 3: not valid JSON (a string opened here is never closed, at column 22); fix or remove that line",
            "press/wires.jsonl: line 5: holds an array, not a JSON object; each line must be one object",
            "press/wires.jsonl: line 6: not valid JSON (unexpected end of text inside an object (missing '}'?), at column 58); fix or remove that line",
        ])
    }

    @Test func truncatedLinesSayUnexpectedEndOfText() {
        let results = lines("{\"text\": \"Heron\"}\n{\"text\": [")
        #expect(results.documents.count == 1)
        #expect(results.failures.count == 1)
        #expect(results.failures[0].hasPrefix("press/wires.jsonl: line 2: not valid JSON (unexpected end of text"))
        #expect(results.failures[0].hasSuffix("; fix or remove that line"))
    }

    @Test func fieldsBecomeTextIdAndOrderedMeta() throws {
        let results = lines(#"""
            {"section": "coast", "id": 17, "words": 412, "ratio": 0.25, "front": true, "editor": null, "text": "Tide tables\nwere late.", "tags": ["gull", null, 3], "source": {"desk": "north", "shift": 2}}
            """#)
        let doc = try #require(results.documents.first)
        #expect(doc.id == "17")
        #expect(doc.raw == "Tide tables\nwere late.")
        #expect(doc.text == "Tide tables\nwere late.")
        #expect(doc.path == "press/wires.jsonl")
        #expect(doc.meta.keys == ["section", "words", "ratio", "front", "tags", "source"])
        #expect(doc.meta["section"] == .string("coast"))
        #expect(doc.meta["words"] == .integer(412))
        #expect(doc.meta["ratio"] == .number(0.25))
        #expect(doc.meta["front"] == .boolean(true))
        #expect(doc.meta["editor"] == nil)
        #expect(doc.meta["tags"] == .list([.string("gull"), .integer(3)]))
        #expect(doc.meta["source"] == .map(["desk": "north", "shift": 2]))
    }

    @Test func idsDefaultToStemAndRecordNumber() throws {
        let results = lines("""
            {"text": "First."}

            {"text": "Second.", "id": ""}
            {"text": "Third.", "id": 2.5}
            """, path: "archive/wires.jsonl.gz")
        #expect(results.documents.map(\.id) == ["wires:1", "wires:2", "2.5"])
    }

    @Test func missingTextFieldNamesTheFieldAndTheKeys() {
        let results = lines(#"{"id": "k1", "headline": "Gales", "summary": "Boats stayed in."}"#)
        #expect(results.failures == [
            #"press/wires.jsonl: line 1: no "text" field (nor "body" or "content"); the record has "id", "headline", "summary"; name the text field with --text-field"#,
        ])
        let custom = lines(#"{"id": "k1", "text": "x"}"#, options: FormatOptions(textField: "article"))
        #expect(custom.failures == [
            #"press/wires.jsonl: line 1: no "article" field; the record has "id", "text"; name the text field with --text-field"#,
        ])
        let empty = lines("{}")
        #expect(empty.failures.first?.contains("the record is empty") == true)
    }

    @Test func textFieldsMustBeText() {
        #expect(lines(#"{"text": 12}"#).failures == [
            "press/wires.jsonl: line 1: field \"text\" is a number, not text; name the text field with --text-field",
        ])
        #expect(lines(#"{"text": null}"#).failures.first?.contains("field \"text\" is null") == true)
        #expect(lines(#"{"text": "a", "id": [1]}"#).failures.first?.contains("field \"id\" is a list; ids must be text or numbers") == true)
    }

    @Test func bodyAndContentAreFallbacksForTheDefaultOnly() throws {
        let results = lines("""
            {"body": "From body.", "content": "Stays meta."}
            {"content": "From content."}
            {"text": "From text.", "body": "Stays meta too."}
            """)
        let docs = results.documents
        #expect(docs.map(\.text) == ["From body.", "From content.", "From text."])
        #expect(docs[0].meta["content"] == .string("Stays meta."))
        #expect(docs[2].meta["body"] == .string("Stays meta too."))
    }

    @Test func customTextAndIdFields() throws {
        let options = FormatOptions(textField: "article", idField: "uid")
        let results = lines(#"{"uid": "m-9", "id": "ignored-as-id", "article": "Lanterns lit the quay.", "text": "kept as meta"}"#,
                            options: options)
        let doc = try #require(results.documents.first)
        #expect(doc.id == "m-9")
        #expect(doc.text == "Lanterns lit the quay.")
        #expect(doc.meta.keys == ["id", "text"])
    }

    @Test func theTextIsCleanedAndOffsetsMapIntoTheField() throws {
        let results = lines(#"{"text": "  Ferries   ran\nAD\n\n\nlate  again. "}"#)
        let doc = try #require(results.documents.first)
        #expect(doc.raw == "  Ferries   ran\nAD\n\n\nlate  again. ")
        #expect(doc.text == "Ferries ran\n\nlate again.")
        // "late" starts at clean byte 13 and at code point 22 of the record's text.
        let late = try #require(doc.text.utf8.firstIndex(of: UInt8(ascii: "l")))
        let cleanOffset = doc.text.utf8.distance(from: doc.text.utf8.startIndex, to: late)
        #expect(cleanOffset == 13)
        let rawOffset = try #require(doc.rawRange(of: Span(cleanOffset, cleanOffset))?.lowerBound)
        #expect(Array(doc.raw.unicodeScalars)[rawOffset...].starts(with: "late".unicodeScalars))
        #expect(doc.rawRange(of: Span(0, 0))?.lowerBound == 2)
    }

    @Test func invalidTextIsWarnedAbout() throws {
        var bytes = Array(#"{"text": "ok"}"#.utf8) + [0x0A]
        bytes += Array(#"{"text": "bad "#.utf8) + [0xC3, 0x28] + Array(#"", "warnings": "prior"}"#.utf8)
        let results = JSONRecords.documents(jsonLines: bytes, path: "w.jsonl", options: FormatOptions())
        let docs = results.documents
        #expect(docs.count == 2)
        #expect(docs[0].meta["warnings"] == nil)
        guard case .list(let warnings) = docs[1].meta["warnings"] else { Issue.record("no warnings"); return }
        #expect(warnings.first == .string("prior"))
        #expect(warnings.count == 2)
        #expect(warnings.last?.string?.contains("invalid UTF-8") == true)
    }

    @Test func emptyLinesFilesFailOnce() {
        #expect(lines("\n  \n").failures == [
            "press/wires.jsonl: holds no records (the file is empty or blank); give one JSON object per line",
        ])
    }

    @Test func crlfAndByteOrderMarkAreAccepted() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"One.\"}\r\n{\"text\": \"Two.\"}\r\n".utf8)
        let results = JSONRecords.documents(jsonLines: bytes, path: "w.jsonl", options: FormatOptions())
        #expect(results.documents.map(\.text) == ["One.", "Two."])
        #expect(results.failures.isEmpty)
    }

    // MARK: - .json

    @Test func anArrayOfObjects() throws {
        let results = json("""
            [
              {"id": "a", "text": "Cranes flew south."},
              {"text": "No id here."},
              "stray string",
              {"id": "d"}
            ]
            """)
        #expect(results.documents.map(\.id) == ["a", "wires:2"])
        #expect(results.failures == [
            "press/wires.json: record 3 (line 4): is a string, not an object; the array must hold objects",
            #"press/wires.json: record 4 (line 5): no "text" field (nor "body" or "content"); the record has "id"; name the text field with --text-field"#,
        ])
    }

    @Test func oneObject() throws {
        let results = json(#"{"title": "Harbour notes", "text": "Nets were mended.", "pages": 3}"#)
        let doc = try #require(results.documents.first)
        #expect(results.count == 1)
        #expect(doc.id == "wires:1")
        #expect(doc.meta.keys == ["title", "pages"])
    }

    @Test func aSyntaxErrorKeepsTheRecordsBefore() {
        let results = json("""
            [{"text": "Kept."},
             {"text": "Also kept."},
             {"text": "Broken" "x"}]
            """)
        #expect(results.documents.map(\.text) == ["Kept.", "Also kept."])
        #expect(results.failures == [
            "press/wires.json: line 3, column 20: not valid JSON (expected ',' or '}' after an object member, found '\"'); the 2 records before it were read; fix the file to read the rest",
        ])
    }

    @Test func otherTopLevelValuesAndEmptyFiles() {
        #expect(json("42").failures == [
            "press/wires.json: holds a number; a .json file must hold an array of objects, or one object",
        ])
        #expect(json("  ").failures == ["press/wires.json: is empty; give an array of JSON objects, or one object"])
        #expect(json("[]").isEmpty)
        #expect(json("[] []").failures.first?.contains("unexpected '[' after the JSON value") == true)
    }
}
