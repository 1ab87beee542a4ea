import Aggregates
import DocFormats
import Foundation
import LoupeBindings

/// The golden tests of a plugin: each input file of `tests/golden/` is run through
/// `tests/golden/run.lua` (a script with `document(doc)`, and `finish` if it likes), and the
/// rows it emits, one JSON object per line (prefixed by the table's name and a tab when it is
/// not `rows`), must be the lines of `<case>.expected.json`. On a mismatch the failure shows a
/// unified diff; with `--update`, the expected files are written instead.
struct GoldenTests {
    let runner: PluginTestRunner
    let access: PluginRuntime

    func run(folder: String, display: String) -> PluginTestReport {
        var report = PluginTestReport()
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return report }
        let inputs = names.sorted().filter { name in
            !name.hasPrefix(".") && name != "run.lua" && !name.hasSuffix(".expected.json") && name != "README.md"
        }
        guard let source = manager.contents(atPath: folder + "/run.lua") else {
            if !inputs.isEmpty {
                report.failures.append(.init(
                    location: display, name: "", message: "golden inputs but no run.lua: add tests/golden/run.lua, a script whose emit{…} rows are compared"))
            }
            return report
        }
        for name in inputs {
            let base = String(name.prefix { $0 != "." })
            let expectedPath = folder + "/" + base + ".expected.json"
            let location = display + "/" + name
            let actual: [String]
            switch rows(input: folder + "/" + name, script: String(decoding: source, as: UTF8.self), scriptName: display + "/run.lua") {
            case .failure(let failure):
                // The first line says what failed (and where in run.lua); a traceback goes under it.
                let lines = failure.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                var reported = PluginTestRunner.failure(location, name: "golden '\(base)'", lines[0])
                reported.details = Array(lines.dropFirst())
                report.failures.append(reported)
                continue
            case .success(let lines):
                actual = lines
            }
            if runner.update {
                try? Data((actual.map { $0 + "\n" }.joined()).utf8).write(to: URL(fileURLWithPath: expectedPath))
                report.passed += 1
                continue
            }
            guard let data = manager.contents(atPath: expectedPath) else {
                report.failures.append(.init(
                    location: location, name: "golden '\(base)'",
                    message: "no \(base).expected.json; write it with 'loupe test --update' and check it by eye"))
                continue
            }
            let expected = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            let diff = LineDiff.unified(expected: expected, actual: actual, expectedName: display + "/" + base + ".expected.json")
            if diff.isEmpty {
                report.passed += 1
            } else {
                report.failures.append(.init(
                    location: location, name: "golden '\(base)'",
                    message: "the rows differ from \(base).expected.json (\(expected.count) expected, \(actual.count) emitted)",
                    details: diff))
            }
        }
        return report
    }

    private struct Failure: Error {
        var message: String
    }

    /// The rows `script` emits over the documents of `input`, as JSON lines.
    private func rows(input: String, script source: String, scriptName: String) -> Result<[String], Failure> {
        let printed = runner.print
        let script: ScriptRunner
        do throws(ScriptError) {
            script = try ScriptRunner(setup: WorkerSetup(path: scriptName, source: source, plugins: access), limits: runner.limits, print: printed)
        } catch {
            return .failure(Failure(message: error.message))
        }
        var lines: [String] = []
        var aggregates = AggregateSet()
        for (record, loaded) in DocumentLoader.load(path: input).enumerated() {
            switch loaded {
            case .failure(let error):
                return .failure(Failure(message: error.description))
            case .success(let document):
                switch script.run(document) {
                case .failure(let failure):
                    // The failure names the input first; the golden test's line names it already.
                    let message = failure.message.hasPrefix(input + ": ") ? String(failure.message.dropFirst(input.count + 2)) : failure.message
                    return .failure(Failure(message: message))
                case .success(let products):
                    lines += products.rows.map(Self.line)
                    if !products.aggregates.isEmpty {
                        do { try aggregates.merge(delta: products.aggregates, document: record) } catch {
                            return .failure(Failure(message: "\(error)"))
                        }
                    }
                }
            }
        }
        let finish = script.finish(aggregates: aggregates.encodeState())
        if let failure = finish.failure { return .failure(Failure(message: failure)) }
        return .success(lines + finish.rows.map(Self.line))
    }

    private static func line(_ row: EmittedRow) -> String {
        (row.table == "rows" ? "" : row.table + "\t") + JSONWriter.string(.table(row.fields))
    }
}
