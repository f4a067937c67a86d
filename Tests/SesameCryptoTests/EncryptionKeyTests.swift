import Foundation
import Testing

@testable import SesameCrypto

@Suite("The encryption key")
struct EncryptionKeyTests {
    private let hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

    @Test("a key reads from 64 hex characters and writes back the same")
    func hexRoundTrip() throws {
        #expect(try EncryptionKey(hex: hex).hex == hex)
    }

    @Test("upper-case hex and a trailing newline are accepted")
    func lenientInput() throws {
        #expect(try EncryptionKey(hex: hex.uppercased() + "\n").hex == hex)
    }

    @Test("a key of the wrong length is rejected with its length")
    func wrongLength() {
        #expect(throws: EncryptionKeyError.wrongLength(62)) { try EncryptionKey(hex: String(hex.dropLast(2))) }
    }

    @Test("a non-hex character is rejected")
    func notHex() {
        #expect(throws: EncryptionKeyError.notHex) { try EncryptionKey(hex: "g" + hex.dropFirst()) }
    }

    @Test("generated keys are 64 hex characters and differ")
    func generate() {
        let first = EncryptionKey.generate().hex
        #expect(first.count == 64)
        #expect(first != EncryptionKey.generate().hex)
    }

    @Test("first start writes the key as hex to an owner-only file; the next start reads the same key")
    func loadOrGenerate() throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }
        let file = temp.root.appendingPathComponent("secrets/encryption.key")

        let generated = try EncryptionKey.loadOrGenerate(file: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == generated.hex + "\n")
        #expect(try temp.permissions(of: file) == 0o600)
        #expect(try EncryptionKey.loadOrGenerate(file: file).hex == generated.hex)
    }

    @Test("a corrupted key file is an error, never silently replaced")
    func corruptedFile() throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }
        try FileManager.default.createDirectory(at: temp.root, withIntermediateDirectories: true)
        let file = temp.root.appendingPathComponent("encryption.key")
        try "abc".write(to: file, atomically: true, encoding: .utf8)

        #expect(throws: EncryptionKeyError.wrongLength(3)) { try EncryptionKey.loadOrGenerate(file: file) }
    }
}
