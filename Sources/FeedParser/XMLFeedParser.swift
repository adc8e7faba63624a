import FeedModel
import Foundation

/// Builds a `ParsedFeed` from the SAX events of an RSS 0.90–2.0, RSS 1.0 (RDF) or Atom 0.3/1.0 document.
///
/// One state machine serves every format: the root element decides the format, and elements are recognised by
/// namespace and local name, compared as bytes. Character data is copied into one reusable buffer only inside
/// elements whose text is kept, and becomes a `String` once, at the end tag. Markup nested inside a kept
/// element (Atom XHTML content, inline HTML in RSS) is flattened into that element's text.
final class XMLFeedParser: SAXDelegate {
    /// How a captured element's text becomes plain text.
    private enum TextMode {
        /// Whitespace collapsed only (Atom `type="text"`, names, categories).
        case plain
        /// Escaped HTML: markup stripped and entities decoded by `TextExtractor`.
        case html
        /// Inline XHTML: the child elements were parsed as XML; their text is collapsed.
        case xhtml
        /// Kept as trimmed bytes (URLs, ids, dates, numbers).
        case raw
    }

    /// Which record a captured element belongs to.
    private enum Scope {
        case channel, item, person
    }

    private let documentURL: String?
    private let extractor: TextExtractor
    private let onItem: ((FeedItem) -> Void)?

    /// The format, once the root element has been seen.
    private(set) var format: FeedFormat?
    /// Set when the root element shows the document is not a feed.
    private(set) var rejection: FeedParseError?
    /// Items completed so far (empty when they are handed to `onItem`).
    private(set) var items: [FeedItem] = []
    /// How many items were completed (kept or handed over).
    private(set) var itemCount = 0
    private var channel = ChannelDraft()
    private var pipeline: ItemPipeline?
    private var documentIsAtom = false
    private var isRDF = false
    /// Items that were still open when the next one started (mismatched tags); counted for a warning.
    private(set) var nestedItemsClosed = 0
    /// Set when the nesting guard stopped the parse.
    private(set) var stoppedTooDeep = false
    /// Deeper documents are stopped there: libxml2's own limit (256) does not apply to push SAX parsing.
    static let maximumDepth = 256
    /// The root's namespace when it is not a known one: elements in it are read as RSS (or Atom).
    private var rootNamespace: [UInt8]?

    // Element context.
    private var stack: [FeedElement] = []
    private var item: ItemDraft?
    private var itemDepth = 0
    private var ignoreDepth = 0
    private var personDepth = 0
    private var personName: String?
    private var personEmail: String?
    private var guidIsPermaLink = true
    /// Resolved xml:base values with the depth of the element that set them.
    private var bases: [(depth: Int, url: String)] = []

    // Text capture.
    private var text: [UInt8] = []
    private var capturing = false
    private var captureElement = FeedElement.other
    private var captureScope = Scope.channel
    private var captureMode = TextMode.plain
    private var captureDepth = 0
    private var sawNestedMarkup = false

    deinit {
        pipeline?.finish()
    }

    init(documentURL: String?, extractor: TextExtractor, onItem: ((FeedItem) -> Void)?) {
        self.documentURL = documentURL
        self.extractor = extractor
        self.onItem = onItem
        text.reserveCapacity(16 * 1024)
        stack.reserveCapacity(32)
    }

    /// Moves item building (the HTML-to-text work) to a second thread from now on. Items keep their order.
    func startPipeline() {
        guard pipeline == nil else { return }
        pipeline = ItemPipeline(onItem: onItem)
    }

    /// Waits for the pipeline (if any) to build every submitted item, and takes its items.
    func finishPipeline() {
        guard let pipeline else { return }
        items += pipeline.finish()
        self.pipeline = nil
    }

    /// Whether elements are still open (the document ended early).
    var isInsideDocument: Bool { !stack.isEmpty }

    /// Keeps the item in progress when the document was cut off inside it and it has a title or link.
    /// Returns whether it was kept.
    func keepItemInProgress() -> Bool {
        guard let draft = item, draft.isWorthKeeping else { return false }
        complete(draft)
        item = nil
        return true
    }

