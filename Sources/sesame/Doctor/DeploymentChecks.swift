import Foundation

/// The checks `sesame doctor` runs, in the order a request travels: client → issuer, client →
/// well-known → homeserver, Sesame → Synapse, Synapse → Sesame, client → proxy → compat login.
struct DeploymentChecks: Sendable {
    let deployment: DoctorDeployment
    let probe: HTTPProbe

    /// Runs every check, reporting each result as soon as it is known.
    func run(report: (DoctorCheckResult) -> Void) async {
        report(await issuerServesDiscovery())
        let wellKnown = await wellKnownPointsAtHomeserver()
        report(wellKnown.result)
        report(await synapseIsReachable())
        report(await synapseReachesSesame())
        report(await synapseAcceptsSharedSecret())
        report(await compatLoginIsRoutedToSesame(homeserverBase: wellKnown.homeserverBase))
    }

    // MARK: Client → Sesame

    /// `http.public_base` answers with a discovery document naming our issuer.
    func issuerServesDiscovery() async -> DoctorCheckResult {
        let title = "issuer \(deployment.issuer) serves its discovery document"
        guard let url = deployment.publicBase.appendingURLPath(".well-known/openid-configuration") else {
            return .fail(title, "http.public_base \(deployment.publicBase) is not a URL", fix: "set http.public_base to the URL clients reach Sesame at, e.g. https://auth.example.com/")
        }
        switch await probe.get(url) {
        case .failure(let failure):
            return .fail(title, "GET \(url) failed: \(failure.reason)",
                         fix: "start `sesame server`, and make http.public_base the URL clients reach it at (through the reverse proxy)")
        case .success(let answer) where answer.status != 200:
            return .fail(title, "GET \(url) answered \(answer.summary)",
                         fix: "route /.well-known/openid-configuration to Sesame in the reverse proxy (see docs/deploy/nginx.conf)")
        case .success(let answer):
            guard let announced = answer.json?["issuer"] as? String else {
                return .fail(title, "GET \(url) did not answer a discovery document", fix: "route /.well-known/openid-configuration to Sesame in the reverse proxy")
            }
            guard announced == deployment.issuer else {
                return .fail(title, "the document at \(url) names issuer \(announced)",
                             fix: "point http.public_base at this Sesame, or set http.issuer to match what it serves")
            }
            return .pass(title)
        }
    }

    // MARK: Client → well-known → homeserver

    /// `https://<server name>/.well-known/matrix/client` names a homeserver that answers, and
    /// (MSC2965) our issuer when it names one. Falls back to plain HTTP for test deployments.
    func wellKnownPointsAtHomeserver() async -> (result: DoctorCheckResult, homeserverBase: String?) {
        let title = "https://\(deployment.serverName)/.well-known/matrix/client points at the homeserver"
        var attempts: [String] = []
        for scheme in ["https", "http"] {
            guard let url = URL(string: "\(scheme)://\(deployment.serverName)/.well-known/matrix/client") else {
                return (.fail(title, "matrix.homeserver \(deployment.serverName) is not a host name", fix: "set matrix.homeserver to the server name, e.g. example.com"), nil)
            }
            switch await probe.get(url) {
            case .failure(let failure):
                attempts.append("GET \(url): \(failure.reason)")
                continue
            case .success(let answer) where answer.status != 200:
                attempts.append("GET \(url): \(answer.summary)")
                continue
            case .success(let answer):
                let note = scheme == "http" ? "served over plain HTTP only; clients expect https in production" : nil
                return await judgeWellKnown(answer, from: url, title: title, note: note)
            }
        }
        return (.fail(title, attempts.joined(separator: "; "),
                      fix: "serve /.well-known/matrix/client on the server name's host with {\"m.homeserver\": {\"base_url\": \"https://matrix.example.com\"}} (see docs/deploy/nginx.conf)"), nil)
    }

