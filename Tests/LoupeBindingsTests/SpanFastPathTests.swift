import DocModel
import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

// The C fast path of span reads (SpanFastPath, CSpanFast) must be invisible: every script sees
// the same values, the same spans and the same errors as through the Swift fields alone.

/// Text with multibyte characters of every length, in three paragraphs.
let multibyteText = """
    Zoë Ångström wrote: „Grüße aus Köln“ — 東京では雨。 Prices rose 5% to €5,000 🙂 today.

    Deuxième paragraphe : naïve café, “curly quotes” and a tab\tinside. Ça va? Oui.

    Ελληνικά κείμενα. Русский текст тоже здесь.
    """

/// What running `code` gave: its results, or its error message.
private func outcome(_ harness: DocumentHarness, _ code: String) -> Result<[LuaValue], LuaError> {
    Result { () throws(LuaError) in try harness.run(code) }
}

/// Runs each chunk of `code` over `text` through the fast path and through the Swift fields
/// alone, in turn in one harness each, and expects the same outcome; returns the fast
/// harness's outcomes.
@discardableResult
private func expectBothPathsAgree(
    _ text: String, _ code: String..., sourceLocation: SourceLocation = #_sourceLocation
) throws -> [Result<[LuaValue], LuaError>] {
    let fast = try DocumentHarness(text), plain = try DocumentHarness(text, spanFastPath: false)
    var outcomes: [Result<[LuaValue], LuaError>] = []
    for chunk in code {
        let (a, b) = (outcome(fast, chunk), outcome(plain, chunk))
        switch (a, b) {
        case (.success(let x), .success(let y)):
            #expect(x == y, "chunk: \(chunk)", sourceLocation: sourceLocation)
        case (.failure(let x), .failure(let y)):
            #expect(x.message == y.message, "chunk: \(chunk)", sourceLocation: sourceLocation)
        default:
            Issue.record("fast path: \(a), Swift fields: \(b), chunk: \(chunk)", sourceLocation: sourceLocation)
        }
        outcomes.append(a)
    }
    return outcomes
}

@Suite struct SpanFastPathIdentityTests {
    @Test(arguments: [sampleText, multibyteText])
    func everySpanOfEveryBuiltInLayerReadsTheSame(text: String) throws {
        let outcomes = try expectBothPathsAgree(text, """
            local out = {}
            for _, name in ipairs{"paragraph", "sentence", "token"} do
              for s in doc:layer(name) do
                assert(doc.text:sub(s.start, s.stop) == s.text, name .. " at " .. s.start)
                out[#out + 1] = name .. ":" .. s.start .. ":" .. s.stop .. ":" .. s.text
              end
            end
            return #out, table.concat(out, "\\n")
            """)
        guard case .success(let results) = outcomes[0], case .integer(let count) = results.first else {
            Issue.record("no spans: \(outcomes)")
            return
        }
        #expect(count > 20)
    }

    @Test func builtInLayersAreMirroredOncePushed() throws {
        let fast = try DocumentHarness(multibyteText)
        #expect(fast.environment.hasSpanFastPath)
        #expect(!fast.environment.isMirrored(fast.document, layer: "token"))
        _ = try fast.run("for t in doc:tokens() do local s = t.text end")
        #expect(fast.environment.isMirrored(fast.document, layer: "token"))
        #expect(!fast.environment.isMirrored(fast.document, layer: "sentence"))
        #expect(!fast.environment.isMirrored(fast.document, layer: "nope"))
        _ = try fast.run("return doc:tokens()[1]:sentence().text")
        #expect(fast.environment.isMirrored(fast.document, layer: "sentence"))
        #expect(!fast.environment.isMirrored(fast.document, layer: "paragraph"))
        #expect(!(try DocumentHarness("x", spanFastPath: false)).environment.hasSpanFastPath)
    }

    @Test(arguments: [sampleText, multibyteText])
    func iterationVisitsTheSameSpans(text: String) throws {
        try expectBothPathsAgree(text, """
            local function visit(layer)
              local out = {}
              for s in layer do out[#out + 1] = (s.layer or "?") .. (s.index or "?") .. "=" .. s.text end
              return table.concat(out, "|")
            end
            local views = {visit(doc:tokens()), visit(doc:sentences()), visit(doc:paragraphs()), visit(doc:span(3, 2):tokens())}
            for s in doc:sentences() do views[#views + 1] = visit(s:tokens()) end
            for p in doc:paragraphs() do views[#views + 1] = visit(p:tokens()) end
            doc:annotate("x", 20, 30)
            doc:annotate("x", 1, 5)
            doc:annotate("x", 10, 12)
            views[#views + 1] = visit(doc:layer("x"))
            return table.concat(views, "\\n")
            """,
            // The iterator called by hand, with odd previous values: a number, a table, a span
            // of another layer, the last span, a span before a view.
            """
            local function show(s) return s and (s.layer .. s.index .. "=" .. s.text) or "nil" end
            local tokens, sentences = doc:tokens(), doc:sentences()
            local view = sentences[2]:tokens()
            return show(tokens(nil, nil)), show(tokens(nil, 7)), show(tokens(nil, {})), show(tokens(nil, sentences[2])),
                   show(tokens(nil, tokens[#tokens])), show(view(nil, tokens[1])), show(view()), show(tokens[1]), #view
            """)
    }

