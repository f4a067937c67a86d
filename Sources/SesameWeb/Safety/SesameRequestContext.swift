import Hummingbird
import NIOCore

/// The request context of every route Sesame serves: Hummingbird's basics plus who is on the
/// other end of the connection. `clientIP` is the socket peer's address unless the server's edge
/// middleware replaced it with the address a trusted reverse proxy reports (`TrustedProxies`).
public struct SesameRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection's peer (the client, or the reverse proxy in front of Sesame).
    public let remoteAddress: SocketAddress?
    /// Where `clientIP` comes from.
    private enum ClientAddress: Sendable {
        case peer
        case resolved(String?)
    }

    private var clientAddress = ClientAddress.peer

    /// The client's IP address as far as Sesame can tell; nil when unknown (e.g. in-process tests).
    /// The peer's address is formatted only when asked for: most requests, introspection above
    /// all, never ask, and formatting it cost about 2 k instructions on each (issue 7).
    public var clientIP: String? {
        get {
            if case .resolved(let address) = clientAddress { return address }
            return remoteAddress?.ipAddress
        }
        set { clientAddress = .resolved(newValue) }
    }

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
