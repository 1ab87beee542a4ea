/// The columns of one output table: the union of its rows' columns, in the order they first
/// appeared. CSV headers and SQLite tables both follow it, so the two agree.
struct ColumnSet {
    /// The names, in order of first appearance.
    private(set) var names: [String] = []
    private var positions: [String: Int] = [:]

    /// How many columns there are.
    var count: Int { names.count }

    /// The position of column `name`, or nil if no row had it yet.
    func position(of name: String) -> Int? { positions[name] }

    /// The position of `name`, adding it at the end if it is new.
    mutating func add(_ name: String) -> Int {
        if let position = positions[name] { return position }
        names.append(name)
        positions[name] = names.count - 1
        return names.count - 1
    }
}
