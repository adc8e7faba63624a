import FeedModel
import Foundation

/// Parses JSON Feed 1.0 and 1.1 documents (https://jsonfeed.org/version/1.1) into a `ParsedFeed`.
///
/// Text follows the feed model's rules: `title`, `summary`, `description` and `content_html` become plain text
/// (markup stripped, entities decoded, whitespace collapsed); `content_text` is only whitespace-collapsed.
/// Relative URLs are resolved against `feed_url`, else `home_page_url`, else the document URL. Items keep no
/// invented title. Dates go through `DateParser`. Authors fall back to the feed's authors, as the spec says.
///
/// RSS-in-JSON (decision): scripting.com publishes "RSS 2.0 serialised as JSON" (`{"rss": {"version": "2.0",
/// "channel": {…, "item": […]}}}`, https://github.com/scripting/Scripting-News/tree/master/rss-in-json). It is not
/// a JSON Feed, but it is a feed whose every field maps one-to-one onto RSS 2.0, and rejecting it would drop a
/// real source. So it is parsed as the RSS it encodes and reported with format `rss2.0`, exactly as the XML
/// version of the same channel would be. Nothing in such a document is broken, so it carries no warning.
public enum JSONFeedParser {
    /// Parses JSON Feed 1.0 / 1.1 (or RSS-in-JSON). `documentURL` resolves relative URLs.
    /// Throws `FeedParseError` when the bytes are not JSON or the JSON is not a feed.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, documentURL: String?, extractor: TextExtractor
    ) throws(FeedParseError) -> ParsedFeed {
        guard bytes.contains(where: { !isJSONSpace($0) }) else {
            throw FeedParseError(
                .empty, reason: "the document is empty",
                hint: "check that the URL or file really serves a feed")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw invalidJSON(bytes, underlying: error)
        }
        guard let root = object as? [String: Any] else {
            throw FeedParseError(
                .notAFeed, reason: "the JSON document is \(describe(object)), not a JSON Feed object",
                hint: "a JSON Feed is an object with \"version\": \"https://jsonfeed.org/version/1.1\" and \"items\"")
        }
        var context = Context(extractor: extractor, documentURL: documentURL)
        if let rss = root["rss"] as? [String: Any], let channel = rss["channel"] as? [String: Any] {
            return context.parseRSSInJSON(channel)
        }
        return try context.parseJSONFeed(root)
    }
}

// MARK: - Errors

extension JSONFeedParser {
    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func invalidJSON(_ bytes: UnsafeRawBufferPointer, underlying: any Error) -> FeedParseError {
        let detail = (underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        let suffix = detail.map { " (" + $0.trimmingCharacters(in: CharacterSet(charactersIn: ". ")) + ")" } ?? ""
        let prefix = bytes.prefix(4096)
        let mentionsJSONFeed = prefix.withUnsafeBytes { raw in
            String(decoding: raw, as: UTF8.self).contains("jsonfeed.org/version")
        }
        if mentionsJSONFeed {
            return FeedParseError(
                .unrecoverable, reason: "the JSON Feed is not valid JSON\(suffix); it may be truncated",
                hint: "fetch it again; if it stays broken, report it to the feed's publisher")
        }
        return FeedParseError(
            .notAFeed, reason: "the document is not valid JSON\(suffix)",
            hint: "check that the URL serves a feed (RSS, Atom or JSON Feed) and not an error page")
    }

    private static func describe(_ object: Any) -> String {
        switch object {
        case is [Any]: return "an array"
        case is String: return "a string"
        case is NSNull: return "null"
        default: return "a number or boolean"
        }
    }
}

// MARK: - Parsing

extension JSONFeedParser {
    /// Per-document state: the text extractor, the base URL and the warnings so far.
    private struct Context {
        let extractor: TextExtractor
        var base: String?
        var warnings: [String] = []

        init(extractor: TextExtractor, documentURL: String?) {
            self.extractor = extractor
            self.base = documentURL
        }

        // MARK: JSON Feed

