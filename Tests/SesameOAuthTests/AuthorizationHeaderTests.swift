import SesameOAuth
import Testing

/// `Authorization: <scheme> <credentials>`, read once for every endpoint that takes the header.
@Suite("Authorization header")
struct AuthorizationHeaderTests {
    @Test("the scheme is matched without regard to case, and must be followed by a space")
    func scheme() {
        #expect(AuthorizationHeader.credentials("Bearer abc", scheme: "Bearer") == "abc")
        #expect(AuthorizationHeader.credentials("bEARER abc", scheme: "Bearer") == "abc")
        #expect(AuthorizationHeader.credentials("Bearerabc", scheme: "Bearer") == nil)
        #expect(AuthorizationHeader.credentials("Bearer", scheme: "Bearer") == nil)
        #expect(AuthorizationHeader.credentials("Basic abc", scheme: "Bearer") == nil)
        #expect(AuthorizationHeader.credentials("Bear abc", scheme: "Bearer") == nil)
    }

    @Test("spaces, tabs and other space separators around the credentials are dropped, inner ones kept")
    func whitespace() {
        #expect(AuthorizationHeader.credentials("Basic  \t abc \t ", scheme: "Basic") == "abc")
        #expect(AuthorizationHeader.credentials("Basic \u{00A0}abc\u{2003}", scheme: "Basic") == "abc")
        #expect(AuthorizationHeader.credentials("Bearer a b", scheme: "Bearer") == "a b")
        #expect(AuthorizationHeader.credentials("Bearer é✓ ", scheme: "Bearer") == "é✓")
        // Non-ASCII inside, ASCII at both ends: read on the bytes alone.
        #expect(AuthorizationHeader.credentials("Bearer \ta é\u{00A0}b ", scheme: "Bearer") == "a é\u{00A0}b")
    }

    @Test("empty credentials are empty text, for the caller to refuse")
    func empty() {
        #expect(AuthorizationHeader.credentials("Bearer ", scheme: "Bearer") == "")
        #expect(AuthorizationHeader.credentials("Bearer \t ", scheme: "Bearer") == "")
    }
}
