/// A map from store keys (feed key, item key, claim hash; all three are hashes already) to what a scan found
/// for them, for `claimScan`. It remembers the order in which values were last set: scanning in commit order
/// and setting each later version appends it, so `found` is in commit order without a sort. Open addressing
/// with slots picked by a multiply: no `Hasher`, no allocation per entry, one cache line per probe.
struct LocationTable {
    /// What a scan keeps of an entry, so that nothing needs to be read from the index again.
    struct Found {
        var feed: UInt64
        var item: UInt64
        var claim: UInt64
        var location: EntryLocation
        /// Two fields of the entry, chosen by the scan.
        var first: UInt64
        var second: UInt64
        /// The key's mark (`mark(_:_:_:_:)`) when the value was set; 0 for none.
        var mark: UInt32 = 0
    }

    private struct Slot {
        var feed: UInt64 = 0
        var item: UInt64 = 0
        var claim: UInt64 = 0
        /// Index into `order`; `empty` for a free slot, `removed` for a key without a value.
        var value = LocationTable.empty
        var mark: UInt32 = 0
    }

    private var slots: [Slot]
    private var used = 0
    private var shift: Int
    /// In the order values were set; `location.segment == -1` once replaced or removed.
    private var order: [Found] = []

    private static let empty: Int32 = -1
    private static let removed: Int32 = -2

    /// A table for about `capacity` keys before it grows (at 70 % load: probes stay within a cache line or two).
    init(capacity: Int = 1024) {
        var bits = 10
        while (1 << bits) * 7 < capacity * 10 { bits += 1 }
        slots = [Slot](repeating: Slot(), count: 1 << bits)
        shift = 64 - bits
    }

    /// Sets what was found for a key (a later version: the key moves to the end of the order).
    mutating func set(_ found: Found) {
        let slot = find(found.feed, found.item, found.claim)
        let value = slots[slot].value
        if value >= 0 {
            order[Int(value)].location.segment = -1
        } else if value == Self.empty {
            slots[slot] = Slot(feed: found.feed, item: found.item, claim: found.claim, value: 0)
            used += 1
        }
        slots[slot].value = Int32(truncatingIfNeeded: order.count)
        var marked = found
        marked.mark = slots[slot].mark
        order.append(marked)
        if used * 10 > slots.count * 7 { grow() }
    }

    /// Marks a key (with no value yet, if it has none) with `mark` (not 0), unless it is marked already.
    mutating func mark(_ feed: UInt64, _ item: UInt64, _ claim: UInt64 = 0, _ mark: UInt32) {
        let slot = find(feed, item, claim)
        if slots[slot].value == Self.empty {
            slots[slot] = Slot(feed: feed, item: item, claim: claim, value: Self.removed, mark: mark)
            used += 1
            if used * 10 > slots.count * 7 { grow() }
        } else if slots[slot].mark == 0 {
            slots[slot].mark = mark
        }
    }

    /// The key's mark, 0 when it has none.
    func mark(_ feed: UInt64, _ item: UInt64, _ claim: UInt64 = 0) -> UInt32 {
        slots[find(feed, item, claim)].mark
    }

    mutating func remove(_ feed: UInt64, _ item: UInt64, _ claim: UInt64 = 0) {
        let slot = find(feed, item, claim)
        let value = slots[slot].value
        guard value >= 0 else { return }
        order[Int(value)].location.segment = -1
        slots[slot].value = Self.removed
    }

    func contains(_ feed: UInt64, _ item: UInt64, _ claim: UInt64 = 0) -> Bool {
        slots[find(feed, item, claim)].value >= 0
    }

    /// What was found for the keys that have a value, in the order the values were last set.
    var found: [Found] {
        order.filter { $0.location.segment >= 0 }
    }

    /// For each element of `found`, its index in the order of all values set (see `orderIndex`).
    var foundOrderIndices: [Int] {
        order.indices.filter { order[$0].location.segment >= 0 }
    }

    /// How many values were ever set.
    var orderCount: Int { order.count }

    /// The index of the key's value in the order of all values set, or nil when it has none.
    func orderIndex(_ feed: UInt64, _ item: UInt64, _ claim: UInt64 = 0) -> Int? {
        let value = slots[find(feed, item, claim)].value
        return value >= 0 ? Int(value) : nil
    }

    /// The key's slot, or the free slot where it would go.
    private func find(_ feed: UInt64, _ item: UInt64, _ claim: UInt64) -> Int {
        let mixed = (item ^ (feed &* 0x9E37_79B9_7F4A_7C15) ^ (claim &* 0xC2B2_AE3D_27D4_EB4F)) &* 0xFF51_AFD7_ED55_8CCD
        var slot = Int(truncatingIfNeeded: mixed >> UInt64(shift))
        let mask = slots.count - 1
        while true {
            let candidate = slots[slot]
            if candidate.value == Self.empty
                || (candidate.item == item && candidate.feed == feed && candidate.claim == claim)
            {
                return slot
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        let bits = 64 - shift + 1
        slots = [Slot](repeating: Slot(), count: 1 << bits)
        shift = 64 - bits
        for slot in old where slot.value != Self.empty {
            slots[find(slot.feed, slot.item, slot.claim)] = slot
        }
    }
}