    /// The feed built so far. `warnings` are added by the caller, which knows the parser-level problems.
    func makeFeed(format: FeedFormat, warnings: [String]) -> ParsedFeed {
        ParsedFeed(
            format: format, title: channel.finalTitle, link: channel.finalLink,
            description: channel.finalDescription, language: channel.finalLanguage, updated: channel.finalUpdated,
            timeToLiveMinutes: channel.timeToLiveMinutes, warnings: warnings, items: items)
    }

    // MARK: - SAX events

    func saxDriver(_ driver: SAXDriver, didStart name: SAXName, attributes: SAXAttributes) {
        stack.append(.other)
        let depth = stack.count
        if depth > Self.maximumDepth {
            stoppedTooDeep = true
            driver.stop()
            return
        }
        if capturing {
            sawNestedMarkup = true
            if !Self.isInlineHTML(name) { text.append(0x20) }
            return
        }
        if ignoreDepth > 0 { return }
        if attributes.count > 0 { readXMLAttributes(attributes, depth: depth) }
        var namespace = FeedNamespace.resolve(name.namespaceURI, documentIsAtom: documentIsAtom)
        if namespace == .other, let uri = name.namespaceURI, let rootNamespace, Self.equal(uri, rootNamespace) {
            namespace = documentIsAtom ? .atom : .rss
        }
        if format == nil && rejection == nil {
            startRoot(driver, name: name, namespace: namespace, attributes: attributes)
            stack[depth - 1] = documentIsAtom ? .feed : .other
            return
        }
        let element = FeedElement.resolve(namespace, name)
        stack[depth - 1] = element
        start(element, name: name, attributes: attributes, depth: depth)
    }

    func saxDriver(_ driver: SAXDriver, didEnd name: SAXName) {
        let depth = stack.count
        guard depth > 0 else { return }
        let element = stack.removeLast()
        defer {
            if let last = bases.last, last.depth == depth { bases.removeLast() }
        }
        if capturing {
            if depth > captureDepth {
                if !Self.isInlineHTML(name) { text.append(0x20) }
                return
            }
            capturing = false
            finishCapture()
            return
        }
        if ignoreDepth > 0 {
            if depth == ignoreDepth { ignoreDepth = 0 }
            return
        }
        if depth == itemDepth {
            itemDepth = 0
            if let draft = item { complete(draft) }
            item = nil
        } else if depth == personDepth {
            personDepth = 0
            if let person = personName ?? personEmail {
                if item != nil {
                    item?.addAuthor(person)
                } else if element == .author, !channel.authors.contains(person) {
                    channel.authors.append(person)
                }
            }
        }
    }

    func saxDriver(_ driver: SAXDriver, foundCharacters bytes: UnsafeBufferPointer<UInt8>) {
        if capturing { text.append(contentsOf: bytes) }
    }

    // MARK: - Root

    private func startRoot(_ driver: SAXDriver, name: SAXName, namespace: FeedNamespace, attributes: SAXAttributes) {
        // A root in an unknown namespace (e.g. <rss xmlns="https://cyber.harvard.edu/rss/rss.html">) is still
        // recognised by its local name, and that namespace is then read as the format's own.
        var element = FeedElement.resolve(namespace, name)
        if namespace == .other {
            if name.localNameIs("rss") { element = .rss }
            if name.localNameIs("feed") { element = .feed }
            if name.localNameIs("RDF") { element = .rdf }
            if element != .other, let uri = name.namespaceURI { rootNamespace = Self.bytes(uri) }
        }
        switch element {
        case .rss:
            format = Self.rssFormat(version: attributes.value("version"))
        case .rdf:
            isRDF = true
            format = .rss10
        case .feed:
            documentIsAtom = true
            let isOld =
                FeedNamespace.isAtom03(name.namespaceURI)
                || attributes.value("version").map { SAXBytes.equalIgnoringCase(SAXBytes.trimmed($0), "0.3") } == true
            format = isOld ? .atom03 : .atom10
        default:
            rejection = Self.rejection(forRoot: name)
            driver.stop()
        }
    }

