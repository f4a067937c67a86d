import Foundation
import SesameModel

/// The protocol decisions the configuration makes, as plain values (built once by the server from
/// its config file).
public struct OAuthSettings: Sendable {
    /// The OIDC issuer, e.g. `https://auth.example.com/`.
    public var issuer: String
    /// The URL endpoints are built from, ending in `/`.
    public var publicBase: String
    /// Lifetime of access tokens (default 5 minutes).
    public var accessTokenLifetime: TimeInterval = 300
    /// Lifetime of an authorization code after the user approved (default 10 minutes).
    public var authorizationCodeLifetime: TimeInterval = 600
    /// Lifetime of a device authorization (RFC 8628 `expires_in`).
    public var deviceCodeLifetime: TimeInterval = 600
    /// Minimum seconds between device polls (RFC 8628 `interval`).
    public var devicePollInterval: TimeInterval = 5
    /// Lifetime of ID tokens.
    public var idTokenLifetime: TimeInterval = 300
    /// Clients whose client-credentials tokens may carry admin scopes.
    public var adminClientIDs: Set<ClientID> = []
    /// Users who may request admin scopes whatever their database flag says.
    public var adminUsernames: Set<String> = []
    /// The Matrix server name, for `@user:server` IDs.
    public var matrixServerName: String = "localhost"
    /// The secret the homeserver presents to introspect tokens; nil disables that path.
    public var matrixSharedSecret: String?
    /// Relaxations of the dynamic registration rules.
    public var registration = RegistrationPolicy()

    /// Settings for an issuer; the public base defaults to the issuer.
    public init(issuer: String, publicBase: String? = nil) {
        self.issuer = issuer
        self.publicBase = publicBase ?? issuer
    }

    /// An absolute URL for a path under the public base (`path` without a leading slash).
    public func url(_ path: String) -> String {
        (publicBase.hasSuffix("/") ? publicBase : publicBase + "/") + path
    }
}

/// `policy.data.client_registration`: relaxations of MSC2966 for development setups.
public struct RegistrationPolicy: Sendable, Equatable {
    public var allowInsecureURIs = false
    public var allowHostMismatch = false
    public var allowMissingClientURI = false

    /// The strict default.
    public init(allowInsecureURIs: Bool = false, allowHostMismatch: Bool = false, allowMissingClientURI: Bool = false) {
        self.allowInsecureURIs = allowInsecureURIs
        self.allowHostMismatch = allowHostMismatch
        self.allowMissingClientURI = allowMissingClientURI
    }
}
