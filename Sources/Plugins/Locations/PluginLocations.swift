import Foundation

/// The folders plugins live in, in order of precedence: the project's, the user's, Loupe's own.
///
/// - **project**: `loupe_plugins/` beside the nearest `loupe.toml`, found walking up from the
///   current directory (none when there is no `loupe.toml`);
/// - **user**: `$XDG_DATA_HOME/loupe/plugins` (by default `~/.local/share/loupe/plugins`);
/// - **bundled**: `$LOUPE_BUNDLED_PLUGINS` if set, else the first `plugins/` folder holding a
///   README or a plugin found walking up from the executable's folder (a source checkout),
///   else `<prefix>/share/loupe/plugins` for an executable in `<prefix>/bin`.
///
/// Inside each, a plugin is installed at `<folder>/<namespace>/<name>/` or `<folder>/<name>/`.
/// A plugin in a folder earlier in the list hides one of the same name later on.
///
/// ```swift
/// let locations = PluginLocations()
/// let plugins = try locations.discover()          // [InstalledPlugin], by precedence
/// let quotes = try locations.plugin(named: PluginName(parsing: "mediaLab/quotes"))
/// ```
public struct PluginLocations: Sendable {
    /// Which of the three folders a plugin was found in.
    public enum Kind: String, Sendable, CaseIterable {
        /// The project's `loupe_plugins/`.
        case project
        /// The user's plugin folder.
        case user
        /// The plugins that ship with Loupe.
        case bundled
    }

    /// One folder plugins are installed in.
    public struct Location: Hashable, Sendable {
        /// Which folder this is.
        public var kind: Kind
        /// Its path (it may not exist yet).
        public var directory: String
    }

    /// The project's `loupe.toml`, if a project was found.
    public var projectFile: String?
    /// The project's plugin folder (`loupe_plugins/` beside `loupe.toml`), if any.
    public var project: String?
    /// The user's plugin folder.
    public var user: String
    /// The bundled plugins' folder, if one was found.
    public var bundled: String?

    /// The file name of a project file.
    public static let projectFileName = "loupe.toml"
    /// The file name of a lockfile, beside the project file.
    public static let lockFileName = "loupe.lock"
    /// The project's plugin folder's name, beside the project file.
    public static let projectPluginsFolderName = "loupe_plugins"

    /// Makes a set of locations from explicit folders (for tests).
    public init(projectFile: String?, user: String, bundled: String?) {
        self.projectFile = projectFile
        self.project = projectFile.map {
            (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent(Self.projectPluginsFolderName)
        }
        self.user = user
        self.bundled = bundled
    }

    /// Finds the folders as described above.
    ///
    /// - Parameters:
    ///   - environment: where `LOUPE_BUNDLED_PLUGINS`, `XDG_DATA_HOME` and `HOME` come from.
    ///   - currentDirectory: where the search for `loupe.toml` starts.
    ///   - executablePath: the running program, where the search for bundled plugins starts.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String = PluginLocations.currentExecutablePath
    ) {
        self.init(
            projectFile: Self.findProjectFile(from: currentDirectory),
            user: Self.userFolder(environment: environment),
            bundled: Self.bundledFolder(environment: environment, executablePath: executablePath))
    }

    /// The folders that exist or may be searched, in precedence order.
    public var searchOrder: [Location] {
        var locations: [Location] = []
        if let project { locations.append(Location(kind: .project, directory: project)) }
        locations.append(Location(kind: .user, directory: user))
        if let bundled { locations.append(Location(kind: .bundled, directory: bundled)) }
        return locations
    }

    /// The folder of `kind`, if there is one.
    public func directory(_ kind: Kind) -> String? {
        switch kind {
        case .project: project
        case .user: user
        case .bundled: bundled
        }
    }

    /// The lockfile beside the project file, if there is a project.
    public var lockFile: String? {
        projectFile.map { (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent(Self.lockFileName) }
    }

    // MARK: - Finding the folders

    /// The running program's path (through `/proc/self/exe` on Linux).
    public static var currentExecutablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The nearest `loupe.toml` at or above `directory`.
    public static func findProjectFile(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            let candidate = (folder as NSString).appendingPathComponent(projectFileName)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    /// `$XDG_DATA_HOME/loupe/plugins`, or `$HOME/.local/share/loupe/plugins`.
    public static func userFolder(environment: [String: String]) -> String {
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return (data as NSString).appendingPathComponent("loupe/plugins")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/loupe/plugins")
    }

    /// The bundled plugins' folder (see the type's description).
    public static func bundledFolder(environment: [String: String], executablePath: String) -> String? {
        if let explicit = environment["LOUPE_BUNDLED_PLUGINS"], !explicit.isEmpty { return explicit }
        let executableFolder = (URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().path as NSString)
            .deletingLastPathComponent
        var folder = executableFolder
        while true {
            let candidate = (folder as NSString).appendingPathComponent("plugins")
            if isBundledFolder(candidate) { return candidate }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { break }
            folder = parent
        }
        let prefix = (executableFolder as NSString).deletingLastPathComponent
        let shared = (prefix as NSString).appendingPathComponent("share/loupe/plugins")
        return FileManager.default.fileExists(atPath: shared) ? shared : nil
    }

    /// A `plugins/` folder counts when it holds a README or at least one plugin, so an
    /// unrelated `plugins/` folder (SwiftPM's `.build/plugins`) is passed over.
    private static func isBundledFolder(_ path: String) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else { return false }
        if entries.contains(where: { $0.lowercased().hasPrefix("readme") }) { return true }
        return entries.contains { entry in
            let folder = (path as NSString).appendingPathComponent(entry)
            return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(PluginManifest.fileName))
        }
    }
}
