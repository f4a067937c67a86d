import SesameOAuth
import Testing

/// `application/x-www-form-urlencoded` bodies as clients send them (HTML 5 form encoding, RFC 6749 Appendix B).
@Suite("Form parameters")
struct FormParametersTests {
    @Test("A plus sign is a space and %XX escapes are UTF-8 bytes")
    func decodesSpacesAndEscapes() throws {
        let form = FormParameters(encoded: "scope=openid+urn%3Amatrix%3Aclient%3Aapi%3A*&name=Caf%C3%A9+%E2%9C%93&plain=abc")
        #expect(try form.single("scope") == "openid urn:matrix:client:api:*")
        #expect(try form.single("name") == "Café ✓")
        #expect(try form.single("plain") == "abc")
    }

    @Test("An escaped plus sign stays a plus sign")
    func escapedPlus() throws {
        #expect(try FormParameters(encoded: "secret=a%2Bb+c").single("secret") == "a+b c")
    }

    @Test("Names are decoded like values")
    func decodesNames() throws {
        #expect(try FormParameters(encoded: "client%5Fid=abc").single("client_id") == "abc")
    }

    @Test("A broken escape keeps the text as sent, with plus signs still spaces")
    func brokenEscapes() throws {
        #expect(try FormParameters(encoded: "a=100%+sure").single("a") == "100% sure")
        #expect(try FormParameters(encoded: "a=%zz").single("a") == "%zz")
        #expect(try FormParameters(encoded: "a=ends%4").single("a") == "ends%4")
        // A broken escape at the end of a pair that is not the last one.
        let form = FormParameters(encoded: "a=%4&b=1")
        #expect(try form.single("a") == "%4")
        #expect(try form.single("b") == "1")
    }

    @Test("Escapes that are not UTF-8 keep the text as sent")
    func invalidUTF8() throws {
        #expect(try FormParameters(encoded: "a=%FF%FE+x").single("a") == "%FF%FE x")
    }

    @Test("Pairs split at every & byte and at the first = byte, even where a character begins with one")
    func bytewiseSeparators() throws {
        // "&\u{301}" is one character to Swift; the format splits on the byte regardless.
        let form = FormParameters(encoded: "a=x&\u{301}b=y&c=1=2&&d=%26")
        #expect(try form.single("a") == "x")
        #expect(try form.single("\u{301}b") == "y")
        #expect(try form.single("c") == "1=2")
        #expect(try form.single("d") == "&")
    }

    @Test("A repeated parameter is invalid_request and an empty one is absent (RFC 6749 §3.1)")
    func repeatedAndEmpty() {
        let form = FormParameters(encoded: "token=a&token=b&hint=")
        #expect(throws: OAuthError.self) { try form.single("token") }
        #expect((try? form.single("hint")) == .some(nil))
        #expect(form.contains("hint"))
    }

    @Test("A parameter repeated with an empty value is still repeated; an absent one is not contained")
    func repeatedEmpty() {
        let form = FormParameters(encoded: "token=&token=b")
        #expect(throws: OAuthError.self) { try form.single("token") }
        #expect(!form.contains("other"))
        #expect((try? form.single("other")) == .some(nil))
    }

    @Test("Forms are equal when each name has the same values in the same order, whatever the order of names")
    func equality() {
        #expect(FormParameters(encoded: "a=1&b=2") == FormParameters(encoded: "b=2&a=1"))
        #expect(FormParameters(encoded: "a=1&b=2") == FormParameters(["a": "1", "b": "2"]))
        #expect(FormParameters(encoded: "a=1&a=2") != FormParameters(encoded: "a=2&a=1"))
        #expect(FormParameters(encoded: "a=1") != FormParameters(encoded: "a=1&a=1"))
        #expect(FormParameters(encoded: "a=1") != FormParameters(encoded: "a=1&b="))
    }
}
