/// Words ending in a period that do not, or do not always, end a sentence. All lower case,
/// without their final period (`"u.s"` for "U.S.").
public struct Abbreviations: Sendable {
    /// Titles before names: a period after them never ends a sentence ("Sen. Warren").
    public var titles: Set<String>
    /// Abbreviations before a number: "No. 10", "Jan. 14", "Vol. 3".
    public var beforeNumbers: Set<String>
    /// Abbreviations that never end a sentence ("e.g.", "i.e.", "cf.").
    public var never: Set<String>
    /// Abbreviations that end a sentence only when a typical sentence opening follows
    /// ("… Acme Inc. The company said", "… at 9 a.m. Officials then …").
    public var ambiguous: Set<String>
    /// Capitalised words that typically open a sentence; after an ambiguous abbreviation they
    /// signal a boundary, anything else (a name, a noun) does not.
    public var sentenceOpeners: Set<String>

    /// The lists Loupe ships for English news text.
    public static let english = Abbreviations(
        titles: [
            "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt",
            "col", "capt", "cpt", "cmdr", "maj", "sgt", "cpl", "pvt", "adm", "brig", "st", "ste", "rev", "hon",
            "pres", "supt", "det", "insp", "messrs", "mme", "mlle", "fr", "sr", "jr", "amb", "atty", "gov-elect",
            "lt.-gen", "lt.-col", "rt", "sec", "secy", "treas", "dep", "asst", "assoc", "supt", "cllr", "rep-elect",
        ],
        beforeNumbers: [
            "no", "nos", "vol", "vols", "art", "arts", "fig", "figs", "p", "pp", "ch", "chap", "sec", "para",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ed", "pt",
            "rd", "ave", "hwy", "rte", "route", "tel", "ext", "op", "ver", "v",
        ],
        never: ["e.g", "i.e", "cf", "viz", "approx", "est", "ca", "vs", "v"],
        ambiguous: [
            "inc", "corp", "ltd", "co", "plc", "llc", "bros", "jr", "sr", "etc", "dept", "govt", "univ", "assn",
            "ave", "blvd", "rd", "mt", "ft", "st", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c",
            "n.y", "l.a", "s.a", "n.v", "a.g", "ph.d", "m.d", "b.a", "m.a", "b.sc", "m.sc", "u.a.e", "no",
            "jan", "feb", "aug", "sept", "oct", "nov", "dec", "min", "max", "mins", "hrs", "km", "kg", "lb", "lbs",
            "oz", "yr", "yrs", "wk", "mo", "pct", "al",
        ],
        sentenceOpeners: [
            "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our",
            "my", "your", "this", "that", "these", "those", "there", "here", "but", "and", "or", "so", "yet",
            "in", "on", "at", "for", "from", "to", "by", "with", "after", "before", "since", "during", "when",
            "while", "if", "as", "although", "though", "because", "however", "meanwhile", "still", "then",
            "now", "today", "yesterday", "tomorrow", "some", "many", "most", "few", "all", "both", "each",
            "every", "no", "none", "one", "two", "three", "officials", "critics", "analysts", "police", "others",
            "what", "who", "why", "how", "where", "which", "asked", "last", "next", "later", "earlier", "instead",
            "also", "even", "only", "not", "nor", "such", "several", "another", "other", "that's", "it's",
            "there's", "i'm", "we're", "they're", "he's", "she's", "shares", "sales", "prices",
        ])
}
