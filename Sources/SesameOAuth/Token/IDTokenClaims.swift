import Foundation
import JWTKit

/// The claims of an ID token (OpenID Connect Core §2, §3.1.3.6).
public struct IDTokenClaims: JWTPayload, Equatable {
    /// The issuer identifier (`settings.issuer`).
    public var iss: IssuerClaim
    /// The user's stable ID.
    public var sub: SubjectClaim
    /// The client ID the token is for.
    public var aud: AudienceClaim
    public var iat: IssuedAtClaim
    public var exp: ExpirationClaim
    /// The `nonce` of the authorization request, echoed so the client can bind the token to it.
    public var nonce: String?
    /// When the user last authenticated, in seconds since 1970.
    public var authTime: Int?
    /// OIDC Core §3.3.2.11: left half of SHA-256 of the access token, base64url.
    public var atHash: String?
    /// OIDC Core §3.3.2.11: the same for the authorization code.
    public var cHash: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, iat, exp, nonce
        case authTime = "auth_time", atHash = "at_hash", cHash = "c_hash"
    }

    /// Creates the claims.
    public init(
        iss: IssuerClaim, sub: SubjectClaim, aud: AudienceClaim, iat: IssuedAtClaim, exp: ExpirationClaim,
        nonce: String? = nil, authTime: Int? = nil, atHash: String? = nil, cHash: String? = nil
    ) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.iat = iat
        self.exp = exp
        self.nonce = nonce
        self.authTime = authTime
        self.atHash = atHash
        self.cHash = cHash
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
