/// The read–eval–print loop: lines from a ``LineSource`` gathered into chunks and handed to
/// a ``ReplSession`` until `:quit` or the end of input.
public enum ReplLoop {
    /// Runs the loop; returns false when any chunk failed (for the exit status of piped input).
    public static func run(_ session: ReplSession, lines: LineSource) -> Bool {
        var buffer: [String] = []
        var allOK = true
        while true {
            switch lines.next(continuation: !buffer.isEmpty) {
            case .end:
                if !buffer.isEmpty {
                    allOK = session.reportUnfinished(buffer.joined(separator: "\n")) && allOK
                }
                return allOK
            case .interrupted:
                buffer.removeAll()
            case .line(let line):
                buffer.append(line)
                let chunk = buffer.joined(separator: "\n")
                let outcome = session.submit(chunk)
                if outcome == .needsMore { continue }
                lines.remember(chunk)
                buffer.removeAll()
                switch outcome {
                case .quit: return allOK
                case .ran(let ok): allOK = ok && allOK
                case .needsMore: break
                }
            }
        }
    }
}

extension ReplSession {
    /// Reports why a chunk left unfinished at the end of input does not compile; returns
    /// whether it did after all (then it ran).
    func reportUnfinished(_ chunk: String) -> Bool {
        switch compile(chunk) {
        case .success(let function): return run(function)
        case .failure(let error):
            report(error)
            return false
        }
    }
}
