import Foundation
import SesameModel

/// Who is on the other end of a request: the CSRF secret of their cookie and, when signed in, the
/// browser session and its user. A finished or unknown session, or a locked or deactivated user,
/// counts as signed out.
struct Visitor: Sendable {
    /// The cookie to keep (or set) for this browser.
    var cookie: SessionCookie
    /// True when the request brought a cookie we could open; a POST without one fails CSRF.
    var hadCookie: Bool
    /// True when the response must (re)write the cookie.
    var cookieChanged: Bool
    var session: BrowserSession?
    var user: User?

    /// The CSRF secret forms must echo.
    var csrf: String { cookie.csrf }

    /// True when a browser session and its active user were found.
    var isSignedIn: Bool { session != nil && user != nil }
}
