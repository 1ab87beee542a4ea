import DocModel

/// One match of a ``PCRERegex``: the whole span and each capturing group's span, in UTF-8
/// byte offsets of the text searched.
///
/// ```swift
/// let match = try PCRERegex(#"(?<day>\d+) (\w+)"#).firstMatch(in: document)
/// match?.span           // the whole match
/// match?[2]             // the second group
/// match?[named: "day"]  // the group called "day"
/// ```
public struct PCREMatch: Hashable, Sendable {
    /// The whole match.
    public let span: Span
    /// Every group's span, by number: index 0 is the whole match, then one per capturing
    /// group; `nil` for a group that took no part in the match (`(a)|(b)` matching "b").
    public let groups: [Span?]
    /// The pattern's named groups and their numbers (shared with the regex, not copied).
    let names: [String: [Int]]

    init(groups: [Span?], names: [String: [Int]]) {
        self.span = groups[0] ?? Span(0, 0)
        self.groups = groups
        self.names = names
    }

    /// The span of group `number` (0 is the whole match); `nil` when the group is unset or
    /// the pattern has no such group.
    public subscript(_ number: Int) -> Span? {
        number >= 0 && number < groups.count ? groups[number] : nil
    }

    /// The span of the group called `name`; `nil` when it is unset or there is no such name.
    /// With duplicate names (`(?J)`), the first of those groups that is set.
    public subscript(named name: String) -> Span? {
        guard let numbers = names[name] else { return nil }
        for number in numbers { if let span = self[number] { return span } }
        return nil
    }

    /// The names of the pattern's named groups, sorted.
    public var groupNames: [String] { names.keys.sorted() }

    /// Each named group's span (`nil` when unset).
    /// - Complexity: O(g), for g named groups; builds a dictionary, so prefer
    ///   ``subscript(named:)`` for one name.
    public var namedGroups: [String: Span?] {
        var result: [String: Span?] = [:]
        for name in names.keys { result[name] = .some(self[named: name]) }
        return result
    }
}
