import Hummingbird
import NIOCore

/// The request context of every route Sesame serves: Hummingbird's basics plus who is on the
/// other end of the connection. `clientIP` starts as the socket peer's address and is replaced by
/// `ClientAddressMiddleware` with the address a trusted reverse proxy reports.
public struct SesameRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's peer (the client, or the reverse proxy in front of Sesame).
    public let remoteAddress: SocketAddress?
    /// The client's IP address as far as Sesame can tell; nil when unknown (e.g. in-process tests).
    public var clientIP: String?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        clientIP = remoteAddress?.ipAddress
    }
}
