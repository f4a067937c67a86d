import Foundation
import SesameModel

/// Pending SSO logins of legacy Matrix clients (`/login/sso/redirect`, then `m.login.token`),
/// looked up by ID (the confirmation page) or by the hash of their login token (the exchange).
/// A login is added with the hash of a token nobody holds; the real token is minted when the user
/// approves, so a login token only ever exists for an approved login.
public protocol CompatSSOLoginRepository: Sendable {
    func add(_ login: CompatSSOLogin, loginTokenHash: String) async throws
    func find(id: CompatSSOLoginID) async throws -> CompatSSOLogin?
    func find(loginTokenHash: String) async throws -> CompatSSOLogin?
    /// Marks a pending login approved by `browserSessionID` and sets the hash of the login token
    /// handed to the client only now; false if it was not pending.
    func fulfill(id: CompatSSOLoginID, browserSessionID: BrowserSessionID, loginTokenHash: String, at date: Date) async throws -> Bool
    /// Marks a fulfilled login exchanged for `sessionID`; false if it was not fulfilled or already exchanged.
    func exchange(id: CompatSSOLoginID, sessionID: CompatSessionID, at date: Date) async throws -> Bool
}
