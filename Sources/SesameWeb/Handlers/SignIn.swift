import Foundation
import Hummingbird
import SesameModel

/// Starting or refreshing a browser session after the user proved who they are (password login,
/// registration): shared by the login and registration pages.
struct SignIn: Sendable {
    let environment: WebEnvironment

    /// Records `method` for `user`: a new authentication in the visitor's session when it already
    /// belongs to `user` (re-authentication), else a new browser session (ending the old one).
    /// Returns the visitor with a fresh cookie: new session ID and new CSRF secret.
    func signIn(_ user: User, method: Authentication.Method, request: Request, visitor: Visitor) async throws -> Visitor {
        let services = environment.services
        let now = services.clock.now()
        let current = visitor.user?.id == user.id ? visitor.session : nil
        let session = current ?? BrowserSession(
            id: BrowserSessionID(date: now), userID: user.id, createdAt: now,
            activity: ActivityRecord(userAgent: environment.userAgent(request), lastActiveAt: now, lastActiveIP: environment.clientIP(request))
        )
        let previous = current == nil ? visitor.session : nil
        try await services.storage.transaction { repositories in
            if let previous { try await repositories.browserSessions.finish(id: previous.id, at: now) }
            if current == nil { try await repositories.browserSessions.add(session) }
            try await repositories.browserSessions.addAuthentication(
                Authentication(id: AuthenticationID(date: now), browserSessionID: session.id, method: method, createdAt: now)
            )
        }
        // A new cookie on every sign-in, so a secret planted before it (session fixation) is useless.
        return Visitor(cookie: .fresh(sessionID: session.id), hadCookie: true, cookieChanged: true, session: session, user: user)
    }

    /// CSP `form-action` sources a page posting to `/login` or `/register` needs: when it goes on
    /// to a consent page that may redirect straight to the client, the client's origin.
    func formActions(continuingTo next: String) async throws -> [String] {
        guard next.hasPrefix("/consent/"), let id = AuthorizationGrantID(next.dropFirst("/consent/".count)) else { return [] }
        let grant = try await environment.services.storage.read { try await $0.authorizationGrants.find(id: id) }
        return grant.flatMap { CSPSource.origin(of: $0.redirectURI) }.map { [$0] } ?? []
    }
}
