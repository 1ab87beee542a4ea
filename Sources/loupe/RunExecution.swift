import ArgumentParser
import Foundation
import LoupeEngine

extension RunningOptions {
    /// Runs `plan` as these options say, tells people how it goes, and exits as documented:
    /// 0 every document done, 1 a document or the script failed, 130 interrupted.
    func execute(plan: JournalHeader, mode: CorpusJob.Mode, documentTimeout: Double, started: Coordinator? = nil) throws {
        var settings = CorpusJob.Settings(
            plan: plan, output: output, program: Run.executablePath, jobs: jobs, documentTimeout: documentTimeout,
            policy: CorpusRun.FailurePolicy(failFast: failFast, maxFailures: maxFailures), report: report)
        settings.plugins = Run.lockedPluginVersions()
        settings.entry = WorkerCommand.entry
        settings.interactive = Coordinator.Configuration.isInteractive(jobs: jobs)
        let job = CorpusJob(settings: settings, mode: mode, started: started)
        let feedback = RunFeedback(files: plan.files, quiet: quiet, verbose: verbose)
        Interruption.install()
        let result: CorpusJob.Result
        do {
            result = try job.run(
                failure: { feedback.failed($0) }, printed: { feedback.printed($0) },
                progress: { feedback.progress(filesDone: $0, summary: $1) },
                terminalSession: { open in
                    // The session has the terminal: no progress bar over its prompt, and Ctrl-C
                    // (sent to every process of the terminal) stops its Lua code, not the run.
                    if open {
                        feedback.pause()
                        Interruption.suspend()
                    } else {
                        Interruption.install()
                        feedback.resume()
                    }
                },
                isInterrupted: { Interruption.requested })
        } catch Coordinator.Stop.interrupted {
            feedback.interrupted()
            if output != "-" {
                Diagnostics.error("loupe: the journal is kept; go on with the same command and --resume")
            }
            throw ExitCode(130)
        } catch let error as JournalError {
            feedback.clear()
            Diagnostics.error("loupe: \(error)")
            throw ExitCode(ExitStatus.usage)
        } catch {
            feedback.clear()
            Diagnostics.error("loupe: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        feedback.finished(result.summary)
        if !quiet, output != "-" || result.report != nil {
            var written = result.files
            if let manifest = result.manifest { written.append(manifest) }
            if let part = result.part { written.append(part) }
            if let report = result.report { written.append(report) }
            Diagnostics.error("loupe: wrote " + written.joined(separator: ", "))
        }
        if result.summary.failed > 0 { throw ExitCode(ExitStatus.failure) }
    }
}
