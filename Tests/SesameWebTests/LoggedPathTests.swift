import SesameWeb
import Testing

/// Request paths as they reach the log: a recovery link's secret never does.
@Suite("Logged request paths")
struct LoggedPathTests {
    @Test("the secret segment of a recovery link is blanked out, the rest kept", arguments: [
        ("/recover/Xk3f9LqP0aZ7", "/recover/<redacted>"),
        ("/recover/Xk3f9LqP0aZ7/extra", "/recover/<redacted>/extra"),
    ])
    func recoveryLink(path: String, logged: String) {
        #expect(LoggedPath.redacted(path) == logged)
        #expect(!LoggedPath.redacted(path).contains("Xk3f9LqP0aZ7"))
    }

    @Test("other paths are logged as they are", arguments: ["/recover", "/recover/", "/oauth2/token", "/account/sessions/01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"])
    func untouched(path: String) {
        #expect(LoggedPath.redacted(path) == path)
    }
}
