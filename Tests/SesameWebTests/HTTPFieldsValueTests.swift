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

    @Test("Content-Type prefix: case-insensitive, parameters allowed, absent or shorter is not a match")
    func contentTypePrefix() {
        func fields(_ value: String?) -> HTTPFields { value.map { [.contentType: $0] } ?? [:] }
        let form = "application/x-www-form-urlencoded"
        #expect(fields(form).contentTypeStarts(with: form))
        #expect(fields("Application/X-WWW-Form-URLEncoded").contentTypeStarts(with: form))
        #expect(fields("application/x-www-form-urlencoded; charset=UTF-8").contentTypeStarts(with: form))
        #expect(!fields(nil).contentTypeStarts(with: form))
        #expect(!fields("application/x-www-form").contentTypeStarts(with: form))
        #expect(!fields("application/json").contentTypeStarts(with: form))
        #expect(!fields("text/plain").contentTypeStarts(with: "application/json"))
        // Only ASCII letters fold: a byte that merely lowercases to one under Unicode rules is not a match.
        #expect(!fields("applİcation/json").contentTypeStarts(with: "application/json"))
        #expect(fields("APPLICATION/JSON").contentTypeStarts(with: "application/json"))
    }

    @Test("setOnly: appended when absent, every earlier field of the name replaced by one, others kept in place")
    func setOnly() {
        let origin = HTTPField(name: .accessControlAllowOrigin, value: "*")
        var fields: HTTPFields = [.contentType: "application/json"]
        fields.setOnly(origin)
        // `==` on HTTPFields ignores the order of different names: the order is read as a list.
        #expect(fields.map(\.name) == [.contentType, .accessControlAllowOrigin])
        #expect(fields.map(\.value) == ["application/json", "*"])
        fields.setOnly(origin)
        #expect(fields.map(\.name) == [.contentType, .accessControlAllowOrigin])
        var repeated = HTTPFields([
            HTTPField(name: .accessControlAllowOrigin, value: "https://a.example"), HTTPField(name: .contentType, value: "text/plain"),
            HTTPField(name: .accessControlAllowOrigin, value: "https://b.example"),
        ])
        repeated.setOnly(origin)
        // The first field of the name takes the new value where it stood; the later one goes.
        #expect(repeated.map(\.name) == [.accessControlAllowOrigin, .contentType])
        #expect(repeated.map(\.value) == ["*", "text/plain"])
    }
}
