import Claims
import Foundation

/// Tagging sessions kept for reuse across `tag` jobs: a job takes one, tags its items and gives it back, so a
/// worker reuses the buffers of the previous job instead of allocating a session per file. A session is only
/// ever used by the job holding it.
final class TaggingSessionPool: @unchecked Sendable {
    private let tagger: Tagger
    private let lock = NSLock()
    private var idle: [TaggingSession] = []

    init(tagger: Tagger) {
        self.tagger = tagger
    }

    /// A session for the caller alone until it is given back.
    func take() -> TaggingSession {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast() ?? tagger.makeSession()
    }

    /// Returns a session taken with `take()`.
    func giveBack(_ session: TaggingSession) {
        lock.lock()
        defer { lock.unlock() }
        idle.append(session)
    }
}
