import Foundation

/// Groups items that tell the same story: the same article URL (after removing tracking parameters, `www.`,
/// scheme and trailing slash), the same opening text (a syndicated or agency copy), or near-identical titles
/// (word sets with Jaccard similarity ≥ `titleSimilarity`) published within `titleWindow` of each other.
/// Clusters are computed when read, from the items given, so they never need rewriting.
public struct StoryClusterer: Sendable {
    /// Minimum Jaccard similarity of two titles' word sets.
    public var titleSimilarity = 0.8
    /// Maximum distance between the publication dates of two items matched by title.
    public var titleWindow: TimeInterval = 2 * 86_400
    /// Titles with fewer words never match by title alone.
    public var minimumTitleWords = 4

    /// The default rules.
    public init() {}

    /// Partitions `items` into clusters (singletons included), earliest cluster first.
    public func clusters(of items: [StoredItem]) -> [StoryCluster] {
        let ordered = items.sorted { (date(of: $0), $0.id) < (date(of: $1), $1.id) }
        var parent = Array(ordered.indices)
        func find(_ x: Int) -> Int {
            var node = x
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a)
            let rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }

        var firstByURL: [String: Int] = [:]
        var firstByText: [UInt64: Int] = [:]
        for (position, stored) in ordered.enumerated() {
            if let link = stored.item.link, let url = Self.normalizedURL(link) {
                if let other = firstByURL[url] { union(other, position) } else { firstByURL[url] = position }
            }
            if let text = Self.openingTextHash(stored) {
                if let other = firstByText[text] { union(other, position) } else { firstByText[text] = position }
            }
        }
        matchTitles(ordered, union: union)

        var groups: [Int: [Int]] = [:]
        for position in ordered.indices { groups[find(position), default: []].append(position) }
        return groups.keys.sorted().compactMap { root in
            guard let members = groups[root] else { return nil }
            return StoryCluster(
                id: ordered[root].id, itemIDs: members.map { ordered[$0].id },
                feedKeys: Set(members.map { ordered[$0].feedKey }).sorted())
        }
    }

    /// Title matching with prefix filtering: two sets with Jaccard ≥ t share a word among the first
    /// `n - ceil(t·n) + 1` words of each, when words are ordered by rarity. Words become integers ordered by
    /// rarity, so a candidate is verified by merging two short sorted arrays.
    private func matchTitles(_ items: [StoredItem], union: (Int, Int) -> Void) {
        var numbers: [String: Int32] = [:]
        var frequency: [Int] = []
        let raw: [[Int32]] = items.map { stored in
            Self.titleWords(stored.item.title).map { word in
                if let number = numbers[word] {
                    frequency[Int(number)] += 1
                    return number
                }
                let number = Int32(frequency.count)
                numbers[word] = number
                frequency.append(1)
                return number
            }
        }
        // Renumber by rarity (then by first appearance) so that sorted arrays list the rarest words first.
        let byRarity = frequency.indices.sorted { (frequency[$0], $0) < (frequency[$1], $1) }
        var rank = [Int32](repeating: 0, count: frequency.count)
        for (position, number) in byRarity.enumerated() { rank[number] = Int32(position) }
        let words = raw.map { $0.map { rank[Int($0)] }.sorted() }
        let times = items.map { date(of: $0).timeIntervalSince1970 }

        var postings: [Int32: [Int]] = [:]
        var stamp = [Int](repeating: -1, count: items.count)
        for (position, set) in words.enumerated() where set.count >= minimumTitleWords {
            let needed = Int((titleSimilarity * Double(set.count)).rounded(.up))
            let prefix = set.count - needed + 1
            for word in set.prefix(prefix) {
                for other in postings[word] ?? [] where stamp[other] != position {
                    stamp[other] = position
                    let otherSet = words[other]
                    guard
                        Double(min(otherSet.count, set.count)) >= titleSimilarity
                            * Double(max(otherSet.count, set.count)),
                        abs(times[other] - times[position]) <= titleWindow
                    else { continue }
                    let shared = Self.sharedCount(otherSet, set)
                    if Double(shared) / Double(otherSet.count + set.count - shared) >= titleSimilarity {
                        union(other, position)
                    }
                }
                postings[word, default: []].append(position)
            }
        }
    }

    /// Elements two sorted arrays of distinct values have in common.
    private static func sharedCount(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    private func date(of stored: StoredItem) -> Date {
        stored.item.published ?? stored.firstSeen
    }

    /// Lowercased words of a title, without a trailing " - Source" / " | Source" of at most four words.
    static func titleWords(_ title: String?) -> [String] {
        guard let title else { return [] }
        var utf8 = Array(title.utf8)
        for separator in [" - ", " | ", " — ", " – "].map({ Array($0.utf8) }) {
            guard let cut = lastRange(of: separator, in: utf8) else { continue }
            if utf8[(cut + separator.count)...].split(separator: 0x20).count <= 4 { utf8.removeSubrange(cut...) }
        }
        return Array(Set(words(String(decoding: utf8, as: UTF8.self).lowercased(), limit: 64)))
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }

    /// Splits text into words on its UTF-8 bytes: ASCII letters and digits and every non-ASCII character
    /// except the Latin-1 and General Punctuation blocks (dashes, quotes, no-break space) form words.
    static func words(_ text: String, limit: Int) -> [String] {
        var result: [String] = []
        var copy = text
        copy.withUTF8 { bytes in
            var start = -1
            var index = 0
            func flush(_ end: Int) {
                if start >= 0 {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    start = -1
                }
            }
            while index < bytes.count && result.count < limit {
                let byte = bytes[index]
                let (isWord, width): (Bool, Int)
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: (isWord, width) = (true, 1)
                // U+0080–U+00BF: controls, no-break space, «», ·
                case 0xC2: (isWord, width) = (false, 2)
                // U+2000–U+203F: dashes, quotes, ellipsis
                case 0xE2 where index + 1 < bytes.count && bytes[index + 1] == 0x80: (isWord, width) = (false, 3)
                case 0x80...: (isWord, width) = (true, 1)
                default: (isWord, width) = (false, 1)
                }
                if isWord {
                    if start < 0 { start = index }
                } else {
                    flush(index)
                }
                index = min(index + width, bytes.count)
            }
            flush(min(index, bytes.count))
        }
        return result.count > limit ? Array(result.prefix(limit)) : result
    }

    /// Scheme-less, lowercase host without `www.`, no fragment, no tracking parameters, no trailing slash.
    static func normalizedURL(_ link: String) -> String? {
        guard var components = URLComponents(string: link.trimmingCharacters(in: .whitespaces)),
            var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        components.fragment = nil
        let tracking: Set<String> = ["fbclid", "gclid", "ocid", "cmpid", "ref", "smid"]
        let query = (components.queryItems ?? []).filter {
            let name = $0.name.lowercased()
            return !name.hasPrefix("utm_") && !tracking.contains(name)
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let queryText = query.isEmpty ? "" : "?" + query.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
        return host + path + queryText
    }

    /// A hash of the first 40 words of the content (or summary), when it has at least 15 words.
    static func openingTextHash(_ stored: StoredItem) -> UInt64? {
        guard let text = stored.item.content ?? stored.item.summary else { return nil }
        let opening = String(decoding: text.utf8.prefix(1200), as: UTF8.self)
        let words = Self.words(opening, limit: 40)
        guard words.count >= 15 else { return nil }
        return ItemKeys.hash(words.joined(separator: " "))
    }
}
