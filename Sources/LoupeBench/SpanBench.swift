// The Lua side of visiting spans, in this process: what a script pays per token for
// `for t in doc:tokens() do … end`, with segmentation done beforehand, through the C fast path
// (SpanFastPath in LoupeBindings) and through the Swift fields alone.
import DocFormats
import DocModel
import Foundation
import LoupeBindings
import LuaRuntime

enum SpanBench {
    /// Enough documents for a steady figure, few enough for a quick run.
    static let documentCount = 400

    static func run(_ paths: [String]) {
        let reader = PlainTextReader()
        let documents = paths.prefix(documentCount).compactMap { path in
            (try? FileBytes.read(path: path, maxBytes: 64 << 20)).flatMap { try? reader.document(path: path, bytes: $0) }
        }
        let tokens = documents.reduce(0) { $0 + $1.tokens.count }
        print("Visiting spans in Lua, in this process (\(documents.count) documents, \(tokens) tokens; ns per token visited)")
        let bodies = [
            ("for t in doc:tokens() do n = n + 1 end", "iteration only"),
            ("for t in doc:tokens() do local s = t.text n = n + 1 end", "iteration + t.text"),
            ("for t in doc:tokens() do local a, b = t.start, t.stop n = n + 1 end", "iteration + t.start, t.stop"),
        ]
        do {
            for (body, name) in bodies {
                let fast = try nanosecondsPerToken(body, documents, tokens: tokens, fastPath: true)
                let plain = try nanosecondsPerToken(body, documents, tokens: tokens, fastPath: false)
                print("  " + name.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + String(format: "C fast path %6.1f ns   Swift fields %6.1f ns   %5.2f× faster", fast, plain, plain / fast))
            }
        } catch {
            print("  failed: \(error)")
        }
    }

    /// The best of three: visiting each document's spans 11 times less visiting them once,
    /// over 10 visits of every token (so the cost of pushing the document drops out).
    static func nanosecondsPerToken(_ body: String, _ documents: [Document], tokens: Int, fastPath: Bool) throws -> Double {
        let environment = try ScriptEnvironment(
            limits: .none, version: "bench", print: { _ in }, emit: { _, _ in }, spanFastPath: fastPath)
        let visit = try environment.state.load(
            "local doc, rounds = ... local n = 0 for r = 1, rounds do \(body) end return n",
            chunkName: "=spanbench", environment: environment.sandbox)
        func time(rounds: Int64) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for document in documents {
                _ = try environment.state.call(.function(visit), environment.value(of: document), .integer(rounds))
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start)
        }
        var best = Double.infinity
        for _ in 0..<3 {
            best = min(best, try time(rounds: 11) - time(rounds: 1))
        }
        return best / Double(10 * tokens)
    }
}
