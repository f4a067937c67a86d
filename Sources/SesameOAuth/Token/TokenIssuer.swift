import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

/// A freshly minted token pair; the plaintext exists only here, on its way to the client.
public struct IssuedTokens: Sendable {
    public let accessToken: OpaqueToken
    public let accessTokenID: AccessTokenID
    /// Seconds until the access token expires.
    public let expiresIn: Int
    public let refreshToken: OpaqueToken?
    public let refreshTokenID: RefreshTokenID?
}

/// Mints access (`mat_`) and refresh (`mar_`) tokens for an OAuth session and stores their hashes.
public struct TokenIssuer: Sendable {
    let settings: OAuthSettings

    /// Creates an issuer.
    public init(settings: OAuthSettings) { self.settings = settings }

    /// Issues a new access token (and refresh token when asked) inside the caller's transaction.
    public func issue(for session: OAuthSession, withRefreshToken: Bool, at now: Date, in repositories: any Repositories) async throws -> IssuedTokens {
        let access = OpaqueToken.generate(.accessToken)
        let accessRecord = AccessToken(
            id: AccessTokenID(date: now), sessionID: session.id, createdAt: now,
            expiresAt: now.addingTimeInterval(settings.accessTokenLifetime)
        )
        try await repositories.accessTokens.add(accessRecord, tokenHash: TokenHash(of: access).hex)
        var refresh: OpaqueToken?
        var refreshID: RefreshTokenID?
        if withRefreshToken {
            let token = OpaqueToken.generate(.refreshToken)
            let record = RefreshToken(id: RefreshTokenID(date: now), sessionID: session.id, accessTokenID: accessRecord.id, createdAt: now)
            try await repositories.refreshTokens.add(record, tokenHash: TokenHash(of: token).hex)
            refresh = token
            refreshID = record.id
        }
        return IssuedTokens(
            accessToken: access, accessTokenID: accessRecord.id, expiresIn: Int(settings.accessTokenLifetime),
            refreshToken: refresh, refreshTokenID: refreshID
        )
    }
}
