import Foundation
import SesameAccounts
import SesameModel

/// The token endpoint (RFC 6749 §3.2, `/oauth2/token`): authenticates the client and hands the
/// request to the handler of its `grant_type`.
public struct TokenEndpoint: Sendable {
    let services: OAuthServices
    let accounts: AccountService?

    /// Creates the endpoint. Without `accounts` the password grant is not offered at all.
    public init(services: OAuthServices, accounts: AccountService? = nil) {
        self.services = services
        self.accounts = accounts
    }

    /// Answers one token request: tokens, or the RFC 6749 §5.2 error to send back. `clientIP` (the
    /// caller's address) is what the password grant's per-IP rate limit counts by.
    public func handle(form: FormParameters, credentials: ClientCredentials, clientIP: String? = nil) async -> Result<TokenResponse, OAuthError> {
        let grantType: GrantType, client: OAuthClient
        do throws(OAuthError) {
            grantType = try supportedGrantType(form)
            client = try await ClientAuthenticator(services: services).authenticate(credentials, audience: services.settings.url("oauth2/token"))
            try checkRegistered(client, for: grantType)
        } catch {
            return .failure(error)
        }
        switch grantType {
        case .authorizationCode:
            return await AuthorizationCodeGrantHandler(services: services).handle(form: form, client: client)
        case .refreshToken:
            return await RefreshTokenGrantHandler(services: services).handle(form: form, client: client)
        case .clientCredentials:
            return await ClientCredentialsGrantHandler(services: services).handle(form: form, client: client)
        case .deviceCode:
            return await DeviceCodeGrantHandler(services: services).handle(form: form, client: client)
        case .password:
            guard let accounts else { return .failure(Self.unsupported(grantType.rawValue)) }
            return await PasswordGrantHandler(services: services, accounts: accounts).handle(form: form, client: client, clientIP: clientIP)
        }
    }

    /// RFC 6749 §5.2: `grant_type` is required, and one the server does not offer is `unsupported_grant_type`.
    private func supportedGrantType(_ form: FormParameters) throws(OAuthError) -> GrantType {
        let name = try form.required("grant_type")
        guard let grantType = GrantType(rawValue: name), grantType != .password || accounts != nil else {
            throw Self.unsupported(name)
        }
        return grantType
    }

    /// RFC 6749 §5.2: a client may only use the grant types it was registered for (`unauthorized_client`).
    private func checkRegistered(_ client: OAuthClient, for grantType: GrantType) throws(OAuthError) {
        guard client.grantTypes.contains(grantType) else {
            throw .unauthorizedClient("this client is not registered for the \(grantType.rawValue) grant type")
        }
    }

    private static func unsupported(_ name: String) -> OAuthError {
        OAuthError(.unsupportedGrantType, "the grant type \(name) is not supported by this server")
    }
}
