import Aggregates
import LoupeBindings
import LoupeTestSupport
import LuaRuntime
import Testing

/// Runs a script the way the runner will: its top level in each worker's environment, the
/// documents dealt out to the workers, each document's aggregate delta taken (or discarded
/// when the document fails) and merged in corpus order by a coordinator without Lua, and
/// `finish` run in a fresh environment on the merged state.
struct AggregateScript {
    let source: String

    /// The values `finish()` returns (the script's `finish` takes no report here).
    func finish(documents: [LuaValue], workers: Int = 1) throws -> [LuaValue] {
        let environments = try (0..<workers).map { _ in try Self.start(source) }
        var coordinator = AggregateSet()
        for (index, document) in documents.enumerated() {
            let worker = environments[index % workers]
            worker.phase = .document
            do {
                _ = try worker.state.call(try worker.sandbox.rawGet("document"), document)
            } catch {
                worker.discardAggregateDelta()
                continue
            }
            if let delta = worker.takeAggregateDelta() { try coordinator.merge(delta: delta, document: index) }
        }
        let last = try Self.start(source)
        try last.loadAggregateState(coordinator.encodeState())
        last.phase = .finish
        return try last.state.call(try last.sandbox.rawGet("finish"))
    }

    /// A new environment that has run the script's top level.
    static func start(_ source: String) throws -> ScriptEnvironment {
        let environment = try ScriptEnvironment(limits: testLimits, version: "0.0.0", print: { _ in }, emit: { _, _ in })
        let chunk = try environment.state.load(source, chunkName: "=script", environment: environment.sandbox)
        _ = try environment.state.call(.function(chunk))
        return environment
    }

    /// The results of `finish`, which must be the same for one to four workers.
    func finishAnyWorkers(documents: [LuaValue], sourceLocation: SourceLocation = #_sourceLocation) throws -> [LuaValue] {
        let results = try (1...4).map { try finish(documents: documents, workers: $0) }
        for (n, result) in results.enumerated() {
            #expect(result == results[0], "\(n + 1) workers", sourceLocation: sourceLocation)
        }
        return results[0]
    }
}

/// Runs `code` in a fresh environment at `phase` and returns the error message.
func aggregateError(_ code: String, phase: ScriptPhase = .interactive) throws -> String? {
    let environment = try ScriptEnvironment(limits: testLimits, version: "0.0.0", print: { _ in }, emit: { _, _ in })
    environment.phase = phase
    do {
        let chunk = try environment.state.load(code, chunkName: "=test", environment: environment.sandbox)
        _ = try environment.state.call(.function(chunk))
        return nil
    } catch {
        return error.message
    }
}

/// Runs `code` in a fresh environment in the interactive phase, where everything is allowed.
func interactive(_ code: String) throws -> [LuaValue] {
    let environment = try ScriptEnvironment(limits: testLimits, version: "0.0.0", print: { _ in }, emit: { _, _ in })
    environment.phase = .interactive
    let chunk = try environment.state.load(code, chunkName: "=test", environment: environment.sandbox)
    return try environment.state.call(.function(chunk))
}

private func row(_ fields: KeyValuePairs<String, LuaValue>) -> LuaValue { .table(LuaTable(fields)) }
private func list(_ values: LuaValue...) -> LuaValue { .table(LuaTable(sequence: values)) }

@Suite struct AggregateMergeTests {
    private let quotes: [LuaValue] = ["Sessions Rosenstein", "Sessions", "", "Nielsen Sessions Rosenstein", "Trump Trump"]