    private static func rssFormat(version: UnsafeBufferPointer<UInt8>?) -> FeedFormat {
        guard let version else { return .rss20 }
        let trimmed = SAXBytes.trimmed(version)
        if SAXBytes.equalIgnoringCase(trimmed, "0.91") { return .rss091 }
        if SAXBytes.equalIgnoringCase(trimmed, "0.92") { return .rss092 }
        if SAXBytes.equalIgnoringCase(trimmed, "0.93") { return .rss093 }
        if SAXBytes.equalIgnoringCase(trimmed, "0.94") { return .rss094 }
        if SAXBytes.equalIgnoringCase(trimmed, "0.90") || SAXBytes.equalIgnoringCase(trimmed, "0.9") {
            return .rss090
        }
        return .rss20
    }

    private static func rejection(forRoot name: SAXName) -> FeedParseError {
        let root = String(cString: name.localName)
        if name.localNameIs("html") || name.localNameIs("HTML") {
            return FeedParseError(
                .notAFeed, reason: "this is an HTML web page, not a feed",
                hint: "open the page and use the address of its RSS or Atom feed"
                    + " (its <link rel=\"alternate\" type=\"application/rss+xml\"> element)")
        }
        if name.localNameIs("opml") {
            return FeedParseError(
                .notAFeed, reason: "this is an OPML subscription list, not a feed",
                hint: "import it as a list of feeds instead of parsing it as one")
        }
        return FeedParseError(
            .notAFeed, reason: "this is XML with root element <\(root)>, not an RSS, RDF or Atom feed",
            hint: "check that the URL or file is the feed itself (its root must be <rss>, <rdf:RDF> or <feed>)")
    }

    // MARK: - Elements

    private func start(_ element: FeedElement, name: SAXName, attributes: SAXAttributes, depth: Int) {
        switch element {
        case .item, .entry:
            // Items never nest: one starting inside another means broken markup left the first open.
            if let open = item {
                complete(open)
                nestedItemsClosed += 1
            }
            if isRDF, element == .item, FeedNamespace.isNetscapeRSS(name.namespaceURI) { format = .rss090 }
            item = ItemDraft()
            itemDepth = depth
            if isRDF, let about = attributes.string("about", namespaceURI: Self.rdfNamespace) {
                item?.id = about
            }
        case .channel:
            if isRDF, FeedNamespace.isNetscapeRSS(name.namespaceURI) { format = .rss090 }
        case .image, .textInput, .atomSource, .contributor:
            ignoreDepth = depth
        case .author:
            personDepth = depth
            personName = nil
            personEmail = nil
        case .atomName, .atomEmail:
            if personDepth > 0 { beginCapture(element, scope: .person, mode: .plain, depth: depth) }
        case .atomLink:
            atomLink(attributes)
        case .enclosure:
            if item != nil, let enclosure = enclosure(attributes, urlKey: "url", lengthKey: "length") {
                item?.addEnclosure(enclosure)
            }
        case .mediaContent:
            if item != nil, let enclosure = enclosure(attributes, urlKey: "url", lengthKey: "fileSize") {
                item?.addMediaEnclosure(enclosure)
            }
        case .mediaThumbnail:
            if item != nil, item?.thumbnail == nil, let url = attributes.string("url"), let resolved = resolve(url) {
                item?.thumbnail = Enclosure(url: resolved)
            }
        case .atomCategory:
            if item != nil, let category = attributes.string("label") ?? attributes.string("term") {
                let collapsed = collapse(category)
                if !collapsed.isEmpty { item?.addCategory(collapsed) }
            }
        case .guid:
            guidIsPermaLink =
                attributes.value("isPermaLink").map { !SAXBytes.equalIgnoringCase(SAXBytes.trimmed($0), "false") }
                ?? true
            beginCapture(element, scope: currentScope, mode: .raw, depth: depth)
        case .atomTitle, .atomSubtitle, .atomSummary, .atomContent:
            beginCapture(element, scope: currentScope, mode: Self.atomTextMode(attributes), depth: depth)
        case .title, .description, .contentEncoded, .dcTitle, .dcDescription, .mediaDescription, .itunesSummary:
            beginCapture(element, scope: currentScope, mode: .html, depth: depth)
        case .category, .dcSubject, .rssAuthor, .dcCreator, .itunesAuthor:
            beginCapture(element, scope: currentScope, mode: .plain, depth: depth)
        case .link, .pubDate, .lastBuildDate, .dcDate, .termsModified, .termsIssued, .atomUpdated, .atomPublished,
            .atomID, .ttl, .language, .dcLanguage:
            beginCapture(element, scope: currentScope, mode: .raw, depth: depth)
        default:
            break
        }
    }

