import Foundation
import SesameOAuth
import Testing

/// The introspection answer is written by hand for speed; clients must not see any difference
/// from what Foundation's encoder (sorted keys, unescaped slashes) writes for the same answer.
@Suite("Introspection JSON")
struct IntrospectionJSONTests {
    private static func encoderText(_ response: IntrospectionResponse) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(response), as: UTF8.self)
    }

    static let answers: [IntrospectionResponse] = [
        .inactive,
        IntrospectionResponse(
            active: true, scope: "openid urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:*",
            clientID: "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", username: "alice", sub: "01J7R4Z1Q2X3Y4Z5A6B7C8D9EG",
            tokenType: "access_token", exp: 1_732_000_300, iat: 1_732_000_000, expiresIn: 300, deviceID: "ABCDEFGHIJ"
        ),
        IntrospectionResponse(active: true, scope: "urn:synapse:admin:*", clientID: "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF", tokenType: "refresh_token", iat: 0),
        // The numbers' extremes and single digits, written without String(_:).
        IntrospectionResponse(active: true, tokenType: "access_token", exp: Int.min, iat: Int.max, expiresIn: 7),
        IntrospectionResponse(active: true, tokenType: "access_token", exp: 10, iat: 9, expiresIn: -10),
        // Everything that needs escaping, and what must not be escaped (slash, non-ASCII, DEL).
        IntrospectionResponse(
            active: true, scope: "a\"b\\c/d", username: "line\nbreak\ttab\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}",
            sub: "é ✓ 🙂 \u{2028}", tokenType: "", exp: -1, deviceID: "<script>&'"
        ),
        // Escapes at both ends and back to back, and a value that is nothing but one.
        IntrospectionResponse(active: true, scope: "\"quoted\"", username: "\n", sub: "\\\\\u{00}", tokenType: "\tx\t"),
    ]

    @Test("the text is byte for byte what JSONEncoder writes", arguments: answers)
    func matchesEncoder(response: IntrospectionResponse) throws {
        #expect(response.jsonText == (try Self.encoderText(response)))
    }

    @Test("an inactive token is exactly {\"active\":false}")
    func inactive() {
        #expect(IntrospectionResponse.inactive.jsonText == #"{"active":false}"#)
    }

    @Test("the text decodes back to the same answer", arguments: answers)
    func roundTrip(response: IntrospectionResponse) throws {
        let decoded = try JSONDecoder().decode(IntrospectionResponse.self, from: Data(response.jsonText.utf8))
        #expect(decoded == response)
    }
}
