import Foundation
import Testing

@testable import SesameCrypto

@Suite("Secrets encrypted at rest")
struct SecretBoxTests {
    /// Key 00 01 … 1f, nonce 64 … 6f, sealed with Python `cryptography`'s AESGCM as nonce ‖ ciphertext ‖ tag.
    private let vectorKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
    private let vectorSealed = "ZGVmZ2hpamtsbW5vPWutEguMN/MeATOBvwse3TGnZXjuGFBc9IIKuz3dlLyKsTJUcoU="

    private let box = SecretBox(key: .generate())

    @Test("a value sealed by Python's AESGCM opens, so the format is nonce ‖ ciphertext ‖ tag")
    func knownVector() throws {
        let box = SecretBox(key: try EncryptionKey(hex: vectorKey))
        #expect(try box.openString(vectorSealed) == "upstream client secret")
    }

    @Test("a sealed secret opens to the same text")
    func roundTrip() throws {
        let sealed = try box.seal("client-secret-😀")
        #expect(try box.openString(sealed) == "client-secret-😀")
    }

    @Test("the sealed form is base64 of 28 bytes more than the plaintext")
    func sealedLength() throws {
        let sealed = try box.seal(Data(repeating: 7, count: 10))
        #expect(Data(base64Encoded: sealed)?.count == 38)
    }

    @Test("sealing the same secret twice gives different ciphertexts (fresh nonce)")
    func freshNonce() throws {
        #expect(try box.seal("same") != box.seal("same"))
    }

    @Test("a flipped ciphertext bit fails authentication")
    func tamperDetected() throws {
        var bytes = try #require(Data(base64Encoded: try box.seal("secret")))
        bytes[14] ^= 0x01
        #expect(throws: SecretBoxError.authenticationFailed) { try box.open(bytes.base64EncodedString()) }
    }

    @Test("a value sealed under another key fails authentication")
    func wrongKey() throws {
        let sealed = try box.seal("secret")
        #expect(throws: SecretBoxError.authenticationFailed) { try SecretBox(key: .generate()).open(sealed) }
    }

    @Test("text that is not base64 is rejected as such")
    func notBase64() {
        #expect(throws: SecretBoxError.notBase64) { try box.open("not base64!") }
    }

    @Test("a value shorter than nonce and tag is rejected with its length")
    func tooShort() {
        #expect(throws: SecretBoxError.tooShort(3)) { try box.open(Data([1, 2, 3]).base64EncodedString()) }
    }

    @Test("binary plaintext that is not UTF-8 cannot be opened as a string")
    func notUTF8() throws {
        let sealed = try box.seal(Data([0xFF, 0xFE]))
        #expect(throws: SecretBoxError.notUTF8) { try box.openString(sealed) }
    }
}
