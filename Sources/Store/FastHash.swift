/// A fast, stable 64-bit hash for the store's own keys and checksums: FNV-1a's constants applied to 64-bit
/// words (bytes for the tail) with an extra fold of the high half. Not the same values as `StableHash`
/// (whose generic `combine` is not inlinable across modules, which made it the store's dominant cost).
/// Stable across runs and platforms; not a defence against chosen collisions.
struct FastHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        var position = 0
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            hash = (hash ^ word) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 32
            position += 8
        }
        while position < bytes.count {
            hash = (hash ^ UInt64(bytes[position])) &* 0x0000_0100_0000_01b3
            position += 1
        }
        value = hash
    }

    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    mutating func combine(_ string: String) {
        var copy = string
        copy.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { combine($0) }
    }

    /// Separates fields so that ("ab", "c") and ("a", "bc") hash differently.
    mutating func combineSeparator() {
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01b3
    }
}
