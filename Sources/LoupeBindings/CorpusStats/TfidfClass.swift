import Aggregates
import LuaRuntime

/// `Tfidf`: each document's key terms, made by `loupe.stats.tfidf()`.
enum TfidfClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Tfidf",
        summary: "Each unit's word counts in corpus order, for tf-idf key terms, merged across workers: add in `document(doc)`, read in `finish(report)`. Keeps every unit's counts, so memory grows with the corpus.")
        .method("add", LuaDoc(
            "Counts the words of a document, or of the tokens a span overlaps, as one unit named by its document's id.",
            parameters: [.init("unit", "Document|Span", "what to count")],
            example: "tfidf:add(doc)")) { handle, frame in
            let (stream, document) = try handle.words(frame, 2)
            let id = document.id
            try handle.write(TermWeights.self, "tfidf:add", argument: 2) { (value: inout TermWeights) throws(AggregateError) in
                value.add(stream, id: id)
            }
            return 0
        }
        .method("top", LuaDoc(
            "For each unit in corpus order, its `n` terms of highest tf-idf (ties by term, byte-wise).",
            details: "tf = the term's count in the unit, df = the units it occurs in, tfidf = tf·ln(D/df) for D units.",
            parameters: [.init("n", "integer", "terms per unit (default all)", optional: true)],
            results: [.init("{doc: string, term: string, tf: integer, df: integer, tfidf: number}[]", "")],
            example: "for _, r in ipairs(tfidf:top(5)) do emit(\"keyterms\", r) end")) { handle, frame in
            let limit = try frame.optionalLimit(2)
            let rows = try handle.read(TermWeights.self, "tfidf:top").top(limit)
            frame.push(LuaValue.table(LuaTable(sequence: rows.map { row in
                .row([
                    ("doc", .string(LuaString(row.id))), ("term", .term(row.term)), ("tf", .integer(row.tf)),
                    ("df", .integer(row.df)), ("tfidf", .number(row.tfidf)),
                ])
            })))
            return 1
        }
        .field("documents", "integer", LuaDoc("Units added (D).")) { handle, frame in
            frame.returning(try handle.read(TermWeights.self, "tfidf.documents").units.count)
        }
        .metamethod("__tostring", LuaDoc("`Tfidf('terms')`, or `Tfidf(#2)` when unnamed.")) { handle, frame in
            frame.returning(handle.description("Tfidf"))
        }

    /// Reads `loupe.stats.tfidf{stopwords =, name =}`.
    static func configure(_ frame: LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?) {
        let options = try StatsOptions(frame, 1, argument: 1, allowed: ["stopwords", "name"])
        return (.tfidf(TermWeights(stopwords: try options.stopwords())), try options.string("name"))
    }
}
