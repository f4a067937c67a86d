import Foundation
import Testing

@testable import SesameCrypto

/// `printf %s 'mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1' | sha256sum`
private let tokenSHA256 = "ca52a0a3f437504d0483a9a37da6d15d1c315fcc072a0ec2e5bcb13561f43d7d"

@Suite("Token hashes and constant-time comparison")
struct TokenHashTests {
    @Test("a token's hash is its SHA-256 in lower-case hex")
    func sha256Hex() {
        #expect(TokenHash(of: "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1").hex == tokenSHA256)
    }

    @Test("hashing the empty string gives the well-known SHA-256")
    func emptyString() {
        #expect(TokenHash(of: "").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("hashing an OpaqueToken hashes its full value")
    func opaqueTokenHash() throws {
        let token = try OpaqueToken(parsing: "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
        #expect(TokenHash(of: token) == TokenHash(of: token.value))
    }

    @Test("a hash read back from storage must be 64 lower-case hex characters")
    func storedHashValidation() {
        #expect(TokenHash(hex: tokenSHA256) != nil)
        #expect(TokenHash(hex: tokenSHA256.uppercased()) == nil)
        #expect(TokenHash(hex: String(tokenSHA256.dropLast())) == nil)
    }

    @Test("a hash encodes to and decodes from a plain JSON string")
    func codableAsString() throws {
        let hash = TokenHash(of: "x")
        let json = try JSONEncoder().encode([hash])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(hash.hex)\"]")
        #expect(try JSONDecoder().decode([TokenHash].self, from: json) == [hash])
    }

    @Test("a stored hash matches the token it came from and no other")
    func matches() {
        let hash = TokenHash(of: "mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1")
        #expect(hash.matches("mat_abcdefghijklmnopqrstuvwxyz0123_ObV8J1"))
        #expect(!hash.matches("mat_abcdefghijklmnopqrstuvwxyz0124_ObV8J1"))
    }

    @Test("constant-time equality compares the UTF-8 bytes of strings", arguments: [
        ("secret", "secret", true), ("secret", "secreT", false), ("secret", "secrets", false),
        ("", "", true), ("", "a", false), ("é", "e\u{301}", false),
        // Secrets of a realistic length, differing only in the last byte or in length.
        ("bench-matrix-shared-secret-0123456789", "bench-matrix-shared-secret-0123456789", true),
        ("bench-matrix-shared-secret-0123456789", "bench-matrix-shared-secret-0123456788", false),
        ("bench-matrix-shared-secret-0123456789", "bench-matrix-shared-secret-012345678", false),
        (String(repeating: "x", count: 40), "x", false),
    ])
    func constantTimeStrings(lhs: String, rhs: String, equal: Bool) {
        #expect(constantTimeEquals(lhs, rhs) == equal)
    }

    @Test("constant-time equality works on byte arrays")
    func constantTimeBytes() {
        #expect(constantTimeEquals([UInt8]([1, 2, 3]), [UInt8]([1, 2, 3])))
        #expect(!constantTimeEquals([UInt8]([1, 2, 3]), [UInt8]([1, 2, 4])))
        #expect(!constantTimeEquals([UInt8]([1, 2, 3]), [UInt8]([1, 2, 3, 0])))
    }
}
