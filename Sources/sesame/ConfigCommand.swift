import ArgumentParser
import Foundation
import SesameCrypto
import SesameServer
import Yams

/// `sesame config …`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Generate, check or print configuration.", subcommands: [Generate.self, Check.self, Dump.self]
    )

    /// `sesame config generate`: a complete file with fresh secrets.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new config file with freshly generated secrets and keys.")

        @Option(name: .shortAndLong, help: "Write to this file (mode 0600) instead of standard output.")
        var output: String?

        func run() async throws {
            try await runReportingFailures {
                let yaml = try ConfigGenerator.generate()
                if let output {
                    guard FileManager.default.createFile(atPath: output, contents: Data(yaml.utf8), attributes: [.posixPermissions: 0o600]) else {
                        throw CLIFailure.runtime("cannot write \(output)")
                    }
                    printError("wrote \(output)")
                } else {
                    print(yaml, terminator: "")
                }
            }
        }
    }

    /// `sesame config check`: exit 0 when the file is usable.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the configuration and report problems by key and line.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await runReportingFailures {
                let config = try options.loadConfig()
                print("configuration OK (issuer \(config.http.effectiveIssuer), database \(redactedURI(config.databaseURI)))")
            }
        }
    }

    /// `sesame config dump`: the effective configuration, defaults and overrides applied.
    struct Dump: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the effective configuration (secrets redacted unless --show-secrets).")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Print secrets in clear.")
        var showSecrets = false

        func run() async throws {
            try await runReportingFailures {
                var config = try options.loadConfig()
                if !showSecrets { config = config.redacted() }
                print(try YAMLEncoder().encode(config), terminator: "")
            }
        }
    }
}

/// A database URI with its password hidden.
func redactedURI(_ uri: String) -> String {
    guard var components = URLComponents(string: uri), components.password != nil else { return uri }
    components.password = "***"
    return components.string ?? uri
}

/// Builds the text of `sesame config generate`.
enum ConfigGenerator {
    static func generate() throws -> String {
        var config = SesameConfig.default
        config.secrets.encryption = EncryptionKey.generate().hex
        let rsa = try SigningKey.generate(.rs256)
        let ec = try SigningKey.generate(.es256)
        config.secrets.keys = [
            SigningKeyConfig(kid: rsa.kid, key: rsa.pemRepresentation),
            SigningKeyConfig(kid: ec.kid, key: ec.pemRepresentation),
        ]
        config.matrix.secret = randomSecret()
        let body = try YAMLEncoder().encode(config)
        return """
            # Sesame configuration, generated \(Date().formatted(.iso8601)).
            # Every key is documented in docs/configuration.md. Keep this file private: it holds secrets.

            """ + body
    }

    static func randomSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
