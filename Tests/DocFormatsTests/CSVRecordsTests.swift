import DocFormats
import DocModel
import Testing

/// CSV and TSV files: RFC 4180 quoting, a header row, one document per row.
@Suite struct CSVRecordsTests {
    private func csv(_ text: String, path: String = "desk/letters.csv", options: FormatOptions = FormatOptions())
        -> [Result<Document, DocumentError>]
    {
        CSVRecords.documents(csv: Array(text.utf8), path: path, options: options)
    }

    @Test func quotedFieldsWithDelimitersQuotesAndLineBreaks() throws {
        let results = csv(
            "id,author,text\r\n"
                + "L1,\"Marsh, Ada\",\"She wrote \"\"keep the lamps lit\"\",\r\nthen left.\"\r\n"
                + "L2,Orme,Plain words\r\n"
                + "L3,,\"\"\r\n")
        #expect(results.failures.isEmpty)
        let docs = results.documents
        #expect(docs.map(\.id) == ["L1", "L2", "L3"])
        #expect(docs[0].raw == "She wrote \"keep the lamps lit\",\r\nthen left.")
        #expect(docs[0].text == "She wrote \"keep the lamps lit\",\nthen left.")
        #expect(docs[0].meta["author"] == .string("Marsh, Ada"))
        #expect(docs[1].text == "Plain words")
        #expect(docs[1].meta["author"] == .string("Orme"))
        // Empty cells stay, so every document of a file has the same keys.
        #expect(docs[2].meta["author"] == .string(""))
        // An empty text is read, with a warning.
        #expect(docs[2].text == "")
        #expect(docs[2].meta.keys == ["author", "warnings"])
        #expect(docs[2].meta["warnings"] == .list([.string("the column \"text\" is empty")]))
    }

    @Test func aRaggedRowFailsAloneWithItsLine() {
        let results = csv("""
            id,text,place
            r1,"A quoted
            two-line text",Quay
            r2,too,many,fields
            r3,short
            r4,Fine again,Pier
            """)
        #expect(results.documents.map(\.id) == ["r1", "r4"])
        #expect(results.failures == [
            "desk/letters.csv: line 4: 4 fields where the header has 3 columns; quote fields that contain ','",
            "desk/letters.csv: line 5: 2 fields where the header has 3 columns; add the missing fields, or check for a field broken by an unquoted line break",
        ])
    }

    @Test func textAfterAClosingQuoteFailsThatRowOnly() {
        let results = csv("""
            id,text
            a,"good"
            b,"bad" tail
            c,"fine"
            """)
        #expect(results.documents.map(\.id) == ["a", "c"])
        #expect(results.failures == [
            "desk/letters.csv: line 3: text after the closing quote of field 2; inside a quoted field write a quote as \"\"",
        ])
    }

    @Test func anUnclosedQuoteIsReported() {
        let results = csv("id,text\na,ok\nb,\"never\nclosed\n")
        #expect(results.documents.map(\.id) == ["a"])
        #expect(results.failures == [
            "desk/letters.csv: line 3: the quoted field 2 opened on line 3 is never closed; close it with \", and write quotes inside it as \"\"",
        ])
    }

    @Test func quotesInsideUnquotedFieldsAreKept() throws {
        let doc = try #require(csv("text\nsix\" of rain\n").documents.first)
        #expect(doc.text == "six\" of rain")
    }

    @Test func blankLinesAndAFinalLineBreakMakeNoRows() {
        let results = csv("text,n\n\nalpha,1\n\r\nbeta,2\n\n")
        #expect(results.documents.map(\.text) == ["alpha", "beta"])
        // Generated ids count records, not lines.
        #expect(results.documents.map(\.id) == ["letters:1", "letters:2"])
    }

    @Test func trailingEmptyFieldsCount() {
        let results = csv("text,a,b\nx,1,\ny,,")
        #expect(results.failures.isEmpty)
        #expect(results.documents.map { $0.meta["b"] } == [.string(""), .string("")])
    }

    @Test func headerProblemsFailTheFile() {
        #expect(csv("").failures == ["desk/letters.csv: is empty; the first line must be a header naming the columns"])
        #expect(csv("id,title\n1,x\n").failures == [
            #"desk/letters.csv: line 1 (the header): no "text" column (nor "body" or "content"); the header has "id", "title"; name the text column with --text-field"#,
        ])
        #expect(csv("text,tag,tag\na,b,c\n").failures == [
            #"desk/letters.csv: line 1 (the header): the header names column "tag" twice (columns 2 and 3); rename one"#,
        ])
    }

    @Test func customTextAndIdColumns() throws {
        let options = FormatOptions(textField: "letter", idField: "ref")
        let results = csv("ref,letter,text\nQ-7,Ink ran short.,extra\n", options: options)
        let doc = try #require(results.documents.first)
        #expect(doc.id == "Q-7")
        #expect(doc.text == "Ink ran short.")
        #expect(doc.meta.keys == ["text"])
    }

    @Test func tabSeparatedValues() throws {
        let text = "id\ttext\tnote\nt1\tSails, ropes and tar\t\"quoted\ttab\"\nt2\tSecond line\tplain\n"
        let results = CSVRecords.documents(tsv: Array(text.utf8), path: "desk/log.tsv", options: FormatOptions())
        #expect(results.failures.isEmpty)
        let docs = results.documents
        #expect(docs.map(\.text) == ["Sails, ropes and tar", "Second line"])
        #expect(docs[0].meta["note"] == .string("quoted\ttab"))
        let ragged = CSVRecords.documents(tsv: Array("text\tn\na,b\n".utf8), path: "x.tsv", options: FormatOptions())
        #expect(ragged.failures == [
            "x.tsv: line 2: 1 field where the header has 2 columns; add the missing fields, or check for a field broken by an unquoted line break",
        ])
    }

    @Test func cellsAreCleanedAndOffsetsMapIntoTheCell() throws {
        let doc = try #require(csv("text\n\"  Gulls   circled\n\nAdvertisement\n\nthe   mast.\"\n").documents.first)
        #expect(doc.text == "Gulls circled\n\nthe mast.")
        let mast = doc.text.utf8.count - "mast.".utf8.count
        let raw = try #require(doc.rawRange(of: Span(mast, mast))?.lowerBound)
        #expect(Array(doc.raw.unicodeScalars)[raw...].starts(with: "mast.".unicodeScalars))
    }

    @Test func invalidUTF8InACellIsWarnedAbout() throws {
        let bytes = Array("text,who\n".utf8) + [0x41, 0xFF, 0x42] + Array(",me\n".utf8)
        let doc = try #require(CSVRecords.documents(csv: bytes, path: "x.csv", options: FormatOptions()).documents.first)
        #expect(doc.text == "A\u{FFFD}B")
        guard case .list(let warnings) = doc.meta["warnings"] else { Issue.record("no warning"); return }
        #expect(warnings.count == 1)
    }
}
