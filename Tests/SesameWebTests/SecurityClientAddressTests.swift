import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SesameWeb
import Testing

@Suite("Client address behind trusted proxies")
struct SecurityClientAddressTests {
    let proxies = TrustedProxies(["127.0.0.1/8", "::1/128", "10.0.0.0/8"])

    @Test("without a trusted proxy the socket peer is the client, whatever X-Forwarded-For claims")
    func untrustedPeer() {
        #expect(proxies.clientAddress(peer: "203.0.113.9", forwardedFor: "198.51.100.1") == "203.0.113.9")
        #expect(TrustedProxies.none.clientAddress(peer: "127.0.0.1", forwardedFor: "198.51.100.1") == "127.0.0.1")
    }

    @Test("a trusted proxy's X-Forwarded-For is read from the right, skipping trusted hops")
    func trustedChain() {
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "198.51.100.1") == "198.51.100.1")
        // The client wrote "1.2.3.4" itself; the first proxy saw 198.51.100.1, the second 10.1.2.3.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "1.2.3.4, 198.51.100.1, 10.1.2.3") == "198.51.100.1")
        #expect(proxies.clientAddress(peer: "::1", forwardedFor: "2001:db8::7") == "2001:db8::7")
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: "198.51.100.1") == "198.51.100.1")
    }

    @Test("garbage in X-Forwarded-For stops the walk at the last hop a trusted proxy vouched for")
    func garbage() {
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "not-an-ip") == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "198.51.100.1, <script>, 10.0.0.1") == "10.0.0.1")
    }

    @Test("invalid trusted_proxies entries are reported")
    func invalidEntries() {
        #expect(TrustedProxies.invalidEntries(["10.0.0.0/8", "10.0.0.0/33", "nonsense", "::1/128", "fe80::/10"]) == ["10.0.0.0/33", "nonsense"])
        #expect(TrustedProxies(["192.168.0.0/16"]).clientAddress(peer: "192.168.44.3", forwardedFor: "198.51.100.1") == "198.51.100.1")
        #expect(TrustedProxies(["192.168.0.0/16"]).clientAddress(peer: "192.169.0.1", forwardedFor: "198.51.100.1") == "192.169.0.1")
    }

    @Test("from headers: no trusted proxy ignores them; several X-Forwarded-For fields are one list")
    func fromHeaders() {
        let name = HTTPField.Name("X-Forwarded-For")!
        func headers(_ values: String...) -> HTTPFields { HTTPFields(values.map { HTTPField(name: name, value: $0) }) }
        // What the edge middleware does with a request's fields: join them, then read the list.
        func address(_ proxies: TrustedProxies, peer: String?, headers: HTTPFields) -> String? {
            proxies.clientAddress(peer: peer, forwardedFor: proxies.forwardedFor(in: headers))
        }
        #expect(address(TrustedProxies.none, peer: "127.0.0.1", headers: headers("192.0.2.1")) == "127.0.0.1")
        #expect(address(TrustedProxies.none, peer: nil, headers: headers("192.0.2.1")) == nil)
        // Both fields, right to left: reading only the first would answer 192.0.2.1 here…
        #expect(address(proxies, peer: "127.0.0.1", headers: headers("192.0.2.1", "198.51.100.7")) == "198.51.100.7")
        // …and reading only the last, 10.0.0.2 (a trusted hop) here.
        #expect(address(proxies, peer: "127.0.0.1", headers: headers("192.0.2.1", "10.0.0.2")) == "192.0.2.1")
        #expect(address(proxies, peer: "127.0.0.1", headers: [:]) == "127.0.0.1")
        #expect(address(proxies, peer: nil, headers: headers("192.0.2.1")) == nil)
    }

    @Test("the forwarded list is only read when a trusted proxy could have written it")
    func forwardedList() {
        let name = HTTPField.Name("X-Forwarded-For")!
        func headers(_ values: String...) -> HTTPFields { HTTPFields(values.map { HTTPField(name: name, value: $0) }) }
        // No trusted proxy: the peer is the client whatever the request claims.
        #expect(TrustedProxies.none.forwardedFor(in: headers("192.0.2.1")) == nil)
        // No field: nothing to read, so the middleware leaves the peer's address unformatted.
        #expect(proxies.forwardedFor(in: [.contentType: "text/plain"]) == nil)
        #expect(proxies.forwardedFor(in: headers("192.0.2.1")) == "192.0.2.1")
        #expect(proxies.forwardedFor(in: headers("192.0.2.1", "198.51.100.7, 10.0.0.2")) == "192.0.2.1,198.51.100.7, 10.0.0.2")
    }
}
