/// Why a secret (a private key or the encryption key) could not be written to disk.
public enum SecretFileError: Error, Equatable, Sendable {
    /// The directory for secrets could not be created.
    case cannotCreateDirectory(path: String)
    /// `open(2)` failed with this `errno`.
    case cannotCreate(path: String, errno: Int32)
    /// `write(2)` or `fsync(2)` failed with this `errno`.
    case cannotWrite(path: String, errno: Int32)
    /// The finished temporary file could not be renamed into place.
    case cannotRename(path: String, errno: Int32)
}
