import Foundation
import SesameModel

/// The request and response bodies of Synapse's `/_synapse/mas/*` API, spelled as in
/// `synapse/rest/synapse/mas/{users,devices}.py` (Synapse 1.163).
enum SynapseAPI {
    /// Errors `check_username` raises for a localpart that cannot be registered.
    static let unavailableLocalpartCodes: Set<String> = ["M_USER_IN_USE", "M_INVALID_USERNAME", "M_EXCLUSIVE"]
    /// Synapse's answers here are tiny; anything bigger is not Synapse.
    static let maximumResponseSize = 1 << 20

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()

    /// `{"errcode": "M_…", "error": "…"}`.
    struct MatrixError: Decodable {
        var errcode: String?
        var error: String?
    }

    /// Any JSON object, e.g. `{}`.
    struct Empty: Decodable {}

    /// `GET query_user?localpart=…`.
    struct QueryUserResponse: Decodable {
        var userID: String
        var displayName: String?
        var avatarURL: String?
        var isSuspended: Bool?
        var isDeactivated: Bool

        enum CodingKeys: String, CodingKey {
            case userID = "user_id", displayName = "display_name", avatarURL = "avatar_url"
            case isSuspended = "is_suspended", isDeactivated = "is_deactivated"
        }
    }

    /// `POST provision_user`; absent fields are left unchanged by Synapse. `set_x` and `unset_x`
    /// must never both be sent.
    struct ProvisionUserBody: Encodable {
        var localpart: String
        var setDisplayname: String?
        var unsetDisplayname: Bool?
        var setEmails: [String]?
        var locked: Bool?

        init(_ request: ProvisionUserRequest) {
            localpart = request.localpart
            if let name = request.displayName {
                if name.isEmpty { unsetDisplayname = true } else { setDisplayname = name }
            }
            setEmails = request.emails
            locked = request.locked
        }

        enum CodingKeys: String, CodingKey {
            case localpart, setDisplayname = "set_displayname", unsetDisplayname = "unset_displayname", setEmails = "set_emails", locked
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(localpart, forKey: .localpart)
            try container.encodeIfPresent(setDisplayname, forKey: .setDisplayname)
            try container.encodeIfPresent(unsetDisplayname, forKey: .unsetDisplayname)
            try container.encodeIfPresent(setEmails, forKey: .setEmails)
            try container.encodeIfPresent(locked, forKey: .locked)
        }
    }

    /// `POST upsert_device`, `update_device_display_name`, `delete_device`.
    struct DeviceBody: Encodable {
        var localpart: String
        var deviceID: String
        var displayName: String?

        enum CodingKeys: String, CodingKey { case localpart, deviceID = "device_id", displayName = "display_name" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(localpart, forKey: .localpart)
            try container.encode(deviceID, forKey: .deviceID)
            try container.encodeIfPresent(displayName, forKey: .displayName)
        }
    }

    /// `POST sync_devices`.
    struct SyncDevicesBody: Encodable {
        var localpart: String
        var devices: [String]
    }

    /// `POST delete_user`.
    struct DeleteUserBody: Encodable {
        var localpart: String
        var erase: Bool
    }

    /// `POST set_displayname`.
    struct SetDisplayNameBody: Encodable {
        var localpart: String
        var displayname: String
    }

    /// `POST reactivate_user`, `unset_displayname`, `allow_cross_signing_reset`.
    struct LocalpartBody: Encodable {
        var localpart: String
    }
}
