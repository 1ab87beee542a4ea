import DocModel
import Foundation
import LoupeBindings
import Testing

@testable import LoupeRepl

@Suite struct PrintingAndHistoryTests {
    private let document = Document(id: "note", text: "First sentence here. The second one is short. A third follows.")

    @Test func aSpanShowsInItsContext() {
        let printer = DocumentPrinter(style: ReplStyle(color: false))
        let second = document.sentences.spans[1]
        let text = printer.describe(InspectedSpan(document: document, span: second, layer: "sentence", index: 2))
        #expect(text == "Span sentence 2 of note, bytes 22–45\n  First sentence here. «The second one is short.» A third follows.")
        var narrow = printer
        narrow.context = 6
        #expect(narrow.inContext(InspectedSpan(document: document, span: second, layer: nil, index: nil))
            == "…here. «The second one is short.» A thi…")
    }

    @Test func colourHighlightsInReverseVideo() {
        let style = ReplStyle(color: true)
        #expect(style.highlight("x") == "\u{1B}[7mx\u{1B}[0m")
    }

    @Test func aDocumentShowsAsASummary() {
        let text = DocumentPrinter(style: ReplStyle(color: false)).summary(of: document)
        #expect(text.hasPrefix("Document \"note\"\n  meta    {}\n  text    62 bytes clean, 62 raw\n  layers  1 paragraphs · 3 sentences"))
    }

    @Test func historySkipsBlanksAndDuplicates() throws {
        var history = ReplHistory(path: nil)
        let changes = ["a = 1", "   ", "b", "a = 1", "a = 1"].map { history.add($0) }
        #expect(changes == [true, false, true, true, false])
        #expect(history.entries == ["b", "a = 1"])
    }

    @Test func historyKeepsMultiLineChunksInOneLineOfItsFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-history-\(UUID().uuidString)/h").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var history = ReplHistory(path: path)
        history.add("for i = 1, 2 do\n  print(\"a\\\\b\")\nend")
        history.add("x")
        history.save()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "for i = 1, 2 do\\n  print(\"a\\\\\\\\b\")\\nend\nx\n")
        #expect(ReplHistory(path: path).entries == history.entries)
        #expect(ReplHistory.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/loupe/history")
        #expect(ReplHistory.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/loupe/history")
    }
}
