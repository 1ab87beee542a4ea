import Aggregates
import DocModel
import DocSearch
import LuaRuntime

/// The one definition of everything a script can use: the bridged classes (each declared
/// with its documentation in its own file), the `loupe` module and the global functions.
/// The reference (`loupe docs`), `loupe help` and editor definitions (`loupe types`) are generated
/// from it.
public enum LoupeAPI {
    /// The bridged classes, in the order the reference presents them.
    public static var classes: [LuaClassInfo] {
        [DocumentClass.luaClass.info, SpanClass.luaClass.info, LayerClass.luaClass.info]
            + AggregateBinding.classes.map(\.info) + [ReportClass.luaClass.info, CorpusClass.luaClass.info]
    }

    /// A function scripts can call, with its documentation.
    public struct Function: Sendable {
        /// Its full name as scripts write it (`emit`, `loupe.document`).
        public var name: String
        /// Its documentation.
        public var doc: LuaDoc
        /// Whether it is a plain value (`loupe.version`) rather than a function.
        public var isValue = false
    }

    /// Functions a script defines for Loupe to call.
    public static let callbacks: [Function] = [
        Function(name: "document", doc: LuaDoc(
            "Defined by the script: called once per document.",
            details: """
                Each call sees a fresh set of globals over those the script's top level made: a \
                global set while one document runs is gone for the next, because documents are \
                shared among worker processes and results must not depend on how. Keep what must \
                outlive a document in the aggregates (`loupe.counter` and others), created at the \
                top level. Library tables (`string`, `math`, `loupe`…) are shared the same way, so \
                they can be changed at the top level only (`function string.trim(s) … end`): \
                changing one in `document` or `finish` is an error. \
                What it adds to `report` (optional second parameter) goes into the run's \
                report in corpus order, before what `finish(report)` adds; a document on which the \
                script fails adds nothing.
                """,
            parameters: [
                .init("doc", "Document", "the document"),
                .init("report", "Report", "the run's report, to add to for this document", optional: true),
            ],
            example: "function document(doc)\n  emit{doc = doc.id, sentences = #doc:sentences()}\nend")),
        Function(name: "finish", doc: LuaDoc(
            "Defined by the script (optional): called once after the last document, with the run's report.",
            details: """
                It runs once, in one worker, after every document, and sees the aggregates merged \
                from all workers. It may emit rows, which come after every document's rows, and \
                add to the report that `--report` writes.
                """,
            parameters: [.init("report", "Report", "the run's report")],
            example: """
                local sources = loupe.counter()
                function document(doc) sources:add(doc.meta.source or "unknown") end
                function finish(report)
                  for _, entry in ipairs(sources:top(10)) do emit("sources", entry) end
                  report:table("Sources", sources:top(10), {"key", "count"})
                end
                """)),
    ]

    /// Global functions Loupe gives scripts, besides Lua's own.
    public static let globals: [Function] = [
        Function(name: "emit", doc: LuaDoc(
            "Writes a row: a table of named fields (strings, numbers, booleans, or tables of them).",
            details: """
                Rows are written in document order, whatever the number of workers. A document whose \
                script fails loses the rows it emitted. Rows go to the output table `rows` unless a \
                table name comes first: each table is a file of its own (`out.quotes.csv`) or an SQL \
                table. `finish(report)` may emit too.
                """,
            parameters: [
                .init("table", "string", "the output table: letters, digits and '_' (default 'rows')", optional: true),
                .init("row", "table", "the row's fields"),
            ],
            example: "emit{doc = doc.id, speaker = q.speaker, quote = q.text}\nemit(\"people\", {doc = doc.id, name = p.text})")),
        Function(name: "print", doc: LuaDoc(
            "Prints its arguments to standard error (standard output carries the rows).",
            parameters: [.init("...", "any", "values, separated by tabs")])),
    ] + PluginAPI.globals

