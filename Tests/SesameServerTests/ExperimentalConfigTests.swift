import SesameCrypto
import SesameModel
import SesameOAuth
import SesameServer
import Testing

/// `experimental.access_token_ttl` / `compat_token_ttl`: MAS's token lifetime keys.
@Suite("Token lifetimes from the config")
struct ExperimentalConfigTests {
    @Test("MAS's experimental token lifetimes load and reach the OAuth settings")
    func lifetimes() throws {
        let loaded = try ConfigLoader.load(yaml: "experimental:\n  access_token_ttl: 900\n  compat_token_ttl: 600\n", source: "mas.yaml")
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.config.experimental.accessTokenTTL == 900)
        #expect(loaded.config.experimental.compatTokenTTL == 600)
        #expect(OAuthSettings(loaded.config).accessTokenLifetime == 900)
    }

    @Test("without the section access tokens live five minutes")
    func defaults() throws {
        let config = try ConfigLoader.load(path: nil, environment: [:]).config
        #expect(OAuthSettings(config).accessTokenLifetime == 300)
        #expect(config.experimental.compatTokenTTL == 300)
    }

    @Test("a lifetime outside one minute to one day names the key and its line", arguments: ["0", "-5", "86401"])
    func outOfRange(value: String) {
        let yaml = "experimental:\n  access_token_ttl: \(value)\n"
        #expect {
            try ConfigLoader.load(yaml: yaml, source: "bad.yaml")
        } throws: { error in
            guard case ConfigError.invalid(let key, let line, _) = error else { return false }
            return key == "experimental.access_token_ttl" && line == 2
        }
    }

    @Test("an unknown key in the section is reported")
    func unknownKey() throws {
        let loaded = try ConfigLoader.load(yaml: "experimental:\n  plan_management_iframe_uri: https://example.org/\n", source: "mas.yaml")
        #expect(loaded.warnings.map(\.key) == ["experimental.plan_management_iframe_uri"])
    }
}

@Suite("Inactive session expiration config")
struct InactiveSessionExpirationConfigTests {
    @Test("MAS's inactive_session_expiration loads with its defaults")
    func loads() throws {
        let loaded = try ConfigLoader.load(yaml: "experimental:\n  inactive_session_expiration:\n    ttl: 7776000\n    expire_compat_sessions: false\n", source: "mas.yaml")
        let expiration = try #require(loaded.config.experimental.inactiveSessionExpiration)
        #expect(expiration.ttl == 7_776_000)
        #expect(!expiration.expireCompatSessions)
        #expect(expiration.expireOAuthSessions)
        #expect(expiration.expireUserSessions)
    }

    @Test("absent, nothing expires; a ttl under ten minutes is refused with its key")
    func absentAndTooShort() throws {
        #expect(try ConfigLoader.load(path: nil, environment: [:]).config.experimental.inactiveSessionExpiration == nil)
        #expect {
            try ConfigLoader.load(yaml: "experimental:\n  inactive_session_expiration:\n    ttl: 60\n", source: "bad.yaml")
        } throws: { error in
            guard case ConfigError.invalid(let key, _, _) = error else { return false }
            return key == "experimental.inactive_session_expiration.ttl"
        }
    }
}