    private func judgeWellKnown(_ answer: HTTPProbe.Answer, from url: URL, title: String, note: String?) async -> (result: DoctorCheckResult, homeserverBase: String?) {
        guard let homeserver = answer.json?["m.homeserver"] as? [String: any Sendable],
              let baseURL = homeserver["base_url"] as? String else {
            return (.fail(title, "\(url) has no m.homeserver.base_url", fix: "answer {\"m.homeserver\": {\"base_url\": \"https://matrix.example.com\"}}"), nil)
        }
        let base = DoctorDeployment.withTrailingSlash(baseURL)
        if let authentication = answer.json?["org.matrix.msc2965.authentication"] as? [String: any Sendable],
           let issuer = authentication["issuer"] as? String, issuer != deployment.issuer {
            return (.fail(title, "\(url) names issuer \(issuer) under org.matrix.msc2965.authentication, Sesame's is \(deployment.issuer)",
                          fix: "set org.matrix.msc2965.authentication.issuer to \(deployment.issuer), or drop it (clients use /_matrix/client/v1/auth_metadata)"), base)
        }
        guard let versionsURL = base.appendingURLPath("_matrix/client/versions") else {
            return (.fail(title, "m.homeserver.base_url \(baseURL) is not a URL", fix: "set it to the homeserver's public URL"), nil)
        }
        switch await probe.get(versionsURL) {
        case .failure(let failure):
            return (.fail(title, "m.homeserver.base_url is \(baseURL) but GET \(versionsURL) failed: \(failure.reason)", fix: "make base_url the public URL of the reverse proxy in front of Synapse"), base)
        case .success(let versions) where versions.status != 200 || versions.json?["versions"] == nil:
            return (.fail(title, "m.homeserver.base_url is \(baseURL) but GET \(versionsURL) answered \(versions.summary)", fix: "route /_matrix/ to Synapse in the reverse proxy"), base)
        case .success:
            return (.pass("\(url) points at the homeserver \(baseURL)", note: note), base)
        }
    }

    // MARK: Sesame → Synapse

    /// `matrix.endpoint` answers the client API's version list.
    func synapseIsReachable() async -> DoctorCheckResult {
        let title = "Synapse is reachable at matrix.endpoint \(deployment.synapseEndpoint)"
        guard let url = deployment.synapseEndpoint.appendingURLPath("_matrix/client/versions") else {
            return .fail(title, "matrix.endpoint is not a URL", fix: "set matrix.endpoint to where Sesame reaches Synapse, e.g. http://localhost:8008/")
        }
        switch await probe.get(url) {
        case .failure(let failure):
            return .fail(title, "GET \(url) failed: \(failure.reason)", fix: "start Synapse, or set matrix.endpoint to the address of its client listener")
        case .success(let answer) where answer.status != 200 || answer.json?["versions"] == nil:
            return .fail(title, "GET \(url) answered \(answer.summary)", fix: "point matrix.endpoint at Synapse's client listener, not at the proxy or another service")
        case .success:
            return .pass(title)
        }
    }

    // MARK: Synapse → Sesame

    /// Synapse fetched Sesame's discovery document (it re-serves it as `auth_metadata`).
    func synapseReachesSesame() async -> DoctorCheckResult {
        let title = "Synapse delegates authentication to this Sesame"
        guard let url = deployment.synapseEndpoint.appendingURLPath("_matrix/client/v1/auth_metadata") else {
            return .fail(title, "matrix.endpoint is not a URL", fix: "set matrix.endpoint")
        }
        switch await probe.get(url) {
        case .failure(let failure):
            return .fail(title, "GET \(url) failed: \(failure.reason)", fix: "start Synapse (see the check above)")
        case .success(let answer) where answer.status == 404:
            return .fail(title, "GET \(url) answered \(answer.summary): Synapse does not delegate authentication",
                         fix: "add matrix_authentication_service: {enabled: true, endpoint: <Sesame's URL>, secret: <matrix.secret>} to homeserver.yaml (Synapse ≥ 1.136) and restart it")
        case .success(let answer) where answer.status != 200:
            return .fail(title, "GET \(url) answered \(answer.summary): Synapse could not fetch Sesame's discovery document",
                         fix: "set matrix_authentication_service.endpoint in homeserver.yaml to a URL at which Synapse reaches Sesame, then restart Synapse")
        case .success(let answer):
            let issuer = answer.json?["issuer"] as? String
            guard issuer == deployment.issuer else {
                return .fail(title, "Synapse announces issuer \(issuer ?? "(none)"), this Sesame is \(deployment.issuer)",
                             fix: "point matrix_authentication_service.endpoint in homeserver.yaml at this Sesame and restart Synapse (it caches the document until restart)")
            }
            return .pass(title)
        }
    }

