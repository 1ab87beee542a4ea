import Aggregates
import DocModel
import LuaRuntime

/// The `loupe.stats` table: callable, as before, for the numeric summary
/// (`loupe.stats("name")`), and holding the corpus-statistics constructors
/// (`loupe.stats.frequencies{…}` and the others).
enum CorpusStatsBinding {
    /// Installs `loupe.stats` in the `loupe` table; returns the table and its `__call` (its
    /// metatable is locked), for the proxy that guards it (``LibraryGuards``).
    static func install(
        in loupe: LuaReference, state: LuaState, store: AggregateStore
    ) -> (table: LuaReference, call: LuaValue) {
        let table = state.newTable()
        table.rawSet("frequencies", AggregateBinding.constructor(
            "loupe.stats.frequencies", in: state, store: store, luaClass: FrequenciesClass.luaClass,
            configure: FrequenciesClass.configure))
        table.rawSet("collocations", AggregateBinding.constructor(
            "loupe.stats.collocations", in: state, store: store, luaClass: CollocationsClass.luaClass,
            configure: CollocationsClass.configure))
        table.rawSet("keyness", AggregateBinding.constructor(
            "loupe.stats.keyness", in: state, store: store, luaClass: KeynessClass.luaClass,
            configure: KeynessClass.configure))
        table.rawSet("tfidf", AggregateBinding.constructor(
            "loupe.stats.tfidf", in: state, store: store, luaClass: TfidfClass.luaClass,
            configure: TfidfClass.configure))
        let metatable = state.newTable()
        // `loupe.stats(name)` calls this with the table first: the name is argument 2 on the
        // stack but argument 1 to the script, which is what messages must say.
        let call = AggregateBinding.constructor(
            "loupe.stats", in: state, store: store, luaClass: StatsClass.luaClass,
            configure: { frame throws(LuaCallError) in
                switch frame.type(2) {
                case .none, .nil: return (.stats(Stats()), nil)
                case .string, .number: return (.stats(Stats()), try frame.string(2))
                default: throw .argument(1, "string expected, got \(frame.typeName(2))")
                }
            })
        metatable.rawSet("__call", call)
        metatable.rawSet("__metatable", .boolean(false))
        table.setMetatable(metatable)
        // A reference pushes whatever it holds (as `loupe` itself is set in the sandbox).
        loupe.rawSet("stats", .function(table))
        return (table, call)
    }

    /// The classes to register in a state.
    static let classes = [FrequenciesClass.luaClass, CollocationsClass.luaClass, KeynessClass.luaClass, TfidfClass.luaClass]

    /// What the reference says about words, shared by every constructor.
    static let wordRules = """
        Counting runs in Swift over the tokens of each Document or Span added (of a Span, the \
        tokens it overlaps). A word is a token with a letter or a digit (punctuation and symbols \
        are not words), lower-cased as the token's `lower`. With `stopwords` (`"english"`, a \
        built-in list of about 150 function words, or a list of strings) those words are left \
        out. Each `add` is one unit: a term's document frequency is the number of units it \
        occurs in, so add each document once (or each span, to count by span). Results are \
        the same whatever the number of workers or shards.
        """

