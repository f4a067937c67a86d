/// An error that retrying cannot fix (a payload that does not decode, a user that no longer
/// exists): the worker fails the job at once instead of backing off.
public protocol PermanentJobError: Error {}

/// Why a homeserver job cannot run at all.
public enum HomeserverJobError: PermanentJobError, Equatable, CustomStringConvertible {
    /// The job names a user Sesame does not have (anymore).
    case userNotFound(String)
    /// The job's payload is not a `HomeserverJob`.
    case unreadablePayload(String)
    /// The job names a device ID a scope cannot carry.
    case invalidDeviceID(String)

    public var description: String {
        switch self {
        case .userNotFound(let id): "user \(id) does not exist"
        case .unreadablePayload(let reason): "the job payload is not a homeserver job: \(reason)"
        case .invalidDeviceID(let id): "\(id) is not a valid device ID"
        }
    }
}
