import Foundation
import HTTPTypes
import Hummingbird
import SesameOAuth
import SesameWeb

/// The HTTP edge of the protocol endpoints: reading form bodies and credentials, and writing
/// answers with the headers the RFCs require.
enum OAuthHTTP {
    /// Largest form body accepted; OAuth requests are small.
    static let maximumFormBytes = 64 * 1024

    /// RFC 6749 §3.2: POST with `application/x-www-form-urlencoded`.
    static func form(_ request: Request, context: some RequestContext) async throws(OAuthError) -> FormParameters {
        guard request.headers.contentTypeStarts(with: "application/x-www-form-urlencoded") else {
            throw .invalidRequest("the request body must be application/x-www-form-urlencoded")
        }
        do {
            let buffer = try await request.body.collect(upTo: maximumFormBytes)
            return FormParameters(encoded: String(buffer: buffer))
        } catch {
            throw .invalidRequest("the request body is larger than \(maximumFormBytes) bytes")
        }
    }

    /// The `Bearer` token of the Authorization header, if that is the scheme used.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers.value(of: .authorization),
              let token = AuthorizationHeader.credentials(header, scheme: "Bearer"), !token.isEmpty
        else { return nil }
        return token
    }

    /// RFC 6749 §5.1 and §5.2: JSON, never cached.
    static let noStore: HTTPFields = [.cacheControl: "no-store", HTTPField.Name("Pragma")!: "no-cache"]

    /// A JSON success answer that must not be cached.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSONResponse.make(value, status: status, headers: noStore)
    }

    /// An introspection answer, written without the generic encoder (the homeserver's hot path).
    static func json(_ value: IntrospectionResponse) -> Response {
        Response(status: .ok, headers: noStoreJSON, body: .init(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
    }

    /// `noStore` and the JSON content type, as `JSONResponse.make` writes them, built once: setting
    /// a header validates its value and scans the others, on every introspection (issue 7).
    private static let noStoreJSON: HTTPFields = {
        var headers = noStore
        headers[.contentType] = "application/json"
        return headers
    }()

    /// The RFC's JSON error shape; a failed client authentication also names the scheme to use.
    static func error(_ error: OAuthError, request: Request) -> Response {
        var headers = noStore
        if error.code == .invalidClient {
            headers[.wwwAuthenticate] = #"Basic realm="Sesame""#
        } else if error.code == .invalidToken || error.code == .insufficientScope {
            headers[.wwwAuthenticate] = #"Bearer error="\#(error.code.rawValue)", error_description="\#(error.errorDescription.replacingOccurrences(of: "\"", with: "'"))""#
        }
        if let retryAfter = error.retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        let data = (try? JSONResponse.encoder.encode(error.body)) ?? Data()
        return JSONResponse.make(data: data, status: HTTPResponse.Status(code: error.httpStatus), headers: headers)
    }

    /// Runs an endpoint body, answering any `OAuthError` in the RFC shape and anything unexpected as
    /// `server_error` without details (the details go to the log).
    static func handle(_ request: Request, context: some RequestContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as OAuthError {
            return self.error(error, request: request)
        } catch {
            context.logger.error("endpoint failed", metadata: ["error": "\(error)"])
            return self.error(.serverError(), request: request)
        }
    }
}
