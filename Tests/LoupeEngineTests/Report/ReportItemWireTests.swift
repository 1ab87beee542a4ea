import LoupeBindings
import LuaRuntime
import Testing

@testable import LoupeEngine

/// Report items cross from the worker to the coordinator on the pipe and in the journal.
@Suite struct ReportItemWireTests {
    static let items: [ReportItem] = [
        .heading("H", level: 3),
        .paragraph("p"),
        .table(title: "t", columns: ["key", "count"], rows: [["a", 1], ["b", 2.5]]),
        .keyFigures([KeyFigure(label: "Documents", value: 2225), KeyFigure(label: "Speakers", value: "411", note: "names")]),
        .concordance(Concordance(title: "k", lines: [.init(left: "l", keyword: "k", right: "r"), .init(document: "d", left: "", keyword: "x", right: "")], omitted: 7)),
        .chart(Chart(kind: .bars, title: "b", axisTitle: "x", categories: ["a"], series: [.init(name: "", values: [1.5])], note: "n")),
        .chart(Chart(kind: .lines, title: "l", categoryTitle: "month", categories: ["2021-01", "2021-02"], series: [.init(name: "s", values: [0, -2])])),
        .chart(Chart(kind: .stackedBars, title: "s", categories: ["a"], series: [.init(name: "x", values: [1]), .init(name: "y", values: [2])])),
        .chart(Chart(kind: .dispersion, title: "d", categories: ["d1"], series: [.init(name: "", values: [0.25, 1], lines: [0, 0])])),
    ]

    @Test func finishOutcomeRoundTrip() throws {
        let reply = WorkerReply.finished(FinishOutcome(report: Self.items))
        #expect(try WorkerReply(frame: reply.frame) == reply)
    }

    @Test func documentOutcomeRoundTrip() throws {
        let reply = WorkerReply.document(DocumentOutcome(
            record: 2, id: "doc", result: .success(DocumentProducts(rows: [], aggregates: [1, 2], report: Self.items))))
        #expect(try WorkerReply(frame: reply.frame) == reply)
    }

    @Test func aTruncatedItemIsAnError() {
        let frame = WorkerReply.finished(FinishOutcome(report: Self.items)).frame
        let cut = Frame(kind: frame.kind, payload: Array(frame.payload.dropLast(5)))
        #expect(throws: FrameError.self) { try WorkerReply(frame: cut) }
    }
}
