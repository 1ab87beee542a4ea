import Foundation
import LoupeEngine

#if canImport(Glibc)
import Glibc
#endif

/// What `loupe run` tells people on standard error: failures as they happen, the script's
/// printed lines, a progress bar on a terminal, and a summary at the end.
final class RunFeedback {
    private let quiet: Bool
    private let verbose: Bool
    private let files: [String]
    /// A progress bar only when standard error is a terminal (never in a pipe or a log).
    private let showsBar: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var barShown = false
    /// A REPL session has the terminal: no bar meanwhile.
    private var paused = false
    private var filesDone = 0
    private var summary = CorpusRun.Summary()

    /// Feedback on a run over `files`.
    init(files: [String], quiet: Bool, verbose: Bool) {
        self.files = files
        self.quiet = quiet
        self.verbose = verbose
        showsBar = !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func failed(_ failure: DocumentFailure) {
        clear()
        Diagnostics.error("loupe: " + failure.message)
    }

    func printed(_ line: String) {
        clear()
        Diagnostics.error(line)
    }

    func progress(filesDone: Int, summary: CorpusRun.Summary) {
        self.filesDone = filesDone
        self.summary = summary
        if verbose {
            clear()
            Diagnostics.error("loupe: done \(files[filesDone - 1])")
        }
        guard showsBar, !paused, Date().timeIntervalSince(lastDraw) >= 0.1 || filesDone == files.count else { return }
        lastDraw = Date()
        drawBar()
    }

    /// Erases the bar and draws none until ``resume()`` (a REPL session has the terminal).
    func pause() {
        clear()
        paused = true
    }

    /// Draws the bar again from the next file on.
    func resume() {
        paused = false
    }

    /// Erases the progress bar (before other text, or at the end).
    func clear() {
        guard barShown else { return }
        writeAll("\r\u{1B}[2K", to: STDERR_FILENO)
        barShown = false
    }

    func interrupted() {
        clear()
        Diagnostics.error("loupe: interrupted after \(filesDone) of \(files.count) files; " + counts())
    }

    func finished(_ summary: CorpusRun.Summary) {
        self.summary = summary
        clear()
        guard !quiet else { return }
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        var line = "loupe: " + counts()
        let documents = summary.documents + summary.failed
        line += String(format: " in %.1f s (%@ read; %.0f documents/s, %.1f MB/s)", seconds, Self.amount(summary.bytes),
                       Double(documents) / seconds, Double(summary.bytes) / seconds / 1e6)
        if summary.stoppedEarly { line += "; stopped early (--fail-fast or --max-failures)" }
        Diagnostics.error(line)
    }

    /// "12 documents done, 1 skipped (unreadable), 2 failed (1 script error, 1 timeout); rows: 30".
    private func counts() -> String {
        var parts = ["\(summary.documents) \(summary.documents == 1 ? "document" : "documents") done"]
        let skipped = summary.failures[.unreadable] ?? 0
        if skipped > 0 { parts.append("\(skipped) skipped (unreadable)") }
        let kinds: [(DocumentFailure.Kind, String)] = [(.script, "script error"), (.timeout, "timeout"), (.crash, "crash")]
        let failed = kinds.compactMap { kind, name -> String? in
            guard let n = summary.failures[kind], n > 0 else { return nil }
            return "\(n) \(name)\(n == 1 ? "" : "s")"
        }
        if !failed.isEmpty {
            let n = kinds.reduce(0) { $0 + (summary.failures[$1.0] ?? 0) }
            parts.append("\(n) failed (\(failed.joined(separator: ", ")))")
        }
        let rows = summary.rows.sorted { $0.key < $1.key }
        let total = rows.reduce(0) { $0 + $1.value }
        var rowText = "\(total) \(total == 1 ? "row" : "rows")"
        if rows.count > 1 { rowText += " (" + rows.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")" }
        parts.append(rowText)
        return parts.joined(separator: ", ")
    }

    /// "840 bytes", "12.3 kB", "5.1 MB", "2.0 GB".
    static func amount(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) \(bytes == 1 ? "byte" : "bytes")" }
        let (value, unit) = bytes < 1_000_000 ? (1e3, "kB") : bytes < 1_000_000_000 ? (1e6, "MB") : (1e9, "GB")
        return String(format: "%.1f %@", Double(bytes) / value, unit)
    }

    private func drawBar() {
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        // By files: sizes are learnt as files are read, so the bytes still to come are unknown.
        let fraction = Double(filesDone) / Double(max(files.count, 1))
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = Double(summary.bytes) / seconds
        let eta = filesDone > 0 ? seconds * Double(files.count - filesDone) / Double(filesDone) : 0
        let documents = summary.documents + summary.failed
        var line = String(format: "%@ %d/%d files  %.0f docs/s  %.1f MB/s  ETA %d:%02d", bar, filesDone, files.count,
                          Double(documents) / seconds, rate / 1e6, Int(eta) / 60, Int(eta) % 60)
        if summary.failed > 0 { line += "  \(summary.failed) failed" }
        writeAll("\r\u{1B}[2K" + line, to: STDERR_FILENO)
        barShown = true
    }
}

/// Ctrl-C: the first one asks the run to stop cleanly; the run polls ``requested``.
enum Interruption {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Whether Ctrl-C was pressed.
    static var requested: Bool { flag != 0 }

    /// Leaves SIGINT to a REPL session on the terminal (a worker's), until ``install()``.
    static func suspend() {
        signal(SIGINT, SIG_IGN)
    }

    /// Catches SIGINT and SIGTERM from now on (unblocking them: a parent may have started
    /// Loupe with them blocked, and a blocked Ctrl-C would never arrive).
    static func install() {
        signal(SIGINT) { _ in Interruption.flag = 1 }
        signal(SIGTERM) { _ in Interruption.flag = 1 }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }
}
