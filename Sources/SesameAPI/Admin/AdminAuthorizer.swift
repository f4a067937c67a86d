import Hummingbird
import SesameModel
import SesameOAuth

/// Who may use the admin API: the bearer of a valid OAuth access token whose scope holds
/// `urn:mas:admin`. The token endpoint only grants that scope to configured admin clients
/// (client credentials) and to users allowed to request admin scopes.
struct AdminAuthorizer: Sendable {
    let services: OAuthServices

    /// The checked access; 401 without a usable token, 403 when it lacks the admin scope.
    func authorize(_ request: Request) async throws(AdminAPIError) -> ValidatedAccess {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw .unauthorized("missing Authorization: Bearer access token")
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard let access = await AccessTokenValidator(services: services).validate(token) else {
            throw .unauthorized("the access token is invalid, expired or revoked")
        }
        guard access.scope.contains(MatrixScope.masAdmin) else {
            throw .forbidden("the access token lacks the \(MatrixScope.masAdmin) scope")
        }
        return access
    }
}
