import SesameModel

/// The legacy Matrix SSO logins (`/login/sso/redirect` then `m.login.token`) as the confirmation
/// page sees them. The logic lives in SesameMatrix, which this module cannot import; the server
/// passes an adapter in.
public protocol CompatSSOApprover: Sendable {
    /// The login awaiting approval; nil when unknown, already approved, or expired.
    func pendingLogin(id: CompatSSOLoginID) async throws -> PendingCompatSSOLogin?

    /// Approves the login for the signed-in browser session and returns where to send the browser
    /// (the client's `redirectUrl` with its `loginToken`); nil when the login is no longer pending.
    func approve(id: CompatSSOLoginID, browserSessionID: BrowserSessionID) async throws -> String?
}
