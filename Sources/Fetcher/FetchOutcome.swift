import Foundation

/// What happened to one request of a batch.
public struct FetchOutcome<Product: Sendable>: Sendable {
    /// The request this answers.
    public var request: FetchRequest
    /// The result, classified for the scheduler.
    public var status: FetchStatus
    /// The final response's head, when a response arrived.
    public var head: ResponseHead?
    /// The redirect hops, in order.
    public var redirects: [Redirect]
    /// What the body sink produced (only for a 200 that reached a sink).
    public var product: Product?
    /// Decoded body bytes received.
    public var bodyBytes: Int64
    /// Wall-clock seconds from start to end of the transfer (0 when it never started).
    public var duration: TimeInterval

    /// An outcome (the fetcher makes these; tests and replays may too).
    public init(
        request: FetchRequest, status: FetchStatus, head: ResponseHead? = nil, redirects: [Redirect] = [],
        product: Product? = nil, bodyBytes: Int64 = 0, duration: TimeInterval = 0
    ) {
        self.request = request
        self.status = status
        self.head = head
        self.redirects = redirects
        self.product = product
        self.bodyBytes = bodyBytes
        self.duration = duration
    }

    /// The URL to store from now on, when the chain starts with permanent redirects (301/308): the target of the
    /// last permanent hop before any temporary one. Nil when nothing should be persisted.
    public var permanentURL: String? {
        var url: String?
        for hop in redirects {
            guard hop.isPermanent else { break }
            url = hop.to
        }
        return url == request.url ? nil : url
    }

    /// The error, when the status is a failure.
    public var error: FetchError? {
        switch status {
        case .failed(let error): return error
        default: return nil
        }
    }
}

/// How one transfer ended.
public enum FetchStatus: Sendable, Hashable {
    /// 200: a new body went to the sink.
    case fetched
    /// 304: unchanged since the validators we sent.
    case notModified
    /// 410: the feed is gone for good; retire it (keep it, stop fetching).
    case gone
    /// Not attempted this run because the host asked us to wait (Retry-After) until the given instant.
    case deferred(until: Date)
    /// Any failure: transport, limits, HTTP error statuses (404, 5xx, 429...).
    case failed(FetchError)

    /// One word for log lines: `fetched`, `not-modified`, `gone`, `deferred` or `failed (reason)`.
    public var word: String {
        switch self {
        case .fetched: return "fetched"
        case .notModified: return "not-modified"
        case .gone: return "gone"
        case .deferred: return "deferred"
        case .failed(let error): return "failed (\(error.shortDescription))"
        }
    }
}
