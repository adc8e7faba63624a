/// An OPML 1.0/2.0 subscription list: a title and a tree of outlines, where an outline with an `xmlUrl` is a
/// feed and one without is a category (folder). Read with the libxml2 SAX driver (no entity expansion, no
/// network); written as OPML 2.0.
public struct OPMLDocument: Sendable, Hashable {
    /// One `<outline>`: a feed when `xmlURL` is set, else a category holding `children`.
    public struct Outline: Sendable, Hashable {
        /// `text` (required by OPML 2.0; the label shown to people).
        public var text: String
        /// `title`, when it differs from `text`.
        public var title: String?
        /// `type` (usually `rss` for feeds).
        public var type: String?
        /// `xmlUrl`: the feed's URL.
        public var xmlURL: String?
        /// `htmlUrl`: the site's URL.
        public var htmlURL: String?
        /// Nested outlines.
        public var children: [Outline]

        /// An outline; a feed when `xmlURL` is given.
        public init(
            text: String, title: String? = nil, type: String? = nil, xmlURL: String? = nil, htmlURL: String? = nil,
            children: [Outline] = []
        ) {
            self.text = text
            self.title = title
            self.type = type
            self.xmlURL = xmlURL
            self.htmlURL = htmlURL
            self.children = children
        }
    }

    /// A feed of the list with the path of categories it sits in.
    public struct Subscription: Sendable, Hashable {
        /// The feed URL.
        public var url: String
        /// The outline's label.
        public var title: String?
        /// The site's URL.
        public var htmlURL: String?
        /// Category names from the outermost in, e.g. ["Ukraine", "Official"].
        public var categories: [String]
    }

    /// `<head><title>`.
    public var title: String?
    /// The top-level outlines of `<body>`.
    public var outlines: [Outline]

    /// A document with the given title and outlines.
    public init(title: String? = nil, outlines: [Outline] = []) {
        self.title = title
        self.outlines = outlines
    }

    /// Every feed in document order (depth first), with its category path. A URL listed twice appears once.
    public var subscriptions: [Subscription] {
        var result: [Subscription] = []
        var seen: Set<String> = []
        func walk(_ outlines: [Outline], path: [String]) {
            for outline in outlines {
                if let url = outline.xmlURL {
                    if seen.insert(url).inserted {
                        result.append(
                            Subscription(
                                url: url,
                                title: outline.title
                                    ?? (outline.text.isEmpty || outline.text == url ? nil : outline.text),
                                htmlURL: outline.htmlURL, categories: path))
                    }
                    walk(outline.children, path: path)
                } else {
                    walk(outline.children, path: path + [outline.text])
                }
            }
        }
        walk(outlines, path: [])
        return result
    }
}

// MARK: - Editing

extension OPMLDocument {
    /// Adds a feed under the category path (created as needed). Returns false when the URL is already listed.
    @discardableResult
    public mutating func add(url: String, title: String?, htmlURL: String? = nil, categories: [String]) -> Bool {
        guard !subscriptions.contains(where: { $0.url == url }) else { return false }
        let feed = Outline(text: title ?? url, title: title, type: "rss", xmlURL: url, htmlURL: htmlURL)
        Self.insert(feed, into: &outlines, path: categories[...])
        return true
    }

    /// Removes every outline whose `xmlUrl` is `url`. Returns how many were removed.
    @discardableResult
    public mutating func remove(url: String) -> Int {
        Self.remove(url: url, from: &outlines)
    }

    /// Replaces a feed's URL (e.g. after a permanent redirect). Returns whether it was found.
    @discardableResult
    public mutating func replace(url: String, with newURL: String) -> Bool {
        Self.replace(url: url, with: newURL, in: &outlines)
    }

    private static func insert(_ feed: Outline, into outlines: inout [Outline], path: ArraySlice<String>) {
        guard let category = path.first else {
            outlines.append(feed)
            return
        }
        if let index = outlines.firstIndex(where: { $0.xmlURL == nil && $0.text == category }) {
            insert(feed, into: &outlines[index].children, path: path.dropFirst())
        } else {
            var folder = Outline(text: category)
            insert(feed, into: &folder.children, path: path.dropFirst())
            outlines.append(folder)
        }
    }

    private static func remove(url: String, from outlines: inout [Outline]) -> Int {
        let before = outlines.count
        outlines.removeAll { $0.xmlURL == url }
        var removed = before - outlines.count
        for index in outlines.indices {
            removed += remove(url: url, from: &outlines[index].children)
        }
        return removed
    }

    private static func replace(url: String, with newURL: String, in outlines: inout [Outline]) -> Bool {
        var found = false
        for index in outlines.indices {
            if outlines[index].xmlURL == url {
                outlines[index].xmlURL = newURL
                found = true
            }
            if replace(url: url, with: newURL, in: &outlines[index].children) { found = true }
        }
        return found
    }
}

// MARK: - Reading

