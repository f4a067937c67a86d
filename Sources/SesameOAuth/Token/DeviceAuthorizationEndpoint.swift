import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// The device authorization endpoint (RFC 8628 §3.1–3.2, `/oauth2/device`): a device without a
/// browser asks for a device code to poll with and a user code for its user to approve elsewhere.
public struct DeviceAuthorizationEndpoint: Sendable {
    let services: OAuthServices

    /// Characters of the device code: 40 of 62 give about 238 bits, like an access token.
    private static let deviceCodeAlphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    private static let deviceCodeLength = 40

    /// Creates the endpoint.
    public init(services: OAuthServices) { self.services = services }

    /// Authenticates the client, checks it may use the device flow and what it asks for, and stores a
    /// pending grant (only the device code's hash is kept).
    public func handle(form: FormParameters, credentials: ClientCredentials) async -> Result<DeviceAuthorizationResponse, OAuthError> {
        let client: OAuthClient, scope: Scope
        do throws(OAuthError) {
            client = try await ClientAuthenticator(services: services).authenticate(credentials, audience: services.settings.url("oauth2/device"))
            try checkRegistered(client)
            scope = try RequestedScope.parse(form)
            try checkScopeWithoutUser(scope, client: client)
        } catch {
            return .failure(error)
        }
        let now = services.clock.now()
        var generator = SystemRandomNumberGenerator()
        // The user code is unique in storage; a clash among 2.6·10¹⁰ codes is rare, so a few tries suffice.
        for _ in 0..<5 {
            let userCode = DeviceUserCode.generate(using: &generator)
            let deviceCode = String((0..<Self.deviceCodeLength).map { _ in Self.deviceCodeAlphabet.randomElement(using: &generator)! })
            let grant = DeviceCodeGrant(
                id: DeviceCodeGrantID(date: now), clientID: client.id, scope: scope, userCode: userCode.normalized,
                createdAt: now, expiresAt: now.addingTimeInterval(services.settings.deviceCodeLifetime)
            )
            do {
                try await services.storage.transaction { try await $0.deviceCodeGrants.add(grant, deviceCodeHash: TokenHash(of: deviceCode).hex) }
            } catch StorageError.uniqueViolation {
                continue
            } catch {
                return .failure(.serverError())
            }
            let verificationURI = services.settings.url("link")
            return .success(DeviceAuthorizationResponse(
                deviceCode: deviceCode, userCode: userCode.description, verificationURI: verificationURI,
                verificationURIComplete: "\(verificationURI)?code=\(userCode.description)",
                expiresIn: Int(services.settings.deviceCodeLifetime), interval: Int(services.settings.devicePollInterval.rounded(.up))
            ))
        }
        return .failure(.serverError("no unused user code could be found; try again"))
    }

    /// RFC 8628 §3.1 with RFC 6749 §5.2: only clients registered for the device code grant may start it.
    private func checkRegistered(_ client: OAuthClient) throws(OAuthError) {
        guard client.grantTypes.contains(.deviceCode) else {
            throw .unauthorizedClient("this client is not registered for the \(GrantType.deviceCode.rawValue) grant type")
        }
    }

    /// Everything about the scope that does not depend on who approves it. Whether the approving user
    /// may have admin scopes is decided when the device exchanges the code, once that user is known.
    private func checkScopeWithoutUser(_ scope: Scope, client: OAuthClient) throws(OAuthError) {
        let anyPermittedUser = User(
            id: UserID(date: services.clock.now()), username: Username(trusted: "device-approver"),
            createdAt: services.clock.now(), canRequestAdmin: true
        )
        try ScopePolicy(settings: services.settings).check(scope, client: client, subject: .user(anyPermittedUser))
    }
}
