import Foundation
import SesameCrypto
import SesameModel

/// The 6-digit code mailed to prove an address. Stored as SHA-256 over the verification's ID and
/// the code, so equal codes of different verifications hash differently and a leaked table needs
/// a brute force per row (and codes die after 10 minutes anyway).
public enum VerificationCode {
    /// A fresh code, uniformly from 000000 to 999999.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0..<1_000_000, using: &generator))
    }

    /// What storage keeps for `code` of verification `id`.
    public static func hash(_ code: String, for id: EmailVerificationID) -> String {
        TokenHash(of: "\(id.description):\(code)").hex
    }

    /// Whether `typed` is the code whose hash is stored, compared in constant time. Spaces and
    /// dashes people copy along with the code are ignored.
    public static func matches(_ typed: String, stored: String, for id: EmailVerificationID) -> Bool {
        let digits = typed.filter { !$0.isWhitespace && $0 != "-" }
        return constantTimeEquals(hash(digits, for: id), stored)
    }
}
