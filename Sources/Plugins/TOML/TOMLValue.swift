/// A value read from a TOML file, with the line it started on so that every complaint about
/// it can name `file:line`.
///
/// Loupe reads its TOML files (`plugin.toml`, `loupe.toml`, `loupe.lock`, `grants.toml`)
/// with a small parser of its own rather than a TOML library: the files use a small subset,
/// and the manifest's errors must name the line of an unknown or wrong key, which the libraries
/// available here do not report. Dates and times are not supported (no Loupe file uses them).
enum TOMLValue: Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLItem])
    case table(TOMLTable)

    /// The value's TOML type name, for messages ("expected a string, found an array").
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A value and the line (1-based) it starts on.
struct TOMLItem: Equatable {
    var value: TOMLValue
    var line: Int
}

/// A TOML table: keys in the order the file gives them, each with its value and line.
struct TOMLTable: Equatable {
    /// Keys in file order.
    private(set) var keys: [String] = []
    private var items: [String: TOMLItem] = [:]
    /// The line of the table's header (`[dependencies]`), or of its first key; 0 for the root.
    var line: Int = 0

    subscript(key: String) -> TOMLItem? {
        get { items[key] }
        set {
            if items[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            items[key] = newValue
        }
    }

    /// Each key and its item, in file order.
    var entries: [(key: String, item: TOMLItem)] { keys.map { ($0, items[$0]!) } }
}
