import Foundation

/// What a client presented to authenticate at the token, introspection or revocation endpoint
/// (RFC 6749 §2.3, RFC 7523 §2.2), read from the `Authorization` header and the form.
public enum ClientCredentials: Sendable, Equatable {
    /// `Authorization: Basic` (client_secret_basic).
    case basic(clientID: String, secret: String)
    /// `client_id` and `client_secret` in the body (client_secret_post).
    case post(clientID: String, secret: String)
    /// A JWT assertion (client_secret_jwt or private_key_jwt); `clientID` is the form's, if sent.
    case assertion(clientID: String?, jwt: String)
    /// Only `client_id` (a public client).
    case none(clientID: String)

    /// RFC 7523 §2.2.
    public static let jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// Reads the credentials; RFC 6749 §2.3: a client must not use more than one method at once.
    public init(authorizationHeader: String?, form: FormParameters) throws(OAuthError) {
        let formID = try form.single("client_id")
        let formSecret = try form.single("client_secret")
        let assertion = try form.single("client_assertion")
        let assertionType = try form.single("client_assertion_type")
        var presented: [ClientCredentials] = []

        if let header = authorizationHeader, let encoded = AuthorizationHeader.credentials(header, scheme: "Basic") {
            let (id, secret) = try Self.decodeBasic(encoded)
            if let formID, formID != id {
                throw .invalidRequest("client_id in the body does not match the Authorization header")
            }
            presented.append(.basic(clientID: id, secret: secret))
        }
        if let formSecret {
            guard let formID else { throw .invalidRequest("client_secret was sent without client_id") }
            presented.append(.post(clientID: formID, secret: formSecret))
        }
        if let assertion {
            guard assertionType == Self.jwtBearerAssertionType else {
                throw .invalidRequest("client_assertion_type must be \(Self.jwtBearerAssertionType)")
            }
            presented.append(.assertion(clientID: formID, jwt: assertion))
        } else if assertionType != nil {
            throw .invalidRequest("client_assertion_type was sent without client_assertion")
        }
        guard presented.count <= 1 else { throw .invalidRequest("the client used more than one authentication method") }
        if let only = presented.first {
            self = only
        } else if let formID {
            self = .none(clientID: formID)
        } else {
            throw .invalidClient("no client authentication was provided")
        }
    }

    /// The client ID the credentials claim (for assertions, the form's; the JWT is read later).
    public var claimedClientID: String? {
        switch self {
        case .basic(let id, _), .post(let id, _), .none(let id): id
        case .assertion(let id, _): id
        }
    }

    /// RFC 6749 §2.3.1: the ID and secret are form-urlencoded, then joined by `:` and base64-encoded.
    private static func decodeBasic(_ encoded: String) throws(OAuthError) -> (String, String) {
        // RFC 6749 §2.3.1: the ID and the secret are each form-encoded, then joined by a colon and
        // base64-encoded. Decoded on bytes with the form decoder, as the body is: Foundation's
        // percent decoding went through NSString and UTF-16 on every token request.
        guard let decoded = Data(base64Encoded: encoded).map({ [UInt8]($0) }),
              String(validating: decoded, as: UTF8.self) != nil
        else { throw .invalidClient("the Authorization header is not valid Basic credentials") }
        let pair = decoded.withUnsafeBufferPointer { bytes -> (String, String)? in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            return (FormParameters.decode(bytes[..<colon]), FormParameters.decode(bytes[(colon + 1)...]))
        }
        guard let pair else { throw .invalidClient("the Authorization header is not valid Basic credentials") }
        return pair
    }
}