    private var currentScope: Scope { item != nil ? .item : .channel }

    private func atomLink(_ attributes: SAXAttributes) {
        guard let href = attributes.string("href"), let url = resolve(href) else { return }
        let rel = attributes.value("rel").map(SAXBytes.trimmed)
        let isAlternate = rel.map { $0.isEmpty || SAXBytes.equalIgnoringCase($0, "alternate") } ?? true
        let type = attributes.value("type").map(SAXBytes.trimmed)
        if item != nil {
            if isAlternate {
                let isHTML = type.map { Self.isHTMLType($0) } ?? true
                if item?.alternateLink == nil || (isHTML && item?.alternateLinkIsHTML == false) {
                    item?.alternateLink = url
                    item?.alternateLinkIsHTML = isHTML
                }
            } else if let rel, SAXBytes.equalIgnoringCase(rel, "enclosure"),
                let enclosure = enclosure(attributes, urlKey: "href", lengthKey: "length")
            {
                item?.addEnclosure(enclosure)
            }
        } else if isAlternate, channel.alternateLink == nil {
            channel.alternateLink = url
        }
    }

    private func enclosure(_ attributes: SAXAttributes, urlKey: StaticString, lengthKey: StaticString) -> Enclosure? {
        guard let raw = attributes.string(urlKey), let url = resolve(raw) else { return nil }
        let length = attributes.value(lengthKey).flatMap { Self.integer(SAXBytes.trimmed($0)) }
        return Enclosure(url: url, type: attributes.string("type"), length: length)
    }

    // MARK: - Text capture

    private func beginCapture(_ element: FeedElement, scope: Scope, mode: TextMode, depth: Int) {
        text.removeAll(keepingCapacity: true)
        capturing = true
        captureElement = element
        captureScope = scope
        captureMode = mode
        captureDepth = depth
        sawNestedMarkup = false
    }

    private func finishCapture() {
        switch captureScope {
        case .person:
            let value = text.withUnsafeBufferPointer { extractor.collapsedText($0) }
            guard !value.isEmpty else { return }
            if captureElement == .atomName { personName = value } else { personEmail = value }
        case .channel:
            finishChannelField()
        case .item:
            if item != nil { finishItemField() }
        }
    }

    private func finishChannelField() {
        switch captureElement {
        case .title, .atomTitle:
            if channel.title == nil { channel.title = textValue() }
        case .dcTitle:
            if channel.fallbackTitle == nil { channel.fallbackTitle = textValue() }
        case .link:
            if channel.link == nil { channel.link = urlValue() }
        case .description, .atomSubtitle:
            if channel.description == nil { channel.description = textValue() }
        case .dcDescription, .itunesSummary:
            if channel.fallbackDescription == nil { channel.fallbackDescription = textValue() }
        case .language, .dcLanguage:
            if channel.language == nil { channel.language = rawValue() }
        case .lastBuildDate, .atomUpdated, .dcDate, .termsModified:
            if channel.updated == nil { channel.updated = dateValue() }
        case .pubDate, .atomPublished, .termsIssued:
            if channel.published == nil { channel.published = dateValue() }
        case .ttl:
            if channel.timeToLiveMinutes == nil {
                channel.timeToLiveMinutes = text.withUnsafeBufferPointer {
                    Self.integer(SAXBytes.trimmed($0)).flatMap { Int(exactly: $0) }
                }
            }
        default:
            break
        }
    }

