import Foundation
import SesameModel

/// A node's global ID, as MAS writes them: `{type}:{ULID}` (`user:01H…`, `oauth2_session:01H…`).
/// Also used as the cursor of connections, as MAS does.
struct GlobalID: Codable, Hashable, Sendable {
    /// The node types and their prefixes.
    enum Kind: String, Sendable {
        case user
        case userEmail = "user_email"
        case browserSession = "session"
        case oauth2Session = "oauth2_session"
        case compatSession = "compat_session"
        case oauth2Client = "oauth2_client"
        case personalSession = "personal_session"
        case userEmailAuthentication = "user_email_authentication"
    }

    let value: String

    init(_ value: String) { self.value = value }

    init(_ kind: Kind, _ id: some CustomStringConvertible) { value = "\(kind.rawValue):\(id)" }

    /// The kind and ULID text, or nil when the ID is not of that shape.
    var parts: (kind: Kind, ulid: String)? {
        guard let colon = value.firstIndex(of: ":"), let kind = Kind(rawValue: String(value[..<colon])) else { return nil }
        return (kind, String(value[value.index(after: colon)...]))
    }

    /// The entity ID when this global ID names a `kind` node.
    func id<Entity>(_ kind: Kind, as type: EntityID<Entity>.Type) -> EntityID<Entity>? {
        guard let parts, parts.kind == kind else { return nil }
        return EntityID<Entity>(parts.ulid)
    }

    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(String.self) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
