import Foundation
import SesameModel

/// Verification of JWT client assertions (RFC 7523 §3): `client_secret_jwt` (HMAC with the
/// client secret) and `private_key_jwt` (the client's registered keys).
struct ClientAssertion {
    let services: OAuthServices

    /// The `sub` claim of an assertion, read without verifying it, to find which client to check it for.
    static func unverifiedSubject(_ jwt: String) throws(OAuthError) -> String {
        let parts = jwt.split(separator: ".")
        guard parts.count == 3, let payload = Data(base64URL: String(parts[1])),
              let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
              let subject = object["sub"] as? String
        else { throw .invalidClient("the client assertion is not a JWT with a sub claim") }
        return subject
    }

    func verifyHMAC(_ jwt: String, secret: String, clientID: String, audience: String) async throws(OAuthError) {
        throw .invalidClient("client_secret_jwt is not implemented yet")
    }

    func verifySigned(_ jwt: String, client: OAuthClient, audience: String) async throws(OAuthError) {
        throw .invalidClient("private_key_jwt is not implemented yet")
    }
}

extension Data {
    /// Decodes base64url without padding.
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
