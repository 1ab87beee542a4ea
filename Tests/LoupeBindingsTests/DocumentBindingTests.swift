import DocModel
import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// Runs Lua with `doc` bound to a document, as a script's `document(doc)` would see it.
final class DocumentHarness {
    let environment: ScriptEnvironment
    let document: Document
    var rows: [LuaTable] = []

    /// Without `spanFastPath`, span reads go through the Swift fields only (see SpanFastPathTests).
    init(_ text: String, meta: Metadata = Metadata(), spanFastPath: Bool = true) throws {
        let bytes = Array(text.utf8)
        let cleaned = bytes.withUnsafeBufferPointer { Cleaner().clean($0) }
        document = Document(id: "test", path: "test.txt", raw: text, cleanText: cleaned.text, offsets: cleaned.offsets, meta: meta)
        let sink = RowSink()
        environment = try ScriptEnvironment(
            limits: testLimits, version: "0.0.0", print: { _ in }, emit: { _, row in sink.rows.append(row) },
            spanFastPath: spanFastPath)
        self.sink = sink
    }

    private let sink: RowSink

    /// Runs `code` with `doc` as its first argument (`local doc = ...` is prepended).
    func run(_ code: String) throws(LuaError) -> [LuaValue] {
        let chunk = try environment.state.load("local doc = ...\n" + code, chunkName: "=test", environment: environment.sandbox)
        return try environment.state.call(.function(chunk), environment.value(of: document))
    }

    func error(_ code: String) -> String? {
        do {
            _ = try run(code)
            return nil
        } catch {
            return error.message
        }
    }
}

private final class RowSink { var rows: [LuaTable] = [] }

let sampleText = """
    The mayor, Ana M. Ruiz, said on Monday that the U.S. grant would cover “more than 5,000 homes.” Critics disagreed.

    AD

    “It is not enough,” said Tom Baker. He wants $1.5bn more.
    """

