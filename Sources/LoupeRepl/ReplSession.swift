import DocModel
import LoupeBindings
import LuaRuntime

/// One REPL session: a sandboxed Lua state with the whole API, the corpus, the current
/// document, and what to do with each chunk or command typed. It reads nothing itself (see
/// ``ReplLoop``), so tests drive it with strings.
///
/// ```swift
/// let session = try ReplSession(corpus: nil, configuration: .init(version: "1.0"))
/// session.submit("1 + 1")        // prints 2
/// session.submit("for i = 1, 3 do")   // .needsMore: the loop is not finished
/// ```
public final class ReplSession {
    /// What a session needs from the command line.
    public struct Configuration {
        /// Loupe's version (`loupe.version`).
        public var version: String
        /// The instruction budget and memory cap of each chunk.
        public var limits = LuaLimits()
        /// Colours or plain marks.
        public var style = ReplStyle(color: false)
        /// Writes a line of results (print, values) — standard output.
        public var output: (String) -> Void = { Swift.print($0) }
        /// Writes a line of diagnostics (errors) — standard error.
        public var errors: (String) -> Void = { Swift.print($0) }
        /// Writes a row a chunk emits; by default shown as a Lua table.
        public var emit: ((_ table: String, _ row: LuaTable) -> Void)?
        /// Whether Ctrl-C interrupts the session's Lua code (interactive sessions).
        public var interruptOnControlC = false
        /// The plugins `require` finds, and what the session may read, write and run.
        public var plugins = PluginRuntime()

        /// A configuration with defaults for everything but the version.
        public init(version: String) { self.version = version }
    }

    /// What became of a submitted chunk.
    public enum Outcome: Equatable {
        /// It ran (or failed, printing why).
        case ran(ok: Bool)
        /// It is an unfinished chunk: read another line and submit both.
        case needsMore
        /// `:quit`.
        case quit
    }

    /// The corpus (nil without one).
    public let corpus: LazyCorpus?
    /// The Lua side: state, sandbox, `loupe` module.
    public private(set) var environment: ScriptEnvironment
    /// The table typed chunks see as `_ENV`: the sandbox of the session's own state, or for
    /// a session opened by a running script, a table of its own over the script's globals.
    public private(set) var globals: LuaReference
    /// The tables whose keys complete a global name, innermost first (a session opened by a
    /// script sees the script's globals through its own).
    var scopes: [LuaReference]
    /// Whether the session was opened by a running script (``init(attachingTo:inheriting:bindings:configuration:)``),
    /// in its state: then there is no corpus and no `:reset`.
    public let isAttached: Bool
    /// The position of `doc` in the corpus.
    public internal(set) var currentIndex: Int?
    let configuration: Configuration
    var printer: DocumentPrinter
    /// The completion helper of the current state (made on first use).
    var lookupFunction: LuaValue?

    /// Starts a session; `doc` is the corpus's first document when there is one.
    public init(corpus: LazyCorpus?, configuration: Configuration) throws(LuaError) {
        self.corpus = corpus
        self.configuration = configuration
        printer = DocumentPrinter(style: configuration.style)
        environment = try Self.makeEnvironment(configuration)
        globals = environment.sandbox
        scopes = [globals]
        isAttached = false
        try bindSession()
        if let corpus, corpus.count > 0 { selectDocument(0, announce: false) }
    }

    /// Opens a session in the state of a running script, where `loupe.repl{…}` was called
    /// (in `loupe run --jobs 1` on a terminal): chunks run in a fresh table over `scope` (the
    /// document's globals, so the script's globals and functions are visible), with the
    /// fields of `bindings` set in it. What the session assigns stays in that table; the
    /// script goes on with its own globals when the session ends.
    ///
    /// The caller runs the session inside ``LuaState/nestedSession(_:)``, so that typed chunks
    /// get their own instruction budget.
    public init(
        attachingTo environment: ScriptEnvironment, inheriting scope: LuaReference, bindings: LuaTable,
        configuration: Configuration
    ) {
        corpus = nil
        self.configuration = configuration
        printer = DocumentPrinter(style: configuration.style)
        self.environment = environment
        globals = environment.state.newEnvironment(inheriting: scope)
        scopes = [globals, scope, environment.sandbox]
        isAttached = true
        for field in bindings.fields {
            guard case .string = field.key else { continue }
            globals.rawSet(field.key, field.value)
        }
        outerHandler = environment.replHandler
        environment.replHandler = Self.binder(into: globals, errors: configuration.errors)
        if configuration.interruptOnControlC { environment.state.interruptOnSIGINT() }
    }

    /// What `loupe.repl{…}` did before an attached session made it bind names in the session.
    private var outerHandler: ((LuaTable) throws(LuaCallError) -> Void)?

    /// Ends a session opened by ``init(attachingTo:inheriting:bindings:configuration:)``:
    /// `loupe.repl{…}` does again what it did before (the script's own Ctrl-C policy is the
    /// caller's to restore).
    public func close() {
        guard isAttached else { return }
        environment.replHandler = outerHandler
        environment.state.stopInterruptingOnSIGINT()
    }

    // MARK: - Lua chunks

