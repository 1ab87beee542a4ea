/// What the Lua side needs to know about plugins for one run: which plugins are installed,
/// which modules each provides, what each was granted, and what the main script was granted.
///
/// It is plain data, so that it crosses to worker processes in the setup message. The store
/// (discovery, manifests, grants, the lockfile) fills it in; the bindings only enforce it:
/// `require` resolves modules of these plugins only, each plugin's modules run in that
/// plugin's own environment, and `loupe.fs` / `loupe.exec` check every path against the
/// caller's grants.
///
/// ```swift
/// var plugins = PluginRuntime()
/// plugins.plugins = [.init(name: "mediaLab/quotes", root: "/p/quotes", modules: ["quotes"])]
/// plugins.script = PluginRuntime.Permissions(read: ["/home/u/gazetteers"])
/// ```
public struct PluginRuntime: Equatable, Sendable {
    /// An installed plugin as the runtime sees it.
    public struct Plugin: Equatable, Sendable {
        /// Its name, with its namespace if it has one (`mediaLab/quotes`).
        public var name: String
        /// Its folder (absolute); module `a.b` is `a/b.lua` or `a/b/init.lua` under it.
        public var root: String
        /// The modules it provides (`quotes`, `quotes.rules`).
        public var modules: [String]
        /// What the user granted it beyond its own folder and the corpus.
        public var granted: Permissions
        /// What its manifest asks for (so a refusal can say whether installing can grant it).
        public var requested: Permissions

        /// A plugin named `name` in `root`.
        public init(
            name: String, root: String, modules: [String], granted: Permissions = Permissions(), requested: Permissions = Permissions()
        ) {
            self.name = name
            self.root = root
            self.modules = modules
            self.granted = granted
            self.requested = requested
        }
    }

    /// What code may do beyond reading its own folder and the corpus.
    public struct Permissions: Equatable, Sendable {
        /// Folders (or files) it may read, as path prefixes; `~` is the home folder.
        public var read: [String]
        /// Folders (or files) it may write.
        public var write: [String]
        /// Whether it may run programs (`loupe.exec`).
        public var exec: Bool

        /// Permissions; none by default.
        public init(read: [String] = [], write: [String] = [], exec: Bool = false) {
            self.read = read
            self.write = write
            self.exec = exec
        }

        /// These permissions and `other`'s.
        public func union(_ other: Permissions) -> Permissions {
            Permissions(read: read + other.read, write: write + other.write, exec: exec || other.exec)
        }
    }

    /// A folder where plugins were looked for, for the message of a module not found.
    public struct Folder: Equatable, Sendable {
        /// Its path as the user would write it.
        public var path: String
        /// What kind of location it is: `project`, `user` or `bundled`.
        public var label: String

        /// A searched folder.
        public init(path: String, label: String) {
            self.path = path
            self.label = label
        }
    }

    /// The installed plugins; when two provide the same module, the first wins.
    public var plugins: [Plugin]
    /// Where plugins were looked for, in order of precedence.
    public var searchedFolders: [Folder]
    /// What the main script (or the REPL, or `loupe lua`) was granted (`--allow`).
    public var script: Permissions
    /// The folder the script's relative paths start from (the script's own folder).
    public var scriptRoot: String
    /// The corpus of the run: files and folders every caller may read.
    public var corpus: [String]

    /// A runtime with no plugins and no grants.
    public init(
        plugins: [Plugin] = [], searchedFolders: [Folder] = [], script: Permissions = Permissions(),
        scriptRoot: String = ".", corpus: [String] = []
    ) {
        self.plugins = plugins
        self.searchedFolders = searchedFolders
        self.script = script
        self.scriptRoot = scriptRoot
        self.corpus = corpus
    }

    /// The plugin that provides `module`, if any (the first in precedence order).
    public func provider(of module: String) -> Int? {
        plugins.firstIndex { $0.modules.contains(module) }
    }
}
