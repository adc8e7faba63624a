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
    /// `n - ceil(t·n) + 1` words of each, when words are ordered by rarity.
    private func matchTitles(_ items: [StoredItem], union: (Int, Int) -> Void) {
        let words = items.map { Self.titleWords($0.item.title) }
        var frequency: [String: Int] = [:]
        for set in words { for word in set { frequency[word, default: 0] += 1 } }
        var postings: [String: [Int]] = [:]
        for (position, set) in words.enumerated() where set.count >= minimumTitleWords {
            let rare = set.sorted { (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1) }
            let prefix = rare.count - Int((titleSimilarity * Double(rare.count)).rounded(.up)) + 1
            var checked = Set<Int>()
            for word in rare.prefix(max(prefix, 1)) {
                for other in postings[word] ?? [] where checked.insert(other).inserted {
                    guard abs(date(of: items[other]).timeIntervalSince(date(of: items[position]))) <= titleWindow
                    else { continue }
                    let shared = Double(words[other].intersection(set).count)
                    if shared / Double(words[other].union(set).count) >= titleSimilarity { union(other, position) }
                }
                postings[word, default: []].append(position)
            }
        }
    }

    private func date(of stored: StoredItem) -> Date {
        stored.item.published ?? stored.firstSeen
    }

    /// Lowercased words of a title, without a trailing " - Source" / " | Source" of at most four words.
    static func titleWords(_ title: String?) -> Set<String> {
        guard var text = title?.lowercased() else { return [] }
        for separator in [" - ", " | ", " — ", " – "] {
            if let range = text.range(of: separator, options: .backwards),
                text[range.upperBound...].split(separator: " ").count <= 4
            {
                text = String(text[..<range.lowerBound])
            }
        }
        return Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
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
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(40)
        guard words.count >= 15 else { return nil }
        return ItemKeys.hash(words.joined(separator: " "))
    }
}