    /// The constructors' documentation, for ``LoupeAPI/module``.
    static let functions: [LoupeAPI.Function] = [
        LoupeAPI.Function(name: "loupe.stats.frequencies", doc: LuaDoc(
            "Makes a frequency list of words or n-grams, with document frequencies, merged across workers.",
            details: wordRules + " " + """
                An n-gram is `n` consecutive words in one sentence: punctuation breaks n-grams (none \
                spans a comma), and so does a stopword. Its term is its words joined by one space. \
                `tokens` counts the terms counted (words for `n = 1`, n-grams otherwise). 
                """ + AggregateBinding.creationRules,
            parameters: [.init("options", "{n: integer?, stopwords: (\"english\"|string[])?, name: string?}",
                               "`n` words per term, 1 to 5 (default 1); words to leave out; a name", optional: true)],
            results: [.init("Frequencies", "")],
            example: "local words = loupe.stats.frequencies()\nlocal bigrams = loupe.stats.frequencies{n = 2, name = \"bigrams\"}\nfunction document(doc) words:add(doc); bigrams:add(doc) end\nfunction finish(report) report:table(\"Words\", words:top(20)) end")),
        LoupeAPI.Function(name: "loupe.stats.collocations", doc: LuaDoc(
            "Makes a collocation table: word pairs with PMI, log-likelihood and t-score, merged across workers.",
            details: wordRules + " " + """
                Without a `node`, pairs are adjacent words in a sentence, not across punctuation. \
                With a `node`, pairs are the node and each word up to `window` words on either side \
                in the same sentence (punctuation is skipped, not a break). In Evert's notation, \
                O11 = the pair's count, R1 = the node's (first word's) count, C1 = the collocate's \
                (second word's) count, N = the words counted, E11 = R1·C1/N for adjacent pairs and \
                E11 = R1·C1·2w/N for a node with window w (the node's row total is then R1·2w). \
                PMI = log2(O11/E11); t = (O11 − E11)/√O11; LL = 2 Σ Oij ln(Oij/Eij) over the 2×2 \
                table (O12 = R1 − O11, O21 = C1 − O11, O22 = N − R1 − C1 + O11, Eij = Ri·Cj/N; \
                cells with Oij ≤ 0 add nothing). 
                """ + AggregateBinding.creationRules,
            parameters: [.init("options", "{node: string?, window: integer?, name: string?}",
                               "a node word, and words on each side of it (1 to 50, default 1; only with a node); a name", optional: true)],
            results: [.init("Collocations", "")],
            example: "local colls = loupe.stats.collocations{node = \"tolerance\", window = 5}\nfunction document(doc) colls:add(doc) end\nfunction finish(report) report:table(\"Collocates\", colls:top{by = \"ll\", n = 20}) end")),
        LoupeAPI.Function(name: "loupe.stats.keyness", doc: LuaDoc(
            "Makes a keyness table: word counts per sub-corpus (a metadata value), to compare two of them in `finish`.",
            details: wordRules + " " + AggregateBinding.creationRules,
            parameters: [.init("options", "{stopwords: (\"english\"|string[])?, name: string?}", "words to leave out; a name", optional: true)],
            results: [.init("Keyness", "")],
            example: "local key = loupe.stats.keyness()\nfunction document(doc) key:add(doc, doc.meta.section) end\nfunction finish(report) report:table(\"Politics vs sport\", key:compare(\"politics\", \"sport\", {n = 20})) end")),
        LoupeAPI.Function(name: "loupe.stats.tfidf", doc: LuaDoc(
            "Makes a tf-idf table: each document's key terms, weighted by how few documents share them.",
            details: wordRules + " " + """
                tf is the term's count in the unit, df the number of units it occurs in, D the \
                units added; tfidf = tf·ln(D/df). Unlike the other statistics this keeps every \
                unit's word counts until `finish`, so its memory grows with the corpus (about the \
                size of the distinct words of each document). 
                """ + AggregateBinding.creationRules,
            parameters: [.init("options", "{stopwords: (\"english\"|string[])?, name: string?}", "words to leave out; a name", optional: true)],
            results: [.init("Tfidf", "")],
            example: "local tfidf = loupe.stats.tfidf{stopwords = \"english\"}\nfunction document(doc) tfidf:add(doc) end\nfunction finish(report) report:table(\"Key terms\", tfidf:top(5)) end")),
    ]
}

/// The options table of a corpus-statistics constructor or query: named fields only, each
/// of its expected type, reported as Lua reports a bad argument.
struct StatsOptions {
    let table: LuaTable
    let argument: Int32

    /// Reads the table at `index` (absent or nil: no options), refusing fields not in `allowed`.
    init(_ frame: LuaFrame, _ index: Int32, argument: Int32, allowed: [String]) throws(LuaCallError) {
        self.argument = argument
        table = frame.isNoneOrNil(index) ? LuaTable() : try frame.table(index)
        guard table.sequence.isEmpty else { throw .argument(argument, "options are named, as in {\(allowed[0]) = …}") }
        for field in table.fields {
            guard case .string(let key) = field.key, allowed.contains(key.text) else {
                let name = if case .string(let key) = field.key { "'\(key.text)'" } else { "of type \(field.key.typeName)" }
                throw .argument(argument, "unknown option \(name) (\(allowed.joined(separator: ", ")))")
            }
        }
    }

    /// The string field `key`, if given.
    func string(_ key: String) throws(LuaCallError) -> String? {
        switch table[key] {
        case .nil: return nil
        case .string(let s): return s.text
        case let other: throw .argument(argument, "field '\(key)' must be a string, not a \(other.typeName)")
        }
    }

