import HTTPTypes
import Hummingbird

/// Lets browser-based clients (Element Web and the like, served from another origin) call the
/// machine-facing endpoints. No cookies are involved on those paths, so any origin may read them;
/// the pages (login, consent, account) are deliberately not covered. Applied by `EdgeMiddleware`.
enum CORSPolicy {
    /// Path prefixes open to cross-origin calls.
    static let openPrefixes = ["/.well-known/", "/_matrix/client/", "/oauth2/", "/graphql"]

    /// Whether cross-origin calls may reach `path`.
    static func isOpen(_ path: String) -> Bool {
        openPrefixes.contains(where: { path.hasPrefix($0) })
    }

    /// The answer to a preflight (`OPTIONS`) on an open path.
    static func preflight() -> Response {
        Response(status: .noContent, headers: [
            .accessControlAllowOrigin: "*",
            .accessControlAllowMethods: "GET, POST, OPTIONS",
            .accessControlAllowHeaders: "Authorization, Content-Type, Accept",
            .accessControlMaxAge: "86400",
        ])
    }

    /// Lets any origin read `response` and its `WWW-Authenticate` (replacing what a handler set).
    static func allow(_ response: inout Response) {
        response.headers.setOnly(anyOrigin)
        response.headers.setOnly(exposedHeaders)
    }

    /// Built once: every answer on an open path carries them (issue 7).
    private static let anyOrigin = HTTPField(name: .accessControlAllowOrigin, value: "*")
    private static let exposedHeaders = HTTPField(name: .accessControlExposeHeaders, value: "WWW-Authenticate")
}
