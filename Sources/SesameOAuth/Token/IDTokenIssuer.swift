import Crypto
import Foundation
import JWTKit
import SesameCrypto
import SesameModel
import SesameStorage

/// Mints signed ID tokens (OpenID Connect Core §2, §3.1.3.6) with the server's keys.
public struct IDTokenIssuer: Sendable {
    let services: OAuthServices

    /// Creates an issuer.
    public init(services: OAuthServices) { self.services = services }

    /// Signs an ID token telling `client` that `user` signed in.
    ///
    /// - Parameters:
    ///   - nonce: the authorization request's `nonce`, echoed unchanged.
    ///   - authTime: when the user last authenticated (`auth_time`).
    ///   - accessToken: the access token issued alongside, for `at_hash`.
    ///   - code: the authorization code issued alongside, for `c_hash` (hybrid responses only).
    public func issue(
        for user: User, client: OAuthClient, nonce: String?, authTime: Date?, accessToken: String?, code: String? = nil, at now: Date
    ) async throws -> String {
        // jwt-kit writes fractional seconds unless dates are whole, and some clients reject those.
        let issuedAt = Self.wholeSeconds(now)
        let claims = IDTokenClaims(
            iss: IssuerClaim(value: services.settings.issuer),
            sub: SubjectClaim(value: user.id.description),
            aud: AudienceClaim(value: client.id.description),
            iat: IssuedAtClaim(value: issuedAt),
            exp: ExpirationClaim(value: issuedAt.addingTimeInterval(services.settings.idTokenLifetime.rounded(.down))),
            nonce: nonce,
            authTime: authTime.map { Int(Self.wholeSeconds($0).timeIntervalSince1970) },
            atHash: accessToken.map(Self.leftHalfHash),
            cHash: code.map(Self.leftHalfHash)
        )
        return try await services.signingKeys.sign(claims, algorithm: algorithm(for: client))
    }

    /// The client's registered `id_token_signed_response_alg` when the key set can sign with it;
    /// RS256 otherwise (OIDC Core §15.1 makes it the one every client must accept). Registration
    /// refuses algorithms the server lacks, so the fallback only covers keys removed since.
    public func algorithm(for client: OAuthClient) -> SigningAlgorithm {
        guard let name = client.idTokenSignedResponseAlg, let wanted = SigningAlgorithm(rawValue: name),
              services.signingKeys.signingKey(for: wanted) != nil
        else { return .rs256 }
        return wanted
    }

    /// `auth_time` for a session: the newest authentication in the browser session it came from.
    static func authTime(of session: OAuthSession, in repositories: any Repositories) async throws -> Date? {
        guard let browserSessionID = session.browserSessionID else { return nil }
        return try await repositories.browserSessions.lastAuthentication(in: browserSessionID)?.createdAt
    }

    /// OIDC Core §3.3.2.11: base64url of the left-most half of the SHA-256 of the ASCII value.
    /// Both RS256 and ES256 hash with SHA-256, so the half is always 16 bytes.
    static func leftHalfHash(_ value: String) -> String {
        let digest = Array(SHA256.hash(data: Data(value.utf8)))
        return Data(digest.prefix(digest.count / 2)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
