import Foundation
import Testing

@Suite("Security headers and assets")
struct SecurityHeaderTests {
    private func expectHeaders(_ response: WebResponse) {
        #expect(response.header("X-Frame-Options") == "DENY")
        #expect(response.header("Referrer-Policy") == "no-referrer")
        #expect(response.header("Cache-Control") == "no-store")
        let csp = response.header("Content-Security-Policy") ?? ""
        for directive in ["default-src 'none'", "style-src 'self'", "img-src 'self' https: data:", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"] {
            #expect(csp.contains(directive), "CSP lacks \(directive): \(csp)")
        }
        #expect(!csp.contains("script-src"))
    }

    @Test("pages, error pages and redirects carry the security headers")
    func headers() async throws {
        try await WebHarness.with { web in
            expectHeaders(try await web.browser.get("/login"))
            expectHeaders(try await web.browser.get("/authorize"))
            let client = try await web.client()
            expectHeaders(try await web.browser.get(authorizeQuery(client: client)))
            expectHeaders(try await web.browser.post("/login", [:]))
        }
    }

    @Test("the consent page allows its form to end at the client's origin")
    func consentFormAction() async throws {
        try await WebHarness.with { web in
            try await web.user()
            let client = try await web.client(redirectURIs: ["http://127.0.0.1/callback"])
            try await web.signIn()
            let authorize = try await web.browser.get(authorizeQuery(client: client, ["redirect_uri": "http://127.0.0.1:49152/callback"]))
            let page = try await web.browser.get(try #require(authorize.location))
            #expect(page.status == .ok)
            #expect(page.header("Content-Security-Policy")?.contains("form-action 'self' http://127.0.0.1:*") == true)
        }
    }

    @Test("the stylesheet is served")
    func stylesheet() async throws {
        try await WebHarness.with { web in
            let css = try await web.browser.get("/assets/sesame.css")
            #expect(css.status == .ok)
            #expect(css.header("Content-Type")?.hasPrefix("text/css") == true)
            #expect(css.body.contains("prefers-color-scheme"))
        }
    }

    @Test("user-supplied text is escaped in pages")
    func escaping() async throws {
        try await WebHarness.with { web in
            let page = try await web.browser.get("/login?login_hint=%22%3E%3Cscript%3E")
            #expect(!page.body.contains("<script>"))
        }
    }
}