    @Test func theDesignExampleGivesTheSameTopForAnyNumberOfWorkers() throws {
        let script = AggregateScript(source: """
            local speakers = loupe.counter("speakers")
            function document(doc)
              for name in doc:gmatch("%a+") do speakers:add(name) end
            end
            function finish() return speakers:top(3), speakers:total(), #speakers, speakers:get("Nobody") end
            """)
        #expect(try script.finishAnyWorkers(documents: quotes) == [
            list(row(["key": "Sessions", "count": 3]), row(["key": "Rosenstein", "count": 2]), row(["key": "Trump", "count": 2])),
            8, 4, 0,
        ])
    }

    @Test func everyKindMergesInCorpusOrder() throws {
        let script = AggregateScript(source: """
            local names, lengths, order, sizes = loupe.set(), loupe.histogram{min = 0, max = 20, bins = 4, name = "lengths"}, loupe.list(), loupe.stats()
            function document(doc)
              for name in doc:gmatch("%a+") do names:add(name) end
              lengths:add(#doc)
              order:add{text = doc, n = #doc}
              sizes:add(#doc)
              sizes:add(0.1)
            end
            function finish()
              return names:values(), names:has("Trump"), lengths:bins(), lengths.overflow, lengths.count,
                order:values()[4].n, #order, sizes.count, sizes.sum, sizes.min, sizes.max
            end
            """)
        let results = try script.finishAnyWorkers(documents: quotes)
        #expect(results[0] == list("Nielsen", "Rosenstein", "Sessions", "Trump"))
        #expect(results[1] == true)
        #expect(results[2] == list(
            row(["lo": 0.0, "hi": 5.0, "count": 1]), row(["lo": 5.0, "hi": 10.0, "count": 1]),
            row(["lo": 10.0, "hi": 15.0, "count": 1]), row(["lo": 15.0, "hi": 20.0, "count": 1])))
        #expect(Array(results[3...]) == [1, 5, 27, 5, 10, 65.5, 0, 27])
    }

    @Test func aFailedDocumentAddsNothing() throws {
        let script = AggregateScript(source: """
            local seen = loupe.counter()
            function document(doc)
              seen:add(doc)
              if doc == "bad" then error("this document fails") end
            end
            function finish() return seen:top() end
            """)
        #expect(try script.finishAnyWorkers(documents: ["a", "bad", "a"]) == [list(row(["key": "a", "count": 2]))])
    }

    @Test func numbersAreKeyedAsInLuaTables() throws {
        #expect(try interactive("""
            local c = loupe.counter()
            c:add(3) c:add(3.0) c:add("3") c:add(0.5, 2) c:add(3, 0)
            return c:get(3), #c, c:keys(), c:top(1)[1].key, math.type(c:keys()[1])
            """) == [2, 3, list(0.5, 3, "3"), 0.5, "float"])  // a tie at 2: numbers by value first
    }

    @Test func aggregatesDescribeThemselvesWithoutTheirContents() throws {
        #expect(try interactive("""
            return tostring(loupe.counter("speakers")), tostring(loupe.set()), tostring(loupe.stats("words"))
            """) == ["Counter('speakers')", "Set(#2)", "Stats('words')"])
    }
}

@Suite struct AggregatePhaseTests {
    @Test func creatingOutsideTheTopLevelIsRefused() throws {
        let message = "test:1: loupe.counter: create aggregates at the script's top level, outside document(doc) and finish(report)"
        #expect(try aggregateError("loupe.counter()", phase: .document)?.hasPrefix(message) == true)
        #expect(try aggregateError("loupe.histogram{min = 0, max = 1, bins = 2}", phase: .finish)?.contains("create aggregates at the script's top level") == true)
        #expect(try aggregateError("loupe.list()", phase: .topLevel) == nil)
    }

    @Test func eachPhaseAllowsOnlyItsOperations() throws {
        let create = "local c, s = loupe.counter(), loupe.stats() "
        #expect(try aggregateError(create + "c:add('x')", phase: .topLevel)?.contains(
            "test:1: counter:add: add to aggregates in document(doc), not at the top level") == true)
        #expect(try aggregateError(create + "return c:top()", phase: .topLevel)?.contains(
            "counter:top: aggregates have results only in finish(report)") == true)
        #expect(try aggregateError(create + "return s.sum", phase: .topLevel)?.contains("stats.sum: aggregates have results only") == true)

        let environment = try AggregateScript.start("c, s, h = loupe.counter(), loupe.stats(), loupe.histogram{min = 0, max = 1, width = 0.5}")
        func run(_ code: String) -> String? {
            do {
                _ = try environment.state.call(.function(try environment.state.load(code, chunkName: "=test", environment: environment.sandbox)))
                return nil
            } catch { return error.message }
        }
        environment.phase = .document
        #expect(run("c:add('x') s:add(1) h:add(0.7)") == nil)
        #expect(run("return c:get('x')")?.contains(
            "counter:get: aggregates cannot be read in document(doc): each worker sees only its own documents, so results exist only in finish(report)") == true)
        #expect(run("return #c")?.contains("#counter: aggregates cannot be read in document(doc)") == true)
        #expect(run("return s.count")?.contains("stats.count: aggregates cannot be read") == true)
        #expect(run("return h:bins()")?.contains("histogram:bins: aggregates cannot be read") == true)
        #expect(run("return tostring(c)") == nil)
        environment.phase = .finish
        #expect(run("c:add('y')")?.contains("counter:add: aggregates are read-only in finish(report)") == true)
        #expect(run("assert(c:get('x') == 1 and s.sum == 1 and h:bins()[2].count == 1)") == nil,
                "an environment that was never split reads what it added")
    }
}

@Suite struct AggregateArgumentTests {
    /// `code`, run after `c, s, h, l, t` are made, fails with `message` (exactly, after the
    /// position).
    private func expectBadArgument(_ code: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let setup = "local c, s, h, l, t = loupe.counter(), loupe.set(), loupe.histogram{min = 0, max = 1, bins = 2}, loupe.list(), loupe.stats() "
        #expect(try aggregateError(setup + code) == "test:1: " + message, sourceLocation: sourceLocation)
    }

    @Test func badArgumentsAreReportedInLuasWords() throws {
        try expectBadArgument("c:add('x', 1.5)", "bad argument #2 to 'add' (number has no integer representation)")
        try expectBadArgument("c:add('x', 'many')", "bad argument #2 to 'add' (number expected, got string)")
        try expectBadArgument("c:add('x', -1)", "bad argument #2 to 'add' (counts only grow: the amount must not be negative)")
        try expectBadArgument("c:add({})", "bad argument #1 to 'add' (string or number expected, got table)")
        try expectBadArgument("c:add()", "bad argument #1 to 'add' (string or number expected, got no value)")
        try expectBadArgument("s:add(0/0)", "bad argument #1 to 'add' (a key cannot be NaN)")
        try expectBadArgument("c.add({}, 'x')", "bad argument #1 to 'add' (Counter expected, got table)")
        try expectBadArgument("c.add(s, 'x')", "bad argument #1 to 'add' (Counter expected, got Set)")
        try expectBadArgument("t:add('abc')", "bad argument #1 to 'add' (number expected, got string)")
        try expectBadArgument("t:add(0/0)", "bad argument #1 to 'add' (stats cannot take NaN (not a number))")
        try expectBadArgument("h:add(0/0)", "bad argument #1 to 'add' (a histogram cannot count NaN)")
        try expectBadArgument("h:add(true)", "bad argument #1 to 'add' (number expected, got boolean)")
        try expectBadArgument("l:add(print)", "bad argument #1 to 'add' (lists hold strings, numbers, booleans and tables of them, not a function)")
        try expectBadArgument("l:add({print})", "bad argument #1 to 'add' (lists hold strings, numbers, booleans and tables of them, not a function)")
        try expectBadArgument("l:add(nil)", "bad argument #1 to 'add' (value expected, got nil)")
        try expectBadArgument("c:top('all')", "bad argument #1 to 'top' (number expected, got string)")
        try expectBadArgument("return c.nope", "no field 'nope' in Counter")
    }

    @Test func constructorsCheckTheirOptions() throws {
        try expectBadArgument("loupe.counter({})", "bad argument #1 to 'counter' (string expected, got table)")
        try expectBadArgument("loupe.set('a') loupe.counter('a')", "bad argument #1 to 'counter' (there is already an aggregate named 'a')")
        try expectBadArgument("loupe.histogram()", "bad argument #1 to 'histogram' (table expected, got no value)")
        try expectBadArgument("loupe.histogram{max = 1, bins = 2}", "bad argument #1 to 'histogram' (a histogram needs min and max, as in loupe.histogram{min = 0, max = 100, bins = 10})")
        try expectBadArgument("loupe.histogram{min = 1, max = 0, bins = 2}", "bad argument #1 to 'histogram' (a histogram needs finite min < max; got min = 1.0, max = 0.0)")
        try expectBadArgument("loupe.histogram{min = 0, max = 1, bins = 2.5}", "bad argument #1 to 'histogram' (field 'bins' must be an integer, not a fraction)")
        try expectBadArgument("loupe.histogram{min = 0, max = 1}", "bad argument #1 to 'histogram' (give either bins or width, as in loupe.histogram{min = 0, max = 100, bins = 10})")
        try expectBadArgument("loupe.histogram{min = 0, max = 1, bins = 0}", "bad argument #1 to 'histogram' (a histogram has 1 to 100000 bins; got 0)")
        try expectBadArgument("loupe.histogram{min = 'low', max = 1, bins = 2}", "bad argument #1 to 'histogram' (field 'min' must be a number, not a string)")
        #expect(try interactive("return #loupe.histogram{min = 0, max = 1, bins = 2.0, name = 'h'}:bins()") == [2])
    }
}
