import ArgumentParser
import Foundation
import SesameServer

/// `sesame doctor`: checks a running deployment from the outside, the way an operator would:
/// Sesame, Synapse and the reverse proxy in front of them, and the links between them.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that Sesame, Synapse and the reverse proxy are wired together.",
        discussion: """
            Reads the config file, then asks the deployment over HTTP: is the issuer reachable, does \
            https://<matrix.homeserver>/.well-known/matrix/client point at the homeserver and the issuer, \
            is Synapse reachable at matrix.endpoint and reaching Sesame, does it accept the shared secret, \
            and does the proxy send the compatibility /login to Sesame. Exit 0 when every check passes, 1 otherwise.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Seconds to wait for each HTTP answer.")
    var timeout: Double = 5

    func run() async throws {
        try await runReportingFailures {
            let config = try options.loadConfig()
            let deployment = try DoctorDeployment(config: config)
            let checks = DeploymentChecks(deployment: deployment, probe: HTTPProbe(timeout: timeout))
            var failures = 0
            await checks.run { result in
                print(result.rendered)
                if !result.passed { failures += 1 }
            }
            if failures > 0 {
                print("\(failures) check\(failures == 1 ? "" : "s") failed")
                throw ExitCode(1)
            }
            print("all checks passed")
        }
    }
}
