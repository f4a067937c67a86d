import HTTPTypes
import Hummingbird

/// Sets `SesameRequestContext.clientIP` from the socket peer and, when the peer is a trusted
/// proxy, its `X-Forwarded-For`.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = SesameRequestContext

    let trustedProxies: TrustedProxies

    /// Believes `X-Forwarded-For` only from `trustedProxies`.
    public init(trustedProxies: TrustedProxies) {
        self.trustedProxies = trustedProxies
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // The context starts with the peer's address as text: formatting it again cost a share of
        // every request (issue 7). A header sent as several fields is one comma-separated list.
        var forwardedFor = ""
        for field in request.headers where field.name == .xForwardedFor {
            forwardedFor += forwardedFor.isEmpty ? field.value : "," + field.value
        }
        context.clientIP = trustedProxies.clientAddress(peer: context.clientIP, forwardedFor: forwardedFor.isEmpty ? nil : forwardedFor)
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
