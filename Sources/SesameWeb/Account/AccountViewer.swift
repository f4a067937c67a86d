import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// The signed-in person an account page acts for: their browser session and user.
struct AccountViewer: Sendable {
    var visitor: Visitor
    var user: User
    var session: BrowserSession
}

extension WebEnvironment {
    /// The signed-in viewer; otherwise throws a redirect to the login page that comes back to
    /// `returnTo` (the page asked for, query included). `visitor(for:)` records the visit as activity.
    func accountViewer(for request: Request, returnTo: String? = nil) async throws -> AccountViewer {
        let visitor = try await visitor(for: request)
        guard let user = visitor.user, let session = visitor.session else {
            let back = LocalPath.validated(returnTo ?? Self.pathAndQuery(of: request)) ?? AccountPaths.overview
            throw EarlyResponse(redirect(to: loginPath(next: back), visitor: visitor))
        }
        return AccountViewer(visitor: visitor, user: user, session: session)
    }

    /// The viewer for a form post: the form, then the signed-in viewer whose CSRF token it carries.
    /// A post from a signed-out browser goes to the login page (back to `returnTo`); a post without
    /// the right CSRF token gets the expired-form page.
    func accountPost(_ request: Request, returnTo: String) async throws -> (FormParameters, AccountViewer) {
        let form = try await form(request)
        let viewer = try await accountViewer(for: request, returnTo: returnTo)
        guard checkCSRF(form, visitor: viewer.visitor) else { throw EarlyResponse(csrfFailure(visitor: viewer.visitor)) }
        return (form, viewer)
    }

    /// How recently the viewer must have typed their password for a change that would let a stolen
    /// session cookie outlive the session: adding an email address (password recovery can then be
    /// sent to it) and minting a personal access token.
    static let recentSignInWindow: Int = 30 * 60

    /// Throws a redirect to the login page (coming back to `returnTo`) unless this browser session
    /// last authenticated within `recentSignInWindow`.
    func requireRecentSignIn(_ viewer: AccountViewer, returnTo: String) async throws {
        let last = try await services.storage.read { try await $0.browserSessions.lastAuthentication(in: viewer.session.id) }
        guard let last, !LoginFreshness.isOlder(last.createdAt, than: Self.recentSignInWindow, now: services.clock.now()) else {
            throw EarlyResponse(redirect(to: loginPath(next: returnTo, loginHint: viewer.user.username.rawValue), visitor: viewer.visitor))
        }
    }

    /// The 404 page for something on the account pages that is not the viewer's (or does not exist):
    /// the same answer either way, so IDs of other people's sessions reveal nothing.
    func accountNotFound(visitor: Visitor) -> Response {
        respond(.message(title: strings["account_not_found_title"], paragraphs: [strings["account_not_found_body"]], status: .notFound), visitor: visitor)
    }

    /// The page for a change the configuration does not allow.
    func accountNotAllowed(visitor: Visitor) -> Response {
        respond(.message(title: strings["account_not_allowed_title"], paragraphs: [strings["account_not_allowed_body"]], status: .forbidden), visitor: visitor)
    }

    private static func pathAndQuery(of request: Request) -> String {
        let path = request.uri.path
        guard let query = request.uri.query, !query.isEmpty else { return path }
        return path + "?" + query
    }
}
