import SesameCrypto
import SesameServer
import Testing

@Suite("Password schemes from config")
struct PasswordHasherConfigTests {
    @Test("the highest configured version hashes new passwords")
    func newestVersionHashes() throws {
        let yaml = "passwords:\n  schemes:\n    - version: 1\n      algorithm: bcrypt\n      cost: 4\n    - version: 2\n      algorithm: argon2id\n"
        let config = try ConfigLoader.load(yaml: yaml, source: "c.yaml").config
        let hasher = try PasswordHasher(config.passwords)
        #expect(hasher.currentVersion == 2)
        #expect(hasher.schemes[1] == .bcrypt(cost: 4))
        #expect(hasher.schemes[2] == .owaspArgon2id)
    }
}
