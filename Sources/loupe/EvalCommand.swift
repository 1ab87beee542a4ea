import ArgumentParser
import Foundation
import LoupeScoring

/// `loupe eval`: score predicted spans against gold annotations.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score the spans a script emitted against gold annotations: precision, recall, F1.",
        discussion: """
            Gold is brat standoff (.ann, the PolNeAR format) or JSON Lines \
            ({"doc": ID, "type": T, "start": s, "end": e}, code points, 0-based, end exclusive), \
            as files or folders searched recursively. A brat file's document is its text file's \
            stem: <id>.ann beside <id>.txt (or ../text/<id>.txt), otherwise <id>_<annotator>.ann; \
            of several annotators the lexicographically first is used. Spans no brat event refers \
            to, and event triggers, are left out.

            Predictions are the JSON Lines of `loupe run script.lua CORPUS -o pred.jsonl`: \
            "doc", a type (--type-field), char_start and char_stop (span.char_start, \
            span.char_stop: code points into doc.text, 1-based, inclusive; the span is \
            [char_start - 1, char_stop) in gold's terms) and optionally "rule" and "text". \
            Loupe drops residue lines and collapses white space in doc.text; against gold \
            made on the files, emit span.raw_start and span.raw_stop and pass --offsets raw.

            Matching is per document and type, one to one: exact (the same code points) or \
            overlap (any shared code point; greedy, largest overlap first, ties by position). \
            Scores are given per type, overall (micro-averaged) and, for precision, per rule. \
            Predictions for documents without gold are ignored, with a warning. Rows of one \
            document sharing a "group" value belong together (a quote's Content and its \
            Source); with them, --link Content:Source (the default then) says for how many \
            matched quotes the predicted Source overlaps the gold Source of the same attribution.

            Exit codes: 0 scored; 1 nothing to score (no gold span of the chosen types, or no \
            prediction names a document that has gold — check "doc" and the ids); 2 usage error \
            or a file that cannot be read (the message names file and line).

            Examples:
              loupe run scripts/quote-baseline.lua dev/text -o pred.jsonl
              loupe eval pred.jsonl --gold dev/attributions --offsets raw
              loupe eval pred.jsonl --gold dev --offsets raw --match overlap \\
                --gold-filter direct-quotes --types Content
              loupe eval pred.jsonl --gold gold.jsonl --rename quote=Content --json
              loupe eval old.jsonl --diff new.jsonl --gold dev --offsets raw
            """
    )

    @Argument(help: "The predictions: JSON Lines rows emitted by a Loupe script.")
    var predictions: String

    @Option(name: .long, help: "Gold annotations: .ann or .jsonl files, or folders of them (repeatable).")
    var gold: [String] = []

    @Option(help: "exact: the same code points; overlap: at least one shared code point.")
    var match: MatchMode = .exact

    @Option(help: "Score only these types (comma-separated), e.g. Content,Source.")
    var types: String?

    @Option(help: "The field of a prediction row that holds its type.")
    var typeField = "type"

    @Option(help: "The type of prediction rows that have no type field.")
    var predType: String?

    @Option(help: "Rename a predicted type to gold's name, as PRED=GOLD (repeatable), e.g. quote=Content.")
    var rename: [String] = []

    @Option(help: "Which offsets predictions carry: char (char_start/char_stop), raw (raw_start/raw_stop), zero (0-based start/end).")
    var offsets: JSONLSpans.Offsets = .char

    @Option(help: "Keep only some gold spans: direct-quotes (Content spans quoted end to end, with their Source and Cue), indirect-quotes (the other Contents, with theirs) or proper-name-sources (Sources named by a proper name, not a pronoun or a description).")
    var goldFilter: GoldFilter?

    @Option(help: "The field that links prediction rows of one document (a quote's Content and Source rows share it).")
    var groupField = "group"

    @Option(
        help: ArgumentHelp(
            "Score links as ANCHOR:LINKED (repeatable): for each matched ANCHOR, does its LINKED span overlap gold's?",
            discussion: "Default Content:Source when prediction rows have a group field."))
    var link: [String] = []

    @Option(help: "A second prediction file: list the gold spans it gains and loses, and its new and removed false positives.")
    var diff: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if gold.isEmpty { throw ValidationError("Give the gold annotations with --gold PATH (.ann, .jsonl or a folder).") }
        for pair in link where pair.split(separator: ":").count != 2 {
            throw ValidationError("--link takes ANCHOR:LINKED, e.g. --link Content:Source (got '\(pair)').")
        }
        for pair in rename where pair.split(separator: "=").count != 2 {
            throw ValidationError("--rename takes PRED=GOLD, e.g. --rename quote=Content (got '\(pair)').")
        }
    }

    func run() throws {
        let inputs: (gold: GoldLoader.Gold, base: [AnnotatedSpan], other: [AnnotatedSpan]?)
        switch Result(catching: { () throws(ScoringError) in try readInputs() }) {
        case .success(let read): inputs = read
        case .failure(let error): throw usageFailure("\(error)")
        }
        let goldSet = inputs.gold, base = inputs.base, other = inputs.other
        let wanted = types.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        var goldSpans = goldSet.spans
        if let goldFilter { goldSpans = goldFilter.apply(goldSpans) }
        let allGold = goldSpans
        if let wanted { goldSpans = goldSpans.filter { wanted.contains($0.type) } }
        if goldSpans.isEmpty {
            Diagnostics.error("loupe: no gold spans\(wanted.map { " of type " + $0.sorted().joined(separator: ", ") } ?? "") to score against")
            throw ExitCode(ExitStatus.failure)
        }
        let keep = { (spans: [AnnotatedSpan], file: String) -> [AnnotatedSpan] in
            let typed = wanted.map { set in spans.filter { set.contains($0.type) } } ?? spans
            let kept = typed.filter { goldSet.documents.contains($0.doc) }
            let ignored = Set(typed.map(\.doc)).subtracting(goldSet.documents)
            if !ignored.isEmpty {
                Diagnostics.error(
                    "loupe: warning: \(file): \(typed.count - kept.count) predictions for \(ignored.count) documents without gold ignored (e.g. '\(ignored.sorted()[0])')")
            }
            return kept
        }
        let basePredictions = keep(base, predictions)
        if !base.isEmpty && !base.contains(where: { goldSet.documents.contains($0.doc) }) {
            Diagnostics.error("loupe: \(predictions): no prediction names a document that has gold; check that \"doc\" holds the text file's stem")
            throw ExitCode(ExitStatus.failure)
        }
        let baseEvaluation = Evaluation(gold: goldSpans, predicted: basePredictions, mode: match)
        let linkPairs = !link.isEmpty ? link : base.contains { $0.group != nil } ? ["Content:Source"] : []
        let inGold = base.filter { goldSet.documents.contains($0.doc) }
        let links = linkPairs.map { pair in
            let parts = pair.split(separator: ":").map(String.init)
            return LinkScore(anchor: parts[0], linked: parts[1], evaluation: baseEvaluation, gold: allGold, predicted: inGold)
        }
        let output = StandardOutput()
        defer { output.flush() }
        if let other, let diff {
            let otherEvaluation = Evaluation(gold: goldSpans, predicted: keep(other, diff), mode: match)
            let changes = EvaluationDiff(base: baseEvaluation, other: otherEvaluation)
            output.write(
                json
                    ? ScoreReport.json(diff: changes, base: baseEvaluation, other: otherEvaluation) + "\n"
                    : ScoreReport.table(diff: changes, base: baseEvaluation, other: otherEvaluation, baseName: predictions, otherName: diff))
        } else {
            output.write(
                json
                    ? ScoreReport.json(baseEvaluation, documents: goldSet.documents.count, links: links) + "\n"
                    : ScoreReport.table(baseEvaluation, documents: goldSet.documents.count, links: links))
        }
    }

    private func readInputs() throws(ScoringError) -> (gold: GoldLoader.Gold, base: [AnnotatedSpan], other: [AnnotatedSpan]?) {
        let goldSet = try GoldLoader.load(gold)
        let base = try readPredictions(predictions)
        let other = try diff.map { path throws(ScoringError) in try readPredictions(path) }
        return (goldSet, base, other)
    }

    private func readPredictions(_ path: String) throws(ScoringError) -> [AnnotatedSpan] {
        var renamed: [String: String] = [:]
        for pair in rename {
            let parts = pair.split(separator: "=")
            renamed[String(parts[0])] = String(parts[1])
        }
        var options = JSONLSpans.Options(offsets: offsets, typeField: typeField, defaultType: predType, renamed: renamed)
        options.groupField = groupField
        var rawDiffers = 0
        let spans = try JSONLSpans.predictions(try GoldLoader.read(path), file: path, options: options, rawDiffers: &rawDiffers)
        if rawDiffers > 0 {
            Diagnostics.error(
                "loupe: warning: \(path): \(rawDiffers) rows have raw_start/raw_stop other than char_start/char_stop; gold made on the files needs --offsets raw")
        }
        return spans
    }
}

extension MatchMode: ExpressibleByArgument {}
extension GoldFilter: ExpressibleByArgument {}
extension JSONLSpans.Offsets: ExpressibleByArgument {}
