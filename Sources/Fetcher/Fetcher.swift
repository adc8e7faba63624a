import Foundation
import Logging

/// Fetches a batch of feeds with libcurl's multi interface: many transfers at once, a per-host cap, HTTP/2 where
/// offered, conditional GET, every content coding, at most 5 http(s)-only redirects, timeouts, a low-speed abort
/// and a body cap enforced while streaming. Each 200 body is streamed to a sink made by `makeSink`.
///
/// Proxies come from the environment exactly as for the `curl` tool, since libcurl reads them itself:
/// `http_proxy` (lower case only), `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY` and `no_proxy`/`NO_PROXY`.
///
/// All libcurl handles of a batch live and die on one thread: the calling thread for `fetchBlocking`, a dedicated
/// `Thread` for the `async` `fetch` (so `curl_multi_poll` never blocks the cooperative pool).
public struct Fetcher: Sendable {
    /// The network behaviour of every batch.
    public var configuration: FetcherConfiguration
    /// Where one debug line per finished transfer goes (URL, result, HTTP status, bytes, seconds); nil: nowhere.
    public var logger: Logger?

    /// A fetcher with `configuration`, logging each finished transfer at debug level to `logger` if given.
    public init(configuration: FetcherConfiguration = FetcherConfiguration(), logger: Logger? = nil) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Fetches every request on the calling thread and returns one outcome per request, in request order.
    ///
    /// - Parameters:
    ///   - makeSink: called on this thread for each 200 response once its headers are known, with the request's
    ///     index and the response head (charset included); return nil to discard that body.
    ///   - progress: called on this thread after each transfer ends, with (finished, total).
    public func fetchBlocking<Sink: FetchBodySink>(
        _ requests: [FetchRequest], makeSink: (Int, ResponseHead) -> Sink?,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> [FetchOutcome<Sink.Product>] {
        var outcomes: [FetchOutcome<Sink.Product>?] = Array(repeating: nil, count: requests.count)
        var finished = 0
        fetchEach(requests, makeSink: makeSink) { index, outcome in
            outcomes[index] = outcome
            finished += 1
            progress(finished, requests.count)
        }
        return outcomes.enumerated().map { index, outcome in
            outcome ?? FetchOutcome(request: requests[index], status: .deferred(until: Date()))
        }
    }

    /// Fetches every request on the calling thread and hands each outcome to `onEach` as soon as its transfer
    /// ends (in completion order, with the request's index), keeping nothing: the way to stream a large batch
    /// into a store without holding every product in memory. Every request gets exactly one call.
    public func fetchEach<Sink: FetchBodySink>(
        _ requests: [FetchRequest], makeSink: (Int, ResponseHead) -> Sink?,
        onEach: (Int, FetchOutcome<Sink.Product>) -> Void
    ) {
        withoutActuallyEscaping(makeSink) { makeSink in
            run(requests, makeSink: makeSink) { index, outcome in
                if let logger { Self.log(outcome, to: logger) }
                onEach(index, outcome)
            }
        }
    }

    /// Fetches every request on a dedicated thread and returns one outcome per request, in request order.
    /// `makeSink` and `progress` are called on that thread.
    public func fetch<Sink: FetchBodySink>(
        _ requests: [FetchRequest], makeSink: @escaping @Sendable (Int, ResponseHead) -> Sink?,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async -> [FetchOutcome<Sink.Product>] {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: self.fetchBlocking(requests, makeSink: makeSink, progress: progress))
            }
            thread.name = "aggregator.fetcher"
            thread.start()
        }
    }

    /// Convenience: fetches requests and collects each 200 body in memory.
    public func fetchCollecting(_ requests: [FetchRequest]) async -> [FetchOutcome<CollectedBody>] {
        await fetch(requests, makeSink: { _, _ in DataSink() })
    }
}

// MARK: - The batch

extension Fetcher {
    private func run<Sink: FetchBodySink>(
        _ requests: [FetchRequest], makeSink: @escaping (Int, ResponseHead) -> Sink?,
        deliver: (Int, FetchOutcome<Sink.Product>) -> Void
    ) {
        var transfers: [CurlTransfer] = []
        for (index, request) in requests.enumerated() {
            switch Self.hostKey(of: request) {
            case .failure(let error):
                deliver(index, FetchOutcome(request: request, status: .failed(error)))
            case .success(let host):
                let transfer = CurlTransfer(
                    index: index, request: request, hostKey: host, maxBodyBytes: configuration.maxBodyBytes,
                    makeSlot: { head in makeSink(index, head).map { TypedBodySlot($0) } })
                if let transfer {
                    transfers.append(transfer)
                } else {
                    let error = FetchError(
                        .transport, feedURL: request.feedURL, reason: "libcurl could not create a handle",
                        hint: "the system is out of memory or libcurl is broken; retried on the next run")
                    deliver(index, FetchOutcome(request: request, status: .failed(error)))
                }
            }
        }
        func outcome(of transfer: CurlTransfer) -> FetchOutcome<Sink.Product> {
            let result = transfer.result
            return FetchOutcome(
                request: transfer.request, status: result?.status ?? .deferred(until: Date()), head: result?.head,
                redirects: result?.redirects ?? [], product: (transfer.slot as? TypedBodySlot<Sink>)?.takeProduct(),
                bodyBytes: transfer.receivedBytes, duration: transfer.duration)
        }
        guard let multi = CurlMulti(configuration: configuration) else {
            for transfer in transfers {
                transfer.settle(
                    .failed(
                        FetchError(
                            .transport, feedURL: transfer.request.feedURL, reason: "libcurl could not start a batch",
                            hint: "libcurl is broken or out of memory; retried on the next run")))
                deliver(transfer.index, outcome(of: transfer))
            }
            return
        }
        multi.run(transfers) { transfer in
            deliver(transfer.index, outcome(of: transfer))
            transfer.release()
        }
    }

    /// One debug line for a finished transfer, e.g. `https://example.org/feed.xml: 200 fetched, 18433 bytes in
    /// 0.21 s`.
    private static func log<Product>(_ outcome: FetchOutcome<Product>, to logger: Logger) {
        logger.debug(
            Logger.Message(
                stringLiteral: "\(outcome.request.url): \(outcome.head.map { "\($0.statusCode) " } ?? "")"
                    + "\(outcome.status.word), \(outcome.bodyBytes) bytes in "
                    + "\(String(format: "%.2f", outcome.duration)) s"))
    }

    /// `scheme://host:port` in lower case, the unit of politeness; fails for anything but absolute http(s) URLs.
    static func hostKey(of request: FetchRequest) -> Result<String, FetchError> {
        let components = URLComponents(string: request.url)
        if let scheme = components?.scheme?.lowercased(), scheme != "http", scheme != "https" {
            return .failure(
                FetchError(
                    .unsupportedProtocol, feedURL: request.feedURL,
                    reason: "the URL's scheme \(scheme): is not http or https",
                    hint: "only http(s) feeds are fetched; subscribe to the feed's http(s) URL"))
        }
        guard let components, let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(),
            !host.isEmpty
        else {
            return .failure(
                FetchError(
                    .invalidURL, feedURL: request.feedURL, reason: "the URL is not an absolute URL",
                    hint: "fix the URL in the subscription list (it must start with http:// or https://)"))
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return .success("\(host):\(port)")
    }
}
