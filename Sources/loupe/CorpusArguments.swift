/// Long lists of corpus paths, and the script's own arguments, kept away from the argument
/// parser.
///
/// What follows `--` belongs to the script (`loupe.args`): it is set aside whole, in
/// ``scriptArguments``, since the parser cannot take a list of paths followed by another list.
///
/// A shell glob over a corpus gives `loupe run` thousands of paths, and the argument parser's
/// cost grows with the square of their number (8,000 paths took two seconds). Before parsing,
/// each run of three or more consecutive plain arguments keeps its first two in place — the
/// first may be an option's value, the second the script — and the rest become one
/// marker, which ``expand(_:)`` turns back into the paths, in order.
enum CorpusArguments {
    nonisolated(unsafe) private static var stash: [[String]] = []
    /// What followed `--` on the command line.
    nonisolated(unsafe) private(set) static var scriptArguments: [String] = []
    private static let marker = "\u{1}loupe-corpus-"

    /// `arguments` with long runs of plain arguments replaced by markers, and without
    /// `--` and what follows it.
    static func compact(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var run: [String] = []
        func flush() {
            out += run.prefix(2)
            if run.count > 2 {
                stash.append(Array(run.dropFirst(2)))
                out.append(marker + String(stash.count - 1))
            }
            run.removeAll()
        }
        for (position, argument) in arguments.enumerated() {
            if argument == "--" {
                flush()
                scriptArguments = Array(arguments[(position + 1)...])
                return out
            }
            if argument.hasPrefix("-") && argument != "-" {
                flush()
                out.append(argument)
            } else {
                run.append(argument)
            }
        }
        flush()
        return out
    }

    /// `files` with markers replaced by the paths they stand for.
    static func expand(_ files: [String]) -> [String] {
        files.flatMap { file -> [String] in
            guard file.hasPrefix(marker), let index = Int(file.dropFirst(marker.count)), stash.indices.contains(index)
            else { return [file] }
            return stash[index]
        }
    }
}
