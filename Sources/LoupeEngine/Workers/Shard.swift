/// The part of a corpus one run covers: `--shard K/N` takes every document whose position
/// (file number plus record number) leaves remainder K−1 when divided by N.
///
/// Mixing the record number in spreads the records of one large JSON Lines or CSV file over
/// the shards as well as the files of a folder; the choice depends only on the corpus as
/// listed, so N runs cover every document exactly once.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    /// Which part, from 1.
    public var index: Int
    /// How many parts.
    public var count: Int

    /// The whole corpus.
    public static let whole = Shard(index: 1, count: 1)

    /// Part `index` of `count`.
    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else { return nil }
        self.init(index: k, count: n)
    }

    /// Whether record `record` of file `file` (both from 0, in corpus order) belongs here.
    public func contains(file: Int, record: Int) -> Bool {
        count == 1 || (file &+ record) % count == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
