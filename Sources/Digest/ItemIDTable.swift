/// Item ids mapped to dense slot numbers. Keyed by a 64-bit hash of the id (open addressing: no `Hasher`), so that looking up the many ids
/// that are absent (most items of a large store have no link) compares integers, never strings; the string is
/// compared once, on a hit. Distinct ids with the same hash go to a small overflow table.
struct ItemIDTable {
    /// Open addressing over the id hashes: per bucket an id's hash and slot (-1: free).
    private var buckets: [Bucket]
    private var shift: Int
    private var overflow: [String: Int] = [:]
    /// The id of each slot.
    private(set) var ids: [String] = []

    init(capacity: Int) {
        var bits = 4
        while 1 << bits < capacity * 2 { bits += 1 }
        buckets = [Bucket](repeating: Bucket(), count: 1 << bits)
        shift = 64 - bits
        ids.reserveCapacity(capacity)
    }

    var count: Int { ids.count }

    /// The slot of `id`, adding it when new.
    @discardableResult
    mutating func insert(_ id: String) -> Int {
        let hash = Self.hash(id)
        let bucket = find(hash)
        let existing = buckets[bucket].slot
        if existing >= 0 {
            if ids[existing] == id { return existing }
            if let slot = overflow[id] { return slot }
            ids.append(id)
            overflow[id] = ids.count - 1
            return ids.count - 1
        }
        ids.append(id)
        buckets[bucket] = Bucket(hash: hash, slot: ids.count - 1)
        if (ids.count - overflow.count) * 2 > buckets.count { grow() }
        return ids.count - 1
    }

    /// The slot of `id`, or nil.
    func slot(of id: String) -> Int? {
        let slot = buckets[find(Self.hash(id))].slot
        guard slot >= 0 else { return nil }
        if ids[slot] == id { return slot }
        return overflow.isEmpty ? nil : overflow[id]
    }

    /// The bucket holding `hash`, or the free bucket where it would go.
    private func find(_ hash: UInt64) -> Int {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        while true {
            if buckets[bucket].slot < 0 || buckets[bucket].hash == hash { return bucket }
            bucket = (bucket + 1) & mask
        }
    }

    private mutating func grow() {
        let old = buckets
        let bits = 64 - shift + 1
        buckets = [Bucket](repeating: Bucket(), count: 1 << bits)
        shift = 64 - bits
        for bucket in old where bucket.slot >= 0 {
            buckets[find(bucket.hash)] = bucket
        }
    }

    private struct Bucket {
        var hash: UInt64 = 0
        var slot = -1
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
