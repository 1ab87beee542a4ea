import DocModel
import Foundation
import LoupeTestSupport
import Testing

/// Sentence boundaries against the hand-made gold fixture (Tests/Fixtures/sentences/gold.txt:
/// one sentence per line, paragraphs separated by blank lines).
@Suite struct SentenceGoldTests {
    struct Paragraph {
        var sentences: [String]
        var text: String { sentences.joined(separator: " ") }
    }

    static func gold() throws -> [Paragraph] {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/sentences/gold.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        var paragraphs: [Paragraph] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { continue }
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(Paragraph(sentences: current)) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { paragraphs.append(Paragraph(sentences: current)) }
        return paragraphs
    }

    @Test func boundaryF1IsAtLeast98Percent() throws {
        let paragraphs = try Self.gold()
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var mistakes: [String] = []
        for paragraph in paragraphs {
            let document = Document(id: "gold", text: paragraph.text)
            // Gold boundaries: the byte offsets where each sentence after the first starts.
            var gold = Set<Int>()
            var offset = 0
            for sentence in paragraph.sentences.dropLast() {
                offset += sentence.utf8.count + 1
                gold.insert(offset)
            }
            let found = Set(document.sentences.spans.dropFirst().map(\.start))
            truePositives += gold.intersection(found).count
            falsePositives += found.subtracting(gold).count
            falseNegatives += gold.subtracting(found).count
            if gold != found {
                mistakes.append(document.sentences.spans.map { document.text(of: $0) }.joined(separator: " ‖ "))
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        let f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        let sentences = paragraphs.reduce(0) { $0 + $1.sentences.count }
        print(String(format: "sentence boundaries on %d gold sentences: precision %.3f, recall %.3f, F1 %.3f",
                     sentences, precision, recall, f1))
        for mistake in mistakes.prefix(40) { print("  segmented as: \(mistake)") }
        #expect(sentences >= 300)
        #expect(f1 >= 0.98)
    }
}
