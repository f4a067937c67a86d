import AsyncHTTPClient
import Foundation
import NIOCore
import SesameOAuth

/// Fetches clients' `jwks_uri` documents with a short timeout, no redirects and a size cap, so a
/// slow or hostile client cannot stall the token endpoint or exhaust memory.
struct HTTPJWKSFetcher: JWKSFetcher {
    let client: HTTPClient
    /// Only https URIs unless insecure URIs are allowed by policy (development).
    let allowInsecure: Bool

    static let maximumBytes = 256 * 1024

    func fetchJWKS(_ uri: String) async throws -> String {
        guard let url = URL(string: uri), url.scheme == "https" || (allowInsecure && url.scheme == "http") else {
            throw OAuthError.invalidClient("the client's jwks_uri must be https")
        }
        var request = HTTPClientRequest(url: uri)
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await client.execute(request, timeout: .seconds(10))
        guard response.status == .ok else { throw OAuthError.invalidClient("the client's jwks_uri answered \(response.status.code)") }
        let body = try await response.body.collect(upTo: Self.maximumBytes)
        return String(buffer: body)
    }
}
