/// A byte trie over the lowered UTF-8 of every vocabulary word, walked once per text token.
///
/// Stored as a double array: a node's id is its cell, and the child of `node` along `byte` is the cell
/// `base(node) + byte` if that cell's parent is `node`. Base and parent share one 64-bit cell, so each step of
/// the walk is one load (the current node's cell was loaded by the step before). A node carries the word that
/// ends there (exact words), and the words for which passing through it is enough (prefixes) or is a reason to
/// compare stems (stemmed words).
struct ByteTrie: Sendable {
    /// Per cell: `base << 32 | parent` (parent -1 for a free cell); `base` carries `markerFlag` when the node
    /// has prefix or stem markers.
    private var cells: [UInt64]
    /// Per cell: the exact word that ends here, or -1.
    private(set) var exactWord: [Int32]
    /// Per cell: a range into `markerWords` of prefix and stem words that fire when the walk passes here.
    private(set) var markerStart: [Int32]
    private(set) var markerCount: [Int32]
    /// Word ids; a negative value `-(id + 1)` means "compare stems", a non-negative one "prefix matched".
    private(set) var markerWords: [Int32] = []
    /// Number of nodes (for diagnostics).
    private(set) var nodeCount = 1

    /// Set on child ids whose node has prefix or stem markers (mask it off before indexing).
    static let markerFlag: Int32 = 1 << 30

    /// The root node.
    static let root: Int32 = 0

    private static let freeParent: UInt32 = UInt32.max
    private static let rootParent: UInt32 = UInt32(Int32.max)

    /// A trie built from exact words, prefix words and stem anchors.
    init(exact: [(bytes: [UInt8], word: Int32)], markers: [(bytes: [UInt8], marker: Int32)]) {
        // 1. A plain pointer trie.
        var children: [[(byte: UInt8, node: Int)]] = [[]]
        var words: [Int32] = [-1]
        var pending: [[Int32]] = [[]]
        func insert(_ bytes: [UInt8]) -> Int {
            var node = 0
            for byte in bytes {
                if let child = children[node].first(where: { $0.byte == byte }) {
                    node = child.node
                    continue
                }
                let child = words.count
                words.append(-1)
                pending.append([])
                children.append([])
                children[node].append((byte, child))
                node = child
            }
            return node
        }
        for (bytes, word) in exact {
            words[insert(bytes)] = word
        }
        for (bytes, marker) in markers {
            pending[insert(bytes)].append(marker)
        }
        nodeCount = words.count

        // 2. Place the nodes in cells, breadth first: each node's children go to `base + byte` for the
        //    smallest base whose cells are all free.
        var cells = [UInt64](repeating: UInt64(Self.freeParent), count: 512)
        var cellOf = [Int](repeating: -1, count: words.count)
        cellOf[0] = 0
        cells[0] = UInt64(Self.rootParent)
        var firstFree = 1
        var queue = [0]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            let kids = children[node].sorted { $0.byte < $1.byte }
            let cell = cellOf[node]
            var base = 0
            if let first = kids.first {
                while firstFree < cells.count && cells[firstFree] & 0xFFFF_FFFF != UInt64(Self.freeParent) {
                    firstFree += 1
                }
                base = max(1, firstFree - Int(first.byte))
                while true {
                    let needed = base + Int(kids[kids.count - 1].byte) + 1
                    if needed > cells.count {
                        cells.append(
                            contentsOf: repeatElement(
                                UInt64(Self.freeParent), count: max(needed, cells.count * 2) - cells.count))
                    }
                    let fits = kids.allSatisfy {
                        cells[base + Int($0.byte)] & 0xFFFF_FFFF == UInt64(Self.freeParent)
                    }
                    if fits { break }
                    base += 1
                }
                for kid in kids {
                    let slot = base + Int(kid.byte)
                    cells[slot] = UInt64(UInt32(cell))
                    cellOf[kid.node] = slot
                    queue.append(kid.node)
                }
            }
            let flag: UInt64 = pending[node].isEmpty ? 0 : UInt64(UInt32(Self.markerFlag))
            cells[cell] = (UInt64(UInt32(base)) | flag) << 32 | (cells[cell] & 0xFFFF_FFFF)
        }
        // Every base + byte must be a valid index (a leaf's base is 0).
        var highest = 0
        for cell in cells where cell & 0xFFFF_FFFF != UInt64(Self.freeParent) {
            highest = max(highest, Int((cell >> 32) & UInt64(UInt32(Self.markerFlag - 1))))
        }
        if cells.count < highest + 256 {
            cells.append(contentsOf: repeatElement(UInt64(Self.freeParent), count: highest + 256 - cells.count))
        }
        self.cells = cells

        // 3. Per-cell words and marker ranges.
        exactWord = [Int32](repeating: -1, count: cells.count)
        markerStart = [Int32](repeating: 0, count: cells.count)
        markerCount = [Int32](repeating: 0, count: cells.count)
        for node in 0..<words.count {
            let cell = cellOf[node]
            exactWord[cell] = words[node]
            markerStart[cell] = Int32(markerWords.count)
            markerCount[cell] = Int32(pending[node].count)
            markerWords.append(contentsOf: pending[node])
        }
    }

    /// The child of `node` (an id without `markerFlag`) along `byte`, or -1; the result may carry `markerFlag`.
    @inline(__always)
    func child(_ node: Int32, _ byte: UInt8) -> Int32 {
        let high = UInt32(truncatingIfNeeded: cells[Int(node)] >> 32)
        let slot = Int(high & UInt32(Self.markerFlag - 1)) + Int(byte)
        let cell = cells[slot]
        guard UInt32(truncatingIfNeeded: cell) == UInt32(node) else { return -1 }
        return Int32(slot) | (Int32(truncatingIfNeeded: cell >> 32) & Self.markerFlag)
    }
}
