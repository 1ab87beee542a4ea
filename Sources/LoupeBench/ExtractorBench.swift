import Foundation

/// The bundled extractors (plugins/) together on the corpus, as an analyst runs them:
/// `loupe run --jobs 2` with a script that annotates every document with each of them.
enum ExtractorBench {
    /// The extractors issue 7 asks for, in the order a script would require them.
    static let extractors = ["quotes", "entities", "figures", "dates"]

    static func run(bytes: Int, files: Int) {
        let loupe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loupe").path
        let plugins = URL(fileURLWithPath: loupe).deletingLastPathComponent()  // .build/release
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("plugins")
        let bundled = extractors.filter {
            FileManager.default.fileExists(atPath: plugins.appendingPathComponent($0).appendingPathComponent("plugin.toml").path)
        }
        print("Bundled extractors on the corpus (loupe run --jobs 2, best of 3)")
        let missing = extractors.filter { !bundled.contains($0) }
        if !missing.isEmpty { print("  not bundled yet: \(missing.joined(separator: ", "))") }
        guard !bundled.isEmpty, FileManager.default.fileExists(atPath: loupe) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-extractors-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("extract.lua").path
        let lines = bundled.map { "local \($0) = require \"\($0)\"" }
            + ["local found = loupe.counter(\"found\")", "function document(doc)"]
            + bundled.map { "  found:add(\"\($0)\", #\($0).annotate(doc))" }
            + ["end"]
        try? lines.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        guard let m = CorpusBench.measure([loupe, "run", "-q", "--jobs", "2", script, CorpusBench.corpus + "/*.txt"], rounds: 3) else { return }
        print("  " + bundled.joined(separator: " + ").padding(toLength: 44, withPad: " ", startingAt: 0)
            + String(format: "%6.2f s  %7.0f docs/s  %6.1f MB/s  ", m.seconds, Double(files) / m.seconds, Double(bytes) / m.seconds / 1e6)
            + CorpusBench.peak(m))
    }
}
