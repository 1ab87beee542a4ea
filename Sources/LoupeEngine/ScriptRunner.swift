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

    private let state: LuaState
    private let environment: LuaReference
    private let documentFunction: LuaValue
    private let scriptName: String
    private let reader = PlainTextReader()
    private var pendingRows: [LuaTable] = []

    /// Loads and starts `script` (the script's top level runs here).
    ///
    /// - Parameters:
    ///   - source: the script's text; `path` names it in messages.
    ///   - limits: the budget per call and the memory cap.
    ///   - print: where the script's `print` goes (not the row output).
    /// - Throws: ``ScriptError`` when the script does not compile, fails at its top level,
    ///   or defines no `document` function.
    public init(
        source: String, path: String, limits: LuaLimits, print: @escaping (String) -> Void
    ) throws(ScriptError) {
        scriptName = path
        state = LuaState(limits: limits)
        do {
            environment = try state.makeSandbox(print: print)
            let chunk = try state.load(source, chunkName: "@" + path, environment: environment)
            environment.rawSet("emit", state.function { _ in
                throw LuaCallError.message("emit{…} can only be called while a document runs (from document(doc))")
            })
            try state.call(.function(chunk))
            documentFunction = (try? environment.rawGet("document")) ?? .nil
        } catch {
            throw ScriptError(path: path, error: error)
        }
        guard case .function = documentFunction else {
            throw ScriptError(
                path: path,
                message: "\(path): the script defines no function 'document'; add one: function document(doc) … end")
        }
        // Rows go to the pending list of the document being run, kept only if it succeeds.
        environment.rawSet("emit", EmitBinding.function(in: state) { [unowned self] in
            self.pendingRows.append($0)
        })
    }

    /// Runs the script over each file in turn.
    ///
    /// - Parameters:
    ///   - paths: the files, in the order their rows are written.
    ///   - rows: receives each row of each successful document, in order.
    ///   - failure: receives one message per failed document (path, reason, traceback).
    public func run(
        paths: [String], rows: (LuaTable) -> Void, failure: (String) -> Void
    ) -> Summary {
        var summary = Summary()
        for path in paths {
            pendingRows.removeAll(keepingCapacity: true)
            do {
                let document = try reader.read(path: path)
                try state.call(documentFunction, DocumentBinding.value(of: document))
                summary.documents += 1
                summary.rows += pendingRows.count
                pendingRows.forEach(rows)
            } catch let error as DocumentError {
                summary.failures += 1
                failure("\(error.description)")
            } catch let error as LuaError {
                summary.failures += 1
                var message = "\(path): \(error.message)"
                if let traceback = error.traceback, error.kind == .runtime { message += "\n" + traceback }
                failure(message)
            } catch {
                summary.failures += 1
                failure("\(path): \(error)")
            }
        }
        pendingRows.removeAll()
        return summary
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
