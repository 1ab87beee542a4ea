/// Search over documents: PCRE2 regular expressions, phrase lists and token patterns.
public enum DocSearch {}
