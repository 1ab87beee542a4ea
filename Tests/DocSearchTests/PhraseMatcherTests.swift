import DocModel
import DocSearch
import Testing

/// The gazetteer: phrases tokenised like the text, longest match, case folding.
@Suite struct PhraseMatcherTests {
    private func found(_ matcher: PhraseMatcher, _ doc: Document, within span: Span? = nil) -> [String] {
        matcher.matches(in: doc, within: span).map { doc.text(of: $0.span) }
    }

    @Test func longestPhraseWins() {
        let doc = Document(
            id: "d", text: "The Department of Justice said little. The Department declined; Justice Ruiz agreed.")
        let matcher = PhraseMatcher(phrases: ["Department", "Department of Justice", "Justice", "of"])
        let matches = matcher.matches(in: doc)
        #expect(matches.map { doc.text(of: $0.span) } == ["Department of Justice", "Department", "Justice"])
        #expect(matches.map(\.phrase) == [1, 0, 2])
        #expect(matches[0].tokens == 1..<4)
        #expect(matches[0].span == Span(4, 25))
    }

    @Test func matchesDoNotOverlapAndGoLeftToRight() {
        let doc = Document(id: "d", text: "She reads the New York Times daily.")
        let matcher = PhraseMatcher(phrases: ["York Times", "New York"])
        #expect(found(matcher, doc) == ["New York"])
        // Both phrases in a row are both found.
        let two = Document(id: "e", text: "New York York Times")
        #expect(found(matcher, two) == ["New York", "York Times"])
    }

    @Test func caseIsFoldedUnlessAskedNotTo() {
        let doc = Document(id: "d", text: "THE DEPARTMENT OF JUSTICE and the department of justice.")
        #expect(found(PhraseMatcher(phrases: ["Department of Justice"]), doc).count == 2)
        let exact = PhraseMatcher(phrases: ["department of justice"], caseSensitive: true)
        #expect(found(exact, doc) == ["department of justice"])
        #expect(exact.caseSensitive)
    }

    @Test func phrasesAreTokenisedLikeTheText() {
        let doc = Document(
            id: "d",
            text: "A U.S. Attorney in Ohio spoke.\nThe U.S.  attorney’s office, the US attorney, and the U.S.-Mexico talks.")
        let matcher = PhraseMatcher(phrases: ["U.S. attorney", "U.S.-Mexico"])
        // "attorney’s" is "attorney" + "’s"; two spaces or a line break are still a gap.
        #expect(found(matcher, doc) == ["U.S. Attorney", "U.S.  attorney", "U.S.-Mexico"])
        let titles = PhraseMatcher(phrases: ["Mr. Ruiz", "Dr. Amara Osei"])
        let people = Document(id: "e", text: "Mr. Ruiz met Dr. Amara Osei, not Mr Ruiz.")
        #expect(found(titles, people) == ["Mr. Ruiz", "Dr. Amara Osei"])
    }

    @Test func nonASCIIPhrasesFoldToo() {
        let doc = Document(id: "d", text: "Flights from SÃO PAULO to Malmö, then São Paulo again; Zoë Ørsted flew with them.")
        let matcher = PhraseMatcher(phrases: ["são paulo", "MALMÖ", "zoë ørsted"])
        let matches = matcher.matches(in: doc)
        #expect(matches.map { doc.text(of: $0.span) } == ["SÃO PAULO", "Malmö", "São Paulo", "Zoë Ørsted"])
        #expect(matches.map(\.phrase) == [0, 1, 0, 2])
        #expect(matches[1].span == Span(27, 33))
    }

    @Test func duplicateAndBlankPhrases() {
        let doc = Document(id: "d", text: "The FBI and the fbi.")
        let matcher = PhraseMatcher(phrases: ["", "  ", "FBI", "fbi"])
        #expect(matcher.matches(in: doc).map(\.phrase) == [2, 2])
        #expect(PhraseMatcher(phrases: []).matches(in: doc).isEmpty)
    }

    @Test func withinASpanAndOverAView() {
        let doc = Document(id: "d", text: "Oslo is cold. Oslo is far. Oslo again.")
        let matcher = PhraseMatcher(phrases: ["Oslo", "is far"])
        let second = doc.sentences.spans[1]
        #expect(found(matcher, doc, within: second) == ["Oslo", "is far"])
        let view = TokenView(document: doc)
        #expect(matcher.matches(in: view).count == 4)
        #expect(matcher.matches(in: view, tokens: 0..<1).map(\.tokens) == [0..<1])
        // A span that cuts a token leaves that token out.
        #expect(found(matcher, doc, within: Span(1, 13)).isEmpty)
    }

    @Test func manyPhrases() {
        let phrases = (0..<5000).map { "agency number \($0)" } + ["agency"]
        let matcher = PhraseMatcher(phrases: phrases)
        let doc = Document(id: "d", text: "The agency number 4321 wrote to agency number 17 and to the agency.")
        let matches = matcher.matches(in: doc)
        #expect(matches.map(\.phrase) == [4321, 17, 5000])
    }
}
