import ArgumentParser
import Foundation
import LoupeEngine
import Plugins

#if canImport(Glibc)
import Glibc
#endif

/// What the plugin commands share: reporting errors, the store, asking for grants.
enum PluginCLI {
    /// Reports `error` after `loupe: ` and returns the exit code its kind calls for: 2 for
    /// usage errors and what cannot be found or read, 1 for the rest.
    static func failure(_ error: PluginError) -> ExitCode {
        Diagnostics.error("loupe: \(error)")
        switch error.kind {
        case .usage, .notFound, .invalidFile: return ExitCode(ExitStatus.usage)
        case .conflict, .integrity, .permission, .system: return ExitCode(ExitStatus.failure)
        }
    }

    /// Runs `body`, turning a ``PluginError`` into its message and exit code.
    static func run(_ body: () throws(PluginError) -> Void) throws(ExitCode) {
        do { try body() } catch { throw failure(error) }
    }

    /// The running Loupe's version.
    static var loupeVersion: SemanticVersion? { SemanticVersion(LoupeVersion.current) }

    /// The plugin folders as seen from the current directory.
    static var locations: Plugins.PluginLocations { Plugins.PluginLocations() }

    /// A store that asks for grants as `yes` says (see ``confirm(_:yes:)``).
    static func store(yes: Bool) -> PluginStore {
        PluginStore(locations: locations, loupeVersion: loupeVersion) { (requests) throws(PluginError) in
            try confirm(requests, yes: yes)
        }
    }

    /// The scope a command works on: the user folder with `--user` or without a project,
    /// else the project.
    static func scope(user: Bool, locations: Plugins.PluginLocations) -> PluginStore.Scope {
        user || locations.projectFile == nil ? .user : .project
    }

    /// Shows the permissions requested, then grants them with `yes`, asks on a terminal, or
    /// refuses when there is no terminal to ask on.
    static func confirm(_ requests: [PluginStore.GrantRequest], yes: Bool) throws(PluginError) -> Bool {
        var text = "loupe: these plugins ask for more than the sandbox allows:\n"
        for request in requests {
            text += "  \(request.name) \(request.version)\n"
            for line in request.permissions.summaryLines { text += "    \(line)\n" }
        }
        Diagnostics.error(text)
        if yes {
            Diagnostics.error("loupe: granted (--yes)")
            return true
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw PluginError(.permission, "permissions need granting and there is no terminal to ask on",
                hint: "run the command in a terminal to answer, or pass --yes to grant them")
        }
        writeAll("Grant these permissions? [y/N] ", to: STDERR_FILENO)
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// Prints `findings` (each file that differs from `lockName`, one a line) and what to do,
    /// as `loupe plugin verify` and `loupe run --frozen` both report them.
    static func report(_ findings: [LockVerifier.Finding], lockName: String) {
        for finding in findings {
            Diagnostics.error("loupe: \(finding.file.map(display) ?? finding.plugin.description): \(finding.problem)")
        }
        Diagnostics.error("loupe: installed plugins differ from \(lockName): \(LockVerifier.Finding.hint)")
    }

    /// `path` relative to the current directory when it is inside it, for shorter messages.
    static func display(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }

    /// Parses a plugin name argument, as a usage error when it is not one.
    static func name(_ text: String) throws(ExitCode) -> PluginName {
        do { return try PluginName(parsing: text) } catch {
            var error = error
            error.kind = .usage
            throw failure(error)
        }
    }
}