@Suite struct DocumentBindingTests {
    @Test func fieldsOfTheDocument() throws {
        let harness = try DocumentHarness(sampleText, meta: ["date": "2024-03-01"])
        #expect(try harness.run("return doc.id, doc.path, doc.meta.date, doc.text == doc.text, doc.raw:find('AD') ~= nil, doc.text:find('\\nAD\\n') == nil")
            == ["test", "test.txt", "2024-03-01", true, true, true])
        #expect(harness.error("return doc.nope") == "test:2: no field 'nope' in Document")
        #expect(try harness.run("doc.meta.extra = 1 return doc.meta.extra") == [1])
    }

    @Test func layersCountAndIterate() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("return #doc:paragraphs(), #doc:sentences(), tostring(doc:sentences())")
            == [2, 4, "Layer(sentence, 4 spans)"])
        #expect(try harness.run("""
            local texts = {}
            for s in doc:sentences() do texts[#texts + 1] = s.text end
            return texts[1], texts[2], texts[4], doc:sentences()[3].text, doc:sentences()[5]
            """) == [
                "The mayor, Ana M. Ruiz, said on Monday that the U.S. grant would cover “more than 5,000 homes.”",
                "Critics disagreed.", "He wants $1.5bn more.", "“It is not enough,” said Tom Baker.", .nil,
            ])
        #expect(try harness.run("local n = 0 for _, s in ipairs(doc:sentences()) do n = n + 1 end return n") == [4])
        #expect(try harness.run("return doc:sentences():texts()[2], doc:layer('token').name, doc:layer('missing')")
            == ["Critics disagreed.", "token", .nil])
    }

    @Test func spanPositionsAgreeWithStringSub() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            for _, layer in ipairs{"paragraph", "sentence", "token"} do
              for s in doc:layer(layer) do
                assert(doc.text:sub(s.start, s.stop) == s.text, s.text)
                assert(#s == s.stop - s.start + 1)
              end
            end
            return true
            """) == [true])
    }

    @Test func characterAndRawPositions() throws {
        let harness = try DocumentHarness(sampleText)
        // "Tom" comes after curly quotes (3 bytes each) and after the dropped "AD" line.
        let results = try harness.run("""
            for t in doc:tokens() do
              if t.text == "Tom" then return t.start, t.char_start, t.raw_start, t.raw_stop end
            end
            """)
        let text = harness.document.text
        let byteStart = Array(text.utf8).firstIndex(of: UInt8(ascii: "T"))!  // first "T" is "The"
        _ = byteStart
        let rawScalars = Array(sampleText.unicodeScalars)
        guard case .integer(let rawStart) = results[2], case .integer(let rawStop) = results[3] else {
            Issue.record("no raw positions: \(results)")
            return
        }
        #expect(String(String.UnicodeScalarView(rawScalars[Int(rawStart - 1)..<Int(rawStop)])) == "Tom")
        guard case .integer(let start) = results[0], case .integer(let charStart) = results[1] else { return }
        #expect(charStart < start)  // curly quotes take 3 bytes but one character
    }

    @Test func tokenFeatures() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local t = doc:tokens()
            local function find(text) for x in t do if x.text == text then return x end end end
            local n, mayor, us = find("5,000"), find("mayor"), find("U.S.")
            return n.like_num, n.shape, mayor.lower, mayor.is_title, us.is_upper, t[1].is_sentence_start,
                   t[2].is_sentence_start, doc:sentences()[1].is_title
            """) == [true, "d,ddd", "mayor", false, true, true, false, .nil])
    }

    @Test func navigationBetweenLayers() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local baker
            for t in doc:tokens() do if t.text == "Baker" then baker = t end end
            local sentence = baker:sentence()
            return sentence.index, baker:paragraph().index, #sentence:tokens(), sentence:tokens()[1].text,
                   baker.doc.id, sentence:contains(baker), baker:overlaps(sentence), sentence < baker:sentence()
            """) == [3, 2, 11, "“", "test", true, true, false])
    }

    @Test func context() throws {
        let harness = try DocumentHarness("One two three four five six seven.")
        #expect(try harness.run("""
            local four = doc:tokens()[4]
            local l, r = four:context(2)
            local lb, rb = four:context(4, "bytes")
            return l, r, lb, rb, select(2, four:context(0))
            """) == ["two three ", " five six", "ree ", " fiv", ""])
        #expect(harness.error("doc:tokens()[1]:context(2, 'lines')")?.contains("bad argument #2 to 'context' ('tokens' or 'bytes' expected") == true)
    }

    @Test func annotationsMakeLayers() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local s = doc:sentences()[2]
            local a = doc:annotate("claim", s, {rule = "short", score = 0.5, tags = {"a", "b"}})
            local b = doc:annotate("claim", 1, 3)
            local layer = doc:layer("claim")
            return #layer, layer[1].text, layer[2].attrs.rule, layer[2].attrs.tags[2], a.layer, table.concat(doc:layers(), ",")
            """) == [2, "The", "short", "b", "claim", "paragraph,sentence,token,claim"])
        #expect(harness.error("doc:annotate('sentence', 1, 2)")?.contains("'sentence' is a built-in layer") == true)
        #expect(harness.error("doc:annotate('x', 1, 100000)")?.contains("bad argument #3 to 'annotate' (position 100000 is outside the text") == true)
        #expect(harness.error("doc:annotate('x', {})")?.contains("bad argument #2 to 'annotate' (Span or integer expected, got table)") == true)
    }

    @Test func luaPatternSearch() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local found = {}
            for s, number in doc:gmatch("(%d[%d,.]*)") do found[#found + 1] = s.text .. "=" .. number end
            return table.concat(found, " ")
            """) == ["5,000=5,000 1.5=1.5"])
        #expect(try harness.run("local n = 0 for s in doc:gmatch('x*') do n = n + 1 if n > 1000 then break end end return n > 100") == [true])
    }

    @Test func aSpanOfADocumentThatIsGoneSaysSo() throws {
        let harness = try DocumentHarness("x")
        _ = try harness.run("kept = loupe.document('It rained. Then it stopped.'):sentences()[2] kept_text = kept.text")
        harness.environment.state.collectGarbage()
        #expect(try harness.run("return kept_text") == ["Then it stopped."])
        #expect(harness.error("return kept.text")?.contains("this span's document is gone; keep span.text rather than the span") == true)
    }

    @Test func spansOfTheSameThingAreEqual() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("return doc:sentences()[2] == doc:sentences()[2], doc:sentences()[1] == doc:sentences()[2], type(doc:tokens()[1])")
            == [true, false, "userdata"])
    }

    @Test func spansCanReachTheirDocument() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local s = doc:sentences()[1]
            doc = nil
            collectgarbage("count")
            return s.doc.id, s.text:sub(1, 3)
            """) == ["test", "The"])
    }

    @Test func documentsFromStrings() throws {
        let harness = try DocumentHarness("x")
        #expect(try harness.run("""
            local d = loupe.document("It rained.  Then it stopped.", {id = "mine", date = "2020-01-01"})
            return d.id, d.meta.date, #d:sentences(), d.text, type(loupe.version)
            """) == ["mine", "2020-01-01", 2, "It rained. Then it stopped.", "string"])
    }
}

@Suite struct SearchBindingTests {
    @Test func regexFindWithNamedGroups() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local found = doc:find("(?<amount>\\\\d[\\\\d,.]*)(?<unit>bn)?")
            return #found, found[1].text, found[1].attrs.amount, found[2].text, found[2].attrs.unit, found[1].layer, found[1].index
            """) == [2, "5,000", "5,000", "1.5bn", "bn", .nil, .nil])
        #expect(try harness.run("return #doc:find('mayor', 'i'), #doc:find('MAYOR')") == [1, 0])
        #expect(harness.error("doc:find('(unclosed')")?.contains("bad argument #1 to 'find' (bad regular expression: missing closing parenthesis") == true)
        #expect(harness.error("doc:find('x', 'q')")?.contains("bad argument #2 to 'find' (unknown flag 'q'") == true)
    }

    @Test func phraseLists() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local found = doc:phrases{"Tom Baker", "tom", "U.S. grant", "ANA M. Ruiz"}
            local out = {}
            for i, s in ipairs(found) do out[i] = s.text .. "=" .. s.attrs.phrase end
            return table.concat(out, "; ")
            """) == ["Ana M. Ruiz=ANA M. Ruiz; U.S. grant=U.S. grant; Tom Baker=Tom Baker"])
        #expect(try harness.run("return #doc:phrases({'tom baker'}, {case_sensitive = true})") == [0])
    }

    @Test func tokenPatterns() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local said = doc:match{{lower = "said"}, {is_title = true, op = "+"}}
            local numbers = doc:match{{like_num = true}, {is_alpha = true, op = "?"}}
            return said[1].text, #numbers, numbers[1].text
            """) == ["said Tom Baker", 2, "5,000 homes"])
        #expect(harness.error("doc:match{{colour = 'red'}}")?.contains("unknown test 'colour'") == true)
        #expect(harness.error("doc:match{{op = '%'}}")?.contains("op must be") == true)
    }

    @Test func keywordsInContext() throws {
        let harness = try DocumentHarness(sampleText)
        #expect(try harness.run("""
            local lines = loupe.kwic(doc, "grant", 10)
            local spans = loupe.kwic(doc, doc:find("Baker"), 4)
            return #lines, lines[1].left, lines[1].keyword, lines[1].right, spans[1].keyword, spans[1].left
            """) == [1, " the U.S. ", "grant", " would cov", "Baker", "Tom "])
    }
}

@Suite struct AnnotationOrderTests {
    @Test func spansStayThemselvesWhenOthersAreInsertedBeforeThem() throws {
        let harness = try DocumentHarness("One two three four five six.")
        #expect(try harness.run("""
            local late = doc:annotate("x", 15, 18, {n = "late"})
            local early = doc:annotate("x", 1, 3, {n = "early"})
            local middle = doc:annotate("x", 9, 13, {n = "middle"})
            local order = {}
            for s in doc:layer("x") do order[#order + 1] = s.text end
            return late.text, late.attrs.n, late.index, early.index, middle.text, table.concat(order, ","),
                   doc:layer("x")[3].text
            """) == ["four", "late", 3, 1, "three", "One,three,four", "four"])
    }

    @Test func layerIdsStayWhileTheOrderChanges() {
        let layer = Layer(name: "x")
        layer.add(Span(10, 12))
        layer.add(Span(0, 2))
        layer.add(Span(5, 6))
        #expect(layer.spans == [Span(0, 2), Span(5, 6), Span(10, 12)])
        #expect((0..<3).map { layer.id(atPosition: $0) } == [1, 2, 0])
        #expect((0..<3).map { layer.position(ofID: $0) } == [2, 0, 1])
    }
}

@Suite struct DocumentMemoryTests {
    @Test func documentsMadeByScriptsCountAgainstTheMemoryCap() throws {
        let harness = try DocumentHarness("x")
        let error = harness.error("local keep = {} for i = 1, 100 do keep[i] = loupe.document(('word '):rep(1e6)) end")
        #expect(error?.contains("memory limit exceeded (32 MiB; raise it with --max-memory)") == true)
        #expect(try harness.run("return #loupe.document('It rained. It stopped.'):sentences()") == [2])
    }

    @Test func searchResultsADocumentKeepsCountAgainstTheCap() throws {
        let harness = try DocumentHarness("x")
        let error = harness.error("local d = loupe.document(('ab '):rep(300000)) return #d:find('')")
        #expect(error?.contains("memory limit exceeded (32 MiB; raise it with --max-memory)") == true)
        #expect(try harness.run("return #loupe.document('ab ab'):find('ab')") == [2])
    }
}

/// Findings of the review of the bridge: each once crashed the process or ran unbounded.
@Suite struct BridgeRobustnessTests {
    @Test func extremeArgumentsAreClampedNotFatal() throws {
        let harness = try DocumentHarness("abc def. Ghi.")
        #expect(try harness.run("""
            local s = doc:span(1, 3)
            local a, b = doc:span(4, 3):context(0, "bytes")
            local c, d = s:context(math.maxinteger, "bytes")
            local e, f = s:context(math.maxinteger)
            return a, b, d, f, doc:sentences():at(math.mininteger), doc:sentences():at(math.maxinteger)
            """) == ["", "", " def. Ghi.", " def. Ghi.", .nil, .nil])
    }

    @Test func tablesSharingSubtablesCannotExplodeWhenRead() throws {
        let harness = try DocumentHarness("x")
        #expect(harness.error("local t = {1} for i = 1, 40 do t = {t, t} end emit{x = t}")?
            .contains("cannot read a table of more than 1,000,000 values") == true)
    }

    @Test func aSpanWhoseDocumentIsGoneIsAnErrorEvenAfterItsSlotIsReused() throws {
        let harness = try DocumentHarness("x")
        _ = try harness.run("old = loupe.document('Secret one. Two.'):span(1, 6) old_sentence = loupe.document('A b. C d.'):sentences()[1]")
        harness.environment.state.collectGarbage()
        _ = try harness.run("for i = 1, 300 do local d = loupe.document('Other doc here. More.') d:span(1, 5) end")
        #expect(harness.error("return old.text")?.contains("document is gone") == true)
        #expect(harness.error("return old_sentence.text")?.contains("document is gone") == true)
    }
}
