import DocModel
import DocSearch
import Testing

/// Spans of every match of `pattern` in `text`, as (start, end) pairs.
private func spans(_ pattern: String, _ text: String, options: PCRERegex.Options = [], jit: Bool = true) throws
    -> [[Int]]
{
    let regex = try PCRERegex(pattern, options: options, jit: jit)
    return try Array(text.utf8).withUnsafeBufferPointer { try regex.matches(in: $0) }.map {
        [$0.span.start, $0.span.end]
    }
}

/// Compiling, matching, groups and errors of the PCRE2 wrapper.
@Suite struct PCRERegexTests {
    @Test func namedGroupsGiveTheirSpans() throws {
        let doc = Document(id: "d", text: "Ms. Okafor said the vote was close; Lindqvist told reporters otherwise.")
        let regex = try PCRERegex(#"(?<who>\p{Lu}\w+) (?<verb>said|told)"#)
        let found = try regex.matches(in: doc)
        #expect(found.count == 2)
        #expect(found.map { doc.text(of: $0.span) } == ["Okafor said", "Lindqvist told"])
        #expect(found[0][named: "who"].map(doc.text(of:)) == "Okafor")
        #expect(found[1][named: "verb"].map(doc.text(of:)) == "told")
        #expect(found[1][named: "nobody"] == nil)
        #expect(regex.groupNames == ["who": [1], "verb": [2]])
        #expect(found[0].groupNames == ["verb", "who"])
        #expect(found[0].namedGroups["who"] == .some(found[0][1]))
        #expect(regex.captureCount == 2)
    }

    @Test func unsetGroupsAreNil() throws {
        let regex = try PCRERegex(#"(?<cat>cat)|(?<dog>dog)(s)?"#)
        let text = Array("a dog".utf8)
        let match = try text.withUnsafeBufferPointer { try regex.firstMatch(in: $0) }
        let m = try #require(match)
        #expect(m.groups.count == 4)
        #expect(m[0] == Span(2, 5))
        #expect(m[1] == nil)
        #expect(m[named: "cat"] == nil)
        #expect(m[named: "dog"] == Span(2, 5))
        #expect(m[3] == nil)
        #expect(m[9] == nil)
        #expect(m.namedGroups["cat"] == .some(nil))
    }

    @Test func duplicateNamesGiveTheGroupThatIsSet() throws {
        let regex = try PCRERegex(#"(?J)(?<n>\d+) votes|(?<n>none)"#)
        let text = Array("none".utf8)
        let m = try text.withUnsafeBufferPointer { try regex.firstMatch(in: $0) }
        #expect(regex.groupNames["n"] == [1, 2])
        #expect(m?[named: "n"] == Span(0, 4))
    }

    @Test func emptyMatchesAdvanceOneCodePoint() throws {
        #expect(try spans("x*", "ab") == [[0, 0], [1, 1], [2, 2]])
        // After the non-empty "aaa", an empty match may follow at its end (Perl's rule).
        #expect(try spans("a*", "baaa") == [[0, 0], [1, 4], [4, 4]])
        // "é" and "€" are two and three bytes: an empty match never lands inside them.
        #expect(try spans("x*", "é€") == [[0, 0], [2, 2], [5, 5]])
        #expect(try spans(#"\b"#, "hi yo") == [[0, 0], [2, 2], [3, 3], [5, 5]])
        #expect(try spans("", "") == [[0, 0]])
    }

    @Test func offsetsCountUTF8Bytes() throws {
        let text = "Zoë Ørsted met 李明 in Malmö."
        let doc = Document(id: "d", text: text)
        let words = try PCRERegex(#"\w+"#).matches(in: doc)
        #expect(words.map { doc.text(of: $0.span) } == ["Zoë", "Ørsted", "met", "李明", "in", "Malmö"])
        #expect(words.map(\.span) == [Span(0, 4), Span(5, 12), Span(13, 16), Span(17, 23), Span(24, 26), Span(27, 33)])
        // `.` is one code point, not one byte.
        #expect(try spans("李.", text) == [[17, 23]])
    }

    @Test func caselessFollowsUnicode() throws {
        let text = "ØRSTED and ørsted and Ørsted"
        #expect(try spans("ørsted", text).count == 1)
        #expect(try spans("ørsted", text, options: .caseless).count == 3)
        #expect(try spans("(?i)ørsted", text).count == 3)
    }

    @Test func otherOptions() throws {
        let text = "first line\nsecond line"
        #expect(try spans("^\\w+", text).count == 1)
        #expect(try spans("^\\w+", text, options: .multiline).count == 2)
        #expect(try spans("line.second", text).isEmpty)
        #expect(try spans("line.second", text, options: .dotAll) == [[6, 17]])
        #expect(try spans("second \\s line", text, options: .extended) == [[11, 22]])
        #expect(try spans("a.b(", "xa.b(y", options: .literal) == [[1, 5]])
        #expect(try spans("É.", "é. É. éx", options: [.literal, .caseless]) == [[0, 3], [4, 7]])
    }

    @Test func compileErrorsCarryMessageAndOffset() {
        let error = #expect(throws: PCRECompileError.self) { try PCRERegex("(who|what") }
        #expect(error?.message == "missing closing parenthesis")
        #expect(error?.offset == 9)
        #expect(error?.description == "missing closing parenthesis at offset 9")
        #expect(error?.pattern == "(who|what")

        let bracket = #expect(throws: PCRECompileError.self) { try PCRERegex("ab[c") }
        #expect(bracket?.message == "missing terminating ] for character class")
        #expect(bracket?.offset == 4)

        let quantifier = #expect(throws: PCRECompileError.self) { try PCRERegex("ab+*?+") }
        #expect(quantifier?.offset == 3)
        // One byte at a time could split a code point: refused.
        #expect(throws: PCRECompileError.self) { try PCRERegex(#"a\C"#) }
    }

    @Test func jitAndInterpreterAgree() throws {
        let text = "The Fed’s chair, Jerome Powell, said rates—at 5.25%—would hold. Müller agreed; 日本 too."
        let patterns = [#"\p{Lu}\w+"#, #"\d+(?:\.\d+)?%"#, #"(?<=—)\w+"#, "x*", #"\b\w{2}\b"#, "[^ ]+", "(a|e)(?!r)"]
        for pattern in patterns {
            for options: PCRERegex.Options in [[], .caseless] {
                let jit = try spans(pattern, text, options: options, jit: true)
                let interpreted = try spans(pattern, text, options: options, jit: false)
                #expect(jit == interpreted, "pattern \(pattern)")
                #expect(!jit.isEmpty, "pattern \(pattern)")
            }
        }
        #expect(try PCRERegex("a", jit: false).isJITCompiled == false)
        #expect(try PCRERegex("a").isJITCompiled == PCRERegex.isJITAvailable)
        #expect(PCRERegex.libraryVersion.hasPrefix("10."))
    }

    @Test func aRangeIsSearchedAsTheWholeText() throws {
        let doc = Document(id: "d", text: "Alpha beta. Gamma delta.")
        let regex = try PCRERegex(#"^\w+|\w+$"#)
        let found = try regex.matches(in: doc, within: Span(12, 23))
        #expect(found.map(\.span) == [Span(12, 17), Span(18, 23)])
        #expect(try regex.firstMatch(in: doc)?.span == Span(0, 5))
        #expect(try regex.firstMatch(in: doc, within: Span(6, 6)) == nil)
    }

    @Test func nextMatchIteratesLikeMatches() throws {
        let regex = try PCRERegex("o*")
        let text = Array("boo ö".utf8)
        try text.withUnsafeBufferPointer { buffer in
            var lazy: [Span] = []
            var previous: PCREMatch?
            while let next = try regex.nextMatch(in: buffer, after: previous) {
                lazy.append(next.span)
                previous = next
            }
            #expect(lazy == (try regex.matches(in: buffer)).map(\.span))
            #expect(try regex.isMatch(in: buffer, range: 0..<1) == true)
            #expect(try PCRERegex("q").isMatch(in: buffer) == false)
        }
    }

    @Test func resourceLimitsThrowMatchErrors() throws {
        let regex = try PCRERegex("(*LIMIT_MATCH=50)(a+)+b")
        // The "b" is there, so PCRE2 cannot rule the match out before trying every way to
        // split the run of "a"s between the two loops.
        let text = Array((String(repeating: "a", count: 30) + "c b").utf8)
        let error = #expect(throws: PCREMatchError.self) {
            try text.withUnsafeBufferPointer { try regex.matches(in: $0) }
        }
        #expect(error?.message == "match limit exceeded")
    }
}
