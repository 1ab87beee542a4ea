import DocModel
import Foundation
import HTMLExtraction

/// Scores ``HTMLReader`` against the gold article bodies of an HTML corpus: a directory with
/// `index.tsv` (id, url, host, html_bytes, gold_chars, lang) and `pages/<id>.html` beside
/// `pages/<id>.gold.txt`.
enum HTMLEvaluation {
    /// Where the corpus is looked for by default, relative to the current directory.
    static let defaultDirectory = "../shared/corpus/html"
    /// The English mean F1 below which the evaluation fails.
    static let englishBar = 0.90

    /// One row of `index.tsv`.
    struct Page: Equatable {
        var id: String
        var host: String
        var lang: String
    }

    /// One page's score.
    struct Result {
        var page: Page
        var score: TokenF1
    }

    /// The pages listed in `index.tsv` (its header line and blank lines skipped).
    static func parseIndex(_ tsv: String) -> [Page] {
        var pages: [Page] = []
        for line in tsv.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 6, fields[0] != "id" else { continue }
            pages.append(Page(id: fields[0], host: fields[2], lang: fields[5]))
        }
        return pages
    }

    /// The mean F1 of `results` (0 when there are none).
    static func meanF1(_ results: [Result]) -> Double {
        results.isEmpty ? 0 : results.reduce(0) { $0 + $1.score.f1 } / Double(results.count)
    }

    /// One report line: id (shortened), language, P, R, F1, host.
    static func line(_ result: Result) -> String {
        let s = result.score
        return "\(result.page.id.prefix(12))  \(result.page.lang)  P \(fixed(s.precision))  R \(fixed(s.recall))"
            + "  F1 \(fixed(s.f1))  \(result.page.host)"
    }

    static func fixed(_ x: Double) -> String { String(format: "%.3f", x) }

    /// Runs the evaluation on `directory` and returns the exit status.
    static func run(directory: String) -> Int32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            print("\(directory) not found: skipping the HTML evaluation")
            return 0
        }
        let indexPath = directory + "/index.tsv"
        guard let index = try? String(contentsOfFile: indexPath, encoding: .utf8) else {
            print("\(indexPath) cannot be read: the HTML corpus needs an index.tsv")
            return 1
        }
        let reader = HTMLReader()
        var results: [Result] = []
        for page in parseIndex(index) {
            let base = "\(directory)/pages/\(page.id)"
            let extracted: String
            do {
                extracted = try reader.read(path: base + ".html").text
            } catch {
                print("\(page.id.prefix(12))  \(page.lang)  error: \(error)")
                extracted = ""
            }
            let gold = (try? String(contentsOfFile: base + ".gold.txt", encoding: .utf8)) ?? ""
            let result = Result(page: page, score: TokenF1(extracted: extracted, gold: gold))
            results.append(result)
            print(line(result))
        }
        let english = results.filter { $0.page.lang == "en" }
        let englishMean = meanF1(english)
        print("mean F1, English pages (\(english.count)): \(fixed(englishMean))")
        print("mean F1, all pages (\(results.count)): \(fixed(meanF1(results)))")
        if englishMean < englishBar {
            print("the English mean F1 is below \(fixed(englishBar))")
            return 1
        }
        return 0
    }

    /// Prints the metadata and clean text of the page at `path`; returns the exit status.
    static func show(path: String) -> Int32 {
        do {
            let doc = try HTMLReader().read(path: path)
            for (key, value) in doc.meta.entries { print("\(key): \(value)") }
            print("---")
            print(doc.text)
            return 0
        } catch {
            print("\(error)")
            return 1
        }
    }
}