    /// The integer field `key`, if given.
    func integer(_ key: String) throws(LuaCallError) -> Int64? {
        switch table[key] {
        case .nil: return nil
        case .integer(let i): return i
        case .number(let d) where Int64(exactly: d) != nil: return Int64(d)
        case let other: throw .argument(argument, "field '\(key)' must be an integer, not \(other.typeName == "number" ? "a fraction" : "a " + other.typeName)")
        }
    }

    /// The `stopwords` field: `"english"` or a list of strings.
    func stopwords() throws(LuaCallError) -> Stopwords {
        switch table["stopwords"] {
        case .nil: return .none
        case .string(let s):
            guard let list = Stopwords(named: s.text) else {
                throw .argument(argument, "unknown stopword list '\(s.text)' (\"english\", or a list of words)")
            }
            return list
        case .table(let list):
            var words: [String] = []
            for value in list.sequence {
                guard case .string(let word) = value else {
                    throw .argument(argument, "field 'stopwords' must list strings, not a \(value.typeName)")
                }
                words.append(word.text)
            }
            return Stopwords(list: words)
        case let other: throw .argument(argument, "field 'stopwords' must be \"english\" or a list of words, not a \(other.typeName)")
        }
    }
}

/// The words of a Document or Span, as ``WordStream`` holds them.
enum WordExtraction {
    /// The words of tokens `range` of `document`, sentence by sentence.
    static func words(of document: Document, tokens range: Range<Int>) -> WordStream {
        let spans = document.tokens.spans
        let flags = document.tokenFlags
        var stream = WordStream()
        var buffer: [UInt8] = []
        document.withBytes { bytes in
            for t in range {
                let tokenFlags = flags[t]
                if t != range.lowerBound, tokenFlags.contains(.isSentenceStart) { stream.endSentence() }
                // A token without letters or digits is punctuation or a symbol (currency).
                guard !tokenFlags.contains(.isPunct), !tokenFlags.contains(.isCurrency) else {
                    stream.appendBreak()
                    continue
                }
                let span = spans[t]
                buffer.removeAll(keepingCapacity: true)
                var ascii = true
                for i in span.start..<span.end {
                    let b = bytes[i]
                    if b >= 0x80 {
                        ascii = false
                        break
                    }
                    buffer.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                }
                // Outside ASCII, the same lower-casing as the token's `lower`.
                if !ascii { buffer = Array(document.text(of: span).lowercased().utf8) }
                stream.append(word: buffer)
            }
        }
        stream.endSentence()
        return stream
    }
}

/// The words of the last unit counted: a script usually adds each document to several
/// statistics, which then share one pass over its tokens.
struct WordCache {
    private weak var document: Document?
    private var range = 0..<0
    private var stream = WordStream()

    /// The words of tokens `range` of `document`, reused when they were the last asked for.
    mutating func words(of document: Document, tokens range: Range<Int>) -> WordStream {
        if self.document === document, self.range == range { return stream }
        stream = WordExtraction.words(of: document, tokens: range)
        self.document = document
        self.range = range
        return stream
    }
}

extension AggregateHandle {
    /// The words of the Document or Span at argument `index` of `frame`, and the document.
    func words(_ frame: LuaFrame, _ index: Int32) throws(LuaCallError) -> (WordStream, Document) {
        if let document = frame.optionalObject(index, DocumentClass.luaClass) {
            return (store.words.words(of: document, tokens: 0..<document.tokens.count), document)
        }
        if let span = try frame.optionalSpan(index) {
            let document = span.document
            let range = document.tokens.indices(overlapping: span.span)
            return (store.words.words(of: document, tokens: range), document)
        }
        throw .type(index, expected: "Document or Span")
    }
}

extension LuaFrame {

    /// The optional count at argument `index` of a `top(n)`: a non-negative integer.
    func optionalLimit(_ index: Int32) throws(LuaCallError) -> Int? {
        guard let n = try optionalInteger(index) else { return nil }
        guard n >= 0 else { throw .argument(index, "n must not be negative") }
        return Int(clamping: n)
    }
}

extension LuaValue {
    /// A term's bytes as a Lua string.
    static func term(_ term: Term) -> LuaValue { .string(LuaString(bytes: term.bytes)) }
}

extension LuaValue {
    /// A row: a table of named fields, in the order given (the order `emit` and reports keep).
    static func row(_ fields: [(String, LuaValue)]) -> LuaValue {
        .table(LuaTable(fields: fields.map { LuaTable.Field(key: .string(LuaString($0.0)), value: $0.1) }))
    }
}
