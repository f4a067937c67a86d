import Foundation
import HTTPTypes
import Hummingbird
import SesameMatrix
import SesameOAuth
import SesameWeb

/// The Matrix client-server login API for clients that do not speak OAuth: `/login`, `/logout`,
/// `/logout/all`, `/refresh` and the SSO redirect, under `r0` and `v3`. With delegation on,
/// Synapse answers these paths with 404 and the reverse proxy sends them here. The logic is in
/// `CompatLoginService`; this only reads the request and writes the Matrix JSON answer.
struct CompatRoutes {
    let service: CompatLoginService
    /// Where the browser approves an SSO login: `{publicBase}complete-compat-sso/{id}`.
    var ssoConfirmationBase: String = "/complete-compat-sso/"

    /// Login bodies are small; anything larger is refused before parsing.
    static let maximumBodyBytes = 64 * 1024

    func register(on router: Router<SesameRequestContext>) {
        for version in ["r0", "v3"] {
            let base = "_matrix/client/\(version)"
            router.get(RouterPath("\(base)/login")) { _, _ in
                Self.json(service.flows())
            }
            router.post(RouterPath("\(base)/login")) { request, context in
                await Self.answering(context: context) {
                    let body = try await Self.body(request)
                    return Self.json(try await service.login(json: body, ip: context.clientIP, userAgent: Self.userAgent(request)))
                }
            }
            router.post(RouterPath("\(base)/logout")) { request, context in
                await Self.answering(context: context) {
                    try await service.logout(accessToken: Self.accessToken(request))
                    return Self.json([String: String]())
                }
            }
            router.post(RouterPath("\(base)/logout/all")) { request, context in
                await Self.answering(context: context) {
                    try await service.logoutAll(accessToken: Self.accessToken(request))
                    return Self.json([String: String]())
                }
            }
            router.post(RouterPath("\(base)/refresh")) { request, context in
                await Self.answering(context: context) {
                    let body = try await Self.body(request)
                    return Self.json(try await service.refresh(json: body))
                }
            }
            // The identity provider ID some clients append is ignored: there is one, Sesame itself.
            for path in ["\(base)/login/sso/redirect", "\(base)/login/sso/redirect/:idp"] {
                router.get(RouterPath(path)) { request, context in
                    await Self.answering(context: context) {
                        let id = try await service.startSSOLogin(redirectURL: request.uri.queryParameters.get("redirectUrl"))
                        return Response(status: .seeOther, headers: [.location: "\(ssoConfirmationBase)\(id)", .cacheControl: "no-store"])
                    }
                }
            }
        }
    }

    private static func userAgent(_ request: Request) -> String? {
        request.headers[.userAgent].map { String($0.prefix(512)) }
    }

    /// Matrix spec: the access token comes in `Authorization: Bearer`, or (deprecated) the
    /// `access_token` query parameter.
    static func accessToken(_ request: Request) -> String? {
        if let header = request.headers.value(of: .authorization), let token = AuthorizationHeader.credentials(header, scheme: "Bearer") {
            return token.isEmpty ? nil : token
        }
        return request.uri.queryParameters.get("access_token").flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func body(_ request: Request) async throws(MatrixError) -> Data {
        do {
            return Data(buffer: try await request.body.collect(upTo: maximumBodyBytes))
        } catch {
            throw MatrixError(errcode: "M_TOO_LARGE", message: "The request body is larger than \(maximumBodyBytes) bytes", status: 413)
        }
    }

    /// A 200 JSON answer that must not be cached (it may carry tokens).
    private static func json(_ value: some Encodable) -> Response {
        let data = (try? JSONResponse.encoder.encode(value)) ?? Data("{}".utf8)
        return JSONResponse.make(data: data, status: .ok, headers: OAuthHTTP.noStore)
    }

    /// The Matrix error shape; a rate-limited answer also says when to retry in `Retry-After`.
    static func error(_ error: MatrixError) -> Response {
        var headers = OAuthHTTP.noStore
        if let milliseconds = error.retryAfterMilliseconds {
            headers[.retryAfter] = String((milliseconds + 999) / 1000)
        }
        let data = (try? JSONResponse.encoder.encode(error.body)) ?? Data()
        return JSONResponse.make(data: data, status: HTTPResponse.Status(code: error.status), headers: headers)
    }

    private static func answering(context: some RequestContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as MatrixError {
            return self.error(error)
        } catch {
            context.logger.error("compat endpoint failed", metadata: ["error": "\(error)"])
            return self.error(.internalError)
        }
    }
}
