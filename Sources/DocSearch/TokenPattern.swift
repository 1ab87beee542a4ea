import DocModel

/// A sequence of token tests with quantifiers, like a pattern of spaCy's `Matcher`.
///
/// Each ``Element`` is a set of ``TokenPredicate``s that one token must all satisfy (none:
/// any token) and a ``Quantifier``. `{IS_TITLE +} {LOWER = "said"}`, one or more
/// title-case tokens followed by "said", reads:
///
/// ```swift
/// let saidBy = try TokenPattern([
///     .init([.flag(.isTitle, true)], .oneOrMore),
///     .init([.lower("said")]),
/// ])
/// saidBy.matches(in: document)   // "Maria Okafor said", "Then Okafor said"…
/// ```
///
/// ## Which matches
/// Matches go left to right and do not overlap. At each token the search takes the longest
/// match that starts there, among every way the quantifiers can divide the tokens (so
/// `{IS_TITLE +} {IS_TITLE}` matches "Ann Lee Moss" whole: the `+` gives a token back), then
/// resumes after it; where nothing matches, it tries the next token. A match covers at least
/// one token: a pattern that could match nothing reports only non-empty matches.
public struct TokenPattern: Sendable {
    /// How many tokens an element matches.
    public enum Quantifier: Sendable, Hashable {
        /// Exactly one.
        case one
        /// None or one (`?`).
        case optional
        /// Any number, none included (`*`).
        case zeroOrMore
        /// At least one (`+`).
        case oneOrMore
    }

    /// One step of a pattern: what a token must satisfy, and how many such tokens.
    public struct Element: Sendable {
        /// Tests that each token matched must all pass; none means any token.
        public var predicates: [TokenPredicate]
        /// How many tokens the element matches.
        public var quantifier: Quantifier

        /// An element matching `quantifier` tokens that pass every predicate.
        public init(_ predicates: [TokenPredicate] = [], _ quantifier: Quantifier = .one) {
            self.predicates = predicates
            self.quantifier = quantifier
        }
    }

    /// The most elements a pattern can have (the matcher keeps its states in a 64-bit word).
    public static let maximumElements = 63

    /// The elements, in order.
    public let elements: [Element]
    /// The elements' predicates, made ready for matching.
    let compiled: [[CompiledPredicate]]
    /// The regexes the predicates use, by slot.
    let regexes: [PCRERegex]

    /// A pattern of `elements`.
    /// - Throws: ``TokenPatternError`` when there are no elements or too many.
    public init(_ elements: [Element]) throws(TokenPatternError) {
        guard !elements.isEmpty else { throw .empty }
        guard elements.count <= Self.maximumElements else { throw .tooManyElements(elements.count) }
        self.elements = elements
        var regexes: [PCRERegex] = []
        compiled = elements.map { element in
            element.predicates.map { CompiledPredicate($0, regexes: &regexes) }
        }
        self.regexes = regexes
    }
}

/// Why a ``TokenPattern`` could not be made.
public enum TokenPatternError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A pattern needs at least one element.
    case empty
    /// More than ``TokenPattern/maximumElements`` elements.
    case tooManyElements(Int)

    public var description: String {
        switch self {
        case .empty: "a token pattern needs at least one element"
        case .tooManyElements(let count):
            "a token pattern has at most \(TokenPattern.maximumElements) elements, not \(count)"
        }
    }
}

/// Where a ``TokenPattern`` matched.
public struct TokenMatch: Hashable, Sendable {
    /// From the first token's start to the last token's end.
    public var span: Span
    /// The indices of the tokens matched.
    public var tokens: Range<Int>

    /// A match over `tokens`.
    public init(span: Span, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}
