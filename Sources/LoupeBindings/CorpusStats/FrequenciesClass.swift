import Aggregates
import LuaRuntime

/// `Frequencies`: word or n-gram frequencies, made by `loupe.stats.frequencies{…}`.
enum FrequenciesClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Frequencies",
        summary: "Word or n-gram frequencies with document frequencies, merged across workers: add documents or spans in `document(doc)`, read in `finish(report)`.")
        .method("add", LuaDoc(
            "Counts the words (or n-grams) of a document, or of the tokens a span overlaps, as one unit.",
            parameters: [.init("unit", "Document|Span", "what to count")],
            example: "words:add(doc)")) { handle, frame in
            let (stream, _) = try handle.words(frame, 2)
            try handle.write(TermFrequencies.self, "frequencies:add", argument: 2) { (value: inout TermFrequencies) throws(AggregateError) in
                value.add(stream)
            }
            return 0
        }
        .method("top", LuaDoc(
            "The most frequent terms, most frequent first; ties by term, byte-wise.",
            details: "`per_million` is count / tokens · 1,000,000; `docs` the number of units the term occurs in.",
            parameters: [.init("n", "integer", "how many (default all)", optional: true)],
            results: [.init("{term: string, count: integer, docs: integer, per_million: number}[]", "")],
            example: "for _, row in ipairs(words:top(20)) do print(row.term, row.count, row.docs) end")) { handle, frame in
            let limit = try frame.optionalLimit(2)
            let value = try handle.read(TermFrequencies.self, "frequencies:top")
            let tokens = Double(value.tokens)
            frame.push(LuaValue.table(LuaTable(sequence: value.top(limit).map { term, entry in
                .table(LuaTable([
                    "term": .term(term), "count": .integer(entry.count), "docs": .integer(entry.documents),
                    "per_million": .number(Double(entry.count) / tokens * 1e6),
                ]))
            })))
            return 1
        }
        .method("count", LuaDoc(
            "How many times a term occurs (0 if never); n-grams are written with one space between words.",
            parameters: [.init("term", "string", "the term, lower case")],
            results: [.init("integer", "")])) { handle, frame in
            let term = Term(try frame.bytes(2).bytes)
            return frame.returning(try handle.read(TermFrequencies.self, "frequencies:count").entries[term]?.count ?? 0)
        }
        .method("docs", LuaDoc(
            "How many units (documents) a term occurs in (0 if none).",
            parameters: [.init("term", "string", "the term, lower case")],
            results: [.init("integer", "")])) { handle, frame in
            let term = Term(try frame.bytes(2).bytes)
            return frame.returning(try handle.read(TermFrequencies.self, "frequencies:docs").entries[term]?.documents ?? 0)
        }
        .field("tokens", "integer", LuaDoc("Terms counted: words, or n-grams when `n` > 1.")) { handle, frame in
            frame.returning(try handle.read(TermFrequencies.self, "frequencies.tokens").tokens)
        }
        .field("types", "integer", LuaDoc("Distinct terms.")) { handle, frame in
            frame.returning(try handle.read(TermFrequencies.self, "frequencies.types").types)
        }
        .field("documents", "integer", LuaDoc("Units (documents or spans) added.")) { handle, frame in
            frame.returning(try handle.read(TermFrequencies.self, "frequencies.documents").documents)
        }
        .field("ttr", "number?", LuaDoc("The type/token ratio, types / tokens; nil when nothing was counted.")) { handle, frame in
            let value = try handle.read(TermFrequencies.self, "frequencies.ttr")
            return frame.returning(value.tokens == 0 ? .nil : .number(Double(value.types) / Double(value.tokens)))
        }
        .metamethod("__tostring", LuaDoc("`Frequencies('bigrams')`, or `Frequencies(#2)` when unnamed.")) { handle, frame in
            frame.returning(handle.description("Frequencies"))
        }

    /// Reads `loupe.stats.frequencies{n =, stopwords =, name =}`.
    static func configure(_ frame: LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?) {
        let options = try StatsOptions(frame, 1, argument: 1, allowed: ["n", "stopwords", "name"])
        let n = try options.integer("n") ?? 1
        let stopwords = try options.stopwords()
        let name = try options.string("name")
        do throws(AggregateError) {
            let configuration = try TermFrequencies.Configuration(n: Int(clamping: n), stopwords: stopwords)
            return (.frequencies(TermFrequencies(configuration)), name)
        } catch {
            throw .argument(1, error.description)
        }
    }
}
