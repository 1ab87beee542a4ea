/// Renders evaluations: an aligned table for people, JSON for programs.
public enum ScoreReport {
    /// The table: one line per type and an overall line, then one line per rule.
    ///
    /// ```
    /// type      gold  predicted  matched  precision  recall     F1
    /// Content    361        402      321      0.799   0.889  0.841
    /// ```
    public static func table(_ evaluation: Evaluation, documents: Int, links: [LinkScore] = []) -> String {
        var out = "match: \(evaluation.mode.rawValue); gold: \(documents) documents, \(evaluation.gold.count) spans; predicted: \(evaluation.predicted.count) spans\n\n"
        var rows = [["type", "gold", "predicted", "matched", "precision", "recall", "F1"]]
        let types = evaluation.byType
        for type in types.keys.sorted() { rows.append(countsRow(type, types[type]!)) }
        rows.append(countsRow("all (micro)", evaluation.overall))
        out += align(rows, numericFrom: 1)
        let rules = evaluation.byRule
        if !(rules.count == 1 && rules.keys.first == Evaluation.noRule) && !rules.isEmpty {
            var ruleRows = [["rule", "predicted", "matched", "precision"]]
            for rule in rules.keys.sorted() {
                let c = rules[rule]!
                ruleRows.append([rule, "\(c.predicted)", "\(c.truePositives)", score(c.precision)])
            }
            out += "\n" + align(ruleRows, numericFrom: 1)
        }
        if !links.isEmpty {
            var linkRows = [["link", "matched", "found", "correct", "accuracy"]]
            for link in links {
                linkRows.append(["\(link.linked) of \(link.anchor)", "\(link.anchors)", "\(link.found)", "\(link.correct)", score(link.accuracy)])
            }
            out += "\n" + align(linkRows, numericFrom: 1)
        }
        return out
    }

    /// The diff: both overall scores, then each gold span gained and lost and each false
    /// positive added and removed, with its document, type and an excerpt.
    public static func table(diff: EvaluationDiff, base: Evaluation, other: Evaluation, baseName: String, otherName: String) -> String {
        var rows = [["predictions", "gold", "predicted", "matched", "precision", "recall", "F1"]]
        rows.append(countsRow(baseName, base.overall))
        rows.append(countsRow(otherName, other.overall))
        var out = "match: \(base.mode.rawValue)\n\n" + align(rows, numericFrom: 1)
        let sections: [(String, [AnnotatedSpan])] = [
            ("gained (gold found only by \(otherName))", diff.gained),
            ("lost (gold found only by \(baseName))", diff.lost),
            ("new false positives (only in \(otherName))", diff.newFalsePositives),
            ("false positives removed (only in \(baseName))", diff.removedFalsePositives),
        ]
        for (title, spans) in sections {
            out += "\n\(title): \(spans.count)\n"
            for span in spans {
                out += "  \(span.doc)\t\(span.type)\t\(span.offsets)\t\(excerpt(span))\n"
            }
        }
        return out
    }

    /// The JSON object: `match`, `documents`, `overall`, `types` and `rules` (each with `gold`,
    /// `predicted`, `matched`, `precision`, `recall`, `f1`; a score is null when undefined).
    public static func json(_ evaluation: Evaluation, documents: Int, links: [LinkScore] = []) -> String {
        var fields = [
            ("match", quote(evaluation.mode.rawValue)),
            ("documents", "\(documents)"),
            ("overall", countsJSON(evaluation.overall)),
        ]
        let types = evaluation.byType, rules = evaluation.byRule
        fields.append(("types", object(types.keys.sorted().map { ($0, countsJSON(types[$0]!)) })))
        fields.append(("rules", object(rules.keys.sorted().map { ($0, countsJSON(rules[$0]!, precisionOnly: true)) })))
        if !links.isEmpty {
            fields.append(
                ("links", "[" + links.map {
                    object([
                        ("anchor", quote($0.anchor)), ("linked", quote($0.linked)), ("matched", "\($0.anchors)"),
                        ("found", "\($0.found)"), ("correct", "\($0.correct)"), ("accuracy", jsonScore($0.accuracy)),
                    ])
                }.joined(separator: ",") + "]"))
        }
        return object(fields)
    }

    /// The diff as JSON: `base`, `other` (overall counts) and the four lists of spans.
    public static func json(diff: EvaluationDiff, base: Evaluation, other: Evaluation) -> String {
        func list(_ spans: [AnnotatedSpan]) -> String {
            "[" + spans.map { span in
                object([
                    ("doc", quote(span.doc)), ("type", quote(span.type)),
                    ("fragments", "[" + span.fragments.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]"),
                    ("text", span.text.map(quote) ?? "null"), ("rule", span.rule.map(quote) ?? "null"),
                ])
            }.joined(separator: ",") + "]"
        }
        return object([
            ("match", quote(base.mode.rawValue)),
            ("base", countsJSON(base.overall)), ("other", countsJSON(other.overall)),
            ("gained", list(diff.gained)), ("lost", list(diff.lost)),
            ("new_false_positives", list(diff.newFalsePositives)),
            ("removed_false_positives", list(diff.removedFalsePositives)),
        ])
    }

    /// A span's text on one line, shortened to `width` characters, or its offsets.
    public static func excerpt(_ span: AnnotatedSpan, width: Int = 80) -> String {
        guard let text = span.text, !text.isEmpty else { return "[\(span.offsets)]" }
        let line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return line.count > width ? String(line.prefix(width - 1)) + "…" : line
    }

    static func countsRow(_ name: String, _ c: Counts) -> [String] {
        [name, "\(c.gold)", "\(c.predicted)", "\(c.truePositives)", score(c.precision), score(c.recall), score(c.f1)]
    }

    static func score(_ value: Double?) -> String {
        guard let value else { return "-" }
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    static func jsonScore(_ value: Double?) -> String {
        guard let value else { return "null" }
        let tenThousandths = Int((value * 10000).rounded())
        let fraction = String(tenThousandths % 10000)
        return "\(tenThousandths / 10000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    static func countsJSON(_ c: Counts, precisionOnly: Bool = false) -> String {
        var fields = [("predicted", "\(c.predicted)"), ("matched", "\(c.truePositives)"), ("precision", jsonScore(c.precision))]
        if !precisionOnly {
            fields.insert(("gold", "\(c.gold)"), at: 0)
            fields += [("recall", jsonScore(c.recall)), ("f1", jsonScore(c.f1))]
        }
        return object(fields)
    }

    static func align(_ rows: [[String]], numericFrom: Int) -> String {
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i >= numericFrom ? pad + cell : cell + pad
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }.joined(separator: "\n") + "\n"
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(s.value, radix: 16).count) + String(s.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
