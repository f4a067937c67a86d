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

    @Test("over a real socket the middleware resolves the client from the peer and a trusted proxy's header")
    func liveSocket() async throws {
        for (trusted, expected) in [(["127.0.0.1/8"], "198.51.100.1"), ([String](), "127.0.0.1")] {
            let router = Router(context: SesameRequestContext.self)
            router.add(middleware: ClientAddressMiddleware(trustedProxies: TrustedProxies(trusted)))
            router.get("/ip") { _, context in context.clientIP ?? "none" }
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/ip", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.1"])
                #expect(String(buffer: response.body) == expected)
            }
        }
    }

    @Test("X-Forwarded-For sent as two fields is read as one list, from the right")
    func forwardedForInTwoFields() async throws {
        let router = Router(context: SesameRequestContext.self)
        router.add(middleware: ClientAddressMiddleware(trustedProxies: TrustedProxies(["127.0.0.1/8"])))
        router.get("/ip") { _, context in context.clientIP ?? "none" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let forwardedFor = HTTPField.Name("X-Forwarded-For")!
        // Reading only the first field would answer 192.0.2.1 in the first case; only the last,
        // 127.0.0.2 in the second.
        let cases = [(["192.0.2.1", "198.51.100.7"], "198.51.100.7"), (["192.0.2.1", "127.0.0.2"], "192.0.2.1")]
        try await app.test(.live) { client in
            for (values, expected) in cases {
                let headers = HTTPFields(values.map { HTTPField(name: forwardedFor, value: $0) })
                let response = try await client.execute(uri: "/ip", method: .get, headers: headers)
                #expect(String(buffer: response.body) == expected, "\(values)")
            }
        }
    }
}
