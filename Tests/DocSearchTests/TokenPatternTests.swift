import DocModel
import DocSearch
import Testing

/// Token patterns: predicates, quantifiers, and the longest-match policy.
@Suite struct TokenPatternTests {
    private func found(_ pattern: TokenPattern, _ doc: Document, within span: Span? = nil) throws -> [String] {
        try pattern.matches(in: doc, within: span).map { doc.text(of: $0.span) }
    }

    @Test func titleCaseRunThenSaid() throws {
        let doc = Document(id: "d", text: "Maria Okafor said the plan failed. Then Okafor said so, and Ruiz said nothing.")
        let pattern = try TokenPattern([.init([.flag(.isTitle, true)], .oneOrMore), .init([.lower("said")])])
        #expect(try found(pattern, doc) == ["Maria Okafor said", "Then Okafor said", "Ruiz said"])
        let matches = try pattern.matches(in: doc)
        #expect(matches[0].tokens == 0..<3)
        #expect(matches[0].span == Span(0, 17))
    }

    @Test func quantifiersGiveTokensBack() throws {
        let doc = Document(id: "d", text: "Ann Lee Moss left. Ann left.")
        // `+` must leave one title-case token for the last element.
        let names = try TokenPattern([.init([.flag(.isTitle, true)], .oneOrMore), .init([.flag(.isTitle, true)])])
        #expect(try found(names, doc) == ["Ann Lee Moss"])
        // `*` can give back everything.
        let starred = try TokenPattern([
            .init([.flag(.isTitle, true)], .zeroOrMore), .init([.flag(.isTitle, true)]), .init([.lower("left")]),
        ])
        #expect(try found(starred, doc) == ["Ann Lee Moss left", "Ann left"])
        // Three title-case tokens needed: only the first sentence has them.
        let three = try TokenPattern([
            .init([.flag(.isTitle, true)], .oneOrMore), .init([.flag(.isTitle, true)]), .init([.flag(.isTitle, true)]),
        ])
        #expect(try found(three, doc) == ["Ann Lee Moss"])
    }

    @Test func eachQuantifier() throws {
        let doc = Document(id: "d", text: "a big, very big, very very big deal; the Prime Minister and Prime Minister")
        let star = try TokenPattern([.init([.lower("very")], .zeroOrMore), .init([.lower("big")])])
        #expect(try found(star, doc) == ["big", "very big", "very very big"])
        let plus = try TokenPattern([.init([.lower("very")], .oneOrMore), .init([.lower("big")])])
        #expect(try found(plus, doc) == ["very big", "very very big"])
        let optional = try TokenPattern([
            .init([.lower("the")], .optional), .init([.lower("prime")]), .init([.lower("minister")]),
        ])
        #expect(try found(optional, doc) == ["the Prime Minister", "Prime Minister"])
        let one = try TokenPattern([.init([.lower("very")]), .init([.lower("big")])])
        #expect(try found(one, doc) == ["very big", "very big"])
        // Trailing optional elements are taken when they can be (longest match).
        let tail = try TokenPattern([.init([.lower("big")]), .init([.flag(.isPunct, true)], .optional)])
        #expect(try found(tail, doc) == ["big,", "big,", "big"])
        // A pattern that can match nothing reports only matches of at least one token.
        let maybe = try TokenPattern([.init([.lower("huge")], .optional)])
        #expect(try found(maybe, doc).isEmpty)
    }

