import DocFormats
import DocModel
import LoupeBindings
import LuaRuntime

/// Runs an analysis script over documents: the script's `document(doc)` is called once per
/// document, in order, and every row it passes to `emit{…}` goes to the row sink.
///
/// The script runs in a sandbox with the given limits. A document that cannot be read, or on
/// which the script fails, is reported to the diagnostics sink and skipped: its rows are
/// dropped, and the next document runs as if it had never been there.
public final class ScriptRunner {
    /// What happened, counted.
    public struct Summary: Equatable, Sendable {
        /// Documents the script ran on without error.
        public var documents = 0
        /// Rows written.
        public var rows = 0
        /// Documents that could not be read or on which the script failed.
        public var failures = 0

        /// Makes a summary with the given counts.
        public init(documents: Int = 0, rows: Int = 0, failures: Int = 0) {
            self.documents = documents
            self.rows = rows
            self.failures = failures
        }
    }

    private let environment: ScriptEnvironment
    private let documentFunction: LuaValue
    private let options: FormatOptions

    /// Loads and starts `script` (the script's top level runs here).
    ///
    /// - Parameters:
    ///   - source: the script's text; `path` names it in messages.
    ///   - limits: the budget per call and the memory cap.
    ///   - options: how documents are read (formats, fields, cleaning, segmentation).
    ///   - print: where the script's `print` goes (not the row output).
    /// - Throws: ``ScriptError`` when the script does not compile, fails at its top level,
    ///   or defines no `document` function.
    public init(
        source: String, path: String, limits: LuaLimits, options: FormatOptions = FormatOptions(),
        print: @escaping (String) -> Void
    ) throws(ScriptError) {
        self.options = options
        let rows = RowCollector()
        do {
            environment = try ScriptEnvironment(
                limits: limits, version: LoupeVersion.current, print: print, emit: { try rows.add($0) })
            let chunk = try environment.state.load(source, chunkName: "@" + path, environment: environment.sandbox)
            try environment.state.call(.function(chunk))
            documentFunction = (try? environment.sandbox.rawGet("document")) ?? .nil
        } catch {
            throw ScriptError(path: path, error: error)
        }
        guard case .function = documentFunction else {
            throw ScriptError(
                path: path,
                message: "\(path): the script defines no function 'document'; add one: function document(doc) … end")
        }
        self.rows = rows
    }

    private let rows: RowCollector

    /// Runs the script over each file in turn.
    ///
    /// - Parameters:
    ///   - paths: the files, in the order their rows are written.
    ///   - rows: receives each row of each successful document, in order.
    ///   - failure: receives one message per failed document (path, reason, traceback).
    public func run(
        paths: [String], rows sink: (LuaTable) -> Void, failure: (String) -> Void
    ) -> Summary {
        var summary = Summary()
        for path in paths {
            for result in DocumentLoader.load(path: path, options: options) {
                switch result {
                case .success(let document):
                    run(document, summary: &summary, rows: sink, failure: failure)
                case .failure(let error):
                    summary.failures += 1
                    failure(error.description)
                }
            }
        }
        return summary
    }

    /// Runs the script on one document; its rows reach `sink` only if it succeeds.
    private func run(
        _ document: Document, summary: inout Summary, rows sink: (LuaTable) -> Void, failure: (String) -> Void
    ) {
        rows.start()
        defer { _ = rows.finish() }
        do throws(LuaError) {
            try environment.state.call(documentFunction, environment.value(of: document))
        } catch {
            summary.failures += 1
            let name = document.id == PlainTextReader.identifier(for: document.path) ? document.path : "\(document.path) (\(document.id))"
            var message = "\(name): \(error.message)"
            if let traceback = error.traceback, error.kind == .runtime { message += "\n" + traceback }
            failure(message)
            return
        }
        let emitted = rows.finish()
        summary.documents += 1
        summary.rows += emitted.count
        emitted.forEach(sink)
    }
}

/// Collects the rows of the document being run; rows emitted outside a document (at the
/// script's top level) are refused.
private final class RowCollector {
    private var rows: [LuaTable] = []
    private var open = false

    func start() {
        rows.removeAll(keepingCapacity: true)
        open = true
    }

    func add(_ row: LuaTable) throws {
        guard open else {
            throw LuaCallError.message("emit{…} can only be called while a document runs (from document(doc))")
        }
        rows.append(row)
    }

    func finish() -> [LuaTable] {
        open = false
        defer { rows.removeAll(keepingCapacity: true) }
        return rows
    }
}

/// A script that cannot run at all: it does not compile, fails at its top level, or lacks
/// `document`. The message names the script, the line and what to do.
public struct ScriptError: Error, CustomStringConvertible {
    /// The script's path.
    public var path: String
    /// The full message.
    public var message: String
    /// The Lua error behind it, if any.
    public var luaError: LuaError?

    init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(path: String, error: LuaError) {
        self.path = path
        self.luaError = error
        self.message = error.fullDescription
    }

    public var description: String { message }
}
