/// Words ending in a period that do not, or do not always, end a sentence. All lower case,
/// without their final period (`"u.s"` for "U.S.").
public struct Abbreviations: Sendable {
    /// What a period after an abbreviation that can end a sentence means before a capital.
    public enum Kind: Sendable {
        /// "a.m.": a boundary, unless a time zone follows ("6 a.m. Eastern time").
        case timeOfDay
        /// "U.S.", "U.K.": a boundary, unless an institution follows ("the U.S. Army").
        case placeInitialism
        /// "Inc.", "Ltd.": a boundary, unless a job title follows ("Acme Inc. Chief Executive").
        case companySuffix
        /// "Jr.", "et al.", "Ph.D.": a boundary before any capital.
        case nameSuffix
        /// "St.", "Ave.", "Dept.": a boundary only before a typical sentence opening.
        case other
    }

    /// Titles before names: a period after them never ends a sentence ("Sen. Warren").
    public var titles: Set<String>
    /// Abbreviations before a number: "No. 10", "Jan. 14", "Vol. 3".
    public var beforeNumbers: Set<String>
    /// Abbreviations that never end a sentence ("e.g.", "i.e.", "cf.").
    public var never: Set<String>
    /// Abbreviations that may end a sentence, and how to tell.
    public var ambiguous: [String: Kind]
    /// Words that continue a sentence after an ambiguous abbreviation, by kind.
    public var continuations: [Kind: Set<String>]
    /// Capitalised words that typically open a sentence (for ``Kind/other``).
    public var sentenceOpeners: Set<String>

    /// Whether `word` (lower case, no final period) is in any list.
    public func contains(_ word: String) -> Bool {
        titles.contains(word) || beforeNumbers.contains(word) || never.contains(word) || ambiguous[word] != nil
    }

    /// Every abbreviation of up to eight bytes, packed into an integer (see ``PackedWords``):
    /// the tokenizer asks about every word before a period, and hashing an integer is far
    /// cheaper than making and hashing a string.
    var packedShort: PackedWords {
        PackedWords(titles.union(beforeNumbers).union(never).union(ambiguous.keys))
    }

    /// The lists Loupe ships for English news text.
    public static let english = Abbreviations(
        titles: [
            "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt",
            "col", "capt", "cpt", "cmdr", "maj", "sgt", "cpl", "pvt", "adm", "brig", "ste", "rev", "hon",
            "pres", "supt", "det", "insp", "messrs", "mme", "mlle", "fr", "amb", "atty", "rt", "secy", "treas",
            "asst", "assoc", "cllr", "gens", "sgts", "insps", "drs", "profs",
        ],
        beforeNumbers: [
            "no", "nos", "vol", "vols", "art", "arts", "fig", "figs", "p", "pp", "ch", "chap", "sec", "para",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ed", "pt",
            "rd", "ave", "hwy", "rte", "tel", "ext", "op", "ver", "v", "no", "ss", "reg", "rev", "fn",
        ],
        never: ["e.g", "i.e", "cf", "viz", "approx", "ca", "vs", "v", "incl", "esp", "resp", "nr", "vol"],
        ambiguous: [
            "a.m": .timeOfDay, "p.m": .timeOfDay,
            "u.s": .placeInitialism, "u.k": .placeInitialism, "u.n": .placeInitialism, "e.u": .placeInitialism,
            "u.s.a": .placeInitialism, "d.c": .placeInitialism, "n.y": .placeInitialism, "l.a": .placeInitialism,
            "u.a.e": .placeInitialism, "n.z": .placeInitialism, "s.f": .placeInitialism,
            "inc": .companySuffix, "corp": .companySuffix, "co": .companySuffix, "ltd": .companySuffix,
            "plc": .companySuffix, "llc": .companySuffix, "bros": .companySuffix, "n.v": .companySuffix,
            "s.a": .companySuffix, "a.g": .companySuffix, "gmbh": .companySuffix, "cos": .companySuffix,
            "jr": .nameSuffix, "sr": .nameSuffix, "al": .nameSuffix, "etc": .nameSuffix, "ph.d": .nameSuffix,
            "m.d": .nameSuffix, "b.a": .nameSuffix, "m.a": .nameSuffix, "esq": .nameSuffix, "ii": .nameSuffix,
            "iii": .nameSuffix,
            "st": .other, "ave": .other, "blvd": .other, "rd": .other, "mt": .other, "ft": .other, "dept": .other,
            "govt": .other, "univ": .other, "assn": .other, "no": .other, "jan": .other, "feb": .other,
            "aug": .other, "sept": .other, "oct": .other, "nov": .other, "dec": .other, "min": .other,
            "max": .other, "mins": .other, "hrs": .other, "km": .other, "kg": .other, "lb": .other,
            "lbs": .other, "oz": .other, "yr": .other, "yrs": .other, "pct": .other, "est": .other,
        ],
        continuations: [
            .timeOfDay: [
                "eastern", "pacific", "central", "mountain", "gmt", "bst", "utc", "et", "pt", "ct", "mt", "est",
                "edt", "pst", "pdt", "cst", "cdt", "cet", "cest", "local", "moscow", "beijing", "tokyo", "london",
            ],
            .placeInitialism: [
                "army", "navy", "air", "marine", "marines", "coast", "forces", "military", "senate", "house",
                "congress", "capitol", "supreme", "court", "courts", "embassy", "embassies", "consulate",
                "government", "treasury", "department", "state", "attorney", "attorneys", "ambassador", "envoy",
                "president", "secretary", "general", "security", "council", "assembly", "mission", "special",
                "human", "refugee", "peacekeepers", "peacekeeping", "trade", "commissioner", "commission",
                "representative", "dollar", "dollars", "pound", "economy", "market", "markets", "stocks", "census",
                "border", "postal", "open", "parliament", "prime", "foreign", "home", "office", "officials",
                "official", "bank", "central", "federal", "national", "intelligence", "agency", "justice",
                "district", "circuit", "customs", "immigration", "citizens", "citizenship", "troops", "soldiers",
                "allies", "sanctions", "policy", "election", "elections", "envoys", "high", "chamber", "olympic",
                "team", "women's", "men's", "health", "food", "energy", "labor", "labour", "defense", "defence",
                "navy's", "army's", "census", "geological", "fish", "forest", "park", "bureau", "space",
            ],
            .companySuffix: [
                "chief", "ceo", "cfo", "coo", "chairman", "chairwoman", "chair", "president", "executive",
                "vice", "managing", "founder", "co-founder", "spokesman", "spokeswoman", "spokesperson", "head",
                "director", "general", "senior", "board", "shares", "stock", "employees", "staff", "workers",
            ],
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
            "there's", "i'm", "we're", "they're", "he's", "she's", "shares", "sales", "prices", "road",
            "traffic", "residents", "visitors", "staff", "hundreds", "thousands", "opening", "doors",
        ])
}
