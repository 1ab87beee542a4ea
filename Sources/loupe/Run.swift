import ArgumentParser
import DocFormats
import DocModel
import LoupeEngine
import LuaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// `loupe run`: run a script over documents and write its rows.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a script's document(doc) over a corpus and write its rows as JSON lines.",
        discussion: """
            The script is a Lua file that defines document(doc); Loupe calls it once per \
            document and writes every row the script passes to emit{...} as one JSON object per \
            line on standard output. The script's print() goes to standard error, with the \
            failures and the final summary. `loupe docs` describes everything doc offers.

            The corpus is files, folders (read recursively, in path order) and glob patterns \
            ('corpus/**/*.txt'). Text (.txt, .md), HTML, JSON, JSON Lines, CSV and TSV files are \
            read, each optionally gzip-compressed (.gz); a JSON, JSON Lines, CSV or TSV file \
            holds one document per record.

            A document that cannot be read, or on which the script fails, is reported with its \
            path, the script's line and a traceback; its rows are dropped and the others still \
            run (exit code 1).

            Examples:
              loupe run scripts/word-count.lua examples/
              loupe run scripts/word-count.lua 'examples/*.txt' > counts.jsonl
              loupe run --title first-line my-script.lua ../shared/corpus/bbc
              loupe run --text-field body --id-field url my-script.lua articles.jsonl.gz
              loupe run --max-instructions 50m my-script.lua notes.txt
            """
    )

    @Argument(help: "The Lua script that defines document(doc).")
    var script: String

    @Argument(help: "The corpus: files, folders and glob patterns.")
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print no summary.")
    var quiet = false

    @OptionGroup(title: "Reading") var reading: ReadingOptions
    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to run the script on.") }
    }

    func run() throws {
        let source: String
        do {
            source = try readScript(script)
        } catch {
            throw usageFailure("cannot read script '\(script)': \(error.reason)")
        }
        let paths: [String]
        do {
            paths = try CorpusPaths.list(files)
        } catch {
            throw usageFailure(error.description)
        }
        let runner: ScriptRunner
        do {
            runner = try ScriptRunner(
                source: source, path: script, limits: limitOptions.limits, options: reading.formatOptions,
                print: { Diagnostics.error($0) })
        } catch {
            Diagnostics.error("loupe: " + error.description)
            throw ExitCode(ExitStatus.failure)
        }
        let output = StandardOutput()
        let summary = runner.run(
            paths: paths,
            rows: { output.write(JSONWriter.string(.table($0)) + "\n") },
            failure: { Diagnostics.error("loupe: " + $0) })
        output.flush()
        if !quiet {
            let failures = summary.failures == 1 ? "1 failure" : "\(summary.failures) failures"
            let documents = summary.documents + summary.failures
            Diagnostics.error(
                "loupe: \(summary.documents) of \(documents) documents done, \(summary.rows) rows, \(failures)")
        }
        if summary.failures > 0 { throw ExitCode(ExitStatus.failure) }
    }

    private func readScript(_ path: String) throws(DocumentError) -> String {
        try PlainTextReader().read(path: path).text
    }
}
