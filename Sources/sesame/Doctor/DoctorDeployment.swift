import Foundation
import SesameServer

/// What `sesame doctor` needs to know about the deployment, taken from the config file.
struct DoctorDeployment: Sendable {
    /// The OIDC issuer Sesame announces.
    let issuer: String
    /// Where clients reach Sesame (`http.public_base`), ending in `/`.
    let publicBase: String
    /// The homeserver's server name (`matrix.homeserver`), e.g. `example.com`.
    let serverName: String
    /// Where Sesame reaches Synapse (`matrix.endpoint`), ending in `/`.
    let synapseEndpoint: String
    /// The secret shared with Synapse; nil when the config names none.
    let sharedSecret: String?

    init(config: SesameConfig) throws {
        issuer = config.http.effectiveIssuer
        publicBase = Self.withTrailingSlash(config.http.publicBase)
        serverName = config.matrix.homeserver
        synapseEndpoint = Self.withTrailingSlash(config.matrix.endpoint)
        do {
            sharedSecret = try config.resolvingSecretFiles().matrix.secret
        } catch {
            throw CLIFailure.config("matrix.secret_file: cannot read \(config.matrix.secretFile ?? "")")
        }
    }

    static func withTrailingSlash(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }
}
