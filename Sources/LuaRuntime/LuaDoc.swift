/// The documentation of something Lua code can use: a function, a method, a field.
///
/// Types are written as lua-language-server writes them (`string`, `integer`, `Span[]`,
/// `table<string, any>`, `fun(doc: Document)`), so that editor definitions, the reference and
/// `:help` can all be generated from the same text.
public struct LuaDoc: Sendable, Equatable {
    /// One parameter of a function.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var type: String
        public var summary: String
        public var optional: Bool
        public init(_ name: String, _ type: String, _ summary: String, optional: Bool = false) {
            self.name = name
            self.type = type
            self.summary = summary
            self.optional = optional
        }
    }

    /// One result of a function.
    public struct Result: Sendable, Equatable {
        public var type: String
        public var summary: String
        public init(_ type: String, _ summary: String) {
            self.type = type
            self.summary = summary
        }
    }

    /// One line saying what it is or does.
    public var summary: String
    /// More detail, in Markdown.
    public var details: String
    /// The parameters, for functions and methods.
    public var parameters: [Parameter]
    /// The results, for functions and methods; the field's type for fields.
    public var results: [Result]
    /// A short Lua example.
    public var example: String?

    /// Documentation with a summary and optional detail.
    public init(
        _ summary: String, details: String = "", parameters: [Parameter] = [], results: [Result] = [],
        example: String? = nil
    ) {
        self.summary = summary
        self.details = details
        self.parameters = parameters
        self.results = results
        self.example = example
    }
}

/// A documented member of a bridged class, as the API reference lists it.
public struct LuaMemberInfo: Sendable, Equatable {
    /// What kind of member.
    public enum Kind: String, Sendable, Equatable {
        case method, field, metamethod
    }
    public var name: String
    public var kind: Kind
    /// For fields, the type (lua-language-server syntax); for methods, empty.
    public var type: String
    /// Whether a field can be assigned.
    public var writable: Bool
    public var doc: LuaDoc
}

/// A documented class, as the API reference lists it.
public struct LuaClassInfo: Sendable, Equatable {
    public var name: String
    public var summary: String
    public var members: [LuaMemberInfo]
}
