import JWTKit
import SesameModel

/// The claims Sesame reads from an `id_token_hint` (OIDC Core §3.1.2.1): who issued it and whom
/// it names. Expiry is deliberately not checked: the hint is usually an ID token the client
/// received earlier, and OIDC Core lets an expired one identify the user.
struct IDTokenHintClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A verified `id_token_hint`.
public struct IDTokenHint: Sendable, Equatable {
    /// The `sub` claim: the user the client expects (Sesame's user ID).
    public let subject: String
    /// The `aud` claim: the client IDs the token was issued to.
    public let audience: [String]

    /// Verifies `token` with Sesame's signing keys and checks it was issued by `issuer`.
    public static func verify(_ token: String, services: OAuthServices) async throws(OAuthError) -> IDTokenHint {
        let claims: IDTokenHintClaims
        do {
            claims = try await services.signingKeys.verify(token, as: IDTokenHintClaims.self)
        } catch {
            throw .invalidRequest("the id_token_hint is not an ID token signed by this server")
        }
        guard claims.iss.value == services.settings.issuer else {
            throw .invalidRequest("the id_token_hint was not issued by this server")
        }
        return IDTokenHint(subject: claims.sub.value, audience: claims.aud?.value ?? [])
    }
}