        mutating func parseJSONFeed(_ root: [String: Any]) throws(FeedParseError) -> ParsedFeed {
            let format = try jsonFeedFormat(root)
            let documentURL = base
            // Base for relative URLs: the feed's own URL, else its home page, else where it was read from.
            for key in ["feed_url", "home_page_url"] {
                if let candidate = string(root[key]),
                    let resolved = URLResolver.resolve(candidate, against: documentURL),
                    isAbsoluteWebURL(resolved)
                {
                    base = resolved
                    break
                }
            }
            var feed = ParsedFeed(format: format)
            feed.title = plain(root["title"])
            feed.link = url(root["home_page_url"])
            feed.description = plain(root["description"])
            feed.language = trimmed(root["language"])
            let feedAuthors = authors(root)

            if let items = root["items"] as? [Any] {
                var skipped = 0
                feed.items.reserveCapacity(items.count)
                for case let entry in items {
                    guard let item = entry as? [String: Any] else {
                        skipped += 1
                        continue
                    }
                    feed.items.append(jsonFeedItem(item, feedAuthors: feedAuthors))
                }
                if skipped > 0 {
                    warnings.append(
                        skipped == 1
                            ? "1 entry in \"items\" is not an object and was skipped"
                            : "\(skipped) entries in \"items\" are not objects and were skipped")
                }
            } else if root["items"] == nil {
                warnings.append("the JSON Feed has no \"items\" array; read as a feed without items")
            } else {
                warnings.append("the JSON Feed's \"items\" is not an array; read as a feed without items")
            }
            feed.warnings = warnings
            return feed
        }

        /// The version URL decides 1.0 vs 1.1. A missing version is tolerated when the object plainly is a
        /// feed (a title and an items array); anything else is not a JSON Feed.
        private mutating func jsonFeedFormat(_ root: [String: Any]) throws(FeedParseError) -> FeedFormat {
            if let version = string(root["version"]) {
                let lower = version.lowercased()
                if let range = lower.range(of: "jsonfeed.org/version/") {
                    let number = lower[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
                    switch number {
                    case "1", "1.0": return .json10
                    case "1.1": return .json11
                    default:
                        warnings.append("unknown JSON Feed version \"\(version)\"; read as JSON Feed 1.1")
                        return .json11
                    }
                }
            }
            if root["items"] is [Any], root["title"] is String {
                warnings.append("the JSON Feed has no valid \"version\"; read as JSON Feed 1.0")
                return .json10
            }
            let keys = root.keys.sorted().prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
            throw FeedParseError(
                .notAFeed,
                reason: "the JSON object is not a JSON Feed: it has no \"version\" naming jsonfeed.org "
                    + "(its keys: \(keys.isEmpty ? "none" : keys))",
                hint: "check that the URL serves a feed; a JSON Feed starts with "
                    + "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": …, \"items\": […]}")
        }

        private func jsonFeedItem(_ item: [String: Any], feedAuthors: [String]) -> FeedItem {
            let link = url(item["url"]) ?? url(item["external_url"])
            let title = plain(item["title"])
            var content = plain(item["content_html"])
            if content == nil, let text = string(item["content_text"]) {
                content = collapsed(text)
            }
            let summary = plain(item["summary"])
            let id =
                identifier(item["id"])
                ?? ItemIdentity.synthesize(link: link, title: title, content: content ?? summary)
            var result = FeedItem(id: id, title: title, link: link, summary: summary, content: content)
            result.published = date(item["date_published"])
            result.updated = date(item["date_modified"])
            let itemAuthors = authors(item)
            result.authors = itemAuthors.isEmpty ? feedAuthors : itemAuthors
            if let tags = item["tags"] as? [Any] {
                result.categories = tags.compactMap { trimmed($0) }
            }
            if let attachments = item["attachments"] as? [Any] {
                result.enclosures = attachments.compactMap { entry in
                    guard let attachment = entry as? [String: Any], let link = url(attachment["url"]) else {
                        return nil
                    }
                    return Enclosure(
                        url: link, type: trimmed(attachment["mime_type"]), length: integer(attachment["size_in_bytes"]))
                }
            }
            return result
        }

        /// JSON Feed 1.1 `authors` (array), else 1.0 `author` (object); names only.
        private func authors(_ object: [String: Any]) -> [String] {
            var names: [String] = []
            if let list = object["authors"] as? [Any] {
                for case let author as [String: Any] in list {
                    if let name = plain(author["name"]) { names.append(name) }
                }
            }
            if names.isEmpty, let author = object["author"] as? [String: Any], let name = plain(author["name"]) {
                names.append(name)
            }
            return names
        }

        // MARK: RSS-in-JSON

        /// scripting.com's RSS 2.0 channel serialised as JSON. Element values are strings (or objects with a
        /// `#value` when they carry attributes); repeated elements are arrays, single ones may be bare.
        mutating func parseRSSInJSON(_ channel: [String: Any]) -> ParsedFeed {
            var feed = ParsedFeed(format: .rss20)
            feed.link = url(value(channel["link"]))
            // Relative links resolve against where the document was read from, else against the site.
            if !isAbsoluteWebURL(base), let link = feed.link, isAbsoluteWebURL(link) {
                base = link
            }
            feed.title = plain(value(channel["title"]))
            feed.description = plain(value(channel["description"]))
            feed.language = trimmed(value(channel["language"]))
            feed.updated = date(value(channel["lastBuildDate"])) ?? date(value(channel["pubDate"]))
            if let ttl = string(value(channel["ttl"])).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                feed.timeToLiveMinutes = ttl
            }
            for case let item as [String: Any] in list(channel["item"]) {
                feed.items.append(rssItem(item))
            }
            feed.warnings = warnings
            return feed
        }

