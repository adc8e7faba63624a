import Digest
import FeedModel
import Foundation
import Store

/// The store side of `aggregator digest`: reads what the report needs from a snapshot and keeps the
/// "last digest" mark (`digest.lastSent`, an RFC 3339 date) in the store.
struct DigestStoreSource {
    /// The store mark holding the end of the last digest that was sent or marked.
    static let markName = "digest.lastSent"

    var root: String

    /// The store as of its last commit; throws when `root` is no store. One snapshot serves both the mark and
    /// the report, so that they agree and the index is mapped once.
    func open() throws -> StoreSnapshot {
        try StoreSnapshot.open(at: root)
    }

    /// The end of the last sent or marked digest, or nil when there is none.
    func lastMark(in snapshot: StoreSnapshot) throws -> Date? {
        guard let value = snapshot.mark(Self.markName) else { return nil }
        guard case .date(let date) = try? DigestSince(parsing: value) else {
            throw DigestCommandError(
                "\(root): the mark \(Self.markName) holds \"\(value)\", not a date — run digest once with --since 24h "
                    + "--mark to reset it")
        }
        return date
    }

    /// The digest for `period` (see `DigestStoreReader`).
    func report(from snapshot: StoreSnapshot, claims: [Claim], period: DateInterval, generatedAt: Date) throws
        -> DigestReport
    {
        try DigestStoreReader(snapshot: snapshot).report(claims: claims, period: period, generatedAt: generatedAt)
    }

    /// Moves the mark to `date` in one store commit (waits for a running fetch to finish).
    func setMark(_ date: Date) throws {
        let writer = try StoreWriter.open(at: root, command: "digest", wait: true)
        try writer.setMark(Self.markName, to: date.rfc3339)
        try writer.finish()
    }
}
