/// One node of a parsed page: an element with its attributes and children, or a run of text.
///
/// The libxml2 tree is copied into these nodes and freed at once (see ``HTMLTree``), so the
/// extraction heuristics work on plain Swift values and no C memory outlives a parse.
final class HTMLNode {
    /// Element or text.
    enum Kind { case element, text }

    /// Element or text.
    let kind: Kind
    /// The lower-case tag name of an element; empty for text.
    let name: String
    /// The attributes of an element (names lower-case), in document order.
    let attributes: [(name: String, value: String)]
    /// The text of a text node (entities already decoded); empty for elements.
    let text: String
    /// The children, in document order.
    private(set) var children: [HTMLNode] = []
    /// The element containing this node.
    private(set) weak var parent: HTMLNode?

    // Scratch state of one extraction attempt (see ``ArticleExtractor``).
    /// Left out of the article: boilerplate, hidden, or removed by cleaning.
    var excluded = false
    /// The readability score of a candidate container, once initialised.
    var score: Double?
    /// The text measures of the node, excluding excluded descendants (for text, fixed when
    /// the node is made).
    var measure = TextMeasure()

    init(element name: String, attributes: [(name: String, value: String)]) {
        self.kind = .element
        self.name = name
        self.attributes = attributes
        self.text = ""
    }

    init(text: String) {
        self.kind = .text
        self.name = ""
        self.attributes = []
        self.text = text
        self.measure = TextMeasure(text: text)
    }

    /// Adds `child` as the last child.
    func append(_ child: HTMLNode) {
        child.parent = self
        children.append(child)
    }

    /// The value of the attribute `name` (lower-case), if present.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The element children.
    var elementChildren: [HTMLNode] { children.filter { $0.kind == .element } }

    /// The ancestors, nearest first.
    var ancestors: [HTMLNode] {
        var out: [HTMLNode] = []
        var node = parent
        while let current = node {
            out.append(current)
            node = current.parent
        }
        return out
    }

    /// This node and its descendants in document order (pre-order).
    func forEachDescendant(_ body: (HTMLNode) -> Void) {
        body(self)
        for child in children { child.forEachDescendant(body) }
    }

    /// The first element, in document order, for which `predicate` holds.
    func firstElement(where predicate: (HTMLNode) -> Bool) -> HTMLNode? {
        if kind == .element, predicate(self) { return self }
        for child in children {
            if let found = child.firstElement(where: predicate) { return found }
        }
        return nil
    }

    /// All elements, in document order, for which `predicate` holds.
    func elements(where predicate: (HTMLNode) -> Bool) -> [HTMLNode] {
        var out: [HTMLNode] = []
        forEachDescendant { if $0.kind == .element, predicate($0) { out.append($0) } }
        return out
    }

    /// The text of this node and its descendants, concatenated as in the source.
    var textContent: String {
        if kind == .text { return text }
        var out = ""
        forEachDescendant { if $0.kind == .text { out += $0.text } }
        return out
    }
}
