import Foundation

/// The lines typed at the prompt, kept across sessions in `$XDG_STATE_HOME/loupe/history`
/// (by default `~/.local/state/loupe/history`).
///
/// Blank entries are not kept, and an entry typed again moves to the end instead of being
/// stored twice. The file holds one entry per line, a multi-line chunk with its line breaks
/// written `\n` (and backslashes `\\`); it keeps the last ``limit`` entries.
public struct ReplHistory {
    /// Where the history is kept (nil: nowhere, for this session only).
    public let path: String?
    /// The entries, oldest first.
    public private(set) var entries: [String] = []
    /// How many entries the file keeps.
    public static let limit = 1_000

    /// The history at `path`, read now (empty when the file does not exist yet).
    public init(path: String?) {
        self.path = path
        guard let path, let data = FileManager.default.contents(atPath: path) else { return }
        entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Self.decode(String($0)) }
    }

    /// `$XDG_STATE_HOME/loupe/history`, or `$HOME/.local/state/loupe/history`; nil without either.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/loupe/history" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/loupe/history"
    }

    /// Adds `entry` (unless blank), moving an equal earlier entry to the end; returns whether
    /// the history changed.
    @discardableResult
    public mutating func add(_ entry: String) -> Bool {
        guard !entry.allSatisfy(\.isWhitespace), entries.last != entry else { return false }
        entries.removeAll { $0 == entry }
        entries.append(entry)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        return true
    }

    /// Writes the history to ``path`` (through a temporary file, so a crash never leaves half
    /// of it); a history that cannot be written is silently not kept.
    public func save() {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = entries.map(Self.encode).joined(separator: "\n") + "\n"
        try? Data(text.utf8).write(to: url, options: .atomic)
    }

    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for c in line {
            if escaped {
                out.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
