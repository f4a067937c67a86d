import SesameServer
import Testing

@Suite("Config loading")
struct ConfigLoaderTests {
    @Test("no file at all gives the embedded defaults")
    func defaults() throws {
        let loaded = try ConfigLoader.load(path: nil, environment: [:])
        #expect(loaded.config.http.publicBase == "http://127.0.0.1:8080/")
        #expect(loaded.config.databaseURI == "sqlite:./sesame-data/sesame.db")
        #expect(loaded.config.passwords.schemes.map(\.algorithm) == [.argon2id])
        #expect(loaded.warnings.isEmpty)
    }

    @Test("a MAS config's shared sections load unchanged and its other sections are reported")
    func masConfig() throws {
        let yaml = """
            http:
              listeners:
                - name: web
                  resources:
                    - name: discovery
                    - name: human
                    - name: oauth
                  binds:
                    - address: '[::]:8080'
              public_base: https://auth.example.com/
              issuer: https://auth.example.com/
            database:
              uri: postgresql://mas:secret@db.example.com/mas
              max_connections: 10
            secrets:
              encryption: 0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff
              keys: []
            passwords:
              enabled: true
              schemes:
                - version: 1
                  algorithm: bcrypt
                  cost: 10
                - version: 2
                  algorithm: argon2id
              minimum_complexity: 3
            matrix:
              kind: synapse
              homeserver: example.com
              secret: shared-secret
              endpoint: http://synapse:8008/
            account:
              password_registration_enabled: true
            telemetry:
              tracing:
                exporter: none
            upstream_oauth2:
              providers: []
            """
        let loaded = try ConfigLoader.load(yaml: yaml, source: "mas.yaml")
        let config = loaded.config
        #expect(config.http.publicBase == "https://auth.example.com/")
        #expect(config.http.listeners.first?.binds.first?.hostAndPort?.host == "::")
        #expect(config.http.listeners.first?.binds.first?.hostAndPort?.port == 8080)
        #expect(config.databaseURI == "postgresql://mas:secret@db.example.com/mas")
        #expect(config.passwords.schemes.map(\.version) == [1, 2])
        #expect(config.matrix.homeserver == "example.com")
        #expect(config.account.passwordRegistrationEnabled)
        #expect(Set(loaded.warnings.map(\.key)) == ["telemetry", "upstream_oauth2"])
        let telemetryLine = try #require(yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("telemetry:") }) + 1
        #expect(loaded.warnings.first { $0.key == "telemetry" }?.line == telemetryLine)
    }

    @Test("a value of the wrong type names the key and its line")
    func wrongType() {
        let yaml = "http:\n  public_base: http://localhost:8080/\ndatabase:\n  max_connections: lots\n"
        guard case .invalid(let key, let line, let reason)? = loadError(yaml) else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(key == "database.max_connections")
        #expect(line == 4)
        #expect(reason.hasPrefix("expected an integer"))
    }

    @Test("an invalid value names the key and its line")
    func invalidValue() throws {
        let yaml = "http:\n  public_base: not a url\n"
        let error = loadError(yaml)
        guard case .invalid(let key, let line, let reason)? = error else {
            Issue.record("expected an invalid-value error, got \(String(describing: error))")
            return
        }
        #expect(key == "http.public_base")
        #expect(line == 2)
        #expect(reason.contains("http(s) URL"))
    }

    private func loadError(_ yaml: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.load(yaml: yaml, source: "bad.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("YAML syntax errors carry the line")
    func syntax() {
        let yaml = "http:\n  public_base: [unclosed\n"
        #expect {
            try ConfigLoader.load(yaml: yaml, source: "broken.yaml")
        } throws: { error in
            guard case .syntax(let path, let line, _) = error as? ConfigError else { return false }
            return path == "broken.yaml" && line != nil
        }
    }

    @Test("environment variables override file values, including nested ones")
    func environmentOverrides() throws {
        let yaml = "database:\n  uri: sqlite:file.db\n"
        let loaded = try ConfigLoader.load(yaml: yaml, source: "c.yaml", environment: [
            "SESAME_DATABASE__URI": "postgresql://u:p@db/sesame",
            "SESAME_MATRIX__SECRET": "from-env",
            "SESAME_ACCOUNT__PASSWORD_REGISTRATION_ENABLED": "true",
            "SESAME_HTTP__TRUSTED_PROXIES": "[10.0.0.0/8]",
            "SESAME_CONFIG": "/ignored/because/single/level",
        ])
        #expect(loaded.config.databaseURI == "postgresql://u:p@db/sesame")
        #expect(loaded.config.matrix.secret == "from-env")
        #expect(loaded.config.account.passwordRegistrationEnabled)
        #expect(loaded.config.http.trustedProxies == ["10.0.0.0/8"])
    }

    @Test("an unknown key inside a known section is a warning, not an error")
    func unknownKey() throws {
        let loaded = try ConfigLoader.load(yaml: "database:\n  uri: sqlite:x.db\n  idle_timeout: 600\n", source: "c.yaml")
        #expect(loaded.warnings.map(\.key) == ["database.idle_timeout"])
        #expect(loaded.warnings.first?.line == 3)
    }

    @Test("a static client with a secret method but no secret is refused")
    func clientWithoutSecret() {
        let yaml = """
            clients:
              - client_id: 01J7R4Z1Q2X3Y4Z5A6B7C8D9EF
                client_auth_method: client_secret_basic
                redirect_uris: [https://app.example.com/cb]
            """
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: yaml, source: "c.yaml") }
    }

    @Test("dumping redacts every secret")
    func redaction() throws {
        let yaml = """
            secrets:
              encryption: 0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff
            matrix:
              secret: shared-secret
            database:
              uri: postgresql://u:dbpass@db/sesame
            """
        let redacted = try ConfigLoader.load(yaml: yaml, source: "c.yaml").config.redacted()
        #expect(redacted.secrets.encryption == SesameConfig.redactedValue)
        #expect(redacted.matrix.secret == SesameConfig.redactedValue)
        #expect(redacted.databaseURI.contains("dbpass") == false)
    }
}
