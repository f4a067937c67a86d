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
        // every request (issue 7). Fields sent more than once come joined; hops are split on commas.
        let forwardedFor = request.headers.value(of: .xForwardedFor)
        context.clientIP = trustedProxies.clientAddress(peer: context.clientIP, forwardedFor: forwardedFor?.isEmpty == true ? nil : forwardedFor)
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
