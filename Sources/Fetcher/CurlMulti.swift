import CCurl
import Foundation

/// Runs a batch of transfers on one libcurl multi handle, on the calling thread (STYLE.md §2's loop:
/// `curl_multi_perform`, drain `CURLMSG_DONE`, start queued transfers, `curl_multi_poll`).
///
/// It keeps its own per-host queues, so that at most `maxTransfersPerHost` transfers run against one host and a
/// `Retry-After` from a host defers that host's queued feeds for the rest of the run.
final class CurlMulti {
    private let configuration: FetcherConfiguration
    private let multi: UnsafeMutableRawPointer
    private var hostQueues: [String: ArraySlice<CurlTransfer>] = [:]
    private var hostOrder: [String] = []
    private var nextHost = 0
    private var activePerHost: [String: Int] = [:]
    private var hostPausedUntil: [String: Date] = [:]
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init?(configuration: FetcherConfiguration) {
        _ = curlGlobalInitialization
        guard let multi = curl_multi_init() else { return nil }
        self.configuration = configuration
        self.multi = multi
        let total = max(1, configuration.maxConcurrentTransfers)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxTransfersPerHost))
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, total * 2)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    /// Runs every transfer to completion; each one ends with `result` set. `onDone` fires after each one.
    func run(_ transfers: [CurlTransfer], onDone: (CurlTransfer) -> Void) {
        for transfer in transfers {
            if hostQueues[transfer.hostKey] == nil {
                hostOrder.append(transfer.hostKey)
                hostQueues[transfer.hostKey] = []
            }
            hostQueues[transfer.hostKey, default: []].append(transfer)
        }
        var queued = transfers.count
        while queued > 0 || !active.isEmpty {
            queued -= startQueued(onDone: onDone)
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            drainFinished(onDone: onDone)
            queued -= settlePausedHosts(onDone: onDone)
            if !active.isEmpty {
                _ = curl_multi_poll(multi, nil, 0, 1000, nil)
            }
        }
    }
}

// MARK: - Scheduling

extension CurlMulti {
    /// Starts transfers round-robin over hosts until the global or per-host caps are reached. Returns how many
    /// left the queues (started, or settled because they could not start).
    private func startQueued(onDone: (CurlTransfer) -> Void) -> Int {
        var taken = 0
        var idleRounds = 0
        let limit = max(1, configuration.maxConcurrentTransfers)
        let perHost = max(1, configuration.maxTransfersPerHost)
        while active.count < limit, !hostOrder.isEmpty, idleRounds < hostOrder.count {
            nextHost %= hostOrder.count
            let host = hostOrder[nextHost]
            nextHost += 1
            guard activePerHost[host, default: 0] < perHost, hostPausedUntil[host] == nil,
                let transfer = hostQueues[host]?.popFirst()
            else {
                idleRounds += 1
                continue
            }
            idleRounds = 0
            taken += 1
            if let failure = transfer.configure(configuration) {
                transfer.settle(.failed(failure))
                onDone(transfer)
                continue
            }
            guard curl_multi_add_handle(multi, transfer.handle) == CURLM_OK else {
                transfer.settle(
                    .failed(
                        FetchError(
                            .transport, feedURL: transfer.request.feedURL,
                            reason: "libcurl could not start the transfer",
                            hint: "retried on the next run")))
                onDone(transfer)
                continue
            }
            active[transfer.handle] = transfer
            activePerHost[host, default: 0] += 1
        }
        return taken
    }

    private func drainFinished(onDone: (CurlTransfer) -> Void) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let transfer = active[handle]
            else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, handle)
            active[handle] = nil
            activePerHost[transfer.hostKey, default: 1] -= 1
            transfer.complete(code: code)
            if case .failed(let error) = transfer.result?.status, error.kind == .rateLimited {
                // The whole host waits: Retry-After when given, else a quarter of an hour.
                let until = transfer.result?.head?.retryAfter ?? Date().addingTimeInterval(15 * 60)
                hostPausedUntil[transfer.hostKey] = max(until, hostPausedUntil[transfer.hostKey] ?? until)
            }
            onDone(transfer)
        }
    }

    /// Feeds queued behind a host that asked us to wait are deferred, not fetched, this run.
    private func settlePausedHosts(onDone: (CurlTransfer) -> Void) -> Int {
        var settled = 0
        for (host, until) in hostPausedUntil {
            while let transfer = hostQueues[host]?.popFirst() {
                transfer.settle(.deferred(until: until))
                onDone(transfer)
                settled += 1
            }
        }
        return settled
    }
}

/// `curl_global_init` once per process, before the first handle (libcurl requires it before threads start).
private let curlGlobalInitialization: Void = {
    _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
}()
