import ArgumentParser
import DocFormats
import DocModel

/// How documents are read: shared by every command that reads a corpus.
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Read every file as this format instead of guessing from its extension: \(DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "format"))
    var format: String?

    @Option(name: .customLong("text-field"), help: ArgumentHelp(
        "The JSON field or CSV column holding the text (default: text, then body, then content).", valueName: "name"))
    var textField: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp(
        "The JSON field or CSV column holding the document id; without one, file:record.", valueName: "name"))
    var idField: String = "id"

    @Option(help: ArgumentHelp(
        "Where a text file's title is: 'first-line' for corpora whose first line is the headline, or 'none'.",
        valueName: "where"))
    var title: String = "none"

    @Option(name: .customLong("max-doc-bytes"), help: ArgumentHelp(
        "Refuse files larger than this (after decompression). Suffixes K, M, G (×1024).", valueName: "size"))
    var maxDocBytes: Quantity = Quantity(64 << 20)

    func validate() throws {
        if let format, (try? DocumentFormat(parsing: format)) == nil {
            throw ValidationError("Unknown format '\(format)'; use one of: \(DocumentFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard title == "none" || title == "first-line" else {
            throw ValidationError("--title takes 'first-line' or 'none', not '\(title)'.")
        }
    }

    /// The options these flags describe.
    var formatOptions: FormatOptions {
        var options = FormatOptions()
        options.reader = ReaderOptions(titleFirstLine: title == "first-line", maxBytes: maxDocBytes.value)
        options.textField = textField
        options.idField = idField
        options.format = format.flatMap { try? DocumentFormat(parsing: $0) }
        return options
    }
}
