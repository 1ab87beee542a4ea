import Foundation

/// Git repositories made in temporary folders for the plugin tests: there is no network, so
/// "remote" repositories are local bare ones.
public enum GitFixture {
    /// Runs `git arguments…` in `directory` with a fixed identity; returns standard output.
    @discardableResult
    public static func git(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Loupe Tests", "-c", "user.email=tests@loupe.invalid",
            "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFixtureError(message: "git \(arguments.joined(separator: " ")) failed in \(directory.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Makes a bare repository at `bare` whose history holds one commit per version, each
    /// with exactly `files` (relative path → contents) and tagged `tag`.
    public static func repository(at bare: URL, versions: [(tag: String, files: [String: String])]) throws {
        let work = URL(fileURLWithPath: bare.path + ".work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try git(["init", "-q"], in: work)
        for version in versions {
            try addVersion(version.tag, files: version.files, work: work)
        }
        try git(["clone", "-q", "--bare", work.path, bare.path], in: work)
    }

    /// Adds a commit with exactly `files`, tagged `tag`, to the bare repository at `bare`
    /// (through its working copy beside it).
    public static func addVersion(_ tag: String, files: [String: String], to bare: URL) throws {
        let work = URL(fileURLWithPath: bare.path + ".work")
        try addVersion(tag, files: files, work: work)
        try git(["push", "-q", bare.path, "HEAD:refs/heads/main", "refs/tags/\(tag)"], in: work)
    }

    private static func addVersion(_ tag: String, files: [String: String], work: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: work.path) where name != ".git" {
            try FileManager.default.removeItem(at: work.appendingPathComponent(name))
        }
        for (path, contents) in files {
            let url = work.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        try git(["add", "-A"], in: work)
        try git(["commit", "-q", "--allow-empty", "-m", tag], in: work)
        try git(["tag", tag], in: work)
    }

    /// The files of a minimal plugin: a manifest with `dependencies` (TOML lines for the
    /// `[dependencies]` table) and `extra` top-level lines, and one module.
    public static func pluginFiles(
        name: String, version: String, module: String, dependencies: [String] = [], extra: String = ""
    ) -> [String: String] {
        var manifest = "name = \"\(name)\"\nversion = \"\(version)\"\n\(extra)"
        if !dependencies.isEmpty { manifest += "\n[dependencies]\n" + dependencies.joined(separator: "\n") + "\n" }
        manifest += "\n[provides]\nmodules = [\"\(module)\"]\n"
        return ["plugin.toml": manifest, "\(module).lua": "return { version = \"\(version)\" }\n"]
    }
}

/// A git command of a test fixture failed.
public struct GitFixtureError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
