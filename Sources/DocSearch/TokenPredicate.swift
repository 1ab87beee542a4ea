import DocModel

/// A test of one token, for ``TokenPattern`` elements (spaCy's token attributes).
///
/// ```swift
/// .lower("said")                      // the token is "said", "Said" or "SAID"
/// .flag(.isTitle, true)               // "Okafor"
/// .not(.lowerIn(["the", "a"]))        // anything but an article
/// .regex(try PCRERegex(#"^\d{4}$"#))  // a four-digit year
/// ```
public indirect enum TokenPredicate: Sendable {
    /// The token's text is exactly this.
    case text(String)
    /// The token's text is one of these.
    case textIn(Set<String>)
    /// The token's lower-case text is this (the value is lower-cased too, so `.lower("Said")`
    /// works like `.lower("said")`).
    case lower(String)
    /// The token's lower-case text is one of these (lower-cased too).
    case lowerIn(Set<String>)
    /// The token's shape (see ``TokenShape``) is this: "Xxxxx", "dd", "X.X.".
    case shape(String)
    /// With `true`, the token has every flag in the set; with `false`, none of them.
    case flag(TokenFlags, Bool)
    /// The regular expression matches somewhere in the token's text (anchor it with `^…$` to
    /// match the whole token; the token is searched as a whole text).
    case regex(PCRERegex)
    /// The predicate does not hold.
    case not(TokenPredicate)
}

/// A predicate made ready for matching: strings as bytes, small sets as lists.
enum CompiledPredicate: Sendable {
    case text([UInt8])
    case textList([[UInt8]])
    case textSet(Set<String>)
    case lower([UInt8])
    case lowerList([[UInt8]])
    case lowerSet(Set<String>)
    case shape([UInt8])
    case flags(TokenFlags, Bool)
    /// A regex, with its slot in the run's match data.
    case regex(PCRERegex, slot: Int)
    indirect case not(CompiledPredicate)

    /// Sets up to this size are compared byte by byte; larger ones are hashed.
    static let listLimit = 8

    init(_ predicate: TokenPredicate, regexes: inout [PCRERegex]) {
        switch predicate {
        case .text(let text): self = .text(Array(text.utf8))
        case .textIn(let set):
            self = set.count <= Self.listLimit ? .textList(set.map { Array($0.utf8) }) : .textSet(set)
        case .lower(let text): self = .lower(lowercasedForMatching(text))
        case .lowerIn(let set):
            let lowered = set.map(lowercasedForMatching)
            self = set.count <= Self.listLimit
                ? .lowerList(lowered) : .lowerSet(Set(lowered.map { String(decoding: $0, as: UTF8.self) }))
        case .shape(let shape): self = .shape(Array(shape.utf8))
        case .flag(let flags, let wanted): self = .flags(flags, wanted)
        case .regex(let regex):
            self = .regex(regex, slot: regexes.count)
            regexes.append(regex)
        case .not(let inner): self = .not(CompiledPredicate(inner, regexes: &regexes))
        }
    }
}
