import HTTPTypes
import Hummingbird

/// Lets browser-based clients (Element Web and the like, served from another origin) call the
/// machine-facing endpoints. No cookies are involved on those paths, so any origin may read them;
/// the pages (login, consent, account) are deliberately not covered.
struct CORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Path prefixes open to cross-origin calls.
    static var openPrefixes: [String] {
        ["/.well-known/", "/_matrix/client/", "/oauth2/", "/graphql"]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard Self.openPrefixes.contains(where: { path.hasPrefix($0) }) else { return try await next(request, context) }
        if request.method == .options {
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: "*",
                .accessControlAllowMethods: "GET, POST, OPTIONS",
                .accessControlAllowHeaders: "Authorization, Content-Type, Accept",
                .accessControlMaxAge: "86400",
            ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = "WWW-Authenticate"
        return response
    }
}
