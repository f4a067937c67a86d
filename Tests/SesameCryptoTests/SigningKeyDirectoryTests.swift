import Foundation
import Testing

@testable import SesameCrypto

@Suite("Signing keys kept in a directory")
struct SigningKeyDirectoryTests {
    @Test("first start creates the directory and an RS256 and an ES256 key file, owner-only")
    func firstStartGenerates() async throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }
        let directory = temp.root.appendingPathComponent("keys")

        let set = try await SigningKeySet.loadOrGenerate(directory: directory)

        let rsa = try #require(set.signingKey(for: .rs256))
        let ec = try #require(set.signingKey(for: .es256))
        #expect(try temp.files(in: directory) == ["es256-\(ec.kid).pem", "rs256-\(rsa.kid).pem"].sorted())
        #expect(try temp.permissions(of: directory) == 0o700)
        #expect(try temp.permissions(of: directory.appendingPathComponent("rs256-\(rsa.kid).pem")) == 0o600)
        #expect(try temp.permissions(of: directory.appendingPathComponent("es256-\(ec.kid).pem")) == 0o600)
    }

    @Test("the next start reuses the same keys")
    func secondStartReuses() async throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }

        let first = try await SigningKeySet.loadOrGenerate(directory: temp.root)
        let second = try await SigningKeySet.loadOrGenerate(directory: temp.root)

        #expect(second.keys.map(\.kid).sorted() == first.keys.map(\.kid).sorted())
        #expect(try temp.files(in: temp.root).count == 2)
    }

    @Test("a token signed before a restart verifies after it")
    func tokensSurviveRestart() async throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }

        let token = try await SigningKeySet.loadOrGenerate(directory: temp.root).sign(TestClaims(subject: "alice"))
        let restarted = try await SigningKeySet.loadOrGenerate(directory: temp.root)
        #expect(try await restarted.verify(token, as: TestClaims.self).sub.value == "alice")
    }

    @Test("an operator's PKCS#1 key in the directory is used, and only the missing algorithm is generated")
    func existingKeyIsUsed() async throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }
        try FileManager.default.createDirectory(at: temp.root, withIntermediateDirectories: true)
        try Fixtures.rsaPKCS1PEM.write(to: temp.root.appendingPathComponent("operator.pem"), atomically: true, encoding: .utf8)

        let set = try await SigningKeySet.loadOrGenerate(directory: temp.root)

        #expect(set.signingKey(for: .rs256)?.kid == Fixtures.rsaKID)
        #expect(set.keys.count == 2)
        #expect(set.signingKey(for: .es256) != nil)
    }

    @Test("a newer key file takes over signing while the older key stays in the JWKS")
    func rotationByModificationTime() async throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }
        let original = try await SigningKeySet.loadOrGenerate(directory: temp.root)
        let oldKID = try #require(original.signingKey(for: .rs256)).kid

        let newKey = try SigningKey.generate(.rs256)
        let file = temp.root.appendingPathComponent("rs256-\(newKey.kid).pem")
        try newKey.pemRepresentation.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)

        let rotated = try await SigningKeySet.loadOrGenerate(directory: temp.root)
        #expect(rotated.signingKey(for: .rs256)?.kid == newKey.kid)
        #expect(rotated.jwks().keys.map(\.keyID).contains(oldKID))
        #expect(rotated.jwks().keys.count == 3)
    }

    @Test("an unreadable key file is reported with its path")
    func badFileNamed() async throws {
        let temp = TemporaryDirectory()
        defer { temp.cleanUp() }
        try FileManager.default.createDirectory(at: temp.root, withIntermediateDirectories: true)
        let file = temp.root.appendingPathComponent("broken.pem")
        try "not a key".write(to: file, atomically: true, encoding: .utf8)

        await #expect(throws: SigningKeyError.inFile(path: file.path, .notPEM)) {
            try await SigningKeySet.loadOrGenerate(directory: temp.root)
        }
    }
}
