import ArgumentParser
import LoupeEngine

/// `loupe merge`: combine the parts of a sharded run into what one run would have written.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the parts of a run split with --shard into the output of one whole run.",
        discussion: """
            Each `loupe run --shard K/N -o FILE` writes FILE.part beside its output. Given the N \
            parts, merge puts their rows back in corpus order, merges the aggregates, runs the \
            script's finish(report) once, and writes the output and manifest that one unsharded \
            run would have written, byte for byte. The script and the corpus must still be where \
            the parts say (finish runs from the script; the manifest names every input).

            Exit codes: 0 done; 1 finish failed or some document failed in a part; 2 the parts \
            do not belong together, are unfinished, or one is missing.

            Examples:
              loupe merge -o quotes.csv parts/part-*.csv.part
              loupe merge -o quotes.sqlite parts/*.part
            """
    )

    @Argument(help: "The parts: the .part files the shards wrote.")
    var parts: [String]

    @OptionGroup(title: "Output and running") var running: RunningOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("Give the .part files of the shards to merge.") }
    }

    func run() throws {
        let merged: (plan: JournalHeader, files: [Coordinator.FileOutcome])
        do {
            merged = try CorpusJob.merging(parts: parts)
        } catch {
            throw usageFailure("\(error)")
        }
        try running.execute(plan: merged.plan, mode: .merge(files: merged.files), documentTimeout: running.documentTimeout)
    }
}