    /// The `loupe` module.
    public static let module: [Function] = [
        Function(name: "loupe.version", doc: LuaDoc("Loupe's version, as a string.", results: [.init("string", "")]), isValue: true),
        Function(name: "loupe.args", doc: LuaDoc(
            "The script's own arguments: what follows `--` on the command line, as a list of strings.",
            results: [.init("string[]", "")],
            example: "-- loupe run count.lua corpus/ -- --since 2016-01-01\nlocal since = loupe.args[2]"), isValue: true),
        Function(name: "loupe.document", doc: LuaDoc(
            "Makes a document from a string, for trying things out.",
            parameters: [
                .init("text", "string", "the text, cleaned and segmented like a file's"),
                .init("meta", "table", "its metadata", optional: true),
            ],
            results: [.init("Document", "")],
            example: #"local d = loupe.document("It rained. Then it stopped.")"#)),
        Function(name: "loupe.kwic", doc: LuaDoc(
            "Keyword-in-context lines: each match of a regular expression (or each span given) with the text around it.",
            parameters: [
                .init("doc", "Document", "the document"),
                .init("pattern", "string|Span[]", "a PCRE2 regular expression, or spans of the document"),
                .init("width", "integer", "characters of context on each side (default 40, at most 1,000)", optional: true),
            ],
            results: [.init("{left: string, keyword: string, right: string, start: integer, stop: integer}[]", "one line per match")],
            example: #"for _, l in ipairs(loupe.kwic(doc, "zero tolerance", 30)) do print(l.left, l.keyword, l.right) end"#)),
        Function(name: "loupe.repl", doc: LuaDoc(
            "Opens a REPL where the script stands, with the table's fields as globals, to look at what it found.",
            details: """
                In `loupe run --jobs 1` with standard input and standard error on a terminal, \
                `loupe.repl{doc = doc, hits = hits}` stops the run and opens the REPL on the terminal, \
                in the script's own Lua state: `doc` and `hits` are bound, and the script's globals \
                and functions are visible (what the session assigns stays in the session). Typed \
                chunks have the instruction budget of a document each, Ctrl-C stops the one running, \
                and no deadline counts meanwhile. Ctrl-D or `:quit` goes on with the run, which \
                finishes as usual. In `loupe repl` (after pasting or `:load`ing a script), the fields \
                become globals of the session. With more than one job, or without a terminal, no \
                one can answer a prompt, so `loupe.repl` raises an error (it never waits for input) \
                and the document fails: rerun with `--jobs 1` on a terminal, or open the document \
                in `loupe repl FILE`.
                """,
            parameters: [.init("bindings", "table<string, any>", "names and the values to give them")],
            example: #"if #doc:sentences() == 0 then loupe.repl{doc = doc} end"#)),
    ] + AggregateBinding.functions + PluginAPI.module

    /// Every documented function.
    public static var functions: [Function] { globals + module }
}

/// A Lua state set up for scripts: the classes registered, a sandbox with `emit`, `print`
/// and the `loupe` module.
public final class ScriptEnvironment {
    /// The state.
    public let state: LuaState
    /// The sandbox scripts run in.
    public let sandbox: LuaReference
    /// The documents the state's spans can name (the state's host context).
    private let documents = DocumentRegistry()
    /// The `loupe` module table.
    private let module: LuaReference
    /// The script's aggregates and the phase that decides what it may do with them.
    private let aggregateStore = AggregateStore()
    /// What `loupe.repl{…}` does (kept apart so that the Lua function holds no reference to
    /// this environment).
    private let replHook = ReplHook()
    /// The plugins' environments, whose libraries ``guardLibraries()`` guards too.
    private var pluginEnvironments: [LuaReference] = []
    /// The callable tables of the `loupe` module (`loupe.stats`), with their `__call`.
    private var callableTables: [(table: LuaReference, call: LuaValue)] = []
    /// The guards of the library tables, once ``guardLibraries()`` has put them in place.
    private var libraryGuards: LibraryGuards?

    /// What `loupe.repl{…}` does with its table; nil (the default, as in a run's workers
    /// without a terminal) makes it an error. The REPL sets it, and so does a run's worker
    /// on a terminal (``ScriptRunner``), which opens a session there.
    public var replHandler: ((LuaTable) throws(LuaCallError) -> Void)? {
        get { replHook.handler }
        set { replHook.handler = newValue }
    }

    /// Sets up a state with `limits`; `print` receives the script's printed lines and `emit`
    /// its rows; `plugins` says which plugins `require` finds and what the script and each
    /// plugin may read, write and run (nothing beyond the corpus, by default).
    public convenience init(
        limits: LuaLimits, version: String, print: @escaping (String) -> Void,
        emit: @escaping (_ table: String, _ row: LuaTable) throws -> Void, plugins: PluginRuntime = PluginRuntime()
    ) throws(LuaError) {
        try self.init(limits: limits, version: version, print: print, emit: emit, spanFastPath: true, plugins: plugins)
    }

    /// Sets up a state as ``init(limits:version:print:emit:plugins:)`` does; without `spanFastPath`,
    /// every span read goes through the Swift fields (tests compare the two).
    package init(
        limits: LuaLimits, version: String, print: @escaping (String) -> Void,
        emit: @escaping (_ table: String, _ row: LuaTable) throws -> Void, spanFastPath: Bool,
        plugins: PluginRuntime = PluginRuntime()
    ) throws(LuaError) {
        state = LuaState(limits: limits)
        state.hostContext = Unmanaged.passUnretained(documents).toOpaque()
        state.register(DocumentClass.luaClass)
        state.register(SpanClass.luaClass)
        state.register(LayerClass.luaClass)
        if spanFastPath { documents.fastPath = SpanFastPath.install(in: state) }
        AggregateBinding.classes.forEach(state.register)
        state.register(ReportClass.luaClass)
        state.register(CorpusClass.luaClass)
        sandbox = try state.makeSandbox(print: print)
        sandbox.rawSet("emit", EmitBinding.function(in: state, sink: emit))
        let loupe = state.newTable()
        module = loupe
        loupe.rawSet("version", .string(LuaString(version)))
        loupe.rawSet("args", .table(LuaTable()))
        loupe.rawSet("document", state.function { frame in
            let text = try frame.string(1)
            var meta = Metadata()
            if !frame.isNoneOrNil(2) { meta = LuaBridge.metadata(try frame.table(2)) }
            let bytes = Array(text.utf8)
            let cleaned = bytes.withUnsafeBufferPointer { Cleaner().clean($0) }
            let document = Document(
                id: (meta["id"]?.string) ?? "document", path: "", raw: text, cleanText: cleaned.text,
                offsets: cleaned.offsets, meta: meta)
            try frame.push(document)
            return 1
        })
        loupe.rawSet("kwic", state.function { frame in
            let document = try frame.object(1, DocumentClass.luaClass)
            let width = Int(min(max(try frame.optionalInteger(3) ?? 40, 0), 1_000))
            var spans: [Span] = []
            if frame.type(2) == .string {
                let regex = try RegexCache.shared.regex(try frame.string(2), flags: "", argument: 2)
                do throws(PCREMatchError) {
                    spans = try regex.matches(in: document).map(\.span)
                } catch {
                    throw LuaCallError.message("regular expression failed: \(error)")
                }
            } else {
                let list = try frame.table(2)
                for element in list.sequence {
                    guard case .lightUserdata(let bits) = element else {
                        throw LuaCallError.argument(2, "a pattern or a list of spans expected")
                    }
                    spans.append(try frame.resolve(UInt64(bits)).span)
                }
            }
            guard spans.count <= 100_000 else {
                throw LuaCallError.message("loupe.kwic: \(spans.count) matches; narrow the pattern (at most 100,000 lines)")
            }
            let lines = KeywordInContext.lines(document: document, matches: spans, width: max(0, width))
            frame.push(LuaValue.table(LuaTable(sequence: lines.map { line in
                .table(LuaTable([
                    "left": .string(LuaString(line.left)), "keyword": .string(LuaString(line.keyword)),
                    "right": .string(LuaString(line.right)), "start": .integer(Int64(line.span.start + 1)),
                    "stop": .integer(Int64(line.span.end)),
                ]))
            })))
            return 1
        })
        loupe.rawSet("repl", state.function { [replHook] frame in
            let bindings = try frame.table(1)
            guard let handler = replHook.handler else {
                throw LuaCallError.message(
                    "loupe.repl needs a terminal: it works in `loupe repl`, and in `loupe run --jobs 1` with standard input and standard error on a terminal; this run's workers have none (run with --jobs 1 on a terminal, or open the document with `loupe repl FILE`)")
            }
            try handler(bindings)
            return 0
        })
        callableTables = AggregateBinding.install(in: loupe, state: state, store: aggregateStore)
        sandbox.rawSet("loupe", .function(loupe))
        pluginEnvironments = try PluginEnvironments.install(plugins, state: state, sandbox: sandbox, module: loupe, print: print)
    }

    /// Makes the library tables that a worker's documents share (`string`, `table`, `math`,
    /// `utf8`, `coroutine`, `os`, `io`, `loupe` and the tables inside it), in the script's
    /// environment and every plugin's, refuse changes while `document(doc)` or
    /// `finish(report)` runs (``phase`` ``ScriptPhase/document`` or ``ScriptPhase/finish``),
    /// so that no document sees what an earlier one changed: call it after
    /// ``setArguments(_:)`` and before the script's top level, which may still change them
    /// (`function string.trim(s) … end`). A run's worker calls it; the REPL does not, and
    /// sessions may change anything. See ``LibraryGuards``.
    ///
    /// ```lua
    /// function document(doc) string.x = doc.id end
    /// --> script.lua:1: cannot set 'x' in 'string' while a document runs: library tables are …
    /// ```
    public func guardLibraries() throws(LuaError) {
        guard libraryGuards == nil else { return }
        let guards = try LibraryGuards.install(
            in: [sandbox] + pluginEnvironments, callables: callableTables, state: state)
        libraryGuards = guards
        guards.freeze(Self.freezeReason(phase))
    }

    /// What the message of a refused change says runs (nil: changes go through).
    private static func freezeReason(_ phase: ScriptPhase) -> String? {
        switch phase {
        case .document: "while a document runs"
        case .finish: "while finish(report) runs"
        case .topLevel, .interactive: nil
        }
    }

    /// The Lua value of `report`, to pass to the script's `finish` function.
    public func value(of report: ReportBuilder) -> LuaValue {
        state.value { frame in frame.push(report, as: ReportClass.luaClass) }
    }

    /// The Lua value of `corpus`, for the REPL's global `corpus`.
    public func value(of corpus: LazyCorpus) -> LuaValue {
        state.value { frame in frame.push(corpus, as: CorpusClass.luaClass) }
    }

    /// Sets `loupe.args`, the script's own arguments (`loupe run s.lua corpus -- ARGS`), before
    /// ``guardLibraries()`` (which guards the list as it finds it).
    public func setArguments(_ arguments: [String]) {
        let list = LuaTable(sequence: arguments.map { .string(LuaString($0)) })
        module.rawSet("args", .table(list))
        // Each plugin's `loupe` is a copy made with its environment, before the arguments were
        // known: give each its own copy of them (a plugin that changes them changes only its own).
        guard !pluginEnvironments.isEmpty,
              let setArguments = try? state.load(
                  "local env, args = ...; local own = rawget(env, 'loupe'); if type(own) == 'table' then rawset(own, 'args', args) end",
                  chunkName: "=loupe.args")
        else { return }
        for environment in pluginEnvironments {
            _ = try? state.call(.function(setArguments), .function(environment), .table(list))
        }
    }

    // MARK: - Aggregates

    /// Where the script is: the runner sets ``ScriptPhase/document`` before calling
    /// `document(doc)` and ``ScriptPhase/finish`` before `finish(report)`; a new environment
    /// is at the ``ScriptPhase/topLevel``. It decides what aggregates allow (see ``ScriptPhase``)
    /// and, after ``guardLibraries()``, whether the library tables take changes.
    public var phase: ScriptPhase {
        get { aggregateStore.phase }
        set {
            aggregateStore.phase = newValue
            libraryGuards?.freeze(Self.freezeReason(newValue))
        }
    }

    /// The script's aggregates, in the order it created them.
    public var aggregates: AggregateSet { aggregateStore.set }

    /// What the last document added to the aggregates, encoded (nil when nothing), and the
    /// aggregates emptied for the next: call it after each successful document.
    public func takeAggregateDelta() -> [UInt8]? {
        aggregateStore.set.takeDelta()
    }

    /// Drops what the last document added: call it after a failed document, whose rows are
    /// dropped too.
    public func discardAggregateDelta() {
        aggregateStore.set.discardDelta()
    }

    /// Loads the merged state (``AggregateSet/encodeState()`` of the coordinator's set) into
    /// the aggregates this environment's top level created, before `finish(report)`.
    /// - Throws: ``AggregateError`` when the state is corrupt or does not match them.
    public func loadAggregateState(_ state: [UInt8]) throws(AggregateError) {
        try aggregateStore.set.loadState(state)
    }

    deinit {
        // The state may outlive this environment (references to its values); its documents'
        // finalisers must then not reach the registry, which goes with this object, and the
        // fast path must not serve the documents the registry held.
        state.hostContext = nil
        documents.fastPath?.forgetAll(in: state)
    }

    /// Whether the C fast path of span reads is in place (see ``SpanFastPath``).
    package var hasSpanFastPath: Bool { documents.fastPath != nil }

    /// Whether layer `layer` (`"token"`…) of `document` is mirrored for the fast path.
    package func isMirrored(_ document: Document, layer: String) -> Bool {
        guard let id = LayerID.id(of: layer, in: document) else { return false }
        return documents.fastPath?.isMirrored(id, of: document) ?? false
    }

    /// The Lua value of `document`, to pass to the script's `document` function.
    /// - Throws: when the state already holds as many documents as it can name.
    public func value(of document: Document) throws(LuaError) -> LuaValue {
        var failure: LuaCallError?
        let value = state.value { frame in
            do throws(LuaCallError) {
                try frame.push(document)
            } catch {
                failure = error
                frame.pushNil()
            }
        }
        if let failure { throw LuaError(kind: .runtime, message: failure.text) }
        return value
    }
}

/// Holds the REPL's handler of `loupe.repl{…}`.
private final class ReplHook {
    var handler: ((LuaTable) throws(LuaCallError) -> Void)?
}
