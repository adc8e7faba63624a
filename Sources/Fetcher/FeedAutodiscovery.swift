import Foundation

/// Finds feeds announced by an HTML page: `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json"
/// href="...">` (HTML autodiscovery). A small byte scanner: no DOM, no network, tolerant of broken markup.
public enum FeedAutodiscovery {
    /// A feed a page links to.
    public struct Link: Sendable, Hashable {
        /// The absolute feed URL.
        public var url: String
        /// The declared media type.
        public var type: String
        /// The link's `title`, when given.
        public var title: String?
    }

    /// The media types that announce a feed.
    public static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
        "application/rdf+xml",
    ]

    /// The feed links in `html`, in document order, resolved against the page URL (or its `<base href>`).
    public static func feedLinks(inHTML html: [UInt8], pageURL: String) -> [Link] {
        let text = String(decoding: html.prefix(1_048_576), as: UTF8.self)
        var base = URL(string: pageURL)
        var links: [Link] = []
        for tag in tags(in: text) {
            let attributes = attributeMap(tag.attributes)
            if tag.name == "base", let href = attributes["href"], let url = URL(string: href, relativeTo: base) {
                base = url.absoluteURL
                continue
            }
            guard tag.name == "link", let rel = attributes["rel"]?.lowercased(),
                rel.split(whereSeparator: \.isWhitespace).contains("alternate"),
                let type = attributes["type"]?.lowercased().split(separator: ";").first.map(String.init)?
                    .trimmingCharacters(in: .whitespaces),
                feedTypes.contains(type), let href = attributes["href"], !href.isEmpty,
                let url = URL(string: href.trimmingCharacters(in: .whitespaces), relativeTo: base)?.absoluteURL,
                let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else { continue }
            let link = Link(url: url.absoluteString, type: type, title: attributes["title"])
            if !links.contains(where: { $0.url == link.url }) { links.append(link) }
        }
        return links
    }

    /// Whether a response looks like an HTML page rather than a feed.
    public static func looksLikeHTML(_ bytes: [UInt8], mediaType: String?) -> Bool {
        if let mediaType, mediaType == "text/html" || mediaType == "application/xhtml+xml" { return true }
        let start = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        return start.contains("<!doctype html") || start.contains("<html")
    }
}

// MARK: - Scanning

extension FeedAutodiscovery {
    private struct Tag {
        var name: String
        var attributes: Substring
    }

    /// `<link ...>` and `<base ...>` start tags (other tags are skipped; comments and scripts are not special-
    /// cased, which at worst finds a commented-out link).
    private static func tags(in text: String) -> [Tag] {
        var result: [Tag] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let nameEnd = rest.firstIndex { $0.isWhitespace || $0 == ">" || $0 == "/" } ?? rest.endIndex
            let name = rest[..<nameEnd].lowercased()
            if name == "/head" || name == "body" { break }
            guard name == "link" || name == "base", let close = tagEnd(in: rest[nameEnd...]) else { continue }
            result.append(Tag(name: name, attributes: rest[nameEnd..<close]))
            rest = rest[close...]
        }
        return result
    }

    /// The `>` that ends a tag, skipping quoted attribute values.
    private static func tagEnd(in text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return index
            }
        }
        return nil
    }

    /// `name="value" name='value' name=value` → lower-cased name → value with `&amp;` decoded.
    private static func attributeMap(_ text: Substring) -> [String: String] {
        var map: [String: String] = [:]
        var index = text.startIndex
        func skipSpace() {
            while index < text.endIndex, text[index].isWhitespace || text[index] == "/" {
                index = text.index(after: index)
            }
        }
        while true {
            skipSpace()
            guard index < text.endIndex else { break }
            let nameStart = index
            while index < text.endIndex, !text[index].isWhitespace, text[index] != "=", text[index] != "/" {
                index = text.index(after: index)
            }
            let name = text[nameStart..<index].lowercased()
            skipSpace()
            var value = ""
            if index < text.endIndex, text[index] == "=" {
                index = text.index(after: index)
                while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
                if index < text.endIndex, text[index] == "\"" || text[index] == "'" {
                    let quote = text[index]
                    let valueStart = text.index(after: index)
                    let valueEnd = text[valueStart...].firstIndex(of: quote) ?? text.endIndex
                    value = String(text[valueStart..<valueEnd])
                    index = valueEnd < text.endIndex ? text.index(after: valueEnd) : valueEnd
                } else {
                    let valueStart = index
                    while index < text.endIndex, !text[index].isWhitespace { index = text.index(after: index) }
                    value = String(text[valueStart..<index])
                }
            }
            if !name.isEmpty, map[name] == nil { map[name] = decodeEntities(value) }
        }
        return map
    }

    private static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
    }
}