extension OPMLDocument {
    /// Parses OPML 1.0 or 2.0. `source` names the file in error messages.
    public static func parse(_ bytes: [UInt8], source: String) throws(FeedParseError) -> OPMLDocument {
        let reader = OPMLReader()
        guard let driver = SAXDriver(delegate: reader, forcedEncoding: nil, documentURL: nil) else {
            throw FeedParseError(
                .unsupportedEncoding, reason: "\(source): the XML parser could not be created",
                hint: "save the file as UTF-8 and try again")
        }
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard !trimmed.isEmpty else {
            throw FeedParseError(
                .empty, reason: "\(source): the file is empty",
                hint: "add feeds with `aggregator feeds add URL` or import an OPML file")
        }
        _ = trimmed.withUnsafeBytes { driver.feed($0) }  // finish() reports a stopped parse
        let wellFormed = driver.finish()
        guard reader.sawRoot else {
            throw FeedParseError(
                .notAFeed, reason: "\(source): this is not an OPML file (no <opml> root element)",
                hint: "export the subscription list from your feed reader as OPML")
        }
        if !wellFormed, reader.outlines.isEmpty {
            let detail = driver.problems.first.map { " (line \($0.line): \($0.message))" } ?? ""
            throw FeedParseError(
                .unrecoverable, reason: "\(source): the OPML file is broken\(detail)",
                hint: "fix the XML at that line (an unescaped & is the usual culprit)")
        }
        return OPMLDocument(title: reader.title, outlines: reader.outlines)
    }
}

/// The SAX delegate that builds the outline tree.
private final class OPMLReader: SAXDelegate {
    var title: String?
    var outlines: [OPMLDocument.Outline] = []
    var sawRoot = false
    private var stack: [OPMLDocument.Outline] = []
    private var inHeadTitle = false
    private var inHead = false
    private var titleBytes: [UInt8] = []
    private var depth = 0

    func saxDriver(_ driver: SAXDriver, didStart element: SAXName, attributes: SAXAttributes) {
        depth += 1
        if depth == 1 {
            sawRoot = element.localNameIs("opml")
            if !sawRoot { driver.stop() }
            return
        }
        if element.localNameIs("head") {
            inHead = true
        } else if inHead, element.localNameIs("title") {
            inHeadTitle = true
            titleBytes.removeAll(keepingCapacity: true)
        } else if element.localNameIs("outline") {
            let text = attributes.string("text") ?? attributes.string("title") ?? ""
            let xmlURL = attributes.string("xmlUrl") ?? attributes.string("xmlURL") ?? attributes.string("url")
            stack.append(
                OPMLDocument.Outline(
                    text: text, title: attributes.string("title"), type: attributes.string("type"),
                    xmlURL: xmlURL, htmlURL: attributes.string("htmlUrl") ?? attributes.string("htmlURL")))
        }
    }

    func saxDriver(_ driver: SAXDriver, didEnd element: SAXName) {
        depth -= 1
        if element.localNameIs("head") {
            inHead = false
        } else if inHeadTitle, element.localNameIs("title") {
            inHeadTitle = false
            let text = String(decoding: titleBytes, as: UTF8.self).trimmingWhitespace
            title = text.isEmpty ? nil : text
        } else if element.localNameIs("outline"), let outline = stack.popLast() {
            if stack.isEmpty {
                outlines.append(outline)
            } else {
                stack[stack.count - 1].children.append(outline)
            }
        }
    }

    func saxDriver(_ driver: SAXDriver, foundCharacters bytes: UnsafeBufferPointer<UInt8>) {
        if inHeadTitle { titleBytes.append(contentsOf: bytes) }
    }
}

// MARK: - Writing

extension OPMLDocument {
    /// The document as OPML 2.0 (UTF-8, two-space indentation, attributes escaped).
    public func xml() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n"
        out += "    <title>\(Self.escape(title ?? "aggregator subscriptions"))</title>\n  </head>\n  <body>\n"
        for outline in outlines { Self.write(outline, indent: 2, into: &out) }
        out += "  </body>\n</opml>\n"
        return out
    }

    private static func write(_ outline: Outline, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        var attributes = "text=\"\(escape(outline.text))\""
        if let title = outline.title { attributes += " title=\"\(escape(title))\"" }
        if let type = outline.type { attributes += " type=\"\(escape(type))\"" }
        if let xmlURL = outline.xmlURL { attributes += " xmlUrl=\"\(escape(xmlURL))\"" }
        if let htmlURL = outline.htmlURL { attributes += " htmlUrl=\"\(escape(htmlURL))\"" }
        if outline.children.isEmpty {
            out += "\(pad)<outline \(attributes)/>\n"
        } else {
            out += "\(pad)<outline \(attributes)>\n"
            for child in outline.children { write(child, indent: indent + 1, into: &out) }
            out += "\(pad)</outline>\n"
        }
    }

    /// Escapes text for an XML attribute or element.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                // Control characters are not allowed in XML 1.0.
                if scalar.value < 0x20 && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
