import Hummingbird
import SesameModel
import SesameOAuth

/// Who may use the admin API: the bearer of a valid OAuth access token, or of a valid personal
/// access token (as in MAS), whose scope holds `urn:mas:admin`. The token endpoint only grants that
/// scope to configured admin clients (client credentials) and to users allowed to request admin
/// scopes; personal tokens get it only for such users too.
struct AdminAuthorizer: Sendable {
    let services: OAuthServices

    /// The checked caller; 401 without a usable token, 403 when it lacks the admin scope.
    func authorize(_ request: Request) async throws(AdminAPIError) -> AdminCaller {
        guard let header = request.headers[.authorization], let token = AuthorizationHeader.credentials(header, scheme: "Bearer") else {
            throw .unauthorized("missing Authorization: Bearer access token")
        }
        let caller: AdminCaller?
        if PersonalTokenValidator.isPersonal(token) {
            caller = await PersonalTokenValidator(services: services).validate(token).map { .personal($0.session, actor: $0.actor) }
        } else {
            caller = await AccessTokenValidator(services: services).validate(token).map(AdminCaller.oauth)
        }
        guard let caller else { throw .unauthorized("the access token is invalid, expired or revoked") }
        // RFC 6750 §3.1: a valid token without the needed scope is `insufficient_scope`, 403.
        guard caller.scope.contains(MatrixScope.masAdmin) else {
            throw .forbidden("the access token lacks the \(MatrixScope.masAdmin) scope")
        }
        return caller
    }
}
