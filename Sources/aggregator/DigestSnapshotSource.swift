import Digest
import Foundation

/// Where `aggregator digest` gets its data and keeps its mark.
///
/// Until the store's reading API is wired in, this reads a snapshot `<store>/digest-input.json` (a JSON
/// `DigestInput`, dates as RFC 3339) and keeps the mark in `<store>/digest-mark.json`. The lead replaces the two
/// file reads with the store's APIs; the command itself does not change.
struct DigestSnapshotSource {
    var directory: URL

    var inputFile: URL { directory.appendingPathComponent("digest-input.json") }
    var markFile: URL { directory.appendingPathComponent("digest-mark.json") }

    /// Everything the report builder needs; an empty input when the store has no snapshot yet.
    func loadInput() throws -> DigestInput {
        guard FileManager.default.fileExists(atPath: inputFile.path) else {
            return DigestInput(items: [], links: [], claims: [], feeds: [])
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(DigestInput.self, from: Data(contentsOf: inputFile))
        } catch {
            throw DigestCommandError("\(inputFile.path): cannot read the digest input (\(error)); re-run fetch")
        }
    }

    /// The end of the last digest that was sent or marked, if any.
    func lastMark() throws -> Date? {
        guard FileManager.default.fileExists(atPath: markFile.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(DigestMark.self, from: Data(contentsOf: markFile)).lastDigestEnd
        } catch {
            throw DigestCommandError(
                "\(markFile.path): cannot read the digest mark (\(error)); delete it to start from the last 24 hours")
        }
    }

    /// Moves the mark (atomically: a temporary file renamed over the old one).
    func setMark(_ date: Date) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try encoder.encode(DigestMark(lastDigestEnd: date)).write(to: markFile, options: .atomic)
        } catch {
            throw DigestCommandError("\(markFile.path): cannot save the digest mark (\(error)); check permissions")
        }
    }
}

/// The persisted mark.
private struct DigestMark: Codable {
    var lastDigestEnd: Date
}
