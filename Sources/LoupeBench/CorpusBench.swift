// The corpus benchmarks: reading, cleaning and segmenting news text, and a script that visits
// every token, next to the plain lua5.4 interpreter doing `gmatch("%S+")` over the same files.
import DocFormats
import DocModel
import Foundation

enum CorpusBench {
    static let corpus = "../shared/corpus/bbc"

    /// The parts of the corpus benchmarks.
    enum Part { case all, spans }

    static func run(only part: Part = .all) {
        guard FileManager.default.fileExists(atPath: corpus) else {
            print("\(corpus) not found: skipping the corpus benchmarks (they need the shared BBC corpus)")
            return
        }
        let paths: [String]
        do {
            paths = try CorpusPaths.list([corpus + "/*.txt"])
        } catch {
            print("cannot list \(corpus): \(error)")
            return
        }
        let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        print("Corpus: \(corpus), \(paths.count) files, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
        if part == .spans { return SpanBench.run(paths) }
        readCleanSegment(paths, bytes: bytes)
        print()
        SpanBench.run(paths)
        print()
        tokenVisit(paths, bytes: bytes)
    }

    /// Reading, cleaning and segmenting (sentences and tokens) in this process, on one core,
    /// stage by stage.
    static func readCleanSegment(_ paths: [String], bytes: Int) {
        let files = paths.compactMap { try? FileBytes.read(path: $0, maxBytes: 64 << 20) }
        var tokens = 0
        func best(_ body: () -> Void) -> Double {
            var fastest = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return fastest
        }
        let read = best { for path in paths { _ = try? FileBytes.read(path: path, maxBytes: 64 << 20) } }
        let reader = PlainTextReader()
        let clean = best { for (path, data) in zip(paths, files) { _ = try? reader.document(path: path, bytes: data) } }
        let documents = zip(paths, files).compactMap { try? reader.document(path: $0, bytes: $1) }
        let paragraphs = best { for d in documents { _ = d.bytes.withUnsafeBufferPointer { Segmentation.paragraphs($0) } } }
        let sentences = best {
            for d in documents {
                _ = d.bytes.withUnsafeBufferPointer { SentenceSegmenter().sentences(in: $0, paragraphs: d.paragraphs.spans) }
            }
        }
        let tokenizer = Tokenizer()
        let tokenize = best {
            tokens = 0
            for d in documents { tokens += d.bytes.withUnsafeBufferPointer { tokenizer.tokens(in: $0, range: 0..<$0.count).spans.count } }
        }
        let total = read + clean + paragraphs + sentences + tokenize
        print("Read + clean + segment (one core, best of 3 per stage)")
        print(String(format: "  %.1f MB/s in all, %.0f documents/s, %.0f ns per token (%d tokens)",
                     Double(bytes) / total / 1e6, Double(paths.count) / total, total * 1e9 / Double(tokens), tokens))
        for (stage, seconds) in [("read", read), ("decode + header + clean", clean), ("paragraphs", paragraphs),
                                 ("sentences", sentences), ("tokens + features", tokenize)] {
            print("  " + stage.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "%6.1f ms  %7.1f MB/s", seconds * 1000, Double(bytes) / seconds / 1e6))
        }
        target(Double(bytes) / total / 1e6 >= 50, "target: at least 50 MB/s")
    }

    static func target(_ met: Bool, _ text: String) {
        print("  (\(text): \(met ? "met" : "NOT met"))")
    }

    /// A script visiting every token and reading its text, as a whole `loupe run`, next to
    /// plain lua5.4 reading the files and counting `%S+` words.
    static func tokenVisit(_ paths: [String], bytes: Int) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("tokens.lua").path
        let plain = directory.appendingPathComponent("plain.lua").path
        try? """
            local n = 0
            function document(doc)
              for t in doc:tokens() do local s = t.text; n = n + 1 end
            end
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try? """
            local n = 0
            for _, path in ipairs(arg) do
              local f = assert(io.open(path, "rb")); local text = f:read("a"); f:close()
              for w in text:gmatch("%S+") do n = n + 1 end
            end
            """.write(toFile: plain, atomically: true, encoding: .utf8)
        let loupe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loupe").path
        print("Visiting every token and reading its text (whole process, best of 3)")
        guard let reference = measure(["/usr/bin/lua5.4", plain] + paths) else {
            print("  plain lua5.4 interpreter: not found (apt-get install lua5.4)")
            return
        }
        report("plain lua5.4, text:gmatch(\"%S+\")", reference, bytes: bytes, reference: nil)
        guard FileManager.default.fileExists(atPath: loupe) else {
            print("  \(loupe) not built: run `swift build -c release --product loupe`")
            return
        }
        var best = Double.infinity
        if let counted = measure([loupe, "run", "-q", script] + paths) {
            report("loupe run (instruction budget counted)", counted, bytes: bytes, reference: reference)
            best = min(best, counted.seconds)
        }
        if let free = measure([loupe, "run", "-q", "--max-instructions", "0", script] + paths) {
            report("loupe run --max-instructions 0", free, bytes: bytes, reference: reference)
            best = min(best, free.seconds)
        }
        target(best <= 2 * reference.seconds, "target: Loupe within 2× of plain Lua")
    }

    struct Measurement {
        var seconds: Double
        var peakBytes: Int
    }

    static func report(_ name: String, _ m: Measurement, bytes: Int, reference: Measurement?) {
        let ratio = reference.map { String(format: "%5.2f×", m.seconds / $0.seconds) } ?? "1.00×"
        print("  " + name.padding(toLength: 44, withPad: " ", startingAt: 0)
            + String(format: "%6.2f s  %6.1f MB/s  %s  peak %.0f MiB", m.seconds, Double(bytes) / m.seconds / 1e6,
                     ratio, Double(m.peakBytes) / 1_048_576))
    }

    /// The best wall time of three runs of `command`, and its peak resident memory.
    static func measure(_ command: [String]) -> Measurement? {
        guard FileManager.default.isExecutableFile(atPath: command[0]) else { return nil }
        var best: Measurement?
        for _ in 0..<3 {
            var pid: pid_t = 0
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
            defer { for arg in argv { free(arg) } }
            let start = DispatchTime.now().uptimeNanoseconds
            guard posix_spawn(&pid, command[0], &actions, nil, &argv, environ) == 0 else { return nil }
            var status: Int32 = 0
            var usage = rusage()
            wait4(pid, &status, 0, &usage)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let run = Measurement(seconds: seconds, peakBytes: usage.ru_maxrss * 1024)
            if best == nil || seconds < best!.seconds { best = run }
        }
        return best
    }
}
