// How long `loupe repl` takes to start on a large corpus folder: documents are read lazily, so
// it should not depend on the corpus's size (the target is 0.3 s for 2,000 files).
import Foundation

enum ReplStartupBench {
    static func run() {
        let corpus = CorpusBench.corpus
        guard FileManager.default.fileExists(atPath: corpus) else {
            print("\(corpus) not found: skipping the REPL start-up benchmark (it needs the shared BBC corpus)")
            return
        }
        let loupe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("loupe").path
        guard FileManager.default.isExecutableFile(atPath: loupe) else {
            print("\(loupe) not found: build it first (swift build -c release --product loupe)")
            return
        }
        // Piped input: the session starts (corpus listed, first document read, Lua state made),
        // runs `:quit` and exits. A terminal adds only the banner and libedit's set-up.
        var fastest = Double.infinity
        var files = 0
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: loupe)
            process.arguments = ["repl", "--no-history", corpus]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            do { try process.run() } catch {
                print("cannot run \(loupe): \(error)")
                return
            }
            input.fileHandleForWriting.write(Data("#corpus\n:quit\n".utf8))
            try? input.fileHandleForWriting.close()
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            files = Int(String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        print("REPL start-up (loupe repl \(corpus), \(files) documents, read lazily)")
        print(String(format: "  start, first document, :quit, exit: %.3f s (best of 5; target ≤ 0.3 s)", fastest))
    }
}
