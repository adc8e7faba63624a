/// A byte trie over the lowered UTF-8 of every vocabulary word, walked once per text token.
///
/// The root's children are a dense table; deeper edges live in one open-addressing hash table keyed by
/// `(node, byte)`. A node carries the word that ends there (exact words), and the words for which passing
/// through it is enough (prefixes) or is a reason to compare stems (stemmed words).
struct ByteTrie: Sendable {
    /// Per node: the exact word that ends here, or -1.
    private(set) var exactWord: [Int32] = [-1]
    /// Per node: a range into `markerWords` of prefix and stem words that fire when the walk passes here.
    private(set) var markerStart: [Int32] = [0]
    private(set) var markerCount: [Int32] = [0]
    /// Word ids; a negative value `-(id + 1)` means "compare stems", a non-negative one "prefix matched".
    private(set) var markerWords: [Int32] = []

    /// Children of the root by byte; a child id has `markerFlag` set when its node carries markers.
    private var rootChildren = [Int32](repeating: -1, count: 256)
    /// Open addressing: `key << 32 | child`, `UInt64.max` when empty (key and child share one load).
    private var edges: [UInt64] = []
    private var edgeShift: UInt32 = 0

    /// Set on child ids whose node has prefix or stem markers (mask it off before indexing).
    static let markerFlag: Int32 = 1 << 30

    /// The root node.
    static let root: Int32 = 0

    /// A trie built from exact words, prefix words and stem anchors.
    init(exact: [(bytes: [UInt8], word: Int32)], markers: [(bytes: [UInt8], marker: Int32)]) {
        var edges: [UInt32: Int32] = [:]
        var pending: [[Int32]] = [[]]
        func insert(_ bytes: [UInt8]) -> Int32 {
            var node = Self.root
            for byte in bytes {
                let key = UInt32(node) << 8 | UInt32(byte)
                if node == Self.root, rootChildren[Int(byte)] >= 0 {
                    node = rootChildren[Int(byte)]
                    continue
                }
                if node != Self.root, let child = edges[key] {
                    node = child
                    continue
                }
                let child = Int32(exactWord.count)
                exactWord.append(-1)
                pending.append([])
                if node == Self.root {
                    rootChildren[Int(byte)] = child
                } else {
                    edges[key] = child
                }
                node = child
            }
            return node
        }
        for (bytes, word) in exact {
            let node = insert(bytes)
            exactWord[Int(node)] = word
        }
        for (bytes, marker) in markers {
            let node = insert(bytes)
            pending[Int(node)].append(marker)
        }
        markerStart = []
        markerCount = []
        for list in pending {
            markerStart.append(Int32(markerWords.count))
            markerCount.append(Int32(list.count))
            markerWords.append(contentsOf: list)
        }
        var size = 16
        while size < edges.count * 2 { size *= 2 }
        edgeShift = UInt32(32 - size.trailingZeroBitCount)
        self.edges = [UInt64](repeating: UInt64.max, count: size)
        let flagged = { (child: Int32) -> Int32 in pending[Int(child)].isEmpty ? child : child | Self.markerFlag }
        for (key, child) in edges {
            var slot = Int(Self.hash(key) >> edgeShift)
            while self.edges[slot] != UInt64.max { slot = (slot + 1) & (size - 1) }
            self.edges[slot] = UInt64(key) << 32 | UInt64(UInt32(flagged(child)))
        }
        for byte in 0..<256 where rootChildren[byte] >= 0 {
            rootChildren[byte] = flagged(rootChildren[byte])
        }
    }

    @inline(__always)
    private static func hash(_ key: UInt32) -> UInt32 {
        key &* 0x9E37_79B1
    }

    /// The child of `node` (an id without `markerFlag`) along `byte`, or -1; the result may carry `markerFlag`.
    @inline(__always)
    func child(_ node: Int32, _ byte: UInt8) -> Int32 {
        if node == Self.root { return rootChildren[Int(byte)] }
        let key = UInt32(node) << 8 | UInt32(byte)
        let mask = edges.count - 1
        var slot = Int(Self.hash(key) >> edgeShift)
        while true {
            let entry = edges[slot]
            if UInt32(truncatingIfNeeded: entry >> 32) == key { return Int32(truncatingIfNeeded: entry) }
            if entry == UInt64.max { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Number of nodes (for diagnostics).
    var nodeCount: Int { exactWord.count }
}
