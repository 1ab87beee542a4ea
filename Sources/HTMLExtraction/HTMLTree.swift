internal import CLibXML2

/// Parses HTML with libxml2's forgiving HTML parser and copies the result into ``HTMLNode``s.
///
/// libxml2 is called once per page: `htmlReadMemory` on UTF-8 bytes (the reader transcodes
/// other charsets first; `XML_PARSE_HUGE` lifts the depth limit of 256 at which libxml2
/// would stop reading a page of unclosed elements), a walk over the tree, and `xmlFreeDoc`. Comments, processing
/// instructions and doctype nodes are not copied.
enum HTMLTree {
    /// Nodes nested deeper than this are attached to their ancestor at this depth, so that the
    /// recursive walks of the heuristics stay shallow whatever the page.
    static let maxDepth = 300

    /// libxml2's global state, set up once for the whole process (thread-safe lazy global).
    private static let parserInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `utf8` (an HTML page in UTF-8) and returns its document element (`<html>`),
    /// or `nil` when libxml2 found no element at all.
    static func parse(utf8: [UInt8]) -> HTMLNode? {
        precondition(parserInitialized)
        guard !utf8.isEmpty, utf8.count <= Int(Int32.max) else { return nil }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_HUGE.rawValue)
        let doc = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let rootElement = xmlDocGetRootElement(doc) else { return nil }
        let root = makeElement(rootElement)
        copyChildren(of: rootElement, into: root, depth: 1)
        return root
    }

    /// Copies the subtree under `node` into `parent`, depth first, without recursion (broken
    /// pages can nest thousands of unclosed elements). Below ``maxDepth`` elements are left
    /// out and their content goes to the deepest copied ancestor, a block's between `<br>`s
    /// so that paragraphs stay apart.
    private static func copyChildren(of node: xmlNodePtr, into parent: HTMLNode, depth: Int) {
        // Each entry: the next libxml2 sibling to copy, the node to copy it into, its depth,
        // and whether a flattened block ends when the siblings do.
        var stack: [(next: xmlNodePtr?, into: HTMLNode, depth: Int, endsBlock: Bool)] = [
            (node.pointee.children, parent, depth, false)
        ]
        while let top = stack.last {
            guard let current = top.next else {
                if top.endsBlock { top.into.append(HTMLNode(element: "br", attributes: [])) }
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next = current.pointee.next
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                if top.depth >= maxDepth {
                    let name = current.pointee.name.map { lowercased(string($0)) } ?? ""
                    let isBlock = ParagraphRenderer.blockTags.contains(name)
                    if isBlock { top.into.append(HTMLNode(element: "br", attributes: [])) }
                    stack.append((current.pointee.children, top.into, top.depth, isBlock))
                } else {
                    let element = makeElement(current)
                    top.into.append(element)
                    stack.append((current.pointee.children, element, top.depth + 1, false))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { top.into.append(HTMLNode(text: string(content))) }
            default:
                break  // comments, processing instructions, entity declarations
            }
        }
    }

    private static func makeElement(_ node: xmlNodePtr) -> HTMLNode {
        var attributes: [(name: String, value: String)] = []
        var property = node.pointee.properties
        while let attribute = property {
            if let name = attribute.pointee.name {
                var value = ""
                var valueNode = attribute.pointee.children
                while let part = valueNode {
                    if let content = part.pointee.content { value += string(content) }
                    valueNode = part.pointee.next
                }
                attributes.append((lowercased(string(name)), value))
            }
            property = attribute.pointee.next
        }
        let name = node.pointee.name.map { lowercased(string($0)) } ?? ""
        return HTMLNode(element: name, attributes: attributes)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>) -> String {
        pointer.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
    }

    /// ASCII lower case (tag and attribute names).
    static func lowercased(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
        return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