    @Test func textLowerAndSets() throws {
        let doc = Document(id: "d", text: "Said she: SAID, said. The ÉCOLE and the École. Mon Tue Sun")
        #expect(try found(try TokenPattern([.init([.text("said")])]), doc) == ["said"])
        #expect(try found(try TokenPattern([.init([.lower("Said")])]), doc) == ["Said", "SAID", "said"])
        #expect(try found(try TokenPattern([.init([.lower("école")])]), doc) == ["ÉCOLE", "École"])
        #expect(try found(try TokenPattern([.init([.textIn(["SAID", "École"])])]), doc) == ["SAID", "École"])
        // More than eight values take the hashed path.
        let days: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "x"]
        #expect(try found(try TokenPattern([.init([.lowerIn(days)])]), doc) == ["Mon", "Tue", "Sun"])
        let exactDays: Set<String> = days.union(["Mon", "Sun"])
        #expect(try found(try TokenPattern([.init([.textIn(exactDays)])]), doc) == ["Mon", "Sun"])
        #expect(try found(try TokenPattern([.init([.lowerIn(["the", "and"])], .oneOrMore)]), doc) == [
            "The", "and the",
        ])
    }

    @Test func shapesAndFlags() throws {
        let doc = Document(
            id: "d",
            text: "In 1998 the U.S. paid $5,000 to NATO. “Yes,” said Ng; see https://example.org or ask desk@example.org.")
        #expect(try found(try TokenPattern([.init([.shape("dddd")])]), doc) == ["1998"])
        #expect(try found(try TokenPattern([.init([.shape("X.X.")])]), doc) == ["U.S."])
        #expect(try found(try TokenPattern([.init([.flag(.isCurrency, true)]), .init([.flag(.likeNum, true)])]), doc)
            == ["$5,000"])
        #expect(try found(try TokenPattern([.init([.flag(.isUpper, true), .flag(.isAlpha, true)])]), doc) == ["NATO"])
        #expect(try found(try TokenPattern([.init([.flag(.isQuote, true)])]), doc) == ["“", "”"])
        #expect(try found(try TokenPattern([.init([.flag(.likeURL, true)])]), doc) == ["https://example.org"])
        #expect(try found(try TokenPattern([.init([.flag(.likeEmail, true)])]), doc) == ["desk@example.org"])
        #expect(try found(try TokenPattern([.init([.flag(.isDigit, true)])]), doc) == ["1998"])
        #expect(try found(try TokenPattern([.init([.flag(.isSentenceStart, true)])]), doc) == ["In", "“"])
        // With `false`, none of the flags: runs of tokens that are not punctuation, title case
        // or currency signs.
        let plain = try TokenPattern([.init([.flag([.isPunct, .isTitle, .isCurrency], false)], .oneOrMore)])
        #expect(try found(plain, doc, within: doc.sentences.spans[0]) == ["1998 the U.S. paid", "5,000 to NATO"])
        let noPunct = try TokenPattern([.init([.flag([.isPunct, .isTitle], false)], .oneOrMore)])
        #expect(try found(noPunct, doc, within: doc.sentences.spans[0]) == ["1998 the U.S. paid $5,000 to NATO"])
    }

    @Test func regexAndNegation() throws {
        let doc = Document(id: "d", text: "From 1989 to 2024, in room 12, the 800 staff met; Ørsted joined.")
        let year = try TokenPattern([.init([.regex(try PCRERegex(#"^(19|20)\d\d$"#))])])
        #expect(try found(year, doc) == ["1989", "2024"])
        let notThe = try TokenPattern([.init([.not(.lower("the")), .flag(.likeNum, true)], .oneOrMore)])
        #expect(try found(notThe, doc) == ["1989", "2024", "12", "800"])
        let capitalised = try TokenPattern([.init([.regex(try PCRERegex(#"^\p{Lu}"#)), .not(.text("From"))])])
        #expect(try found(capitalised, doc) == ["Ørsted"])
        // An element with no predicates takes any token.
        let around = try TokenPattern([.init([.lower("the")]), .init(), .init([.lower("staff")])])
        #expect(try found(around, doc) == ["the 800 staff"])
    }

    @Test func invalidPatterns() {
        #expect(throws: TokenPatternError.empty) { try TokenPattern([]) }
        let tooMany = Array(repeating: TokenPattern.Element([.lower("a")]), count: 64)
        #expect(throws: TokenPatternError.tooManyElements(64)) { try TokenPattern(tooMany) }
        #expect(throws: Never.self) { try TokenPattern(Array(tooMany.prefix(63))) }
    }

    @Test func tokenShapes() {
        #expect(TokenShape.of("Washington") == "Xxxxx")
        #expect(TokenShape.of("U.S.") == "X.X.")
        #expect(TokenShape.of("1,500") == "d,ddd")
        #expect(TokenShape.of("COVID-19") == "XXXX-dd")
        #expect(TokenShape.of("Ørsted") == "Xxxxx")
        #expect(TokenShape.of("«") == "«")
        #expect(TokenShape.of(String(repeating: "a", count: 100)) == "LONG")
    }

    /// The matcher agrees with a plain recursive search over every way of matching, on
    /// generated texts and patterns.
    @Test func agreesWithExhaustiveSearch() throws {
        var random = SplitMix(seed: 42)
        let words = ["Ann", "said", "the", "5", ",", "Lee", "x"]
        let predicates: [[TokenPredicate]] = [
            [.lower("said")], [.flag(.isTitle, true)], [.flag(.isPunct, true)], [.flag(.likeNum, true)],
            [.lowerIn(["the", "said"])], [.not(.flag(.isTitle, true))], [], [.shape("x")],
        ]
        let quantifiers: [TokenPattern.Quantifier] = [.one, .optional, .zeroOrMore, .oneOrMore]
        var total = 0
        for _ in 0..<300 {
            let text = (0..<random.next(12)).map { _ in words[random.next(words.count)] }.joined(separator: " ")
            let doc = Document(id: "d", text: text)
            let elements = (0..<(1 + random.next(4))).map { _ in
                TokenPattern.Element(predicates[random.next(predicates.count)], quantifiers[random.next(4)])
            }
            let expected = exhaustiveMatches(elements, TokenView(document: doc))
            let actual = try TokenPattern(elements).matches(in: doc).map(\.tokens)
            #expect(actual == expected, "\(text)")
            total += expected.count
        }
        #expect(total > 150)  // the cases do exercise matching
    }
}

// MARK: - A reference matcher

/// Every match by trying every way through the pattern: longest at each start, no overlaps.
private func exhaustiveMatches(_ elements: [TokenPattern.Element], _ view: TokenView) -> [Range<Int>] {
    func passes(_ predicate: TokenPredicate, _ t: Int) -> Bool {
        switch predicate {
        case .text(let s): view.text(t) == s
        case .textIn(let set): set.contains(view.text(t))
        case .lower(let s): view.lowercased(t) == s.lowercased()
        case .lowerIn(let set): set.contains(view.lowercased(t))
        case .shape(let s): TokenShape.of(view.text(t)) == s
        case .flag(let f, let wanted): wanted ? view.flags[t].isSuperset(of: f) : view.flags[t].isDisjoint(with: f)
        case .regex: false
        case .not(let p): !passes(p, t)
        }
    }
    func passes(_ j: Int, _ t: Int) -> Bool { t < view.count && elements[j].predicates.allSatisfy { passes($0, t) } }
    /// The token indices where matching can end, from element `j` at token `t`.
    func ends(_ j: Int, _ t: Int) -> Set<Int> {
        if j == elements.count { return [t] }
        switch elements[j].quantifier {
        case .one: return passes(j, t) ? ends(j + 1, t + 1) : []
        case .optional: return ends(j + 1, t).union(passes(j, t) ? ends(j + 1, t + 1) : [])
        case .zeroOrMore: return starEnds(j, t)
        case .oneOrMore: return passes(j, t) ? starEnds(j, t + 1) : []
        }
    }
    /// Ends after `*`-matching element `j` from `t` (what remains of a `+` after its first token).
    func starEnds(_ j: Int, _ t: Int) -> Set<Int> {
        ends(j + 1, t).union(passes(j, t) ? starEnds(j, t + 1) : [])
    }
    var found: [Range<Int>] = []
    var start = 0
    while start < view.count {
        if let end = ends(0, start).filter({ $0 > start }).max() {
            found.append(start..<end)
            start = end
        } else {
            start += 1
        }
    }
    return found
}

/// A small deterministic random source for generated cases.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
