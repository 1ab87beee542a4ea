import ArgumentParser
import Foundation
import Plugins

/// `loupe plugin pack [DIR]`: a reproducible archive of a plugin.
struct PluginPack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack a plugin folder into a reproducible .tar.gz and print its SHA-256.",
        discussion: """
            The archive holds the plugin's files (not .git) under one folder NAME-VERSION/, \
            sorted, with fixed times, owners and modes, gzip-compressed without a timestamp: \
            packing the same files again gives the same bytes, so the SHA-256 identifies the \
            release. Prints `SHA256  FILE` on standard output.

            Exit codes: 0 packed; 2 no plugin.toml in DIR, a link in the folder, or an output \
            that cannot be written.

            Examples:
              loupe plugin pack
              loupe plugin pack quotes/ -o dist/quotes-1.2.0.tar.gz
            """)

    @Argument(help: ArgumentHelp("The plugin folder (default: the current folder).", valueName: "dir"))
    var dir: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("The archive to write (default: NAMESPACE-NAME-VERSION.tar.gz here).",
        valueName: "file"))
    var output: String?

    func run() throws {
        try PluginCLI.run { () throws(PluginError) in
            let manifest = try PluginManifest.load(folder: dir)
            try manifest.checkModuleFiles(in: dir)
            let base = "\(manifest.name.description.replacingOccurrences(of: "/", with: "-"))-\(manifest.version)"
            let path = output ?? base + ".tar.gz"
            let sum = try PluginArchive.pack(folder: dir, prefix: base, to: path)
            print("\(sum)  \(path)")
        }
    }
}

/// `loupe plugin verify [NAME]`: recompute checksums against the lock.
struct PluginVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check installed plugins against the lock: versions and the SHA-256 of their files.",
        discussion: """
            Recomputes the checksum of every locked plugin's files (or NAME's) and compares it \
            with loupe.lock (in a project) or the user folder's grants.toml (with --user or \
            outside a project). Each file that changed, appeared or went since installing is \
            named.

            Exit codes: 0 everything matches; 1 something differs; 2 not installed, or a lock \
            that cannot be read.

            Examples:
              loupe plugin verify
              loupe plugin verify mediaLab/quotes
            """)

    @Argument(help: ArgumentHelp("The plugin to check (default: all).", valueName: "name"))
    var name: String?

    @Flag(help: "Check your user folder rather than the project's.")
    var user = false

    func run() throws {
        let wanted = try name.map { (text) throws(ExitCode) in try PluginCLI.name(text) }
        var findings: [LockVerifier.Finding] = []
        var count = 0
        var lockName = ""
        try PluginCLI.run { () throws(PluginError) in
            let store = PluginCLI.store(yes: false)
            let scope = PluginCLI.scope(user: user, locations: store.locations)
            let lock = try LockFile.load(path: try store.lockPath(scope))
            lockName = PluginCLI.display(try store.lockPath(scope))
            if let wanted, lock[wanted] == nil { throw store.notInstalledError(wanted, scope, lock) }
            count = wanted == nil ? lock.plugins.count : 1
            findings = LockVerifier.check(lock: lock, folder: try store.folder(scope), only: wanted)
            if wanted == nil {
                findings += LockVerifier.strays(
                    lock: lock, folder: try store.folder(scope), lockName: (try store.lockPath(scope) as NSString).lastPathComponent)
            }
        }
        if !findings.isEmpty {
            PluginCLI.report(findings, lockName: lockName)
            throw ExitCode(ExitStatus.failure)
        }
        Diagnostics.error("loupe: \(count == 1 ? "1 plugin matches" : "\(count) plugins match") \(lockName)")
    }
}