    private func finishItemField() {
        switch captureElement {
        case .title, .atomTitle:
            if item?.title == nil { item?.title = pendingValue() }
        case .dcTitle:
            if item?.fallbackTitle == nil { item?.fallbackTitle = pendingValue() }
        case .link:
            if item?.link == nil { item?.link = urlValue() }
        case .guid:
            guard let guid = rawValue() else { return }
            if item?.id == nil { item?.id = guid }
            if guidIsPermaLink, item?.guidLink == nil, guid.hasPrefix("http://") || guid.hasPrefix("https://") {
                item?.guidLink = guid
            }
        case .atomID:
            if item?.id == nil { item?.id = rawValue() }
        case .pubDate, .atomPublished, .termsIssued:
            if item?.published == nil { item?.published = dateValue() }
        case .dcDate:
            if item?.dublinCoreDate == nil { item?.dublinCoreDate = dateValue() }
        case .atomUpdated, .termsModified:
            if item?.updated == nil { item?.updated = dateValue() }
        case .rssAuthor:
            if let author = textValue() { item?.addAuthor(Self.personName(fromRSSAuthor: author)) }
        case .dcCreator:
            if let author = textValue() { item?.addAuthor(author) }
        case .itunesAuthor:
            if item?.fallbackAuthor == nil { item?.fallbackAuthor = textValue() }
        case .category, .dcSubject:
            if let category = textValue() { item?.addCategory(category) }
        case .description, .atomSummary:
            if item?.summary == nil { item?.summary = pendingValue() }
        case .dcDescription, .itunesSummary:
            if item?.fallbackSummary == nil { item?.fallbackSummary = pendingValue() }
        case .mediaDescription:
            if item?.mediaDescription == nil { item?.mediaDescription = pendingValue() }
        case .contentEncoded, .atomContent:
            if item?.content == nil { item?.content = pendingValue() }
        default:
            break
        }
    }

    /// The captured text as plain text, per the capture's mode; nil when empty.
    private func textValue() -> String? {
        let value = text.withUnsafeBufferPointer { bytes -> String in
            switch captureMode {
            case .html where !sawNestedMarkup:
                return extractor.plainText(fromHTML: bytes)
            case .plain, .html, .xhtml, .raw:
                return extractor.collapsedText(bytes)
            }
        }
        return value.isEmpty ? nil : value
    }

    /// The captured text kept for later conversion (see `PendingText`); nil when blank.
    private func pendingValue() -> PendingText? {
        let blank = text.withUnsafeBufferPointer { SAXBytes.trimmed($0).isEmpty }
        if blank { return nil }
        return PendingText(
            bytes: text.withUnsafeBufferPointer { Array($0) }, interpretsHTML: captureMode == .html && !sawNestedMarkup)
    }

    /// The captured text trimmed, without interpretation; nil when blank.
    private func rawValue() -> String? {
        text.withUnsafeBufferPointer { bytes in
            let trimmed = SAXBytes.trimmed(bytes)
            return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
        }
    }

    private func urlValue() -> String? {
        rawValue().flatMap(resolve)
    }

    private func dateValue() -> Date? {
        text.withUnsafeBufferPointer { DateParser.parse(SAXBytes.trimmed($0)) }
    }

    private func collapse(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { extractor.collapsedText($0) }
    }

    // MARK: - Items

    private func complete(_ draft: ItemDraft) {
        let inherited = documentIsAtom ? channel.authors : []
        itemCount += 1
        if let pipeline {
            pipeline.submit(draft, inheritedAuthors: inherited)
            return
        }
        let built = draft.build(inheritedAuthors: inherited, extractor: extractor)
        if let onItem {
            onItem(built)
        } else {
            items.append(built)
        }
    }

