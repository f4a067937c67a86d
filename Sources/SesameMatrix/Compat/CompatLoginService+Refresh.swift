import Foundation
import SesameCrypto
import SesameModel
import SesameStorage

extension CompatLoginService {
    /// `POST /refresh`: spends an `mcr_` refresh token for a new access and refresh token pair.
    /// Each refresh token works once; the access token it was issued with stops working.
    public func refresh(json: Data) async throws(MatrixError) -> CompatRefreshResponse {
        try await answering {
            let presented = try JSONBody(json).requiredString("refresh_token")
            guard (try? TokenKind.parse(presented)) == .compatRefreshToken else {
                throw MatrixError.unknownToken("Invalid refresh token")
            }
            let now = clock.now()
            let accessToken = OpaqueToken.generate(.compatAccessToken)
            let refreshToken = OpaqueToken.generate(.compatRefreshToken)
            let expiresAt = now.addingTimeInterval(settings.refreshableAccessTokenLifetime)
            try await storage.transaction { repositories in
                guard let old = try await repositories.compatRefreshTokens.find(tokenHash: TokenHash(of: presented).hex), old.isValid,
                      let session = try await repositories.compatSessions.find(id: old.sessionID), session.isActive,
                      let user = try await repositories.users.find(id: session.userID), user.isActive,
                      // The conditional update keeps the token single-use when two refreshes race.
                      try await repositories.compatRefreshTokens.consume(id: old.id, at: now)
                else { throw MatrixError.unknownToken("Invalid refresh token") }
                try await repositories.compatAccessTokens.revoke(id: old.accessTokenID, at: now)
                let access = CompatAccessToken(id: CompatAccessTokenID(date: now), sessionID: session.id, createdAt: now, expiresAt: expiresAt)
                try await repositories.compatAccessTokens.add(access, tokenHash: TokenHash(of: accessToken).hex)
                let refresh = CompatRefreshToken(id: CompatRefreshTokenID(date: now), sessionID: session.id, accessTokenID: access.id, createdAt: now)
                try await repositories.compatRefreshTokens.add(refresh, tokenHash: TokenHash(of: refreshToken).hex)
            }
            return CompatRefreshResponse(
                accessToken: accessToken.value, refreshToken: refreshToken.value,
                expiresInMs: Int((settings.refreshableAccessTokenLifetime * 1000).rounded())
            )
        }
    }
}
