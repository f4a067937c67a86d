import Foundation
import SesameModel

/// The answer to an authorization request, shaped for its response mode (OAuth 2.0 Multiple
/// Response Type Encoding Practices, OAuth 2.0 Form Post Response Mode). Every answer carries `iss`
/// (RFC 9207) and, when the client sent one, `state`.
public enum AuthorizationResponse: Equatable, Sendable {
    /// Send the browser to `location` (HTTP 303): `query` and `fragment` modes.
    case redirect(location: String)
    /// Serve a page that POSTs `fields` to `action` on load: `form_post` mode.
    case formPost(action: String, fields: [Field])
    /// Show the result to the user, who copies the code into the client (`urn:ietf:wg:oauth:2.0:oob`).
    case outOfBand(AuthorizationResult, parameters: [Field])

    /// One response parameter.
    public struct Field: Hashable, Sendable {
        public var name: String
        public var value: String

        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Builds the answer carrying `result` to `target`, as issued by `issuer`.
    public static func make(_ result: AuthorizationResult, to target: AuthorizationResponseTarget, issuer: String) -> AuthorizationResponse {
        let fields = parameters(result, state: target.state, issuer: issuer)
        if target.isOutOfBand { return .outOfBand(result, parameters: fields) }
        switch target.responseMode {
        case .query:
            return .redirect(location: appendingQuery(fields, to: target.redirectURI))
        case .fragment:
            return .redirect(location: withoutFragment(target.redirectURI) + "#" + formEncoded(fields))
        case .formPost:
            return .formPost(action: target.redirectURI, fields: fields)
        }
    }

    /// The response parameters in a stable order: `code` or `error`/`error_description`, then `state`, then `iss`.
    public static func parameters(_ result: AuthorizationResult, state: String?, issuer: String) -> [Field] {
        var fields: [Field]
        switch result {
        case .code(let code):
            fields = [Field("code", code)]
        case .error(let error):
            fields = [Field("error", error.code.rawValue), Field("error_description", error.errorDescription)]
        }
        if let state { fields.append(Field("state", state)) }
        fields.append(Field("iss", issuer))
        return fields
    }

    /// The value of the parameter `name`, if present.
    public func value(of name: String) -> String? {
        switch self {
        case .redirect(let location):
            guard let components = URLComponents(string: location) else { return nil }
            let encoded = components.percentEncodedFragment ?? components.percentEncodedQuery ?? ""
            let fields = FormParameters(encoded: encoded)
            return try? fields.single(name)
        case .formPost(_, let fields), .outOfBand(_, let fields):
            return fields.first { $0.name == name }?.value
        }
    }

    /// `uri` with `fields` added to its query, keeping the parameters it already has
    /// (RFC 6749 §3.1.2: the query component of a redirect URI MUST be retained).
    static func appendingQuery(_ fields: [Field], to uri: String) -> String {
        let base = withoutFragment(uri)
        let encoded = formEncoded(fields)
        guard let mark = base.firstIndex(of: "?") else { return base + "?" + encoded }
        let existing = base[base.index(after: mark)...]
        if existing.isEmpty || existing.hasSuffix("&") { return base + encoded }
        return base + "&" + encoded
    }

    /// RFC 6749 §3.1.2: a redirect URI has no fragment; drop one if present rather than produce two.
    static func withoutFragment(_ uri: String) -> String {
        guard let hash = uri.firstIndex(of: "#") else { return uri }
        return String(uri[..<hash])
    }

    /// `application/x-www-form-urlencoded` text of `fields`.
    static func formEncoded(_ fields: [Field]) -> String {
        fields.map { "\(percentEncoded($0.name))=\(percentEncoded($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes everything outside RFC 3986 unreserved characters (query and form values).
    public static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}
