import Foundation
import SesameModel
import SesameOAuth

extension OAuthSettings {
    /// The protocol settings the configuration describes.
    public init(_ config: SesameConfig) {
        self.init(issuer: config.http.effectiveIssuer, publicBase: config.http.publicBase)
        adminClientIDs = Set(config.policy.data.adminClients.compactMap { ClientID($0) })
        adminUsernames = Set(config.policy.data.adminUsers)
        matrixServerName = config.matrix.homeserver
        matrixSharedSecret = config.matrix.secret
        accessTokenLifetime = TimeInterval(config.experimental.accessTokenTTL)
        let policy = config.policy.data.clientRegistration
        registration = RegistrationPolicy(
            allowInsecureURIs: policy.allowInsecureURIs, allowHostMismatch: policy.allowHostMismatch,
            allowMissingClientURI: policy.allowMissingClientURI
        )
    }
}
