import FeedModel
import Foundation

/// Hashes and ids the store derives from items: store ids, identity hashes, content hashes.
enum ItemKeys {
    /// `<feed key>-<item key>`, both 16 hex digits.
    static func itemID(feed: UInt64, key: UInt64) -> String {
        String(unsafeUninitializedCapacity: 33) { buffer in
            StoreLayout.writeHex(feed, into: buffer, at: 0)
            buffer[16] = UInt8(ascii: "-")
            StoreLayout.writeHex(key, into: buffer, at: 17)
            return 33
        }
    }

    static func split(_ id: String) -> (feed: UInt64, key: UInt64)? {
        let utf8 = Array(id.utf8)
        guard utf8.count == 33, utf8[16] == UInt8(ascii: "-"), let feed = hexValue(utf8[0..<16]),
            let key = hexValue(utf8[17..<33])
        else { return nil }
        return (feed, key)
    }

    static func hexValue(_ text: String) -> UInt64? {
        let utf8 = Array(text.utf8)
        return utf8.count == 16 ? hexValue(utf8[...]) : nil
    }

    static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard digits.count == 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case 0x30...0x39: nibble = digit - 0x30
            case 0x61...0x66: nibble = digit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// `FastHash` of a string, 0 for nil or empty (0 means "none" in the index).
    static func hash(_ text: String?) -> UInt64 {
        guard let text, !text.isEmpty else { return 0 }
        var hash = FastHash()
        hash.combine(text)
        return hash.value == 0 ? 1 : hash.value
    }

    /// A hash of a claim link's JSON (0 for none): lets the writer skip rewriting an unchanged link.
    static func linkHash(_ link: ClaimLink?) -> UInt64 {
        guard let link else { return 0 }
        var json = JSONWriter(capacity: 512)
        do { try json.link(link) } catch { json.bytes = [] }
        var hash = FastHash()
        hash.combine(json.bytes)
        return hash.value == 0 ? 1 : hash.value
    }

    /// Ids the parser synthesised (no GUID in the document) hash to 0.
    static func guidHash(_ id: String) -> UInt64 {
        isSynthesized(id) ? 0 : hash(id)
    }

    static func isSynthesized(_ id: String) -> Bool {
        id.isEmpty || id.hasPrefix("urn:aggregator:")
    }

    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// A hash over everything an item says (not its id): a change of any field is a content change.
    static func contentHash(_ item: FeedItem) -> UInt64 {
        var hash = FastHash()
        func add(_ text: String?) {
            if let text { hash.combine(text) }
            hash.combineSeparator()
        }
        add(item.title)
        add(item.link)
        add(item.published.map { String(seconds($0)) })
        add(item.updated.map { String(seconds($0)) })
        for author in item.authors { add(author) }
        hash.combineSeparator()
        add(item.summary)
        add(item.content)
        for category in item.categories { add(category) }
        hash.combineSeparator()
        for enclosure in item.enclosures {
            add(enclosure.url)
            add(enclosure.type)
            add(enclosure.length.map { String($0) })
        }
        return hash.value
    }

    /// The same key computed from an index entry (so old items match under a newer strategy).
    static func identityHash(_ entry: IndexEntry, _ strategy: IdentityStrategy) -> UInt64? {
        switch strategy {
        case .guid: return entry.guidHash == 0 ? nil : entry.guidHash
        case .link: return entry.linkHash == 0 ? nil : entry.linkHash
        case .linkPublished:
            guard entry.linkHash != 0 else { return nil }
            return combine(entry.linkHash, UInt64(bitPattern: entry.published))
        case .title: return entry.titleHash == 0 ? entry.hash : entry.titleHash
        }
    }

    /// The first key an entry has under `strategy` or a weaker one (the title rule always has one).
    static func effectiveHash(_ entry: IndexEntry, _ strategy: IdentityStrategy) -> UInt64 {
        for candidate in IdentityStrategy.allCases where candidate >= strategy {
            if let value = identityHash(entry, candidate) { return value }
        }
        return entry.hash
    }

    /// The first key an item has under `strategy` or a weaker one.
    static func effectiveHash(_ item: FeedItem, _ strategy: IdentityStrategy) -> UInt64 {
        for candidate in IdentityStrategy.allCases where candidate >= strategy {
            if let value = identityHash(item, candidate) { return value }
        }
        return contentHash(item)
    }

    /// `identityHash` for an incoming item (must agree with the entry form).
    static func identityHash(_ item: FeedItem, _ strategy: IdentityStrategy) -> UInt64? {
        switch strategy {
        case .guid:
            let value = guidHash(item.id)
            return value == 0 ? nil : value
        case .link:
            let value = hash(item.link)
            return value == 0 ? nil : value
        case .linkPublished:
            let value = hash(item.link)
            guard value != 0 else { return nil }
            return combine(value, UInt64(bitPattern: item.published.map(seconds) ?? IndexEntry.noDate))
        case .title:
            let value = hash(item.title)
            return value == 0 ? contentHash(item) : value
        }
    }

    private static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var hash = FastHash()
        withUnsafeBytes(of: a.littleEndian) { hash.combine($0) }
        withUnsafeBytes(of: b.littleEndian) { hash.combine($0) }
        return hash.value
    }
}