    // MARK: - xml:base and xml:lang

    private static let xmlNamespace: StaticString = "http://www.w3.org/XML/1998/namespace"
    private static let rdfNamespace: StaticString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    private func readXMLAttributes(_ attributes: SAXAttributes, depth: Int) {
        if let base = attributes.string("base", namespaceURI: Self.xmlNamespace) {
            let resolved = URLResolver.resolve(base, against: currentBase) ?? base
            bases.append((depth, resolved))
        }
        if depth <= 2, channel.xmlLanguage == nil,
            let language = attributes.string("lang", namespaceURI: Self.xmlNamespace)
        {
            channel.xmlLanguage = language
        }
    }

    private var currentBase: String? { bases.last?.url ?? documentURL }

    private func resolve(_ reference: String) -> String? {
        URLResolver.resolve(reference, against: currentBase)
    }

    // MARK: - Helpers

    private static func atomTextMode(_ attributes: SAXAttributes) -> TextMode {
        let mode = attributes.value("mode").map(SAXBytes.trimmed)
        let escaped = mode.map { SAXBytes.equalIgnoringCase($0, "escaped") } ?? false
        guard let type = attributes.value("type").map(SAXBytes.trimmed) else { return escaped ? .html : .plain }
        if SAXBytes.equalIgnoringCase(type, "html") || SAXBytes.equalIgnoringCase(type, "text/html") { return .html }
        if SAXBytes.equalIgnoringCase(type, "xhtml") || SAXBytes.equalIgnoringCase(type, "application/xhtml+xml") {
            return .xhtml
        }
        return escaped ? .html : .plain
    }

    private static func isHTMLType(_ type: UnsafeBufferPointer<UInt8>) -> Bool {
        SAXBytes.equalIgnoringCase(type, "text/html") || SAXBytes.equalIgnoringCase(type, "application/xhtml+xml")
    }

    /// RSS `<author>` is "email (Name)" or "Name <email>" or just one of them; prefer the name.
    static func personName(fromRSSAuthor author: String) -> String {
        if author.hasSuffix(")"), let open = author.lastIndex(of: "(") {
            let name = author[author.index(after: open)..<author.index(before: author.endIndex)]
                .trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return name }
        }
        if author.hasSuffix(">"), let open = author.lastIndex(of: "<"), open > author.startIndex {
            let name = author[..<open].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return name }
        }
        return author
    }

    private static func bytes(_ cString: UnsafePointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while cString[index] != 0 {
            result.append(cString[index])
            index += 1
        }
        return result
    }

    private static func equal(_ cString: UnsafePointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        for index in 0..<bytes.count where cString[index] != bytes[index] {
            return false
        }
        return cString[bytes.count] == 0
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    /// Inline HTML elements do not separate words when markup is flattened to text.
    private static func isInlineHTML(_ name: SAXName) -> Bool {
        switch name.localName[0] {
        case UInt8(ascii: "a"): return name.localNameIs("a") || name.localNameIs("abbr")
        case UInt8(ascii: "b"): return name.localNameIs("b")
        case UInt8(ascii: "c"): return name.localNameIs("code") || name.localNameIs("cite")
        case UInt8(ascii: "e"): return name.localNameIs("em")
        case UInt8(ascii: "f"): return name.localNameIs("font")
        case UInt8(ascii: "i"): return name.localNameIs("i")
        case UInt8(ascii: "k"): return name.localNameIs("kbd")
        case UInt8(ascii: "m"): return name.localNameIs("mark")
        case UInt8(ascii: "q"): return name.localNameIs("q")
        case UInt8(ascii: "s"):
            return name.localNameIs("span") || name.localNameIs("strong") || name.localNameIs("small")
                || name.localNameIs("sub") || name.localNameIs("sup") || name.localNameIs("s")
        case UInt8(ascii: "t"): return name.localNameIs("time")
        case UInt8(ascii: "u"): return name.localNameIs("u")
        default: return false
        }
    }
}
