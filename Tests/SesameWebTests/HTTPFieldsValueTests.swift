import HTTPTypes
import SesameWeb
import Testing

/// `value(of:)` is a cheaper `self[name]`: it must answer exactly as the subscript does.
@Suite("HTTP field lookup")
struct HTTPFieldsValueTests {
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    @Test("absent, sent once, sent twice, a cookie sent twice: the subscript's answer each time")
    func answersAsTheSubscript() {
        var fields: HTTPFields = [.authorization: "Bearer secret", .contentType: "application/x-www-form-urlencoded"]
        fields.append(HTTPField(name: Self.forwardedFor, value: "192.0.2.1"))
        fields.append(HTTPField(name: Self.forwardedFor, value: "198.51.100.7"))
        fields.append(HTTPField(name: .cookie, value: "a=1"))
        fields.append(HTTPField(name: .cookie, value: "b=2"))
        for name in [HTTPField.Name.authorization, .contentType, Self.forwardedFor, .cookie, .userAgent] {
            #expect(fields.value(of: name) == fields[name], "\(name)")
        }
        #expect(fields.value(of: .authorization) == "Bearer secret")
        #expect(fields.value(of: Self.forwardedFor) == "192.0.2.1, 198.51.100.7")
        #expect(fields.value(of: .cookie) == "a=1; b=2")
        #expect(fields.value(of: .userAgent) == nil)
    }

    @Test("names match without regard to case, as the subscript's do")
    func caseInsensitive() {
        let fields: HTTPFields = [HTTPField.Name("authorization")!: "Bearer lower"]
        #expect(fields.value(of: .authorization) == "Bearer lower")
        #expect(fields.value(of: HTTPField.Name("AUTHORIZATION")!) == fields[.authorization])
    }
}