    @Test(arguments: [sampleText, multibyteText])
    func otherFieldsMethodsAndSpansOfOtherLayersAreUnchanged(text: String) throws {
        try expectBothPathsAgree(text, """
            for t in doc:tokens() do end
            local t = doc:tokens()[3]
            local q = doc:annotate("quote", 1, 9, {who = "x"})
            local m = doc:find("\\\\w+")[2]
            local r = doc:span(2, 4)
            return t.lower, t.shape, t.is_title, t.like_num, t.index, t.layer, tostring(t), #t, t:sentence().index,
                   t:sentence().text, t:paragraph().start, t:paragraph().stop,
                   t.char_start, t.raw_start, t.raw_stop, t == doc:tokens()[3], getmetatable(t),
                   q.text, q.start, q.stop, q.attrs.who, q.layer, q.index,
                   m.text, m.start, m.stop, m.layer, r.text, r.start, r.stop, r:contains(t)
            """)
    }

    @Test func errorsAreUnchanged() throws {
        let outcomes = try expectBothPathsAgree(
            sampleText,
            "for t in doc:tokens() do end\nreturn doc:tokens()[1].nope",
            "for t in doc:tokens() do end\nreturn doc:tokens()[1][1]",
            "for t in doc:tokens() do end\ndoc:tokens()[1].text = 'x'",
            "for t in doc:tokens() do end\nreturn doc:tokens()[1]:nope()",
            "for t in doc:tokens() do end\nreturn doc:tokens()[1].sentence(5)",
            "for t in doc:tokens() do end\nreturn doc:tokens().nope")
        guard case .failure(let noField) = outcomes[0], case .failure(let badSelf) = outcomes[4] else {
            Issue.record("expected errors: \(outcomes)")
            return
        }
        #expect(noField.message == "test:3: no field 'nope' in Span")
        #expect(badSelf.message.contains("bad argument #1 to 'sentence' (Span expected, got number)"))
    }
}

@Suite struct SpanFastPathLifetimeTests {
    @Test func aSpanKeptAfterItsDocumentIsCollectedFailsAsBefore() throws {
        var messages: [String] = []
        for fastPath in [true, false] {
            let harness = try DocumentHarness("x", spanFastPath: fastPath)
            _ = try harness.run("""
                local d = loupe.document('It rained. Then it stopped.')
                for t in d:tokens() do end
                for s in d:sentences() do end
                kept_token, kept_sentence = d:tokens()[2], d:sentences()[2]
                """)
            harness.environment.state.collectGarbage()
            for field in ["kept_token.text", "kept_token.start", "kept_token.stop", "kept_sentence.text"] {
                messages.append(harness.error("return \(field)") ?? "no error")
            }
        }
        #expect(messages[0].contains("this span's document is gone; keep span.text rather than the span"))
        #expect(messages.prefix(4).elementsEqual(messages.suffix(4)))
        #expect(Set(messages.prefix(4)).count == 1)
    }

    @Test func aReusedSlotNeverServesTheOldDocumentsText() throws {
        let harness = try DocumentHarness("x")
        let old = try harness.run("""
            local d = loupe.document('Secret words here. More secrets.')
            for t in d:tokens() do end
            old = d:tokens()[1]
            return string.format('%p', old)
            """)
        harness.environment.state.collectGarbage()
        // New documents take the freed slots (kept alive, with their tokens mirrored) while the
        // old handle is read.
        let results = try harness.run("""
            keep = {}
            local handles = {}
            for i = 1, 3 do
              local d = loupe.document('Other text ' .. i .. '. More.')
              for t in d:tokens() do end
              keep[i] = d
              handles[i] = string.format('%p', d:tokens()[1])
            end
            local ok, err = pcall(function() return old.text end)
            local ok2, err2 = pcall(function() return old.stop end)
            return ok, tostring(err), ok2, keep[1]:tokens()[1].text, table.concat(handles, ",")
            """)
        guard case .string(let oldHandle) = old.first, results.count == 5, case .string(let error) = results[1],
            case .string(let newHandles) = results[4]
        else {
            Issue.record("unexpected results: \(old), \(results)")
            return
        }
        let handle = { (text: String) in UInt64(text.dropFirst(2), radix: 16) ?? 0 }
        let slot = { (bits: UInt64) in (bits >> 50) & 0x1FFF }
        let generation = { (bits: UInt64) in (bits >> 34) & 0xFFFF }
        let reused = newHandles.text.split(separator: ",").map { handle(String($0)) }
            .filter { slot($0) == slot(handle(oldHandle.text)) }
        #expect(reused.count == 1 && generation(reused[0]) != generation(handle(oldHandle.text)))
        #expect(results[0] == false && results[2] == false && results[3] == "Other")
        #expect(error.text.contains("document is gone"))
    }

    @Test func theMirrorCountsAgainstTheStateAndGoesWithItsDocument() throws {
        let harness = try DocumentHarness("x")
        let state = harness.environment.state
        _ = try harness.run("for p in doc:paragraphs() do end")
        state.collectGarbage()
        let before = state.memoryInUse
        // 250 KB of text: 500 KB for the document (clean and raw), 250 KB more for its mirror.
        _ = try harness.run("kept = loupe.document(('word '):rep(50000)) for p in kept:paragraphs() do local s = p.text end")
        let held = state.memoryInUse - before
        _ = try harness.run("kept = nil")
        // Twice: the first collection runs the document's finaliser, the second frees it.
        state.collectGarbage()
        state.collectGarbage()
        #expect(held > 700_000)
        #expect(state.memoryInUse - before < 20_000)
    }
}
