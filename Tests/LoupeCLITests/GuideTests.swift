import Foundation
import LoupeTestSupport
import Testing

/// docs/guide.md, run block by block, so that the guide cannot drift from the program.
///
/// The guide's fenced blocks are of three kinds, told apart by their info string:
/// - `sh`: how to install; only `make TARGET` lines, checked with `make -n` in the repository
///   (building here would rebuild the binary under test);
/// - any language with `file=PATH` (`lua file=first.lua`): the block is written to PATH;
/// - `console`: `$ command` lines, run one by one with `sh -c` in the reader's folder (a
///   scratch folder holding copies of `examples/` and `scripts/`, with `loupe` on the PATH); lines starting
///   with `> ` after a command are its standard input (a REPL session), and the other lines
///   are what it prints (standard output and standard error, as a terminal shows them). In
///   expected lines, `...` alone stands for any number of lines, and `...` within a line for
///   any text (times, sizes). `$ cd DIR` changes the folder of the commands after it.
///
/// Any other block fails the test: every block of the guide is run.
@Suite struct GuideTests {
    @Test func everyBlockOfTheGuideRunsAsWritten() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/guide.md"), encoding: .utf8)
        let blocks = GuideBlock.parse(guide)
        #expect(blocks.count >= 10, "docs/guide.md has \(blocks.count) code blocks")
        try withTemporaryDirectory { reader in
            for folder in ["examples", "scripts"] {
                try FileManager.default.copyItem(
                    at: repositoryRoot.appendingPathComponent(folder), to: reader.appendingPathComponent(folder))
            }
            var session = GuideSession(folder: reader)
            for block in blocks { try session.run(block) }
        }
    }
}

/// One fenced code block of the guide.
private struct GuideBlock {
    var info: [String]
    var lines: [String]
    /// Where the block starts in docs/guide.md, for messages.
    var line: Int

    var language: String { info.first ?? "" }

    /// The value of `key=value` in the info string.
    func attribute(_ key: String) -> String? {
        info.dropFirst().first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    static func parse(_ text: String) -> [GuideBlock] {
        var blocks: [GuideBlock] = []
        var open: GuideBlock?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                if let block = open {
                    blocks.append(block)
                    open = nil
                } else {
                    open = GuideBlock(info: line.dropFirst(3).split(separator: " ").map(String.init), lines: [], line: number + 1)
                }
            } else if open != nil {
                open!.lines.append(String(line))
            }
        }
        return blocks
    }
}

/// The reader's folder and environment as the guide goes on.
private struct GuideSession {
    var folder: URL
    var environment: [String: String]

    init(folder: URL) {
        self.folder = folder
        let bin = loupeExecutable.deletingLastPathComponent().path
        environment = [
            "PATH": bin + ":/usr/bin:/bin",
            "HOME": folder.path,
            "XDG_DATA_HOME": folder.appendingPathComponent(".local/share").path,
            "LOUPE_BUNDLED_PLUGINS": repositoryRoot.appendingPathComponent("plugins").path,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        ]
    }

    mutating func run(_ block: GuideBlock) throws {
        let place = "docs/guide.md:\(block.line)"
        if let path = block.attribute("file") {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (block.lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        switch block.language {
        case "sh": try checkInstall(block, place)
        case "console": try runConsole(block, place)
        default: Issue.record("\(place): a ```\(block.language) block without file=PATH is not run; give it one, or make it a console block")
        }
    }

    private func checkInstall(_ block: GuideBlock, _ place: String) throws {
        for line in block.lines where !line.isEmpty {
            guard line.hasPrefix("make ") else {
                Issue.record("\(place): install blocks hold only `make TARGET` lines, not `\(line)`")
                continue
            }
            let result = try shell("make -n " + line.dropFirst(5), in: repositoryRoot, stdin: "")
            #expect(result.status == 0, "\(place): `\(line)` is not a working target: \(result.output)")
        }
    }

    private mutating func runConsole(_ block: GuideBlock, _ place: String) throws {
        var commands: [(command: String, input: [String], expected: [String])] = []
        for line in block.lines {
            if line.hasPrefix("$ ") {
                commands.append((String(line.dropFirst(2)), [], []))
            } else if commands.isEmpty {
                Issue.record("\(place): a console block starts with `$ command`, not `\(line)`")
                return
            } else if line.hasPrefix("> ") || line == ">" {
                commands[commands.count - 1].input.append(String(line.dropFirst(2)))
            } else {
                commands[commands.count - 1].expected.append(line)
            }
        }
        for (command, input, expected) in commands {
            if command.hasPrefix("cd ") {
                folder = folder.appendingPathComponent(String(command.dropFirst(3)))
                continue
            }
            let stdin = input.isEmpty ? "" : input.joined(separator: "\n") + "\n"
            let result = try shell(command, in: folder, stdin: stdin)
            // CSV files end their lines in CRLF; the guide shows lines.
            let actual = result.output.replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let printed = actual.last == "" ? Array(actual.dropLast()) : actual
            #expect(result.status == 0, "\(place): `\(command)` exited with \(result.status):\n\(result.output)")
            #expect(
                Self.matches(printed[...], expected.map { $0.trimmingTrailingSpaces }[...]),
                "\(place): `\(command)` printed:\n\(result.output)\nwhere the guide shows:\n\(expected.joined(separator: "\n"))")
        }
    }

    private func shell(_ command: String, in directory: URL, stdin: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>&1"]
        process.currentDirectoryURL = directory
        process.environment = environment
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether `actual` lines match `expected` ones, where an expected `...` line stands for
    /// any lines and `...` within a line for any text.
    static func matches(_ actual: ArraySlice<String>, _ expected: ArraySlice<String>) -> Bool {
        guard let pattern = expected.first else { return actual.isEmpty }
        if pattern == "..." {
            return (actual.startIndex...actual.endIndex).contains { matches(actual[$0...], expected.dropFirst()) }
        }
        guard let line = actual.first, lineMatches(line.trimmingTrailingSpaces, pattern) else { return false }
        return matches(actual.dropFirst(), expected.dropFirst())
    }

    private static func lineMatches(_ line: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "...")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]), line.hasSuffix(parts[parts.count - 1]),
              line.count >= parts[0].count + parts[parts.count - 1].count else { return false }
        var rest = line.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = rest.range(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
