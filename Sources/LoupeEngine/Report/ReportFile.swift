import Foundation
import LoupeBindings

extension ReportRenderer {
    /// Renders the report for `path` (its format from the extension) and writes it, with a
    /// Markdown report's chart files beside it (`<name>-chart-N.svg`): each file written to a
    /// temporary name and renamed into place once complete, the charts before the report.
    ///
    /// - Throws: ``OutputError`` naming the file that could not be written.
    public static func write(_ items: [ReportItem], manifest: Manifest, format: Format, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let rendered = render(items, manifest: manifest, format: format, chartStem: stem)
        let folder = url.deletingLastPathComponent()
        for attachment in rendered.attachments {
            try StagedFile.write(attachment.text, to: folder.appendingPathComponent(attachment.name).path)
        }
        try StagedFile.write(rendered.text, to: path)
    }
}
