/// A fast, stable, non-cryptographic 64-bit hash (FNV-1a), identical on every platform and run.
///
/// Used for item ids synthesised from links or text and for store file names. It is not a defence against
/// an adversary choosing colliding inputs; it only has to be stable and well spread.
public struct StableHash: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// The same as the generic `combine`, without per-byte generic dispatch (callers in other modules get
    /// the unspecialised generic otherwise, which is an order of magnitude slower on large buffers).
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var state = value
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
        value = state
    }

    /// Fast path for byte arrays (see `combine(_: UnsafeRawBufferPointer)`).
    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    /// Fast path for byte buffers (see `combine(_: UnsafeRawBufferPointer)`).
    public mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        combine(UnsafeRawBufferPointer(bytes))
    }

    public mutating func combine(_ string: String) {
        var copy = string
        copy.withUTF8 { combine($0) }
    }

    /// Separates fields so that ("ab", "c") and ("a", "bc") hash differently.
    public mutating func combineSeparator() {
        combine(CollectionOfOne(0xFF))
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The hash of one string, as 16 hex digits.
    public static func hex(of string: String) -> String {
        var hash = StableHash()
        hash.combine(string)
        return hash.hex
    }
}