    /// Runs `source` as the prompt does: as an expression first (`return <source>`), then as
    /// statements, with top-level locals kept (``SessionLocals``). Results are printed;
    /// errors are printed with a short traceback.
    @discardableResult
    public func submit(_ source: String) -> Outcome {
        let trimmed = source.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix(":") { return command(String(trimmed.dropFirst())) }
        if trimmed.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) { return .ran(ok: true) }
        switch compile(source) {
        case .success(let chunk): return .ran(ok: run(chunk))
        case .failure(let error) where error.message.hasSuffix("<eof>"): return .needsMore
        case .failure(let error):
            report(error)
            return .ran(ok: false)
        }
    }

    /// The chunk for `source`: its expression form if it compiles, else its statement form.
    /// An error ends in `<eof>` when either form is merely unfinished.
    func compile(_ source: String, chunkName: String = "=repl") -> Result<LuaReference, LuaError> {
        let lua = environment.state
        let expressionError: LuaError
        do throws(LuaError) {
            return .success(try lua.load("return " + source, chunkName: chunkName, environment: globals))
        } catch {
            expressionError = error
        }
        do throws(LuaError) {
            return .success(try lua.load(SessionLocals.rewrite(source), chunkName: chunkName, environment: globals))
        } catch {
            // `{` or `f(1,` is unfinished as an expression though wrong as a statement.
            if expressionError.message.hasSuffix("<eof>") && !error.message.hasSuffix("<eof>")
                && !Self.isStatementStart(source)
            {
                return .failure(expressionError)
            }
            return .failure(error)
        }
    }

    /// Whether `source` begins like a statement (a keyword such as `for`, `local`…), whose
    /// errors are the statement form's.
    static func isStatementStart(_ source: String) -> Bool {
        let first = LuaTokens.scan(Array(source.utf8)).first
        return first.map { $0.kind == .name && statementKeywords.contains($0.text) } ?? false
    }

    private static let statementKeywords: Set<String> = [
        "local", "for", "while", "repeat", "if", "do", "function", "return", "goto", "break",
    ]

    /// Calls `chunk` and prints its results; false when it failed.
    @discardableResult
    func run(_ chunk: LuaReference) -> Bool {
        do throws(LuaError) {
            let lines = try environment.state.call(.function(chunk), arguments: []) { results in
                describeResults(results)
            }
            for line in lines { configuration.output(line) }
            return true
        } catch {
            report(error)
            return false
        }
    }

    /// The results in Lua syntax, tab-separated on one line as `lua` prints them, except that
    /// documents, spans and lists of spans take lines of their own.
    func describeResults(_ results: LuaFrame) -> [String] {
        guard results.count > 0 else { return [] }
        let formatter = LuaFormatter()
        var plain: [String] = []
        var blocks: [String] = []
        for i in Int32(1)...results.count {
            if let value = results.inspect(i) {
                blocks.append(printer.describe(value))
            } else {
                plain.append(results.describe(i, formatter))
                blocks.append(plain.last!)
            }
        }
        return plain.count == Int(results.count) ? [plain.joined(separator: "\t")] : blocks
    }

    /// Prints an error: the message, then the traceback without the REPL's own frames.
    func report(_ error: LuaError) {
        configuration.errors(configuration.style.error(error.message))
        guard let traceback = error.traceback else { return }
        let frames = traceback.split(separator: "\n").dropFirst().filter { !$0.contains("[C]: in ?") }
        guard frames.count > 1 else { return }
        let shown = frames.prefix(6)
        configuration.errors(configuration.style.dim(
            "stack traceback:\n" + shown.joined(separator: "\n") + (frames.count > shown.count ? "\n\t…" : "")))
    }

    // MARK: - The session's state

    static func makeEnvironment(_ configuration: Configuration) throws(LuaError) -> ScriptEnvironment {
        let output = configuration.output
        let emit = configuration.emit
        let environment = try ScriptEnvironment(
            limits: configuration.limits, version: configuration.version, print: output,
            emit: { table, row in
                if let emit { emit(table, row) } else { output("emit(\(LuaFormatter.quote(Array(table.utf8))), …)") }
            }, plugins: configuration.plugins)
        environment.phase = .interactive
        if configuration.interruptOnControlC { environment.state.interruptOnSIGINT() }
        return environment
    }

    /// Gives the sandbox `corpus`, `doc` and `loupe.repl`.
    func bindSession() throws(LuaError) {
        lookupFunction = nil
        if let corpus { environment.sandbox.rawSet("corpus", environment.value(of: corpus)) }
        environment.replHandler = Self.binder(into: environment.sandbox, errors: configuration.errors)
        if let currentIndex { selectDocument(currentIndex, announce: false) }
    }

    /// `loupe.repl{…}` typed in a session: the table's fields become the session's globals.
    static func binder(into globals: LuaReference, errors: @escaping (String) -> Void) -> (LuaTable) throws(LuaCallError) -> Void {
        { bindings in
            var names: [String] = []
            for field in bindings.fields {
                guard case .string(let name) = field.key else { continue }
                globals.rawSet(field.key, field.value)
                names.append(name.text)
            }
            errors("loupe.repl: " + (names.isEmpty ? "nothing to bind" : "bound " + names.sorted().joined(separator: ", ")))
        }
    }

    /// A fresh Lua state, with `corpus` and `doc` bound again (`:reset`).
    func reset() throws(LuaError) {
        environment = try Self.makeEnvironment(configuration)
        globals = environment.sandbox
        scopes = [globals]
        try bindSession()
    }

    /// Makes document `index` of the corpus `doc`; prints its summary when `announce`.
    @discardableResult
    func selectDocument(_ index: Int, announce: Bool = true) -> Bool {
        guard let corpus else { return false }
        let document: Document
        do throws(DocumentError) {
            document = try corpus.document(at: index)
        } catch {
            configuration.errors(configuration.style.error("corpus[\(index + 1)]: \(error)"))
            return false
        }
        do throws(LuaError) {
            environment.sandbox.rawSet("doc", try environment.value(of: document))
        } catch {
            configuration.errors(configuration.style.error(error.message))
            return false
        }
        currentIndex = index
        if announce {
            configuration.output(configuration.style.dim("doc = corpus[\(index + 1)] of \(corpus.count)"))
            configuration.output(printer.summary(of: document))
        }
        return true
    }
}
