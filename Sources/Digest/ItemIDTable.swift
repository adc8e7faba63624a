/// Item ids mapped to dense slot numbers. Keyed by a 64-bit hash of the id, so that looking up the many ids
/// that are absent (most items of a large store have no link) compares integers, never strings; the string is
/// compared once, on a hit. Distinct ids with the same hash go to a small overflow table.
struct ItemIDTable {
    private var byHash: [UInt64: Int] = [:]
    private var overflow: [String: Int] = [:]
    /// The id of each slot.
    private(set) var ids: [String] = []

    init(capacity: Int) {
        byHash.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
    }

    var count: Int { ids.count }

    /// The slot of `id`, adding it when new.
    @discardableResult
    mutating func insert(_ id: String) -> Int {
        let hash = Self.hash(id)
        if let slot = byHash[hash] {
            if ids[slot] == id { return slot }
            if let slot = overflow[id] { return slot }
            ids.append(id)
            overflow[id] = ids.count - 1
            return ids.count - 1
        }
        ids.append(id)
        byHash[hash] = ids.count - 1
        return ids.count - 1
    }

    /// The slot of `id`, or nil.
    func slot(of id: String) -> Int? {
        guard let slot = byHash[Self.hash(id)] else { return nil }
        if ids[slot] == id { return slot }
        return overflow.isEmpty ? nil : overflow[id]
    }

    /// FNV-1a over the UTF-8 bytes (no allocation for native strings).
    private static func hash(_ id: String) -> UInt64 {
        if let value = id.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            return hash
        }) {
            return value
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
