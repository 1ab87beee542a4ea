import Foundation

/// The `git` program, run as a child process: Loupe uses git's own transport and
/// credentials rather than a library, so whatever `git clone URL` can reach, Loupe can too.
enum Git {
    /// Runs `git arguments…` and returns its standard output.
    ///
    /// - Throws: ``PluginError`` quoting git's own message when it fails.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, what: String) throws(PluginError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        // Never wait for a password on a terminal the user does not see; messages in English.
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw PluginError(.system, "cannot start git to \(what)", hint: "install git (apt-get install git)")
        }
        let errorData = ErrorBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData.data = errors.fileHandleForReading.readDataToEndOfFile() }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData.data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw PluginError(.notFound, "git could not \(what): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private final class ErrorBox: @unchecked Sendable { var data = Data() }
}

/// A bare clone of a plugin's repository in a scratch folder, from which tags, manifests
/// and trees are read without touching the network again.
final class GitMirror {
    /// The repository as the user named it (a URL or a path).
    let url: String
    /// The bare clone.
    let path: String

    /// Clones `url` (bare) into a new folder under `scratch`.
    init(url: String, scratch: String) throws(PluginError) {
        self.url = url
        self.path = (scratch as NSString).appendingPathComponent("git-\(UUID().uuidString)")
        try Git.run(["clone", "--quiet", "--bare", url, path], what: "clone \(url)")
    }

    /// Every tag's name.
    func tags() throws(PluginError) -> [String] {
        try Git.run(["--git-dir", path, "tag", "--list"], what: "list the tags of \(url)")
            .split(separator: "\n").map(String.init)
    }

    /// The commit `ref` (a tag, branch or commit) points to.
    func commit(_ ref: String) throws(PluginError) -> String {
        do {
            return try Git.run(["--git-dir", path, "rev-parse", "--verify", "--quiet", ref + "^{commit}"], what: "find \(ref)")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw PluginError(.notFound, "\(url) has no tag or commit \(ref)", hint: "see its tags with `git ls-remote --tags \(url)`")
        }
    }

    /// The text of `file` at `ref`, or nil when it is not there.
    func file(_ file: String, at ref: String) -> String? {
        try? Git.run(["--git-dir", path, "show", "\(ref):\(file)"], what: "read \(file) at \(ref)")
    }

    /// Writes the tree at `ref` into `destination`, through `git archive` and the archive
    /// reader's checks.
    func export(_ ref: String, into destination: String) throws(PluginError) {
        let tar = path + "-\(UUID().uuidString).tar"
        defer { try? FileManager.default.removeItem(atPath: tar) }
        try Git.run(["--git-dir", path, "archive", "--format=tar", "-o", tar, ref], what: "export \(ref) of \(url)")
        try PluginArchive.extract(tar, into: destination)
    }
}
