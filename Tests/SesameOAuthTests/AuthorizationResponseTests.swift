import Foundation
import SesameModel
import SesameOAuth
import Testing

@Suite("Authorization responses (RFC 9207, response modes)")
struct AuthorizationResponseTests {
    private let issuer = "https://auth.example.com/"

    @Test("query mode appends code, state and iss, percent-encoded")
    func query() {
        let target = AuthorizationResponseTarget(redirectURI: "https://app.example.com/cb", responseMode: .query, state: "a b&c")
        let response = AuthorizationResponse.make(.code("abc123"), to: target, issuer: issuer)
        #expect(response == .redirect(location: "https://app.example.com/cb?code=abc123&state=a%20b%26c&iss=https%3A%2F%2Fauth.example.com%2F"))
        #expect(response.value(of: "state") == "a b&c")
        #expect(response.value(of: "iss") == issuer)
    }

    @Test("query mode keeps the redirect URI's own query")
    func existingQuery() {
        for (uri, expected) in [
            ("https://app.example.com/cb?tenant=1", "https://app.example.com/cb?tenant=1&code=c&iss="),
            ("https://app.example.com/cb?", "https://app.example.com/cb?code=c&iss="),
            ("https://app.example.com/cb?tenant=1&", "https://app.example.com/cb?tenant=1&code=c&iss="),
        ] {
            let response = AuthorizationResponse.make(.code("c"), to: AuthorizationResponseTarget(redirectURI: uri), issuer: issuer)
            guard case .redirect(let location) = response else {
                Issue.record("not a redirect")
                continue
            }
            #expect(location.hasPrefix(expected), "\(location)")
        }
    }

    @Test("fragment mode puts the parameters after #")
    func fragment() {
        let target = AuthorizationResponseTarget(redirectURI: "com.example.app:/cb", responseMode: .fragment, state: "s")
        let response = AuthorizationResponse.make(.code("c"), to: target, issuer: issuer)
        #expect(response == .redirect(location: "com.example.app:/cb#code=c&state=s&iss=https%3A%2F%2Fauth.example.com%2F"))
    }

    @Test("errors carry error and error_description, state and iss")
    func error() {
        let target = AuthorizationResponseTarget(redirectURI: "https://app.example.com/cb", state: "s")
        let response = AuthorizationResponse.make(.error(.accessDenied("the user denied the request")), to: target, issuer: issuer)
        #expect(response.value(of: "error") == "access_denied")
        #expect(response.value(of: "error_description") == "the user denied the request")
        #expect(response.value(of: "state") == "s")
        #expect(response.value(of: "iss") == issuer)
        #expect(response.value(of: "code") == nil)
    }

    @Test("without state, no state parameter is sent")
    func noState() {
        let response = AuthorizationResponse.make(.code("c"), to: AuthorizationResponseTarget(redirectURI: "https://app.example.com/cb"), issuer: issuer)
        #expect(response.value(of: "state") == nil)
    }

    @Test("form_post lists the fields for an auto-submitting page")
    func formPost() {
        let target = AuthorizationResponseTarget(redirectURI: "https://app.example.com/cb", responseMode: .formPost, state: "s")
        let response = AuthorizationResponse.make(.code("c"), to: target, issuer: issuer)
        #expect(response == .formPost(action: "https://app.example.com/cb", fields: [.init("code", "c"), .init("state", "s"), .init("iss", issuer)]))
    }

    @Test("the out-of-band URI is answered on a page, whatever the mode")
    func outOfBand() {
        let target = AuthorizationResponseTarget(redirectURI: RedirectURIMatcher.outOfBand, responseMode: .fragment)
        let response = AuthorizationResponse.make(.code("c"), to: target, issuer: issuer)
        guard case .outOfBand(.code("c"), let fields) = response else {
            Issue.record("expected an out-of-band answer, got \(response)")
            return
        }
        #expect(fields.contains(.init("iss", issuer)))
    }
}
