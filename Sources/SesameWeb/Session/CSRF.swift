import Foundation
import SesameCrypto

/// Cross-site request forgery protection: every form carries the cookie's secret in a hidden
/// `csrf` field, and a POST is accepted only when the two match. Another site can make a browser
/// send the cookie, but cannot read it (it is sealed and HttpOnly), so it cannot fill the field.
enum CSRF {
    /// The hidden field's name.
    static let fieldName = "csrf"

    /// 32 random bytes, base64url.
    static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// True when `submitted` equals `expected`, compared in constant time.
    static func matches(_ submitted: String?, expected: String) -> Bool {
        guard let submitted, !expected.isEmpty else { return false }
        return constantTimeEquals(submitted, expected)
    }
}
