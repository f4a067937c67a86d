import SesameModel
import SesameOAuth

/// Who is calling the admin API. As in MAS, both an OAuth access token (`mat_`) and a personal
/// access token (`mpt_`, for bots and scripts) may carry `urn:mas:admin`.
enum AdminCaller: Sendable {
    /// An OAuth session's access token (client credentials, or a user's token).
    case oauth(ValidatedAccess)
    /// A personal session's token, acting as `actor`.
    case personal(PersonalSession, actor: User)

    /// The scope the token carries.
    var scope: Scope {
        switch self {
        case .oauth(let access): access.scope
        case .personal(let session, _): session.scope
        }
    }

    /// The owner recorded on personal sessions this caller creates: the user acting, or the client.
    var owner: PersonalSessionOwner {
        switch self {
        case .oauth(let access): access.user.map { .user($0.id) } ?? .client(access.clientID)
        case .personal(_, let actor): .user(actor.id)
        }
    }
}
