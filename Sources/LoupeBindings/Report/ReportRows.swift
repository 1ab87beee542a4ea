import LuaRuntime

/// Reading the fields of the rows given to a report method, with errors that name the row
/// and the field.
struct ReportRows {
    /// The rows, as given.
    let rows: [LuaValue]

    /// Row `index` (0-based) as a table.
    func table(_ index: Int) throws(ReportArgumentError) -> LuaTable {
        guard case .table(let row) = rows[index] else {
            throw ReportArgumentError(.rows, "row \(index + 1) is not a table (a \(rows[index].typeName))")
        }
        return row
    }

    /// Field `name` of row `index` as a label: a string, or a number or boolean written out.
    func label(_ index: Int, _ name: String) throws(ReportArgumentError) -> String {
        let value = try table(index)[name]
        if let text = Self.text(value) { return text }
        if case .nil = value { throw ReportArgumentError(.rows, "field '\(name)' of row \(index + 1) is missing") }
        throw ReportArgumentError(.rows, "field '\(name)' of row \(index + 1) is not a string (a \(value.typeName))")
    }

    /// Field `name` of row `index` as a label, or nil when the row has no such field.
    func optionalLabel(_ index: Int, _ name: String) throws(ReportArgumentError) -> String? {
        if case .nil = try table(index)[name] { return nil }
        return try label(index, name)
    }

    /// Field `name` of row `index` as a finite number; `absent` when missing (an error when
    /// `absent` is nil).
    func number(_ index: Int, _ name: String, absent: Double? = nil) throws(ReportArgumentError) -> Double {
        let value = try table(index)[name]
        switch value {
        case .integer(let i): return Double(i)
        case .number(let d) where d.isFinite: return d
        case .nil:
            if let absent { return absent }
            throw ReportArgumentError(.rows, "field '\(name)' of row \(index + 1) is missing")
        default:
            throw ReportArgumentError(
                .rows, "field '\(name)' of row \(index + 1) is not a finite number: \(Self.text(value).map { "'\($0)'" } ?? "a \(value.typeName)")")
        }
    }

    /// A value as label text, or nil for a value that is not a string, number or boolean.
    static func text(_ value: LuaValue) -> String? {
        switch value {
        case .string(let s): s.text
        case .integer(let i): String(i)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .boolean(let b): b ? "true" : "false"
        default: nil
        }
    }
}

/// The options table of a report method: optional string fields.
struct ReportOptions {
    /// The table, empty when none was given.
    let table: LuaTable

    /// Refuses a field not in `known` (a misspelt option would otherwise be ignored).
    func check(known: [String]) throws(ReportArgumentError) {
        for field in table.fields {
            guard case .string(let name) = field.key, known.contains(name.text) else {
                let shown = if case .string(let name) = field.key { "'\(name.text)'" } else { "a \(field.key.typeName) key" }
                throw ReportArgumentError(
                    .options, "unknown option \(shown); the options are \(known.map { "'\($0)'" }.joined(separator: ", "))")
            }
        }
        if !table.sequence.isEmpty {
            throw ReportArgumentError(.options, "options are named fields (\(known.map { "\($0) = …" }.joined(separator: ", "))), not a list")
        }
    }

    /// Field `name` as a string, or `fallback` when absent.
    func string(_ name: String, _ fallback: String) throws(ReportArgumentError) -> String {
        try optionalString(name) ?? fallback
    }

    /// Field `name` as a string, or nil when absent.
    func optionalString(_ name: String) throws(ReportArgumentError) -> String? {
        switch table[name] {
        case .nil: return nil
        case .string(let s): return s.text
        case let value: throw ReportArgumentError(.options, "field '\(name)' must be a string, not a \(value.typeName)")
        }
    }
}

/// Keeps at most `limit` groups of `totals` (group names with their totals, in first-seen
/// order): all of them when they fit, else the largest `limit - 1` and "other". Returns, per
/// group, the index of the series it goes to, and the series' names.
func capGroups(_ names: [String], totals: [Double], limit: Int) -> (names: [String], index: [Int]) {
    guard names.count > limit else { return (names, Array(names.indices)) }
    let kept = names.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }.prefix(limit - 1)
    var index = Array(repeating: limit - 1, count: names.count)
    var keptNames: [String] = []
    for (position, group) in kept.sorted().enumerated() {
        index[group] = position
        keptNames.append(names[group])
    }
    return (keptNames + ["other"], index)
}

/// Numbers written with thousands separators, for notes.
func groupedCount(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
        out.append(character)
    }
    return value < 0 ? "-" + out : out
}
