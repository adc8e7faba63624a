import Foundation

/// Runs work items on all cores, at most one per core at a time, and hands the results over in input order as
/// soon as the next one is ready, so output streams while later items are still being worked on.
enum OrderedParallel {
    static func forEach<Job: Sendable, Outcome: Sendable>(
        _ jobs: [Job], work: @escaping @Sendable (Job) -> Outcome, handle: (Job, Outcome) throws -> Void
    ) async throws {
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            var ready: [Int: Outcome] = [:]
            var emitted = 0
            func startNext() {
                let index = next
                let job = jobs[index]
                group.addTask { (index, work(job)) }
                next += 1
            }
            while next < jobs.count && next < width { startNext() }
            while let (index, outcome) = try await group.next() {
                ready[index] = outcome
                while let outcome = ready.removeValue(forKey: emitted) {
                    try handle(jobs[emitted], outcome)
                    emitted += 1
                }
                if next < jobs.count { startNext() }
            }
        }
    }
}
