import LoupeTestSupport

/// The small brat and JSONL fixtures of `Tests/Fixtures/eval/` (written for these tests: two
/// documents, one annotated twice; non-ASCII text and an emoji before the offsets; a span
/// split around its speaker, listed out of text order; a quote crossing a paragraph break).
enum EvalFixtures {
    static let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/eval").path
    static let attributions = folder + "/polnear-like/attributions"
    static func path(_ name: String) -> String { folder + "/" + name }
}