    /// Synapse takes `matrix.secret` as Sesame's credential on `/_synapse/mas/*`.
    func synapseAcceptsSharedSecret() async -> DoctorCheckResult {
        let title = "Synapse accepts the shared secret"
        guard let secret = deployment.sharedSecret, !secret.isEmpty else {
            return .fail(title, "matrix.secret is not set", fix: "set matrix.secret (or matrix.secret_file) to the value of matrix_authentication_service.secret in homeserver.yaml")
        }
        guard let url = deployment.synapseEndpoint.appendingURLPath("_synapse/mas/is_localpart_available?localpart=doctor-check") else {
            return .fail(title, "matrix.endpoint is not a URL", fix: "set matrix.endpoint")
        }
        switch await probe.get(url, bearer: secret) {
        case .failure(let failure):
            return .fail(title, "GET \(url) failed: \(failure.reason)", fix: "start Synapse (see the check above)")
        case .success(let answer) where answer.status == 403:
            return .fail(title, "Synapse refused the secret (403)", fix: "make matrix.secret equal matrix_authentication_service.secret in homeserver.yaml")
        case .success(let answer) where answer.status == 404:
            return .fail(title, "GET \(url) answered \(answer.summary): Synapse has no /_synapse/mas/ API",
                         fix: "enable matrix_authentication_service in homeserver.yaml (Synapse ≥ 1.136) and point matrix.endpoint at Synapse itself, not the public proxy")
        case .success(let answer) where answer.status == 200 || answer.status == 400:
            // 400 means the secret passed and Synapse judged the localpart (taken or invalid).
            return .pass(title)
        case .success(let answer):
            return .fail(title, "GET \(url) answered \(answer.summary)", fix: "check Synapse's log for the error")
        }
    }

    // MARK: Client → proxy → Sesame's compatibility layer

    /// The public `/_matrix/client/v3/login` is answered by Sesame, not Synapse.
    func compatLoginIsRoutedToSesame(homeserverBase: String?) async -> DoctorCheckResult {
        let title = "the reverse proxy sends /_matrix/client/v3/login to Sesame"
        guard let homeserverBase, let url = homeserverBase.appendingURLPath("_matrix/client/v3/login") else {
            return .fail(title, "not checked: the homeserver's public URL is unknown (see the .well-known check)", fix: "fix /.well-known/matrix/client first")
        }
        switch await probe.get(url) {
        case .failure(let failure):
            return .fail(title, "GET \(url) failed: \(failure.reason)", fix: "start the reverse proxy")
        case .success(let answer) where answer.status == 404:
            return .fail(title, "GET \(url) answered \(answer.summary): not Sesame (with delegation on, Synapse answers 404 here)",
                         fix: "route ^/_matrix/client/(r0|v3|unstable)/(login|logout|refresh) to Sesame (see docs/deploy/sesame-locations.conf)")
        case .success(let answer) where answer.status != 200:
            return .fail(title, "GET \(url) answered \(answer.summary)", fix: "route the compatibility paths to Sesame (see docs/deploy/sesame-locations.conf)")
        case .success(let answer):
            let flows = answer.json?["flows"] as? [[String: any Sendable]] ?? []
            let delegated = flows.contains { flow in
                flow["type"] as? String == "m.login.sso" && flow["org.matrix.msc3824.delegated_oidc_compatibility"] as? Bool == true
            }
            guard delegated else {
                let types = flows.compactMap { $0["type"] as? String }.joined(separator: ", ")
                return .fail(title, "GET \(url) lists flows [\(types)] without a delegated m.login.sso flow: not Sesame",
                             fix: "route the compatibility paths to Sesame, not Synapse or another server (see docs/deploy/sesame-locations.conf)")
            }
            return .pass(title)
        }
    }
}
