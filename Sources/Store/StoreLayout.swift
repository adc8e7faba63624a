import Foundation

/// Where everything lives inside a store folder (layout version 1; see docs/STORE.md).
public struct StoreLayout: Sendable, Hashable {
    /// The layout version this code reads and writes.
    public static let version = 1

    /// The store folder.
    public let root: String

    /// A layout rooted at `root` (a folder path; it need not exist yet).
    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed.isEmpty ? "." : trimmed
    }

    /// `store.json`: written once, names the layout version.
    public var descriptor: String { root + "/store.json" }
    /// `manifest.json`: the commit point, replaced atomically by every commit.
    public var manifest: String { root + "/manifest.json" }
    /// `lock`: the writer lock (flock).
    public var lock: String { root + "/lock" }
    /// `segments/`: one JSON Lines file per commit, in date folders.
    public var segments: String { root + "/segments" }
    /// `index/`: one derived binary index per segment.
    public var index: String { root + "/index" }
    /// `quarantine/`: where `verify --repair` moves bad files.
    public var quarantine: String { root + "/quarantine" }

    /// `segments/YYYY-MM-DD/SSSSSSSS-HHHHHHHHHHHHHHHH.jsonl` (relative to the root).
    static func segmentPath(sequence: Int, hash: UInt64, date: Date) -> String {
        let day = String(date.rfc3339.prefix(10))
        return "segments/\(day)/\(paddedSequence(sequence))-\(hex(hash)).jsonl"
    }

    /// `index/SSSSSSSS-HHHHHHHHHHHHHHHH.idx` for a segment path (relative to the root).
    static func indexPath(forSegment segment: String) -> String {
        let name = segment.split(separator: "/").last.map(String.init) ?? segment
        let stem = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
        return "index/\(stem).idx"
    }

    /// The sequence number a segment or index file name starts with.
    static func sequence(ofFileNamed name: String) -> Int? {
        let digits = name.prefix(while: { $0.isNumber })
        guard digits.count == 8 else { return nil }
        return Int(digits)
    }

    /// True when a writer was killed while creating the store: the folder holds no `store.json` and nothing
    /// but the skeleton (lock, empty folders, an empty manifest). Such a store is empty; the next writer
    /// finishes creating it.
    var isInterruptedCreation: Bool {
        guard FileIO.isDirectory(root), !FileIO.exists(descriptor) else { return false }
        let skeleton: Set<String> = ["lock", "segments", "index", "manifest.json"]
        let names = FileIO.list(root).filter { !$0.contains(".tmp-") }
        return Set(names).isSubset(of: skeleton) && FileIO.list(segments).isEmpty
    }

    func absolute(_ relative: String) -> String {
        root + "/" + relative
    }

    static func paddedSequence(_ sequence: Int) -> String {
        let digits = String(sequence)
        return digits.count >= 8 ? digits : String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            writeHex(value, into: buffer, at: 0)
            return 16
        }
    }

    /// Writes `value` as 16 lowercase hex digits at `start`.
    static func writeHex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var rest = value
        for position in stride(from: start + 15, through: start, by: -1) {
            let nibble = UInt8(truncatingIfNeeded: rest & 0xF)
            buffer[position] = nibble < 10 ? 0x30 + nibble : 0x61 - 10 + nibble
            rest >>= 4
        }
    }
}
