import Aggregates
import LuaRuntime

/// `Keyness`: word counts per sub-corpus, made by `loupe.stats.keyness()`.
enum KeynessClass {
    static let luaClass: LuaClass<AggregateHandle> = LuaClass<AggregateHandle>(
        "Keyness",
        summary: "Word counts per sub-corpus (a group such as a metadata value), merged across workers: add in `document(doc)`, compare two groups in `finish(report)`.")
        .method("add", LuaDoc(
            "Counts the words of a document, or of the tokens a span overlaps, in a group; a nil group skips the unit.",
            parameters: [
                .init("unit", "Document|Span", "what to count"),
                .init("group", "string?", "its sub-corpus (nil: not counted at all)"),
            ],
            example: "key:add(doc, doc.meta.section)")) { handle, frame in
            guard !frame.isNoneOrNil(3) else {
                // Checked, not counted: a wrong argument fails whatever the group.
                guard try frame.optionalObject(2, DocumentClass.luaClass) != nil || frame.optionalSpan(2) != nil else {
                    throw LuaCallError.type(2, expected: "Document or Span")
                }
                // Still checked for the phase, so a misplaced call fails whatever the group.
                try handle.write(Keyness.self, "keyness:add", argument: 3) { (_: inout Keyness) throws(AggregateError) in }
                return 0
            }
            let group = Term(try frame.bytes(3).bytes)
            let (stream, _) = try handle.words(frame, 2)
            try handle.write(Keyness.self, "keyness:add", argument: 3) { (value: inout Keyness) throws(AggregateError) in
                value.add(stream, group: group)
            }
            return 0
        }
        .method("groups", LuaDoc(
            "The groups, by name byte-wise, with the units and words counted in each.",
            results: [.init("{group: string, documents: integer, tokens: integer}[]", "")])) { handle, frame in
            let value = try handle.read(Keyness.self, "keyness:groups")
            let names = value.groups.keys.sorted()
            frame.push(LuaValue.table(LuaTable(sequence: names.map { name in
                let group = value.groups[name]!
                return .row([("group", .term(name)), ("documents", .integer(group.documents)), ("tokens", .integer(group.tokens))])
            })))
            return 1
        }
        .method("compare", LuaDoc(
            "The words whose frequency differs most between group `a` and group `b` (or all other groups), by log-likelihood, highest first.",
            details: """
                For a term seen a times in A (c words) and b times in B (d words): E1 = c(a+b)/(c+d), \
                E2 = d(a+b)/(c+d), LL = 2(a ln(a/E1) + b ln(b/E2)) (Rayson and Garside; a zero count \
                adds nothing); %DIFF = (a/c − b/d)·100/(b/d) (Gabrielatos and Marchi), `math.huge` \
                when b = 0. `more_in` names the group where the term is relatively more frequent \
                (`"(others)"` for all other groups; nil when equal). Only terms with a + b ≥ \
                `min_count` (default 5) are listed; ties by term, byte-wise. A group no unit was added to \
                is empty, not an error: a shard of the corpus may lack it (see `key:groups()`).
                """,
            parameters: [
                .init("a", "string", "a group"),
                .init("b", "string", "another group (default: every other group together)", optional: true),
                .init("options", "{n: integer?, min_count: integer?}", "how many rows (default all), the least a + b (default 5)", optional: true),
            ],
            results: [.init("{term: string, a: integer, b: integer, a_per_million: number, b_per_million: number, ll: number, diff: number, more_in: string?}[]", "")],
            example: "for _, r in ipairs(key:compare(\"politics\", \"sport\", {n = 20})) do print(r.term, r.ll, r.diff) end")) {
            handle, frame in
            let a = Term(try frame.bytes(2).bytes)
            var b: Term?
            var optionsIndex: Int32 = 4
            switch frame.type(3) {
            case .none, .nil: break
            case .table: optionsIndex = 3
            default: b = Term(try frame.bytes(3).bytes)
            }
            let options = try StatsOptions(frame, optionsIndex, argument: optionsIndex, allowed: ["n", "min_count"])
            let limit = try options.integer("n")
            if let limit, limit < 0 { throw LuaCallError.argument(optionsIndex, "n must not be negative") }
            let minimum = try options.integer("min_count") ?? 5
            let value = try handle.read(Keyness.self, "keyness:compare")
            let (rows, c, d) = value.compare(a, b, limit: limit.map { Int(clamping: $0) }, minimumCount: minimum)
            let nameB: LuaValue = b.map(LuaValue.term) ?? .string("(others)")
            frame.push(LuaValue.table(LuaTable(sequence: rows.map { row in
                let relativeA = c > 0 ? Double(row.a) / Double(c) : 0, relativeB = d > 0 ? Double(row.b) / Double(d) : 0
                return .row([
                    ("term", .term(row.term)), ("a", .integer(row.a)), ("b", .integer(row.b)),
                    ("a_per_million", .number(relativeA * 1e6)), ("b_per_million", .number(relativeB * 1e6)),
                    ("ll", .number(row.ll)), ("diff", .number(row.diff)),
                    ("more_in", relativeA > relativeB ? .term(a) : relativeA < relativeB ? nameB : .nil),
                ])
            })))
            return 1
        }
        .metamethod("__tostring", LuaDoc("`Keyness('key')`, or `Keyness(#2)` when unnamed.")) { handle, frame in
            frame.returning(handle.description("Keyness"))
        }

    /// Reads `loupe.stats.keyness{stopwords =, name =}`.
    static func configure(_ frame: LuaFrame) throws(LuaCallError) -> (Aggregate, name: String?) {
        let options = try StatsOptions(frame, 1, argument: 1, allowed: ["stopwords", "name"])
        return (.keyness(Keyness(stopwords: try options.stopwords())), try options.string("name"))
    }
}
