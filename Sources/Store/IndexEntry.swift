import FeedModel

/// One fixed-size (88-byte) record of a segment's derived index: where a record is and the fields the
/// store filters on, so that readers and writers never parse JSON to find items or links. Link entries
/// (index format 3) also carry the link's stance and confidence, so that counting links needs no record.
struct IndexEntry: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
        case item = 1
        case link = 2
        /// A link record whose `link` is null: the item no longer links to the claim.
        case unlink = 3
    }

    static let size = 88
    /// `published` when the item has no date.
    static let noDate = Int64.min

    var kind: Kind
    /// Item entries: `IdentityStrategy.rank`. Link entries: the stance code (`stanceCode`; 0 in format 2).
    var identity: UInt8 = 0
    var length: UInt32
    var offset: UInt64
    var feedKey: UInt64
    var itemKey: UInt64
    /// Items: the content hash. Links: `FastHash` of the claim id.
    var hash: UInt64
    var published: Int64 = noDate
    var firstSeen: Int64 = 0
    var lastChanged: Int64 = 0
    /// `FastHash` of the GUID (0 when the parser had to synthesise one).
    var guidHash: UInt64 = 0
    /// Items: `FastHash` of the link (0 when none). Links: hash of the link record's JSON (0 for unlink).
    var linkHash: UInt64 = 0
    /// Items: `FastHash` of the title (0 when none). Links: the confidence's bit pattern (0 in format 2).
    var titleHash: UInt64 = 0

    /// The entry of a link record; `link == nil` (an unlink) carries no stance or confidence.
    static func link(
        offset: Int, length: Int, feedKey: UInt64, itemKey: UInt64, claimHash: UInt64, link: ClaimLink?
    ) -> IndexEntry {
        IndexEntry(
            kind: link == nil ? .unlink : .link, identity: link.map { stanceCode($0.stance) } ?? 0,
            length: UInt32(clamping: length), offset: UInt64(offset), feedKey: feedKey, itemKey: itemKey,
            hash: claimHash, linkHash: ItemKeys.linkHash(link), titleHash: link?.confidence.bitPattern ?? 0)
    }

    /// Link entries: the stance, or nil when the entry does not say (format 2, unlink).
    var linkStance: Stance? {
        switch identity {
        case 1: .supports
        case 2: .disputes
        case 3: .mentions
        default: nil
        }
    }

    /// Link entries: the confidence (meaningful only when `linkStance` is not nil).
    var linkConfidence: Double { Double(bitPattern: titleHash) }

    static func stanceCode(_ stance: Stance) -> UInt8 {
        switch stance {
        case .supports: 1
        case .disputes: 2
        case .mentions: 3
        }
    }

    func write(into buffer: inout [UInt8]) {
        buffer.append(kind.rawValue)
        buffer.append(identity)
        buffer.append(0)
        buffer.append(0)
        Self.append(UInt64(length), 4, &buffer)
        for value in [offset, feedKey, itemKey, hash] { Self.append(value, 8, &buffer) }
        for value in [published, firstSeen, lastChanged] { Self.append(UInt64(bitPattern: value), 8, &buffer) }
        for value in [guidHash, linkHash, titleHash] { Self.append(value, 8, &buffer) }
    }

    /// Reads the entry at `position`; nil when the kind byte is unknown.
    static func read(_ bytes: UnsafeRawBufferPointer, at position: Int) -> IndexEntry? {
        guard let kind = Kind(rawValue: bytes[position]) else { return nil }
        func word(_ at: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position + at, as: UInt64.self))
        }
        let length = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self))
        return IndexEntry(
            kind: kind, identity: bytes[position + 1], length: length, offset: word(8), feedKey: word(16),
            itemKey: word(24), hash: word(32), published: Int64(bitPattern: word(40)),
            firstSeen: Int64(bitPattern: word(48)), lastChanged: Int64(bitPattern: word(56)), guidHash: word(64),
            linkHash: word(72), titleHash: word(80)
        )
    }

    private static func append(_ value: UInt64, _ count: Int, _ buffer: inout [UInt8]) {
        var rest = value
        for _ in 0..<count {
            buffer.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }
}
