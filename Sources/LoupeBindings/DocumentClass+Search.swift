import DocModel
import DocSearch
import LuaRuntime
import Synchronization

/// Search methods of `Document`: PCRE2 regular expressions, phrase lists and token patterns.
extension LuaClass<Document> {
    func searchMethods() -> LuaClass<Document> {
        self
            .method("find", LuaDoc(
                "Finds every match of a PCRE2 regular expression in the text, as spans.",
                details: "Named groups are in each span's `attrs` (`(?<who>\\w+)` → `span.attrs.who`). The pattern is compiled once and cached. Flags: `i` ignore case, `m` `^`/`$` at line ends, `s` `.` matches newlines, `x` extended syntax.",
                parameters: [
                    .init("pattern", "string", "a PCRE2 regular expression"),
                    .init("flags", "string", "any of \"imsx\"", optional: true),
                ],
                results: [.init("Span[]", "the matches, in text order")],
                example: #"for _, m in ipairs(doc:find("(?<n>\\d[\\d,]*) (?<what>children|parents)")) do print(m.attrs.n, m.attrs.what) end"#)) {
                document, frame in
                let regex = try RegexCache.shared.regex(try frame.string(2), flags: try frame.optionalString(3) ?? "", argument: 2)
                let matches: [PCREMatch]
                do throws(PCREMatchError) {
                    matches = try regex.matches(in: document)
                } catch {
                    throw LuaCallError.message("regular expression failed: \(error)")
                }
                return try frame.pushMatches(matches, of: document) { match in
                    var attributes = Metadata()
                    for (name, group) in match.namedGroups.sorted(by: { $0.key < $1.key }) {
                        if let group { attributes[name] = .string(document.text(of: group)) }
                    }
                    return (match.span, attributes)
                }
            }
            .method("phrases", LuaDoc(
                "Finds the phrases of a list (a gazetteer) among the tokens: case-folded, longest match first.",
                details: "Each phrase is tokenised like the text, so \"U.S. attorney\" or \"Department of Justice\" match across tokens. `attrs.phrase` is the phrase as listed.",
                parameters: [
                    .init("phrases", "string[]", "the phrases to find"),
                    .init("options", "{case_sensitive: boolean?}", "`case_sensitive = true` to match case exactly", optional: true),
                ],
                results: [.init("Span[]", "the matches, in text order, not overlapping")],
                example: #"local orgs = doc:phrases{"Justice Department", "DOJ", "Department of Homeland Security"}"#)) {
                document, frame in
                let list = try frame.table(2)
                let phrases = list.sequence.compactMap { value -> String? in
                    if case .string(let s) = value { return s.text }
                    return nil
                }
                guard phrases.count == list.sequence.count else {
                    throw LuaCallError.argument(1, "a list of strings expected")
                }
                var caseSensitive = false
                if !frame.isNoneOrNil(3) { caseSensitive = try frame.table(3)["case_sensitive"] == .boolean(true) }
                let matcher = PhraseMatcher(phrases: phrases, caseSensitive: caseSensitive, tokenizer: document.segmentation.tokenizer)
                let matches = matcher.matches(in: document)
                return try frame.pushMatches(matches, of: document) { ($0.span, ["phrase": .string(phrases[$0.phrase])]) }
            }
            .method("match", LuaDoc(
                "Finds sequences of tokens that fit a pattern, like spaCy's Matcher.",
                details: """
                    The pattern is a list of elements, one per token (or run of tokens). An element is a table of tests, all of which the token must pass: `text`, `lower` (a string or a list of strings), `shape`, `regex` (a PCRE2 pattern searched in the token), any token feature (`is_title = true`, `like_num = true`, `is_punct = false`…), and `op`: `"?"` (optional), `"*"` (any number) or `"+"` (one or more). Matches are the longest at each start, left to right, not overlapping.
                    """,
                parameters: [.init("pattern", "table[]", "the elements")],
                results: [.init("Span[]", "the matches")],
                example: #"local said = doc:match{{is_title = true, op = "+"}, {lower = {"said", "says"}}}"#)) { document, frame in
                let pattern = try TokenPatternReader.pattern(from: try frame.table(2))
                let matches: [TokenMatch]
                do throws(PCREMatchError) {
                    matches = try pattern.matches(in: document)
                } catch {
                    throw LuaCallError.message("token pattern failed: \(error)")
                }
                return try frame.pushMatches(matches, of: document) { ($0.span, Metadata()) }
            }
    }
}

extension LuaFrame {
    /// Pushes a list of search matches as spans in no layer, each with its attributes, and
    /// returns 1 (the list).
    fileprivate func pushMatches<Match>(
        _ matches: [Match], of document: Document, _ describe: (Match) -> (Span, Metadata)
    ) throws(LuaCallError) -> Int32 {
        pushTable(arrayCount: matches.count)
        for (n, match) in matches.enumerated() {
            let (span, attributes) = describe(match)
            try pushLooseSpan(document, span, attributes: attributes)
            setIndex(n + 1)
        }
        return 1
    }
}

/// Reads a token pattern from its Lua form (see `doc:match`).
enum TokenPatternReader {
    static let flags: [String: TokenFlags] = [
        "is_title": .isTitle, "is_upper": .isUpper, "is_punct": .isPunct, "like_num": .likeNum,
        "is_sentence_start": .isSentenceStart, "is_alpha": .isAlpha, "is_digit": .isDigit, "like_url": .likeURL,
        "like_email": .likeEmail, "is_currency": .isCurrency, "is_quote": .isQuote,
    ]

    static func pattern(from table: LuaTable) throws(LuaCallError) -> TokenPattern {
        var elements: [TokenPattern.Element] = []
        for (n, value) in table.sequence.enumerated() {
            guard case .table(let element) = value else {
                throw .argument(1, "element \(n + 1) of the pattern is a \(value.typeName), not a table of tests")
            }
            elements.append(try self.element(element, number: n + 1))
        }
        do throws(TokenPatternError) {
            return try TokenPattern(elements)
        } catch {
            throw .argument(1, error.description)
        }
    }

    private static func element(_ table: LuaTable, number: Int) throws(LuaCallError) -> TokenPattern.Element {
        var predicates: [TokenPredicate] = []
        var quantifier = TokenPattern.Quantifier.one
        func strings(_ value: LuaValue, _ key: String) throws(LuaCallError) -> [String] {
            switch value {
            case .string(let s): return [s.text]
            case .table(let list) where list.fields.isEmpty:
                var out: [String] = []
                for item in list.sequence {
                    guard case .string(let s) = item else { throw .argument(1, "element \(number): '\(key)' takes strings") }
                    out.append(s.text)
                }
                return out
            default: throw .argument(1, "element \(number): '\(key)' takes a string or a list of strings")
            }
        }
        for field in table.fields {
            guard case .string(let keyString) = field.key else {
                throw .argument(1, "element \(number): tests are named (lower = \"said\")")
            }
            let key = keyString.text
            switch key {
            case "text":
                let values = try strings(field.value, key)
                predicates.append(values.count == 1 ? .text(values[0]) : .textIn(Set(values)))
            case "lower":
                let values = try strings(field.value, key)
                predicates.append(values.count == 1 ? .lower(values[0]) : .lowerIn(Set(values)))
            case "shape":
                predicates.append(.shape(try strings(field.value, key).first ?? ""))
            case "regex":
                let source = try strings(field.value, key).first ?? ""
                do throws(PCRECompileError) {
                    predicates.append(.regex(try PCRERegex(source)))
                } catch {
                    throw .argument(1, "element \(number): bad regex: \(error)")
                }
            case "op":
                switch field.value {
                case "?": quantifier = .optional
                case "*": quantifier = .zeroOrMore
                case "+": quantifier = .oneOrMore
                case "1", "!": quantifier = .one
                default: throw .argument(1, "element \(number): op must be \"?\", \"*\" or \"+\"")
                }
            default:
                guard let flag = flags[key] else {
                    throw .argument(1, "element \(number): unknown test '\(key)' (text, lower, shape, regex, op, or a token feature such as is_title)")
                }
                guard case .boolean(let wanted) = field.value else {
                    throw .argument(1, "element \(number): '\(key)' takes true or false")
                }
                predicates.append(.flag(flag, wanted))
            }
        }
        return TokenPattern.Element(predicates, quantifier)
    }
}

/// Compiled regular expressions, shared by every document a script searches: scripts call
/// `doc:find` with the same patterns over and over.
final class RegexCache: Sendable {
    static let shared = RegexCache()
    private let cache = Mutex<[String: PCRERegex]>([:])

    func regex(_ pattern: String, flags: String, argument: Int32) throws(LuaCallError) -> PCRERegex {
        let key = flags + "\u{0}" + pattern
        if let cached = cache.withLock({ $0[key] }) { return cached }
        var options: PCRERegex.Options = []
        for flag in flags {
            switch flag {
            case "i": options.insert(.caseless)
            case "m": options.insert(.multiline)
            case "s": options.insert(.dotAll)
            case "x": options.insert(.extended)
            default: throw .argument(argument + 1, "unknown flag '\(flag)' (use i, m, s or x)")
            }
        }
        let regex: PCRERegex
        do throws(PCRECompileError) {
            regex = try PCRERegex(pattern, options: options)
        } catch {
            throw .argument(argument, "bad regular expression: \(error)")
        }
        cache.withLock { entries in
            if entries.count >= 256 { entries.removeAll() }
            entries[key] = regex
        }
        return regex
    }
}
