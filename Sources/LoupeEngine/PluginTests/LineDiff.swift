/// A unified-style diff of two lists of lines (expected, actual), for golden tests: `-` lines
/// only expected, `+` lines only produced, and up to `context` unchanged lines around changes.
enum LineDiff {
    /// The diff's lines, headed by `--- expected` and `+++ actual`; empty when equal.
    static func unified(expected: [String], actual: [String], expectedName: String, context: Int = 2) -> [String] {
        guard expected != actual else { return [] }
        let operations = edits(expected, actual)
        // Keep changes and the unchanged lines within `context` of one.
        var keep = [Bool](repeating: false, count: operations.count)
        for (index, operation) in operations.enumerated() where operation.mark != " " {
            for near in max(0, index - context)...min(operations.count - 1, index + context) { keep[near] = true }
        }
        var out = ["--- \(expectedName) (expected)", "+++ actual"]
        var skipped = false
        for (index, operation) in operations.enumerated() {
            if keep[index] {
                if skipped { out.append("@@ … @@") }
                skipped = false
                out.append("\(operation.mark)\(operation.line)")
            } else {
                skipped = true
            }
        }
        return out
    }

    private struct Operation {
        var mark: Character
        var line: String
    }

    /// The shortest edit from `a` to `b`, by a longest common subsequence (golden files are small).
    private static func edits(_ a: [String], _ b: [String]) -> [Operation] {
        let n = a.count, m = b.count
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var out: [Operation] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                out.append(Operation(mark: " ", line: a[i])); i += 1; j += 1
            } else if i < n, j == m || lengths[i + 1][j] >= lengths[i][j + 1] {
                out.append(Operation(mark: "-", line: a[i])); i += 1
            } else {
                out.append(Operation(mark: "+", line: b[j])); j += 1
            }
        }
        return out
    }
}
