/// What identifies the last feed document stored for a feed: a hash of its bytes and what it held.
///
/// `import` (and `fetch`, for a 200 whose body did not change) compare a document's hash with the one stored
/// for its feed and skip an identical document without parsing it: its items are all already stored, unchanged.
/// The hash covers the bytes and a salt naming the parser's behaviour (`FeedDocumentParser.behaviourVersion`),
/// so a parser that would read the same bytes differently reads them again.
public struct DocumentFingerprint: Sendable, Hashable, Codable {
    /// 16 hex digits (`DocumentFingerprint.hash(of:salt:)`).
    public var hash: String
    /// The document's items.
    public var items: Int
    /// Its items after repeated ones were merged: what the store holds from it.
    public var distinct: Int

    /// A fingerprint.
    public init(hash: String, items: Int, distinct: Int) {
        self.hash = hash
        self.items = items
        self.distinct = distinct
    }

    /// A fast 64-bit hash of `bytes` and `salt` (eight bytes per step), as 16 hex digits. Not a defence against
    /// a server crafting collisions; such a server can serve any items it likes anyway.
    public static func hash(of bytes: UnsafeRawBufferPointer, salt: String) -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bytes.count)
        func mix(_ word: UInt64) {
            state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
            state ^= state >> 32
        }
        for byte in salt.utf8 { mix(UInt64(byte)) }
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail = tail << 8 | UInt64(bytes[index]) }
        mix(tail)
        mix(state >> 29)
        return StoreLayout.hex(state)
    }
}
