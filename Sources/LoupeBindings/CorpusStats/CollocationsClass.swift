import Aggregates
import LuaRuntime

/// `Collocations`: word pairs with association measures, made by `loupe.stats.collocations{…}`.
enum CollocationsClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Collocations",
        summary: "Word pairs (adjacent words, or a node and the words around it) with PMI, log-likelihood and t-score, merged across workers: add in `document(doc)`, read in `finish(report)`.")
        .method("add", LuaDoc(
            "Counts the words and pairs of a document, or of the tokens a span overlaps.",
            parameters: [.init("unit", "Document|Span", "what to count")],
            example: "colls:add(doc)")) { handle, frame in
            let (stream, _) = try handle.words(frame, 2)
            try handle.write(Collocations.self, "collocations:add", argument: 2) { (value: inout Collocations) throws(AggregateError) in
                value.add(stream)
            }
            return 0
        }
        .method("top", LuaDoc(
            "The pairs seen at least `min_count` times, by the chosen measure, highest first.",
            details: "Ties by count (highest first), then by the words, byte-wise. With a node, rows are `{node, collocate, count, node_count, collocate_count, pmi, ll, t}`; without, `{first, second, count, first_count, second_count, pmi, ll, t}`. `min_count` defaults to 3: rarer pairs have unreliable measures (PMI favours them most).",
            parameters: [.init("options", "{by: (\"ll\"|\"pmi\"|\"t\")?, n: integer?, min_count: integer?}|integer",
                               "the measure (default \"ll\"), how many rows (default all), the least count (default 3); or just how many", optional: true)],
            results: [.init("table[]", "one row per pair")],
            example: "for _, r in ipairs(colls:top{by = \"pmi\", n = 10, min_count = 5}) do print(r.collocate, r.pmi) end")) {
            handle, frame in
            var limit: Int?
            var measure = Collocations.Measure.ll
            var minimum: Int64 = 3
            if frame.type(2) == .number {
                limit = try frame.optionalLimit(2)
            } else {
                let options = try StatsOptions(frame, 2, argument: 2, allowed: ["by", "n", "min_count"])
                if let by = try options.string("by") {
                    guard let chosen = Collocations.Measure(rawValue: by) else {
                        throw LuaCallError.argument(2, "unknown measure '\(by)' (\"ll\", \"pmi\" or \"t\")")
                    }
                    measure = chosen
                }
                if let n = try options.integer("n") {
                    guard n >= 0 else { throw LuaCallError.argument(2, "n must not be negative") }
                    limit = Int(clamping: n)
                }
                minimum = try options.integer("min_count") ?? 3
            }
            let value = try handle.read(Collocations.self, "collocations:top")
            let node = value.configuration.node != nil
            let rows = value.top(by: measure, limit: limit, minimumCount: minimum)
            frame.push(LuaValue.table(LuaTable(sequence: rows.map { row in
                .row([
                    (node ? "node" : "first", .term(row.pair.first)),
                    (node ? "collocate" : "second", .term(row.pair.second)),
                    ("count", .integer(row.count)),
                    (node ? "node_count" : "first_count", .integer(row.firstCount)),
                    (node ? "collocate_count" : "second_count", .integer(row.secondCount)),
                    ("pmi", .number(row.measures.pmi)), ("ll", .number(row.measures.ll)), ("t", .number(row.measures.t)),
                ])
            })))
            return 1
        }
        .field("tokens", "integer", LuaDoc("Words counted (N).")) { handle, frame in
            frame.returning(try handle.read(Collocations.self, "collocations.tokens").tokens)
        }
        .metamethod("__tostring", LuaDoc("`Collocations('colls')`, or `Collocations(#2)` when unnamed.")) { handle, frame in
            frame.returning(handle.description("Collocations"))
        }

    /// Reads `loupe.stats.collocations{node =, window =, name =}`.
    static func configure(_ frame: LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?) {
        let options = try StatsOptions(frame, 1, argument: 1, allowed: ["node", "window", "name"])
        let node = try options.string("node").map { Term($0.lowercased()) }
        let window = try options.integer("window") ?? 1
        let name = try options.string("name")
        do throws(AggregateError) {
            let configuration = try Collocations.Configuration(node: node, window: Int(clamping: window))
            return (.collocations(Collocations(configuration)), name)
        } catch {
            throw .argument(1, error.description)
        }
    }
}
