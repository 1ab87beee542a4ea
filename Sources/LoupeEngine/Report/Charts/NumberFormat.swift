/// Numbers as a report shows them: thousands separated by commas (`12,345.6`).
enum NumberFormat {
    /// `value` with `decimals` decimals, or with as few as it needs (at most 2) when nil.
    static func format(_ value: Double, decimals: Int? = nil) -> String {
        guard value.isFinite else { return String(value) }
        let places = decimals ?? Self.neededDecimals(value)
        let scale = Double(Int64(1)) * pow10(places)
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        var text = grouped(whole)
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// An integer with thousands separators.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    private static func neededDecimals(_ value: Double) -> Int {
        for places in 0..<2 where (value * pow10(places)).rounded() == value * pow10(places) { return places }
        return 2
    }

    private static func pow10(_ places: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(places, 15) { result *= 10 }
        return result
    }
}
