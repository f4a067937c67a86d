import Foundation
import JWTKit

/// A minimal ID-token-like payload for signing tests.
struct TestClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var exp: ExpirationClaim

    init(subject: String, expires: Date = Date(timeIntervalSinceNow: 300).rounded) {
        sub = SubjectClaim(value: subject)
        exp = ExpirationClaim(value: expires)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

extension Date {
    /// Whole seconds, as tokens should carry them.
    var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
