import Foundation
import Hummingbird
import SesameModel
import SesameOAuth

/// `GET|POST /oauth2/userinfo` (OIDC Core §5.3): claims about the token's user. The token must
/// carry `openid`; `email` adds the user's confirmed address.
struct UserinfoRoutes {
    let services: OAuthServices

    struct Claims: Encodable {
        let sub: String
        let username: String
        let preferredUsername: String?
        let email: String?
        let emailVerified: Bool?

        enum CodingKeys: String, CodingKey {
            case sub, username, preferredUsername = "preferred_username", email, emailVerified = "email_verified"
        }
    }

    func register(on router: Router<some RequestContext>) {
        router.get("oauth2/userinfo") { request, context in await respond(request, context: context) }
        router.post("oauth2/userinfo") { request, context in await respond(request, context: context) }
    }

    private func respond(_ request: Request, context: some RequestContext) async -> Response {
        await OAuthHTTP.handle(request, context: context) {
            guard let bearer = OAuthHTTP.bearer(request) else {
                throw OAuthError(.invalidToken, "an access token is required in the Authorization header")
            }
            guard let access = await AccessTokenValidator(services: services).validate(bearer) else {
                throw OAuthError(.invalidToken, "the access token is invalid, expired or revoked")
            }
            guard access.scope.contains(.openID), let user = access.user else {
                throw OAuthError(.insufficientScope, "userinfo needs a token with the openid scope issued for a user")
            }
            var email: String?
            if access.scope.contains(.email) {
                let emails = try await services.storage.read { try await $0.emails.list(for: user.id) }
                email = emails.filter { $0.confirmedAt != nil }.min { $0.createdAt < $1.createdAt }?.email
            }
            return try OAuthHTTP.json(Claims(
                sub: user.id.description, username: user.username.rawValue,
                preferredUsername: access.scope.contains("profile") ? user.username.rawValue : nil,
                email: email, emailVerified: email == nil ? nil : true
            ))
        }
    }
}
