import DocModel

/// Where a ``PhraseMatcher`` found one of its phrases.
public struct PhraseMatch: Hashable, Sendable {
    /// From the first token's start to the last token's end.
    public var span: Span
    /// The index of the phrase in ``PhraseMatcher/phrases``.
    public var phrase: Int
    /// The indices of the tokens matched.
    public var tokens: Range<Int>

    /// A match of phrase `phrase` over `tokens`.
    public init(span: Span, phrase: Int, tokens: Range<Int>) {
        self.span = span
        self.phrase = phrase
        self.tokens = tokens
    }
}

/// A gazetteer: finds any of a list of phrases in a document's tokens.
///
/// Each phrase is tokenised like the documents it will search, so "U.S. attorney" and
/// "Department of Justice" match the same token sequences in the text, whatever the spaces
/// between them. Matching is case-less by default: tokens are compared in lower case (see
/// ``TokenView``). Where phrases overlap, the longest wins, and matches do not overlap: the
/// search goes left to right and resumes after each match. Among identical phrases (after
/// tokenising and lower-casing), the first one given is reported.
///
/// ```swift
/// let agencies = PhraseMatcher(phrases: ["Justice Department", "Department of Justice", "FBI"])
/// agencies.matches(in: document)   // [PhraseMatch]
/// ```
///
/// Phrases are held in a trie whose edges are keyed by (node, token id), with token ids from
/// one vocabulary of the phrases' tokens, so each document token is looked up once.
public struct PhraseMatcher: Sendable {
    /// The phrases, as given.
    public let phrases: [String]
    /// Whether tokens must match in case too.
    public let caseSensitive: Bool
    /// Each distinct phrase token's id.
    private let vocabulary: [String: Int32]
    /// The trie's edges: `node << 32 | token id` → child node. Node 0 is the root.
    private let edges: [UInt64: Int32]
    /// The phrase ending at each node, or -1.
    private let phraseAtNode: [Int32]

    /// A matcher for `phrases`.
    /// - Parameters:
    ///   - phrases: The phrases; an empty or blank phrase never matches.
    ///   - caseSensitive: Compare tokens exactly rather than in lower case.
    ///   - tokenizer: The tokenizer of the documents to search (the default one unless they
    ///     were made with another).
    /// - Complexity: O(total length of the phrases).
    public init(phrases: [String], caseSensitive: Bool = false, tokenizer: Tokenizer = Tokenizer()) {
        self.phrases = phrases
        self.caseSensitive = caseSensitive
        var vocabulary: [String: Int32] = [:]
        var edges: [UInt64: Int32] = [:]
        var phraseAtNode: [Int32] = [-1]
        for (index, phrase) in phrases.enumerated() {
            let utf8 = Array(phrase.utf8)
            let keys: [String] = utf8.withUnsafeBufferPointer { text in
                tokenizer.tokens(in: text, range: 0..<text.count).spans.map { span in
                    Self.key(UnsafeBufferPointer(rebasing: text[span.range]), caseSensitive: caseSensitive)
                }
            }
            guard !keys.isEmpty else { continue }
            var node: Int32 = 0
            for key in keys {
                let id: Int32
                if let known = vocabulary[key] {
                    id = known
                } else {
                    id = Int32(vocabulary.count)
                    vocabulary[key] = id
                }
                let edge = UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
                if let child = edges[edge] {
                    node = child
                } else {
                    let child = Int32(phraseAtNode.count)
                    phraseAtNode.append(-1)
                    edges[edge] = child
                    node = child
                }
            }
            if phraseAtNode[Int(node)] < 0 { phraseAtNode[Int(node)] = Int32(index) }
        }
        self.vocabulary = vocabulary
        self.edges = edges
        self.phraseAtNode = phraseAtNode
    }

    /// The phrases found in the document, or in the tokens wholly inside `span`.
    /// - Complexity: O(n·k) for n tokens and phrases of at most k tokens.
    public func matches(in document: Document, within span: Span? = nil) -> [PhraseMatch] {
        let view = TokenView(document: document)
        return matches(in: view, tokens: span.map(view.tokens(within:)))
    }

    /// The phrases found in `view`, or in its tokens `tokens`.
    /// - Complexity: O(n·k) for n tokens and phrases of at most k tokens.
    public func matches(in view: TokenView, tokens: Range<Int>? = nil) -> [PhraseMatch] {
        let range = tokens ?? 0..<view.count
        guard !range.isEmpty, !vocabulary.isEmpty else { return [] }
        let ids = tokenIDs(view, range)
        var found: [PhraseMatch] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var node: Int32 = 0
            var best: (end: Int, phrase: Int32)?
            var t = start
            while t < range.upperBound {
                let id = ids[t - range.lowerBound]
                guard id >= 0, let child = edges[UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))] else { break }
                node = child
                t += 1
                let phrase = phraseAtNode[Int(node)]
                if phrase >= 0 { best = (t, phrase) }
            }
            if let best {
                found.append(PhraseMatch(
                    span: Span(view.spans[start].start, view.spans[best.end - 1].end), phrase: Int(best.phrase),
                    tokens: start..<best.end))
                start = best.end
            } else {
                start += 1
            }
        }
        return found
    }

    /// Each token's vocabulary id, or -1 for a token in no phrase.
    private func tokenIDs(_ view: TokenView, _ range: Range<Int>) -> [Int32] {
        var ids = [Int32](repeating: -1, count: range.count)
        let source = caseSensitive ? view.bytes : view.lower
        source.withUnsafeBufferPointer { text in
            for t in range {
                let bytes = caseSensitive
                    ? view.spans[t].range : view.lowerStarts[t]..<view.lowerStarts[t + 1]
                // Short tokens make small strings, which do not allocate.
                let key = String(decoding: UnsafeBufferPointer(rebasing: text[bytes]), as: UTF8.self)
                ids[t - range.lowerBound] = vocabulary[key] ?? -1
            }
        }
        return ids
    }

    /// A phrase token's key in the vocabulary.
    private static func key(_ token: UnsafeBufferPointer<UInt8>, caseSensitive: Bool) -> String {
        if caseSensitive { return String(decoding: token, as: UTF8.self) }
        var lower: [UInt8] = []
        appendLowercased(token, to: &lower)
        return String(decoding: lower, as: UTF8.self)
    }
}
