import Foundation
@testable import SesameWeb
import Testing

@Suite("No open redirects")
struct SecurityRedirectTests {
    /// Values a browser would read as another origin, or that smuggle one in.
    static let offSite = [
        "//evil.example", "/\\evil.example", "https://evil.example/", "http:evil.example", "javascript:alert(1)",
        "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", " //evil.example", "evil.example", "",
    ]

    @Test("only local paths are accepted as a place to go next", arguments: offSite)
    func refused(_ value: String) {
        #expect(LocalPath.validated(value) == nil)
    }

    @Test("local paths with queries are kept as they are")
    func accepted() {
        for path in ["/", "/consent/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", "/account/sessions?action=org.matrix.devices_list", "/link?code=ABCD-EFGH"] {
            #expect(LocalPath.validated(path) == path)
        }
    }

    @Test("login and registration drop an off-site next and send the browser to a local page")
    func pagesIgnoreOffSiteNext() async throws {
        try await WebHarness.with { web in
            try await web.user()
            for page in ["/login", "/register"] {
                for next in ["//evil.example/", "/\\evil.example", "https://evil.example/"] {
                    let shown = try await web.browser.get("\(page)?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                    #expect(shown.status == .ok)
                    #expect((shown.hiddenField("next") ?? "") == "", "\(page) kept next=\(next)")
                    #expect(!shown.body.contains("evil.example"), "\(page) echoes \(next)")
                }
            }
            let page = try await web.browser.get("/login")
            let response = try await web.browser.post("/login", [
                "csrf": try #require(page.csrf), "next": "//evil.example/", "username": "alice", "password": "correct horse battery",
            ])
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/") == true && response.location?.hasPrefix("//") == false)
        }
    }
}