        private func rssItem(_ item: [String: Any]) -> FeedItem {
            let link = url(value(item["link"]))
            let title = plain(value(item["title"]))
            let summary = plain(value(item["description"]))
            let content = plain(value(item["content:encoded"]))
            let guid = trimmed(value(item["guid"]))
            let id = guid ?? ItemIdentity.synthesize(link: link, title: title, content: content ?? summary)
            var result = FeedItem(id: id, title: title, link: link, summary: summary, content: content)
            result.published = date(value(item["pubDate"]))
            result.authors = (list(item["author"]) + list(item["dc:creator"])).compactMap { plain(value($0)) }
            result.categories = list(item["category"]).compactMap { trimmed(value($0)) }
            result.enclosures = list(item["enclosure"]).compactMap { entry in
                guard let enclosure = entry as? [String: Any], let link = url(enclosure["url"]) else { return nil }
                return Enclosure(url: link, type: trimmed(enclosure["type"]), length: integer(enclosure["length"]))
            }
            return result
        }

        /// An element's text: the value itself, or its `#value` when it was serialised with attributes.
        private func value(_ any: Any?) -> Any? {
            if let object = any as? [String: Any] { return object["#value"] }
            return any
        }

        /// A repeated element: an array, or one bare value.
        private func list(_ any: Any?) -> [Any] {
            if let array = any as? [Any] { return array }
            return any.map { [$0] } ?? []
        }

        // MARK: Values

        private func isAbsoluteWebURL(_ url: String?) -> Bool {
            guard let url else { return false }
            return url.hasPrefix("https://") || url.hasPrefix("http://")
        }

        private func string(_ any: Any?) -> String? {
            any as? String
        }

        /// A string, trimmed; nil when missing or blank.
        private func trimmed(_ any: Any?) -> String? {
            guard let text = string(any)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                return nil
            }
            return text
        }

        /// Plain text of a field that may hold HTML or entities; nil when missing or blank.
        private func plain(_ any: Any?) -> String? {
            guard let text = string(any) else { return nil }
            let result = extractor.plainText(fromHTML: text)
            return result.isEmpty ? nil : result
        }

        private func collapsed(_ text: String) -> String? {
            var copy = text
            let result = copy.withUTF8 { extractor.collapsedText($0) }
            return result.isEmpty ? nil : result
        }

        private func url(_ any: Any?) -> String? {
            guard let text = string(any) else { return nil }
            return URLResolver.resolve(text, against: base)
        }

        private func date(_ any: Any?) -> Date? {
            string(any).flatMap { DateParser.parse($0) }
        }

        /// A JSON Feed `id`: a non-blank string, or a number written without a fraction when it has none.
        private func identifier(_ any: Any?) -> String? {
            if let text = trimmed(any) { return text }
            guard let number = any as? NSNumber, !isBoolean(number) else { return nil }
            let double = number.doubleValue
            if double.isFinite, double.rounded() == double, abs(double) < 9e15 {
                return String(Int64(double))
            }
            return number.stringValue
        }

        /// A byte count: a number, or a string of digits.
        private func integer(_ any: Any?) -> Int64? {
            if let number = any as? NSNumber, !isBoolean(number) {
                let double = number.doubleValue
                guard double.isFinite, double >= 0, double < 9e18 else { return nil }
                return Int64(double)
            }
            return trimmed(any).flatMap { Int64($0) }
        }

        private func isBoolean(_ number: NSNumber) -> Bool {
            String(cString: number.objCType) == "c"
        }
    }
}
