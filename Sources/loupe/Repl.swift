import ArgumentParser
import DocFormats
import DocModel
import LoupeBindings
import LoupeEngine
import LoupeRepl
import LuaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// `loupe repl`: a Lua prompt with the document model, over a corpus read lazily.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Try Lua on documents at an interactive prompt.",
        discussion: """
            A Lua 5.4 prompt in the same sandbox as scripts, with the whole API. Given a corpus, \
            `doc` is its first document and `corpus` all of them (#corpus, corpus[i], \
            corpus:find(id), for d in corpus do … end); files are read when first used, so a \
            large folder opens at once. Expressions print without `return`: tables in Lua \
            syntax, documents as a summary, spans in their context. Tab completes names, \
            fields and methods; history is kept in $XDG_STATE_HOME/loupe/history; Ctrl-C stops \
            running code; :help lists the commands (:doc, :next, :find, :load, :time, :reset, \
            :quit) and `:help NAME` shows an API entry. NO_COLOR turns colours off.

            With standard input not a terminal, chunks are read from it without prompts or \
            editing (the exit status is 1 if any failed).

            Examples:
              loupe repl examples/articles/
              loupe repl --title first-line ~/corpora/bbc/
              loupe repl                                   # no corpus: loupe.document("text") makes one
              loupe repl --allow fs.read=~/gazetteers corpus/   # loupe.fs.read may read there
              echo 'doc.meta.date' | loupe repl examples/articles/rail-strike.txt
            """)

    @Argument(help: ArgumentHelp("Files, folders or glob patterns of the corpus (optional).", valueName: "corpus"))
    var corpus: [String] = []

    @Flag(help: "Neither read nor write the history file.")
    var noHistory = false

    @OptionGroup(title: "Reading") var readingOptions: ReadingOptions
    @OptionGroup(title: "Limits") var limitOptions: LimitOptions
    @OptionGroup(title: "Permissions") var permissions: PermissionOptions

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1
        var lazyCorpus: LazyCorpus?
        if !corpus.isEmpty {
            do throws(DocumentError) {
                let paths = try CorpusPaths.list(CorpusArguments.expand(corpus))
                lazyCorpus = CorpusEntries.corpus(paths: paths, options: readingOptions.formatOptions)
            } catch {
                throw usageFailure(error.description)
            }
        }
        var configuration = ReplSession.Configuration(version: LoupeVersion.current)
        configuration.limits = limitOptions.limits
        configuration.plugins = try permissions.plugins(scriptFolder: ".", corpus: CorpusArguments.expand(corpus))
        configuration.style = ReplStyle.forOutput(STDOUT_FILENO)
        configuration.output = { writeAll($0 + "\n", to: STDOUT_FILENO) }
        configuration.errors = { Diagnostics.error($0) }
        configuration.emit = { table, row in
            writeAll((table == "rows" ? "" : table + "\t") + JSONWriter.string(.table(row)) + "\n", to: STDOUT_FILENO)
        }
        configuration.interruptOnControlC = interactive
        let session: ReplSession
        do throws(LuaError) {
            session = try ReplSession(corpus: lazyCorpus, configuration: configuration)
        } catch {
            Diagnostics.error("loupe: \(error.message)")
            throw ExitCode(ExitStatus.failure)
        }
        let lines: LineSource
        if interactive {
            writeAll(banner(session) + "\n", to: STDOUT_FILENO)
            lines = LineEditor(
                history: ReplHistory(path: noHistory ? nil : ReplHistory.defaultPath()),
                wordBreakCharacters: ReplSession.wordBreakCharacters,
                complete: { session.completions(for: $0) })
        } else {
            lines = StandardInputLines()
        }
        let ok = ReplLoop.run(session, lines: lines)
        if !interactive, !ok { throw ExitCode(ExitStatus.failure) }
    }

    private func banner(_ session: ReplSession) -> String {
        var text = "Loupe \(LoupeVersion.current) — :help for help, Ctrl-D to leave"
        if let corpus = session.corpus {
            text += "\ncorpus: \(LuaLimits.formatCount(corpus.count)) document\(corpus.count == 1 ? "" : "s")"
                + (session.currentIndex != nil ? "; doc = corpus[1]" : "")
        }
        return text
    }
}
