import SesameMatrix
import SesameModel
import SesameWeb

/// Lets the web pages confirm legacy Matrix SSO logins through `CompatLoginService`, which
/// SesameWeb cannot import.
struct CompatSSOApproverAdapter: CompatSSOApprover {
    let service: CompatLoginService

    func pendingLogin(id: CompatSSOLoginID) async throws -> PendingCompatSSOLogin? {
        try await service.pendingSSOLogin(id: id).map { PendingCompatSSOLogin(id: $0.id, redirectURL: $0.redirectURI) }
    }

    func approve(id: CompatSSOLoginID, browserSessionID: BrowserSessionID) async throws -> String? {
        try await service.approveSSOLogin(id: id, browserSessionID: browserSessionID)?.absoluteString
    }
}
