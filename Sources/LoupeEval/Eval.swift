import Foundation

/// `make eval`: measures extraction quality against the gold data in ../shared/corpus.
///
/// ```
/// $ LoupeEval html                  # ../shared/corpus/html
/// $ LoupeEval html path/to/html     # a directory with index.tsv and pages/
/// $ LoupeEval text page.html        # what the reader makes of one page
/// ```
///
/// Exits 1 when a quality bar is missed, 2 on a usage error, 0 otherwise (also when the data
/// is absent: the evaluation is then skipped, and says so).
@main
enum LoupeEval {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let task = arguments.isEmpty ? "html" : arguments.removeFirst()
        switch task {
        case "html" where arguments.count <= 1:
            exit(HTMLEvaluation.run(directory: arguments.first ?? HTMLEvaluation.defaultDirectory))
        case "text" where arguments.count == 1:
            exit(HTMLEvaluation.show(path: arguments[0]))
        case "-h", "--help", "help":
            print(usage)
        default:
            FileHandle.standardError.write(Data("\(usage)\n".utf8))
            exit(2)
        }
    }

    static let usage = """
        usage: LoupeEval html [DIR]   score the HTML reader (DIR defaults to \(HTMLEvaluation.defaultDirectory))
               LoupeEval text PAGE    print the metadata and text the HTML reader finds in PAGE
        """
}
