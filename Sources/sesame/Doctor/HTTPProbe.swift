import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One GET at a time against the deployment, with a short timeout and no caching or cookies;
/// failures come back as a sentence an operator understands.
///
/// Built on AsyncHTTPClient rather than URLSession: URLSession on Linux would make the
/// `sesame` binary load libcurl and its TLS/Kerberos libraries, idle RSS the server never uses.
struct HTTPProbe: Sendable {
    /// An HTTP answer.
    struct Answer: Sendable {
        let status: Int
        let body: Data

        /// The body as a JSON object; nil when it is not one.
        var json: [String: any Sendable]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: any Sendable]
        }

        /// The Matrix `errcode`, when the body is a Matrix error.
        var errcode: String? { json?["errcode"] as? String }

        /// The status and, for Matrix errors, the error code: `404 M_UNRECOGNIZED`.
        var summary: String { errcode.map { "\(status) \($0)" } ?? "\(status)" }
    }

    /// The request did not get an HTTP answer.
    struct Failure: Error, Sendable {
        let reason: String
    }

    /// The largest body read; the documents the doctor checks are a few kilobytes.
    static let maximumBodyBytes = 1 << 20

    /// Seconds the whole request (connect, TLS, answer and body) may take.
    let timeout: Double

    func get(_ url: URL, bearer: String? = nil) async -> Result<Answer, Failure> {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            return .failure(Failure(reason: "not a usable URL"))
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }

        // A client per probe, like the URLSession per request it replaces: no pooled
        // connections or state carried from one check to the next.
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result: Result<Answer, Failure>
        do {
            let response = try await client.execute(request, timeout: deadline)
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            result = .success(Answer(status: Int(response.status.code), body: Data(body.readableBytesView)))
        } catch {
            result = .failure(Failure(reason: Self.describe(error)))
        }
        try? await client.shutdown()
        return result
    }

    private var deadline: TimeAmount { .milliseconds(Int64((timeout * 1000).rounded(.up))) }

    private var configuration: HTTPClient.Configuration {
        var pool = HTTPClient.Configuration.ConnectionPool()
        // Report a refused connection at once instead of retrying until the deadline.
        pool.retryConnectionEstablishment = false
        return HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 10, allowCycles: false),
            timeout: .init(connect: deadline, read: deadline),
            connectionPool: pool
        )
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError: describe(error)
        case let error as NIOConnectionError: describe(error)
        case let error as IOError: describe(errno: error.errnoCode)
        case is SocketAddressError.UnknownHost: "host name does not resolve"
        case ChannelError.connectTimeout: "no answer (timed out)"
        case ChannelError.eof, ChannelError.ioOnClosedChannel, ChannelError.outputClosed, ChannelError.alreadyClosed:
            "connection closed before an answer"
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            "TLS failed (no TLS on that port, or an untrusted certificate)"
        case is HTTPParserError: "not an HTTP answer (TLS spoken to a plain-HTTP port?)"
        case is NIOTooManyBytesError: "answer larger than \(maximumBodyBytes / (1 << 20)) MB"
        default: "request failed (\(error))"
        }
    }

    private static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout,
             .tlsHandshakeTimeout:
            "no answer (timed out)"
        case .remoteConnectionClosed, .uncleanShutdown, .cancelled:
            "connection closed before an answer"
        case .invalidURL, .emptyHost, .emptyScheme:
            "not a usable URL"
        case .redirectLimitReached, .redirectCycleDetected:
            "too many redirects"
        default:
            "request failed (\(error))"
        }
    }

    /// Happy Eyeballs tried every address: a DNS failure, or the first connection error.
    private static func describe(_ error: NIOConnectionError) -> String {
        if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
            return "host name does not resolve"
        }
        guard let first = error.connectionErrors.first else { return "request failed (\(error))" }
        return describe(first.error)
    }

    private static func describe(errno: Int32) -> String {
        switch errno {
        case ECONNREFUSED: "connection refused"
        case ETIMEDOUT: "no answer (timed out)"
        case ECONNRESET, EPIPE: "connection closed before an answer"
        case EHOSTUNREACH, ENETUNREACH: "host unreachable"
        default: "request failed (\(String(cString: strerror(errno))))"
        }
    }
}

extension String {
    /// `self` (a base ending in `/`) joined with a relative path.
    func appendingURLPath(_ path: String) -> URL? {
        URL(string: self + (path.hasPrefix("/") ? String(path.dropFirst()) : path))
    }
}
