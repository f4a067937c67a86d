import Foundation
import HTTPTypes
import Hummingbird
import SesameAccounts
import SesameModel
import SesameOAuth

/// What every page handler works with: the protocol services, accounts, options, templates and
/// the session cookie, plus the steps every handler shares (who is the visitor, reading forms,
/// checking CSRF, writing the response with its cookie).
struct WebEnvironment: Sendable {
    let services: OAuthServices
    let accounts: AccountService
    let options: WebOptions
    let renderer: PageRenderer
    let cookies: SessionCookieCodec
    /// The limits on logins, registrations and emails, shared by every request.
    let rateLimits: RateLimits
    /// Sends the codes and links the pages mail.
    let outbox: MailOutbox

    var strings: WebStrings { renderer.strings }

    /// Largest form body accepted.
    static let maximumFormSize = 64 * 1024

    // MARK: - Visitor

    /// Reads the session cookie and resolves the browser session it names.
    func visitor(for request: Request) async throws -> Visitor {
        guard let cookie = cookies.open(request) else {
            return Visitor(cookie: .fresh(), hadCookie: false, cookieChanged: true)
        }
        var visitor = Visitor(cookie: cookie, hadCookie: true, cookieChanged: false)
        guard let sessionID = cookie.browserSessionID else { return visitor }
        let found: (BrowserSession, User)? = try await services.storage.read { repositories in
            guard let session = try await repositories.browserSessions.find(id: sessionID), session.isActive,
                  let user = try await repositories.users.find(id: session.userID), user.isActive
            else { return nil }
            return (session, user)
        }
        if let found {
            visitor.session = found.0
            visitor.user = found.1
            // In memory only; the activity tracker writes it with the next batch.
            services.activity.record(.browser(found.0.id), at: services.clock.now(), ip: clientIP(request))
        } else {
            // The session ended elsewhere (logout, admin, deactivation): forget it, keep the CSRF secret.
            visitor.cookie.sessionID = nil
            visitor.cookieChanged = true
        }
        return visitor
    }

    // MARK: - Requests

    /// The query parameters.
    func query(_ request: Request) -> FormParameters {
        FormParameters(encoded: request.uri.query ?? "")
    }

    /// The `application/x-www-form-urlencoded` body.
    func form(_ request: Request) async throws -> FormParameters {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumFormSize)
        return FormParameters(encoded: String(buffer: body))
    }

    /// True when the form's `csrf` field matches the visitor's cookie.
    func checkCSRF(_ form: FormParameters, visitor: Visitor) -> Bool {
        visitor.hadCookie && CSRF.matches(try? form.single(CSRF.fieldName), expected: visitor.csrf)
    }

    /// The user agent, for the session list on the account page.
    func userAgent(_ request: Request) -> String? {
        request.headers[.userAgent].map { String($0.prefix(512)) }
    }

    /// The client's IP address for `request`: the socket peer, or what a trusted proxy reports
    /// (`http.trusted_proxies`); nil when unknown.
    func clientIP(_ request: Request) -> String? {
        RequestClient.ip
    }

    // MARK: - Responses

    /// Renders `page`, writing the visitor's cookie when it changed.
    func respond(_ page: Page, visitor: Visitor) -> Response {
        var chrome: [String: String]?
        if let user = visitor.user {
            chrome = [
                "username": user.username.rawValue, "csrf": visitor.csrf,
                "signedInAs": strings.format("layout_signed_in_as", ["user": user.username.rawValue]),
            ]
        }
        return withCookie(renderer.render(page, chrome: chrome), visitor: visitor)
    }

    /// A 303 to `location`, writing the visitor's cookie when it changed.
    func redirect(to location: String, visitor: Visitor) -> Response {
        withCookie(renderer.redirect(to: location), visitor: visitor)
    }

    /// The 403 page for a form without a valid CSRF field.
    func csrfFailure(visitor: Visitor) -> Response {
        respond(.message(title: strings["csrf_title"], paragraphs: [strings["csrf_body"]], status: .forbidden), visitor: visitor)
    }

    /// The page for a sign-in request that can no longer be answered.
    func grantGone(visitor: Visitor) -> Response {
        respond(.message(title: strings["grant_gone_title"], paragraphs: [strings["grant_gone_body"]], status: .badRequest), visitor: visitor)
    }

    /// `/login?next=…` for a page that needs a signed-in visitor.
    func loginPath(next: String, loginHint: String? = nil) -> String {
        LocalPath.withQuery("/login", [("next", next), ("login_hint", loginHint)])
    }

    private func withCookie(_ response: Response, visitor: Visitor) -> Response {
        guard visitor.cookieChanged, let cookie = try? cookies.cookie(for: visitor.cookie) else { return response }
        var response = response
        response.setCookie(cookie)
        return response
    }
}
