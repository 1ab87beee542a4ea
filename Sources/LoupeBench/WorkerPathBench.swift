// What a worker does per document, in this process and without pipes: reading, then running a
// script that does nothing, then one that visits every token — so that the cost of the runner
// around the script (document set-up, environments, calls) shows apart from the document model.
import DocFormats
import DocModel
import Foundation
import LoupeEngine
import LuaRuntime

enum WorkerPathBench {
    static func run(_ paths: [String], bytes: Int) {
        print("A worker's path, in this process (\(paths.count) files, best of 3)")
        let scripts = [
            ("read only (DocumentLoader)", nil as String?),
            ("document(doc) doing nothing", "function document(doc) end"),
            ("document(doc) segmenting, no Lua loop", "function document(doc) local t = doc:tokens() end"),
            ("visiting every token's text", "function document(doc) for t in doc:tokens() do local s = t.text end end"),
        ]
        var previous: Double?
        for (name, source) in scripts {
            guard let seconds = time(paths, source) else { return }
            var line = "  " + name.padding(toLength: 40, withPad: " ", startingAt: 0)
                + String(format: "%6.1f ms  %6.1f µs per document", seconds * 1000, seconds * 1e6 / Double(paths.count))
            if let previous { line += String(format: "  (+%.1f ms)", (seconds - previous) * 1000) }
            print(line)
            previous = seconds
        }
    }

    private static func time(_ paths: [String], _ source: String?) -> Double? {
        let runner: ScriptRunner?
        do {
            runner = try source.map {
                try ScriptRunner(
                    setup: WorkerSetup(path: "bench.lua", source: $0), limits: LuaLimits(instructions: nil, memory: nil),
                    print: { _ in })
            }
        } catch {
            print("  failed: \(error)")
            return nil
        }
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            for path in paths {
                for case .success(let document) in DocumentLoader.load(path: path) { _ = runner?.run(document) }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }
}
