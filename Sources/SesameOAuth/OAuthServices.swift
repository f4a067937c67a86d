import Foundation
import SesameAccounts
import SesameCrypto
import SesameModel
import SesameStorage

/// Fetches a client's JWK set from its `jwks_uri` (for `private_key_jwt`); implemented by the
/// server with its HTTP client, and by tests in memory.
public protocol JWKSFetcher: Sendable {
    /// The JWKS document at `uri`, as JSON text.
    func fetchJWKS(_ uri: String) async throws -> String
}

/// A fetcher that refuses every URI, for deployments and tests without outbound HTTP.
public struct NoJWKSFetcher: JWKSFetcher {
    /// Creates the fetcher.
    public init() {}

    public func fetchJWKS(_ uri: String) async throws -> String {
        throw OAuthError.invalidClient("the client's jwks_uri cannot be fetched")
    }
}

/// What every protocol handler works with, passed in once so tests can control each part.
///
/// A class, shared rather than copied: every endpoint and validator is built per request around
/// it, and as a struct each one copied its ten fields, a retain and a release of each (the
/// settings alone hold many strings) on the homeserver's introspection path (issue 7). Every
/// field is a constant, so sharing changes nothing else.
public final class OAuthServices: Sendable {
    public let storage: any Storage
    public let clock: any WallClock
    public let settings: OAuthSettings
    public let signingKeys: SigningKeySet
    /// Opens client secrets stored encrypted.
    public let secretBox: SecretBox
    public let jwksFetcher: any JWKSFetcher
    /// The Matrix homeserver whose devices follow the sessions issued here.
    public let homeserver: any HomeserverConnection
    /// Notes session use (token introspection and refresh, page visits) for the account page;
    /// the server flushes it to storage in batches.
    public let activity: ActivityTracker
    /// Used client-assertion IDs and fetched client key sets.
    public let assertionMemory: ClientAssertionMemory
    /// Password guesses at the password grant draw from the same buckets as the login page and
    /// the compat `/login`; nil leaves the grant unlimited (tests that are not about limits).
    public let loginLimiter: LoginRateLimiter?

    /// Gathers the parts. Without `activity`, a tracker over `storage` is made (flushed only when
    /// someone calls `flush()`, as tests do).
    public init(
        storage: any Storage, clock: any WallClock, settings: OAuthSettings, signingKeys: SigningKeySet,
        secretBox: SecretBox, jwksFetcher: any JWKSFetcher = NoJWKSFetcher(), homeserver: any HomeserverConnection = NoHomeserver(),
        activity: ActivityTracker? = nil, assertionMemory: ClientAssertionMemory = ClientAssertionMemory(),
        loginLimiter: LoginRateLimiter? = nil
    ) {
        self.storage = storage
        self.clock = clock
        self.settings = settings
        self.signingKeys = signingKeys
        self.secretBox = secretBox
        self.jwksFetcher = jwksFetcher
        self.homeserver = homeserver
        self.activity = activity ?? ActivityTracker(storage: storage)
        self.assertionMemory = assertionMemory
        self.loginLimiter = loginLimiter
    }
}
