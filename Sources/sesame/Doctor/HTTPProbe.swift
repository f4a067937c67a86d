import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One GET at a time against the deployment, with a short timeout and no caching or cookies;
/// failures come back as a sentence an operator understands.
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

    let timeout: Double

    func get(_ url: URL, bearer: String? = nil) async -> Result<Answer, Failure> {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (data, response) = try await session.data(for: request)
            return .success(Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data))
        } catch let error as URLError {
            return .failure(Failure(reason: Self.describe(error)))
        } catch {
            return .failure(Failure(reason: String(describing: error)))
        }
    }

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .cannotFindHost, .dnsLookupFailed: "host name does not resolve"
        case .timedOut: "no answer (timed out)"
        case .networkConnectionLost: "connection closed before an answer"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            "TLS failed (no TLS on that port, or an untrusted certificate)"
        case .badServerResponse: "not an HTTP answer (TLS spoken to a plain-HTTP port?)"
        case .unsupportedURL, .badURL: "not a usable URL"
        default: "request failed (URLError \(error.code.rawValue))"
        }
    }
}

extension String {
    /// `self` (a base ending in `/`) joined with a relative path.
    func appendingURLPath(_ path: String) -> URL? {
        URL(string: self + (path.hasPrefix("/") ? String(path.dropFirst()) : path))
    }
}
