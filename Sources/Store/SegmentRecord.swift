import FeedModel
import Foundation

/// One line of a segment file (JSON Lines). `t` names the record type; see docs/STORE.md for each schema.
enum SegmentRecord: Sendable {
    case header(sequence: Int, created: Date)
    case item(StoredItem)
    /// `link == nil`: the item no longer links to the claim.
    case link(itemID: String, claimID: String, link: ClaimLink?)
    case feed(FeedInfo)
    case feedState(key: String, state: FeedState)
    case mark(name: String, value: String)
    case run(RunRecord)
    /// The last line of every complete segment.
    case commit(sequence: Int, records: Int)

    /// The record as one line of JSON, newline included.
    func encoded() throws(StoreError) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.raw("{")
        switch self {
        case .header(let sequence, let created):
            json.key("t", first: true)
            json.string("segment")
            json.key("version")
            json.int(Int64(StoreLayout.version))
            json.key("seq")
            json.int(Int64(sequence))
            json.key("created")
            json.date(created)
        case .item(let stored):
            json.key("t", first: true)
            json.string("item")
            json.key("id")
            json.string(stored.id)
            json.key("feed")
            json.string(stored.feedKey)
            json.key("identity")
            json.string(stored.identity.rawValue)
            json.key("firstSeen")
            json.date(stored.firstSeen)
            json.key("lastChanged")
            json.date(stored.lastChanged)
            json.key("contentHash")
            json.string(stored.contentHash)
            json.key("item")
            Self.write(stored.item, into: &json)
        case .link(let itemID, let claimID, let link):
            json.key("t", first: true)
            json.string("link")
            json.key("itemID")
            json.string(itemID)
            json.key("claim")
            json.string(claimID)
            json.key("link")
            if let link { try json.link(link) } else { json.raw("null") }
        case .feed(let info):
            json.key("t", first: true)
            json.string("feed")
            json.key("info")
            try json.encoded(info)
        case .feedState(let key, let state):
            json.key("t", first: true)
            json.string("feedState")
            json.key("feed")
            json.string(key)
            json.key("state")
            try json.encoded(state)
        case .mark(let name, let value):
            json.key("t", first: true)
            json.string("mark")
            json.key("name")
            json.string(name)
            json.key("value")
            json.string(value)
        case .run(let run):
            json.key("t", first: true)
            json.string("run")
            json.key("run")
            try json.encoded(run)
        case .commit(let sequence, let records):
            json.key("t", first: true)
            json.string("commit")
            json.key("seq")
            json.int(Int64(sequence))
            json.key("records")
            json.int(Int64(records))
        }
        json.raw("}\n")
        return json.bytes
    }

    /// How every link record the store writes begins (the fast path of `decode`).
    static let linkPrefix = Array(#"{"t":"link","#.utf8)

    /// Decodes one line (without its newline).
    static func decode(_ line: some Collection<UInt8>, path: String, line number: Int) throws(StoreError)
        -> SegmentRecord
    {
        if line.starts(with: Self.linkPrefix), let (itemID, claimID, link) = ItemRecordParser.parseLink(line),
            ItemKeys.split(itemID) != nil
        {
            return .link(itemID: itemID, claimID: claimID, link: link)
        }
        if let stored = ItemRecordParser.parse(line), ItemKeys.split(stored.id) != nil,
            ItemKeys.hexValue(stored.contentHash) != nil
        {
            return .item(stored)
        }
        let where_ = "\(path) line \(number)"
        let envelope = try StoreJSON.decode(Envelope.self, from: line, path: where_)
        func need<Value>(_ value: Value?, _ key: String) throws(StoreError) -> Value {
            guard let value else {
                throw StoreError.corrupt(path: where_, problem: "\(envelope.t) record without \"\(key)\"")
            }
            return value
        }
        switch envelope.t {
        case "segment":
            let version = try need(envelope.version, "version")
            guard version == StoreLayout.version else {
                throw StoreError.unsupportedVersion(path: where_, found: version)
            }
            return .header(sequence: try need(envelope.seq, "seq"), created: try need(envelope.created, "created"))
        case "item":
            let stored = StoredItem(
                id: try need(envelope.id, "id"), feedKey: try need(envelope.feed, "feed"),
                identity: try need(envelope.identity, "identity"), firstSeen: try need(envelope.firstSeen, "firstSeen"),
                lastChanged: try need(envelope.lastChanged, "lastChanged"),
                contentHash: try need(envelope.contentHash, "contentHash"), item: try need(envelope.item, "item")
            )
            guard ItemKeys.split(stored.id) != nil, ItemKeys.hexValue(stored.contentHash) != nil else {
                throw StoreError.corrupt(path: where_, problem: "item record with a malformed id or content hash")
            }
            return .item(stored)
        case "link":
            let itemID = try need(envelope.itemID, "itemID")
            guard ItemKeys.split(itemID) != nil else {
                throw StoreError.corrupt(path: where_, problem: "link record with a malformed itemID")
            }
            return .link(itemID: itemID, claimID: try need(envelope.claim, "claim"), link: envelope.link)
        case "feed":
            return .feed(try need(envelope.info, "info"))
        case "feedState":
            return .feedState(key: try need(envelope.feed, "feed"), state: try need(envelope.state, "state"))
        case "mark":
            return .mark(name: try need(envelope.name, "name"), value: try need(envelope.value, "value"))
        case "run":
            return .run(try need(envelope.run, "run"))
        case "commit":
            return .commit(sequence: try need(envelope.seq, "seq"), records: try need(envelope.records, "records"))
        default:
            throw StoreError.corrupt(path: where_, problem: "unknown record type \"\(envelope.t)\"")
        }
    }

    /// The index entry for an item or link record stored at `offset` with `length` bytes (newline excluded).
    func indexEntry(offset: Int, length: Int) -> IndexEntry? {
        switch self {
        case .item(let stored):
            guard let (feed, key) = ItemKeys.split(stored.id) else { return nil }
            let item = stored.item
            return IndexEntry(
                kind: .item, identity: stored.identity.rank, length: UInt32(clamping: length),
                offset: UInt64(offset), feedKey: feed, itemKey: key, hash: ItemKeys.hexValue(stored.contentHash) ?? 0,
                published: item.published.map(ItemKeys.seconds) ?? IndexEntry.noDate,
                firstSeen: ItemKeys.seconds(stored.firstSeen), lastChanged: ItemKeys.seconds(stored.lastChanged),
                guidHash: ItemKeys.guidHash(item.id), linkHash: ItemKeys.hash(item.link),
                titleHash: ItemKeys.hash(item.title)
            )
        case .link(let itemID, let claimID, let link):
            guard let (feed, key) = ItemKeys.split(itemID) else { return nil }
            return IndexEntry.link(
                offset: offset, length: length, feedKey: feed, itemKey: key, claimHash: ItemKeys.hash(claimID),
                link: link)
        default:
            return nil
        }
    }

    private static func write(_ item: FeedItem, into json: inout JSONWriter) {
        json.raw("{")
        json.key("id", first: true)
        json.string(item.id)
        json.optionalString("title", item.title)
        json.optionalString("link", item.link)
        json.optionalDate("published", item.published)
        json.optionalDate("updated", item.updated)
        json.key("authors")
        json.stringArray(item.authors)
        json.optionalString("summary", item.summary)
        json.optionalString("content", item.content)
        json.key("categories")
        json.stringArray(item.categories)
        json.key("enclosures")
        json.raw("[")
        for (index, enclosure) in item.enclosures.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{")
            json.key("url", first: true)
            json.string(enclosure.url)
            json.optionalString("type", enclosure.type)
            if let length = enclosure.length {
                json.key("length")
                json.int(length)
            }
            json.raw("}")
        }
        json.raw("]}")
    }

    private struct Envelope: Decodable {
        var t: String
        var version: Int?
        var seq: Int?
        var records: Int?
        var created: Date?
        var id: String?
        var feed: String?
        var identity: IdentityStrategy?
        var firstSeen: Date?
        var lastChanged: Date?
        var contentHash: String?
        var item: FeedItem?
        var itemID: String?
        var claim: String?
        var link: ClaimLink?
        var info: FeedInfo?
        var state: FeedState?
        var name: String?
        var value: String?
        var run: RunRecord?
    }
}
