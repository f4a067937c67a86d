import HTTPTypes
import Hummingbird
import Prometheus
import Synchronization

/// Counts requests and records their latency in the Prometheus registry, labelled by method,
/// route pattern (never the raw path, which would explode cardinality) and status. Recorded by
/// `EdgeMiddleware` for every request.
struct HTTPRequestMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// The metrics of each (method, route, status) seen so far: the registry builds label strings
    /// and takes its lock on every `make…` call, which showed in every request's profile (issue 7).
    private let recorders = HTTPMetricRecorders()

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts one answer with `status` to a request for `route` (nil when no route matched) that
    /// started at `start`.
    func record(method: HTTPRequest.Method, route: String?, status: Int, since start: ContinuousClock.Instant) {
        let key = HTTPMetricKey(method: method.rawValue, route: route ?? "unmatched", status: status)
        let recorder = recorders.recorder(for: key, in: registry)
        recorder.requests.increment()
        recorder.latency.recordNanoseconds((ContinuousClock.now - start).nanoseconds)
    }
}

/// The labels one request is counted under.
struct HTTPMetricKey: Hashable {
    let method: String
    let route: String
    let status: Int

    /// Hashes the status and the two texts' lengths, not the texts: hashing the route's text cost
    /// about 1.5 k instructions on every request (issue 7). Equality still compares all three, so
    /// keys that share a hash (same lengths) are told apart; the table holds a few dozen keys.
    func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        hasher.combine(method.utf8.count)
        hasher.combine(route.utf8.count)
    }
}

/// The counter and histogram of one label set, made once in the registry.
struct HTTPMetricRecorder {
    let requests: Counter
    let latency: DurationHistogram
}

/// Label set → recorder, filled on first use. Routes are patterns, so this stays small.
final class HTTPMetricRecorders: Sendable {
    private let cache = Mutex<[HTTPMetricKey: HTTPMetricRecorder]>([:])

    func recorder(for key: HTTPMetricKey, in registry: PrometheusCollectorRegistry) -> HTTPMetricRecorder {
        if let known = cache.withLock({ $0[key] }) { return known }
        let recorder = HTTPMetricRecorder(
            requests: registry.makeCounter(
                descriptor: MetricNameDescriptor(metricName: "http_requests", unitName: "total", helpText: "HTTP requests served"),
                labels: [("method", key.method), ("route", key.route), ("status", "\(key.status)")]
            ),
            latency: registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
                labels: [("method", key.method), ("route", key.route)],
                buckets: httpLatencyBuckets
            )
        )
        // The registry hands out the same metric for the same labels, so a racing second insert is harmless.
        cache.withLock { $0[key] = recorder }
        return recorder
    }
}

/// Latency buckets from 1 ms to 10 s.
private let httpLatencyBuckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)]

extension Duration {
    fileprivate var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
