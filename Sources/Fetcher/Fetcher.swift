import Foundation

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

    /// A fetcher with `configuration`.
    public init(configuration: FetcherConfiguration = FetcherConfiguration()) {
        self.configuration = configuration
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
        withoutActuallyEscaping(makeSink) { makeSink in
            run(requests, makeSink: makeSink, progress: progress)
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
                continuation.resume(returning: self.run(requests, makeSink: makeSink, progress: progress))
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
        _ requests: [FetchRequest], makeSink: @escaping (Int, ResponseHead) -> Sink?, progress: (Int, Int) -> Void
    ) -> [FetchOutcome<Sink.Product>] {
        var transfers: [CurlTransfer] = []
        var settled: [Int: FetchStatus] = [:]
        for (index, request) in requests.enumerated() {
            switch Self.hostKey(of: request) {
            case .failure(let error):
                settled[index] = .failed(error)
            case .success(let host):
                let transfer = CurlTransfer(
                    index: index, request: request, hostKey: host, maxBodyBytes: configuration.maxBodyBytes,
                    makeSlot: { head in makeSink(index, head).map { TypedBodySlot($0) } })
                if let transfer {
                    transfers.append(transfer)
                } else {
                    settled[index] = .failed(
                        FetchError(
                            .transport, feedURL: request.feedURL, reason: "libcurl could not create a handle",
                            hint: "the system is out of memory or libcurl is broken; retried on the next run"))
                }
            }
        }

        var finished = settled.count
        let total = requests.count
        if let multi = CurlMulti(configuration: configuration) {
            multi.run(transfers) { _ in
                finished += 1
                progress(finished, total)
            }
        } else {
            for transfer in transfers {
                transfer.settle(
                    .failed(
                        FetchError(
                            .transport, feedURL: transfer.request.feedURL, reason: "libcurl could not start a batch",
                            hint: "libcurl is broken or out of memory; retried on the next run")))
            }
        }

        var outcomes = requests.map { request in
            FetchOutcome<Sink.Product>(
                request: request, status: .deferred(until: Date()), head: nil, redirects: [], product: nil,
                bodyBytes: 0, duration: 0)
        }
        for (index, status) in settled {
            outcomes[index].status = status
        }
        for transfer in transfers {
            guard let result = transfer.result else { continue }
            outcomes[transfer.index].status = result.status
            outcomes[transfer.index].head = result.head
            outcomes[transfer.index].redirects = result.redirects
            outcomes[transfer.index].bodyBytes = transfer.receivedBytes
            outcomes[transfer.index].duration = transfer.duration
            outcomes[transfer.index].product = (transfer.slot as? TypedBodySlot<Sink>)?.product
        }
        return outcomes
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
