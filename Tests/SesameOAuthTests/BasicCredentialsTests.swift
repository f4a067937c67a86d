import Foundation
import SesameOAuth
import Testing

/// `Authorization: Basic` as RFC 6749 §2.3.1 defines it for clients: the ID and the secret are each
/// form-encoded, joined by a colon and base64-encoded. Read without a database.
@Suite("client_secret_basic header")
struct BasicCredentialsTests {
    private func credentials(_ header: String) throws(OAuthError) -> ClientCredentials {
        try ClientCredentials(authorizationHeader: header, form: FormParameters([:]))
    }

    private func basic(_ text: String) -> String {
        "Basic " + Data(text.utf8).base64EncodedString()
    }

    @Test("the ID and the secret are form-decoded; only the first colon separates them")
    func formDecoded() throws {
        #expect(try credentials(basic("my%20client:p%40ss+word:x")) == .basic(clientID: "my client", secret: "p@ss word:x"))
        #expect(try credentials(basic("client:caf%C3%A9")) == .basic(clientID: "client", secret: "café"))
    }

    @Test("a broken escape keeps the text as sent, plus signs read as spaces, as in a form body")
    func brokenEscape() throws {
        #expect(try credentials(basic("client:a+b%zz")) == .basic(clientID: "client", secret: "a b%zz"))
    }

    @Test("the scheme is matched without regard to case and blanks around the credentials are ignored")
    func schemeAndBlanks() throws {
        let encoded = Data("client:secret".utf8).base64EncodedString()
        #expect(try credentials("bAsIc \t\(encoded) \t") == .basic(clientID: "client", secret: "secret"))
    }

    @Test("not base64, not UTF-8 or without a colon: invalid_client", arguments: [
        "Basic !!!not-base64!!!",
        "Basic " + Data([0x63, 0x3A, 0xFF, 0xFE]).base64EncodedString(),
        "Basic " + Data("no-colon-here".utf8).base64EncodedString(),
    ])
    func refused(header: String) {
        let error = #expect(throws: OAuthError.self) { try credentials(header) }
        #expect(error?.code == .invalidClient)
    }
}
