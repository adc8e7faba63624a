/// The XML namespaces whose elements carry feed content, resolved once per element from its URI.
enum FeedNamespace: UInt8 {
    /// No namespace, RSS 1.0, RSS 0.90 (Netscape) or UserLand's RSS 2.0 namespace.
    case rss
    case atom
    case rdf
    case content
    case dublinCore
    case dublinCoreTerms
    case media
    case itunes
    case other

    /// Resolves a namespace URI. `documentIsAtom` maps "no namespace" to Atom for Atom documents that
    /// forgot their namespace declaration.
    static func resolve(_ uri: UnsafePointer<UInt8>?, documentIsAtom: Bool) -> FeedNamespace {
        guard let uri else { return documentIsAtom ? .atom : .rss }
        if SAXBytes.equal(uri, "http://www.w3.org/2005/Atom") { return .atom }
        if SAXBytes.equal(uri, "http://purl.org/rss/1.0/modules/content/") { return .content }
        if SAXBytes.equal(uri, "http://purl.org/dc/elements/1.1/") { return .dublinCore }
        if SAXBytes.equal(uri, "http://purl.org/rss/1.0/") { return .rss }
        if SAXBytes.equal(uri, "http://search.yahoo.com/mrss/") || SAXBytes.equal(uri, "http://search.yahoo.com/mrss") {
            return .media
        }
        if SAXBytes.equal(uri, "http://www.itunes.com/dtds/podcast-1.0.dtd") { return .itunes }
        if SAXBytes.equal(uri, "http://purl.org/dc/terms/") { return .dublinCoreTerms }
        if SAXBytes.equal(uri, "http://www.w3.org/1999/02/22-rdf-syntax-ns#") { return .rdf }
        if SAXBytes.equal(uri, "http://purl.org/atom/ns#") { return .atom }
        if SAXBytes.equal(uri, "http://my.netscape.com/rdf/simple/0.9/") { return .rss }
        if SAXBytes.equal(uri, "http://backend.userland.com/rss2") { return .rss }
        return .other
    }

    /// Whether `uri` is the RSS 0.90 (Netscape) namespace.
    static func isNetscapeRSS(_ uri: UnsafePointer<UInt8>?) -> Bool {
        guard let uri else { return false }
        return SAXBytes.equal(uri, "http://my.netscape.com/rdf/simple/0.9/")
    }

    /// Whether `uri` is the Atom 0.3 namespace.
    static func isAtom03(_ uri: UnsafePointer<UInt8>?) -> Bool {
        guard let uri else { return false }
        return SAXBytes.equal(uri, "http://purl.org/atom/ns#")
    }
}

/// The elements the feed parsers act on; everything else is `.other` and costs one lookup.
enum FeedElement: UInt8 {
    // Document roots and containers.
    case rss, rdf, feed, channel, item, entry, image, textInput, atomSource, author, contributor, mediaGroup
    // RSS (and RSS 1.0 / 0.9x).
    case title, link, description, language, pubDate, lastBuildDate, guid, rssAuthor, category, enclosure, ttl
    // Atom.
    case atomTitle, atomLink, atomID, atomUpdated, atomPublished, atomSummary, atomContent, atomCategory
    case atomSubtitle, atomName, atomEmail
    // Namespaced extensions.
    case contentEncoded, dcTitle, dcCreator, dcDate, dcSubject, dcDescription, dcLanguage
    case termsModified, termsIssued
    case mediaContent, mediaThumbnail, mediaDescription
    case itunesSummary, itunesAuthor
    case other

    /// Maps a namespace and local name to an element, comparing bytes only.
    static func resolve(_ namespace: FeedNamespace, _ name: SAXName) -> FeedElement {
        switch namespace {
        case .rss: return rssElement(name)
        case .atom: return atomElement(name)
        case .rdf: return name.localNameIs("RDF") ? .rdf : .other
        case .content: return name.localNameIs("encoded") ? .contentEncoded : .other
        case .dublinCore: return dublinCoreElement(name)
        case .dublinCoreTerms:
            if name.localNameIs("modified") { return .termsModified }
            if name.localNameIs("issued") || name.localNameIs("created") { return .termsIssued }
            return .other
        case .media: return mediaElement(name)
        case .itunes:
            if name.localNameIs("summary") { return .itunesSummary }
            if name.localNameIs("author") { return .itunesAuthor }
            return .other
        case .other: return .other
        }
    }

