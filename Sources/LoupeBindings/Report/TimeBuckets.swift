import LuaRuntime

/// A calendar date from an ISO text: `YYYY-MM-DD` (with anything after a `T` or a space, such
/// as a time), `YYYY-MM` or `YYYY`; a missing month or day is the first.
public struct ISODate: Equatable, Sendable {
    /// The year.
    public var year: Int
    /// The month, 1–12.
    public var month: Int
    /// The day of the month.
    public var day: Int

    /// The date `text` names, or nil when it is not an ISO date.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func ends(at index: Int) -> Bool {
            index == bytes.count || bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ")
        }
        guard let year = digits(0..<4) else { return nil }
        var month = 1
        var day = 1
        if !ends(at: 4) {
            guard bytes[4] == UInt8(ascii: "-"), let m = digits(5..<7) else { return nil }
            month = m
            if !ends(at: 7) {
                guard bytes[7] == UInt8(ascii: "-"), let d = digits(8..<10), ends(at: 10) else { return nil }
                day = d
            }
        }
        guard (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of `year`, `month` and `day` (assumed valid).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// The periods a line chart sums its rows by.
public enum TimePeriod: String, Sendable, CaseIterable {
    /// Days, labelled `2021-03-14`.
    case day
    /// ISO weeks (Monday to Sunday), labelled `2021-W10` with the ISO week-numbering year.
    case week
    /// Months, labelled `2021-03`.
    case month
    /// Years, labelled `2021`.
    case year

    /// The period `date` falls in, as a number: consecutive periods have consecutive numbers.
    public func key(of date: ISODate) -> Int {
        switch self {
        case .day: return date.dayNumber
        case .week:
            let day = date.dayNumber
            let monday = day - Self.weekday(day)
            return (monday - 4) / 7  // 1970-01-05 was a Monday
        case .month: return date.year * 12 + date.month - 1
        case .year: return date.year
        }
    }

    /// The label of period `key`.
    public func label(of key: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        switch self {
        case .day:
            let date = ISODate(dayNumber: key)
            return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
        case .week:
            let thursday = key * 7 + 4 + 3
            let year = ISODate(dayNumber: thursday).year
            let week = (thursday - ISODate(year: year, month: 1, day: 1).dayNumber) / 7 + 1
            return "\(pad(year, 4))-W\(pad(week, 2))"
        case .month:
            let year = key >= 0 ? key / 12 : (key - 11) / 12
            return "\(pad(year, 4))-\(pad(key - year * 12 + 1, 2))"
        case .year:
            return pad(key, 4)
        }
    }

    /// The title of an axis of these periods.
    public var axisTitle: String {
        switch self {
        case .day: "day"
        case .week: "ISO week"
        case .month: "month"
        case .year: "year"
        }
    }

    /// 0 for Monday … 6 for Sunday.
    private static func weekday(_ dayNumber: Int) -> Int {
        ((dayNumber + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
    }
}

extension ChartBuilder {
    /// The most periods one line chart spans (ten years of days).
    public static let maximumPeriods = 3_700

    /// Lines over time: each row's `value` field (1 for a row without it) summed per period of
    /// its `date` field, from the first period to the last (periods without rows are 0); one
    /// line per distinct `series` field when given (at most ``maximumSeries``, the rest summed
    /// into "other").
    public static func lines(
        title: String, rows: [LuaValue], date: String = "key", value: String = "count", by period: TimePeriod = .month,
        series seriesField: String? = nil, axis: String = ""
    ) throws(ReportArgumentError) -> Chart {
        let reader = ReportRows(rows: rows)
        var sums: [Int: [Int: Double]] = [:]  // series → period → sum
        var names = FirstSeen()
        var first = Int.max
        var last = Int.min
        for index in rows.indices {
            let text = try reader.label(index, date)
            guard let day = ISODate(text) else {
                throw ReportArgumentError(.rows, "field '\(date)' of row \(index + 1) is not an ISO date: '\(text)'")
            }
            let amount = try reader.number(index, value, absent: 1)
            let name = try seriesField.map { (field) throws(ReportArgumentError) in try reader.optionalLabel(index, field) ?? "" } ?? ""
            let line = names.add(name, amount)
            let key = period.key(of: day)
            first = min(first, key)
            last = max(last, key)
            sums[line, default: [:]][key, default: 0] += amount
        }
        guard first <= last else {
            return Chart(kind: .lines, title: title, axisTitle: axis, categories: [], series: [], note: "No rows.")
        }
        guard last - first < maximumPeriods else {
            throw ReportArgumentError(
                .rows,
                "\(groupedCount(last - first + 1)) periods by \(period.rawValue) from \(period.label(of: first)) to \(period.label(of: last)); at most \(groupedCount(maximumPeriods)) (choose a longer period with 'by')")
        }
        let (kept, seriesOf) = capGroups(names.names, totals: names.totals, limit: maximumSeries)
        var series = kept.map { Chart.Series(name: $0, values: Array(repeating: 0, count: last - first + 1)) }
        for line in sums.keys.sorted() {
            for (key, amount) in sums[line, default: [:]].sorted(by: { $0.key < $1.key }) {
                series[seriesOf[line]].values[key - first] += amount
            }
        }
        return Chart(
            kind: .lines, title: title, axisTitle: axis, categoryTitle: period.axisTitle,
            categories: (first...last).map(period.label(of:)), series: series)
    }
}
