import Foundation

/// `manifest.json`: the list of committed segments plus the small state every reader needs (feeds, marks,
/// recent runs). Replacing it by rename is the commit: what it does not list does not exist.
struct StoreManifest: Codable, Sendable {
    var format = "aggregator-store-manifest"
    var version = StoreLayout.version
    /// Incremented by every commit.
    var generation = 0
    /// The sequence number the next segment gets.
    var nextSequence = 1
    var updated = Date(timeIntervalSince1970: 0)
    var segments: [SegmentEntry] = []
    var feeds: [String: FeedRecord] = [:]
    var marks: [String: String] = [:]
    /// The most recent runs, oldest first (at most `runLimit`).
    var runs: [RunRecord] = []

    static let runLimit = 50

    static func load(_ layout: StoreLayout) throws(StoreError) -> StoreManifest {
        let bytes = try FileIO.read(layout.manifest)
        let manifest = try StoreJSON.decode(StoreManifest.self, from: bytes, path: layout.manifest)
        guard manifest.format == "aggregator-store-manifest" else {
            throw StoreError.corrupt(path: layout.manifest, problem: "unexpected format \"\(manifest.format)\"")
        }
        guard manifest.version == StoreLayout.version else {
            throw StoreError.unsupportedVersion(path: layout.manifest, found: manifest.version)
        }
        return manifest
    }

    func save(_ layout: StoreLayout) throws(StoreError) {
        var writer = JSONWriter()
        try writer.encodedPretty(self)
        writer.bytes.append(0x0A)
        try FileIO.atomicReplace(layout.manifest, writer.bytes)
    }

    mutating func record(run: RunRecord) {
        if let index = runs.lastIndex(where: { $0.id == run.id }) {
            runs[index] = run
        } else {
            runs.append(run)
        }
        // Only the latest run keeps its per-feed results in the manifest; the segments keep them all.
        for index in runs.indices.dropLast() { runs[index].feeds = [] }
        if runs.count > Self.runLimit { runs.removeFirst(runs.count - Self.runLimit) }
    }
}

/// One committed segment in the manifest.
struct SegmentEntry: Codable, Sendable, Hashable {
    var sequence: Int
    /// Relative to the store root.
    var path: String
    var bytes: Int
    /// 16 hex digits: `FastHash` of the file's bytes.
    var hash: String
    var records: Int
    var created: Date
}

/// `store.json`: identifies the folder as a store and names its layout version.
struct StoreDescriptor: Codable, Sendable {
    var format = "aggregator-store"
    var version = StoreLayout.version
    var created: Date
}

extension JSONWriter {
    mutating func encodedPretty<Value: Encodable>(_ value: Value) throws(StoreError) {
        do {
            bytes.append(contentsOf: try StoreJSON.prettyEncoder.encode(value))
        } catch {
            throw StoreError.invalidArgument("cannot encode \(Value.self) as JSON: \(error)")
        }
    }
}