    private static func rssElement(_ name: SAXName) -> FeedElement {
        switch name.localName[0] {
        case UInt8(ascii: "t"):
            if name.localNameIs("title") { return .title }
            if name.localNameIs("ttl") { return .ttl }
            if name.localNameIs("textinput") || name.localNameIs("textInput") { return .textInput }
        case UInt8(ascii: "l"):
            if name.localNameIs("link") { return .link }
            if name.localNameIs("language") { return .language }
            if name.localNameIs("lastBuildDate") { return .lastBuildDate }
        case UInt8(ascii: "d"):
            if name.localNameIs("description") { return .description }
        case UInt8(ascii: "i"):
            if name.localNameIs("item") { return .item }
            if name.localNameIs("image") { return .image }
        case UInt8(ascii: "p"):
            if name.localNameIs("pubDate") { return .pubDate }
        case UInt8(ascii: "g"):
            if name.localNameIs("guid") { return .guid }
        case UInt8(ascii: "c"):
            if name.localNameIs("category") { return .category }
            if name.localNameIs("channel") { return .channel }
        case UInt8(ascii: "a"):
            if name.localNameIs("author") { return .rssAuthor }
        case UInt8(ascii: "e"):
            if name.localNameIs("enclosure") { return .enclosure }
        case UInt8(ascii: "r"):
            if name.localNameIs("rss") { return .rss }
        case UInt8(ascii: "f"):
            // Atom documents without a namespace are handled by `documentIsAtom`; this catches `feed` roots.
            if name.localNameIs("feed") { return .feed }
        default:
            break
        }
        return .other
    }

    private static func atomElement(_ name: SAXName) -> FeedElement {
        switch name.localName[0] {
        case UInt8(ascii: "t"):
            if name.localNameIs("title") { return .atomTitle }
            if name.localNameIs("tagline") { return .atomSubtitle }
        case UInt8(ascii: "l"):
            if name.localNameIs("link") { return .atomLink }
        case UInt8(ascii: "i"):
            if name.localNameIs("id") { return .atomID }
            if name.localNameIs("issued") { return .atomPublished }
        case UInt8(ascii: "u"):
            if name.localNameIs("updated") { return .atomUpdated }
        case UInt8(ascii: "m"):
            if name.localNameIs("modified") { return .atomUpdated }
        case UInt8(ascii: "p"):
            if name.localNameIs("published") { return .atomPublished }
        case UInt8(ascii: "s"):
            if name.localNameIs("summary") { return .atomSummary }
            if name.localNameIs("subtitle") { return .atomSubtitle }
            if name.localNameIs("source") { return .atomSource }
        case UInt8(ascii: "c"):
            if name.localNameIs("content") { return .atomContent }
            if name.localNameIs("category") { return .atomCategory }
            if name.localNameIs("contributor") { return .contributor }
            if name.localNameIs("created") { return .atomPublished }
        case UInt8(ascii: "e"):
            if name.localNameIs("entry") { return .entry }
            if name.localNameIs("email") { return .atomEmail }
        case UInt8(ascii: "a"):
            if name.localNameIs("author") { return .author }
        case UInt8(ascii: "n"):
            if name.localNameIs("name") { return .atomName }
        case UInt8(ascii: "f"):
            if name.localNameIs("feed") { return .feed }
        default:
            break
        }
        return .other
    }

    private static func dublinCoreElement(_ name: SAXName) -> FeedElement {
        if name.localNameIs("creator") { return .dcCreator }
        if name.localNameIs("date") { return .dcDate }
        if name.localNameIs("subject") { return .dcSubject }
        if name.localNameIs("title") { return .dcTitle }
        if name.localNameIs("description") { return .dcDescription }
        if name.localNameIs("language") { return .dcLanguage }
        return .other
    }

    private static func mediaElement(_ name: SAXName) -> FeedElement {
        if name.localNameIs("content") { return .mediaContent }
        if name.localNameIs("thumbnail") { return .mediaThumbnail }
        if name.localNameIs("description") { return .mediaDescription }
        if name.localNameIs("group") { return .mediaGroup }
        return .other
    }
}
