import Foundation
import HTTPTypes

/// `http.trusted_proxies`: the reverse proxies whose `X-Forwarded-For` Sesame believes. The one
/// place that answers "what is the client's IP" for a request.
public struct TrustedProxies: Sendable, Equatable {
    let networks: [IPNetwork]

    /// Trusts the given CIDR networks; entries that do not parse are ignored here (configuration
    /// checking reports them through `invalidEntries`).
    public init(_ networks: [String]) {
        self.networks = networks.compactMap(IPNetwork.init)
    }

    /// Trusts no one: the socket peer is the client.
    public static let none = TrustedProxies([])

    /// The entries of `networks` that are not valid CIDR notation (for config validation).
    public static func invalidEntries(_ networks: [String]) -> [String] {
        networks.filter { IPNetwork($0) == nil }
    }

    /// True when `address` is one of the trusted proxies.
    func trusts(_ address: IPAddress) -> Bool {
        networks.contains { $0.contains(address) }
    }

    /// The client's address for a connection from `peer` carrying `forwardedFor`. When the peer is
    /// a trusted proxy, `X-Forwarded-For` is read from the right (each proxy appends the address
    /// it saw), skipping trusted proxies; the first address that is not one is the client. Hops
    /// further left were written by the client itself and are never believed.
    public func clientAddress(peer: String?, forwardedFor: String?) -> String? {
        // Nothing to believe: not even the peer's text needs parsing.
        guard !networks.isEmpty else { return peer }
        guard let peer, let peerAddress = IPAddress(peer) else { return peer }
        guard trusts(peerAddress), let forwardedFor else { return peer }
        var client = peer
        for hop in forwardedFor.split(separator: ",").reversed() {
            let text = hop.trimmingCharacters(in: .whitespaces)
            guard let address = IPAddress(text) else { break }
            client = text
            if !trusts(address) { break }
        }
        return client
    }

    /// The request's `X-Forwarded-For` fields joined into one list (several fields are one
    /// comma-separated list, as HTTP defines it), for `clientAddress(peer:forwardedFor:)`, when
    /// they could change who the client is: nil with no trusted proxy or no such field. Then the
    /// socket peer is the client and its address need not even be formatted: every request asks
    /// this, and the default trusts loopback, so introspection from a homeserver on the same
    /// machine paid about 5 k instructions for the peer's text and its parse (issue 7).
    public func forwardedFor(in headers: HTTPFields) -> String? {
        guard !networks.isEmpty else { return nil }
        var forwardedFor = ""
        for field in headers where field.name == .xForwardedFor {
            forwardedFor += forwardedFor.isEmpty ? field.value : "," + field.value
        }
        return forwardedFor.isEmpty ? nil : forwardedFor
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
