import Foundation
import Hummingbird
import SesameAccounts
import SesameOAuth
import SesameWeb

/// The OAuth 2.0 / OIDC endpoints that answer machines (JSON in, JSON out). The protocol logic is
/// in SesameOAuth; this only reads the HTTP request and writes the answer.
struct OAuthRoutes {
    let services: OAuthServices
    let accounts: AccountService

    func register(on router: Router<SesameRequestContext>) {
        let metadataPaths = [
            ".well-known/openid-configuration", ".well-known/oauth-authorization-server",
            "_matrix/client/v1/auth_metadata", "_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
        ]
        // The document depends only on the settings and the key set, both fixed for the server's
        // life: encoded once here, not per request (issue 7).
        let metadata = ProviderMetadata.make(settings: services.settings, signingAlgorithms: services.signingKeys.signingAlgorithms)
        let document = try? JSONResponse.encoder.encode(metadata)
        for path in metadataPaths {
            router.get(RouterPath(path)) { _, _ in
                guard let document else {
                    return try JSONResponse.make(metadata, status: .ok, headers: [.cacheControl: "public, max-age=60"])
                }
                return JSONResponse.make(data: document, status: .ok, headers: [.cacheControl: "public, max-age=60"])
            }
        }
        router.post("oauth2/token") { request, context in
            await OAuthHTTP.handle(request, context: context) {
                let form = try await OAuthHTTP.form(request, context: context)
                let credentials = try ClientCredentials(authorizationHeader: request.headers.value(of: .authorization), form: form)
                return try OAuthHTTP.json(try await TokenEndpoint(services: services, accounts: accounts)
                    .handle(form: form, credentials: credentials, clientIP: context.clientIP).get())
            }
        }
        router.post("oauth2/device") { request, context in
            await OAuthHTTP.handle(request, context: context) {
                let form = try await OAuthHTTP.form(request, context: context)
                let credentials = try ClientCredentials(authorizationHeader: request.headers.value(of: .authorization), form: form)
                return try OAuthHTTP.json(try await DeviceAuthorizationEndpoint(services: services).handle(form: form, credentials: credentials).get())
            }
        }
        router.post("oauth2/introspect") { request, context in
            await OAuthHTTP.handle(request, context: context) {
                let form = try await OAuthHTTP.form(request, context: context)
                // The homeserver authenticates with the shared secret as a Bearer token instead of client credentials.
                let bearer = OAuthHTTP.bearer(request)
                let credentials = bearer == nil ? try ClientCredentials(authorizationHeader: request.headers.value(of: .authorization), form: form) : nil
                return try OAuthHTTP.json(try await IntrospectionEndpoint(services: services).handle(form: form, credentials: credentials, bearer: bearer).get())
            }
        }
        router.post("oauth2/revoke") { request, context in
            await OAuthHTTP.handle(request, context: context) {
                let form = try await OAuthHTTP.form(request, context: context)
                let credentials = try ClientCredentials(authorizationHeader: request.headers.value(of: .authorization), form: form)
                _ = try await RevocationEndpoint(services: services).handle(form: form, credentials: credentials).get()
                // RFC 7009 §2.2: 200 with an empty body whether or not the token was known.
                return Response(status: .ok, headers: OAuthHTTP.noStore)
            }
        }
        router.post("oauth2/registration") { request, context in
            await OAuthHTTP.handle(request, context: context) {
                guard request.headers.contentTypeStarts(with: "application/json") else {
                    throw OAuthError.invalidRequest("client metadata must be sent as application/json")
                }
                let body: ByteBuffer
                do {
                    body = try await request.body.collect(upTo: OAuthHTTP.maximumFormBytes)
                } catch {
                    throw OAuthError(.invalidClientMetadata, "the client metadata is larger than \(OAuthHTTP.maximumFormBytes) bytes")
                }
                let registered = try await ClientRegistrationEndpoint(services: services).handle(json: Data(buffer: body)).get()
                return try OAuthHTTP.json(registered, status: .created)
            }
        }
    }
}
