import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What an SVG holds, read with an XML parser (which also proves it well-formed): how many of
/// each element, the root's attributes, and the text of every element.
final class SVGInspector: NSObject, XMLParserDelegate {
    private(set) var counts: [String: Int] = [:]
    private(set) var rootAttributes: [String: String] = [:]
    private(set) var texts: [String] = []
    private(set) var pathData: [String] = []
    private var current = ""

    /// Parses `svg`; nil when it is not well-formed XML.
    static func inspect(_ svg: String) -> SVGInspector? {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        return parser.parse() ? inspector : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if counts.isEmpty { rootAttributes = attributes }
        counts[name, default: 0] += 1
        if name == "path", let data = attributes["d"] { pathData.append(data) }
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !current.isEmpty { texts.append(current) }
        current = ""
    }
}
