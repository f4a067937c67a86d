import Foundation
import Hummingbird
import SesameCrypto
import SesameModel

/// What the `sesame_session` cookie holds, sealed with the server's `SecretBox` (AES-GCM) so it
/// can be neither read nor forged: the browser session, if signed in, and the CSRF secret every
/// form on the pages must echo.
struct SessionCookie: Codable, Equatable, Sendable {
    /// The signed-in browser session, as text; nil while signed out.
    var sessionID: String?
    /// The CSRF secret.
    var csrf: String

    enum CodingKeys: String, CodingKey {
        case sessionID = "s", csrf = "c"
    }

    /// A cookie for a signed-out visitor with a fresh CSRF secret.
    static func fresh(sessionID: BrowserSessionID? = nil) -> SessionCookie {
        SessionCookie(sessionID: sessionID?.description, csrf: CSRF.makeSecret())
    }

    /// The browser session it names, if any.
    var browserSessionID: BrowserSessionID? { sessionID.flatMap { BrowserSessionID($0) } }
}

/// Seals and opens the session cookie and writes its attributes.
struct SessionCookieCodec: Sendable {
    /// The cookie's name.
    static let name = "sesame_session"

    let box: SecretBox
    let secure: Bool

    /// The cookie's contents, or nil when it is absent, altered or sealed under another key.
    func open(_ request: Request) -> SessionCookie? {
        guard let value = request.cookies[Self.name]?.value,
              let data = try? box.open(value)
        else { return nil }
        return try? JSONDecoder().decode(SessionCookie.self, from: data)
    }

    /// The `Set-Cookie` for `contents`: HttpOnly, SameSite=Lax, Path=/, Secure when configured.
    func cookie(for contents: SessionCookie) throws -> Cookie {
        let sealed = try box.seal(JSONEncoder().encode(contents))
        return try Cookie.validated(name: Self.name, value: sealed, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A `Set-Cookie` that removes the cookie.
    func expiredCookie() throws -> Cookie {
        try Cookie.validated(
            name: Self.name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            secure: secure, httpOnly: true, sameSite: .lax
        )
    }
}
