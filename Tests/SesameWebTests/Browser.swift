import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A minimal browser over the test client: keeps the cookies the server sets and sends them back,
/// and never follows redirects (tests look at each step).
final class Browser: Sendable {
    let client: any TestClientProtocol
    private let jar = Mutex<[String: String]>([:])

    init(client: any TestClientProtocol) { self.client = client }

    /// `GET uri`.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> WebResponse {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// `POST uri` with a form body.
    func post(_ uri: String, _ fields: [String: String], headers: HTTPFields = [:]) async throws -> WebResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: formEncode(fields)))
    }

    /// The value of the cookie `name`, if the browser holds one.
    func cookie(_ name: String) -> String? { jar.withLock { $0[name] } }

    /// Replaces (or, with nil, removes) a cookie, as a tampering user could.
    func setCookie(_ name: String, _ value: String?) { jar.withLock { $0[name] = value } }

    private func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> WebResponse {
        var headers = headers
        let cookieHeader = jar.withLock { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookieHeader.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let setCookies = response.headers[values: .setCookie]
        jar.withLock { jar in
            for line in setCookies {
                let attributes = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = attributes.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals])
                let value = String(pair[pair.index(after: equals)...])
                if attributes.contains(where: { $0.lowercased() == "max-age=0" }) || value.isEmpty {
                    jar[name] = nil
                } else {
                    jar[name] = value
                }
            }
        }
        return WebResponse(status: response.status, headers: response.headers, body: String(buffer: response.body), setCookies: setCookies)
    }
}

/// One response, with helpers to read what a test needs from the page.
struct WebResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String
    let setCookies: [String]

    /// The `Location` header.
    var location: String? { headers[.location] }

    /// A header by name.
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }

    /// The page's CSRF field value.
    var csrf: String? { hiddenField("csrf") }

    /// The value of the first hidden input named `name`.
    func hiddenField(_ name: String) -> String? {
        let pattern = #"<input type="hidden" name="\#(NSRegularExpression.escapedPattern(for: name))" value="([^"]*)">"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)),
              let range = Range(match.range(at: 1), in: body)
        else { return nil }
        return Self.unescapeHTML(String(body[range]))
    }

    /// The query (or fragment) parameters of the `Location` header.
    func locationParameters() -> [String: String] {
        guard let location, let components = URLComponents(string: location) else { return [:] }
        let encoded = components.percentEncodedQuery ?? ""
        let fromFragment = components.percentEncodedFragment.map { URLComponents(string: "x:?" + $0)?.queryItems ?? [] } ?? []
        var result: [String: String] = [:]
        for item in (URLComponents(string: "x:?" + encoded)?.queryItems ?? []) + fromFragment {
            result[item.name] = item.value
        }
        return result
    }

    static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
