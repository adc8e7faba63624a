import FeedModel
import Foundation

/// Builds items on a second thread while the SAX parser keeps reading, so a single large feed uses two cores:
/// the parser thread captures raw text, this thread turns it into plain text (libxml2's HTML parser, the
/// dominant cost) and hands each item over. Items are built and delivered in submission order.
///
/// The queue is bounded, so memory stays flat: the parser waits when the builder falls behind.
/// Thread safety: every mutable field is guarded by `condition`; `onItem` and the extractor are used only on the
/// builder thread until `finish()` has returned, which establishes happens-before with the caller.
final class ItemPipeline: @unchecked Sendable {
    private struct Job {
        var draft: ItemDraft
        var inheritedAuthors: [String]
    }

    private static let capacity = 64
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var closed = false
    private var finished = false
    private var built: [FeedItem] = []
    private let onItem: ((FeedItem) -> Void)?

    init(onItem: ((FeedItem) -> Void)?) {
        self.onItem = onItem
        let thread = Thread { [self] in run() }
        thread.name = "aggregator.items"
        thread.start()
    }

    /// Queues a finished draft; blocks while the queue is full.
    func submit(_ draft: ItemDraft, inheritedAuthors: [String]) {
        condition.lock()
        while queue.count >= Self.capacity && !closed { condition.wait() }
        queue.append(Job(draft: draft, inheritedAuthors: inheritedAuthors))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every queued draft is built; returns the items (empty when they went to `onItem`).
    @discardableResult
    func finish() -> [FeedItem] {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        let items = built
        built = []
        condition.unlock()
        return items
    }

    private func run() {
        let extractor = TextExtractor()
        var batch: [Job] = []
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            swap(&batch, &queue)
            condition.broadcast()
            condition.unlock()
            var items: [FeedItem] = []
            for job in batch {
                let item = job.draft.build(inheritedAuthors: job.inheritedAuthors, extractor: extractor)
                if let onItem { onItem(item) } else { items.append(item) }
            }
            batch.removeAll(keepingCapacity: true)
            if !items.isEmpty {
                condition.lock()
                built += items
                condition.unlock()
            }
        }
    }
}
