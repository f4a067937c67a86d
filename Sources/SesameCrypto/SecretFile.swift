import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes secrets readable by the owner only.
///
/// Uses `open(2)` with mode 0600 rather than FileManager, which creates the file with default
/// permissions and tightens them afterwards, leaving a window where others can read it.
enum SecretFile {
    /// Creates `directory` (and parents) as 0700 if it does not exist.
    static func ensureDirectory(_ directory: URL) throws(SecretFileError) {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateDirectory(path: directory.path)
        }
    }

    /// Writes `contents` to `url` with mode 0600, atomically: a crash leaves either no file or the whole file.
    static func save(_ contents: String, to url: URL) throws(SecretFileError) {
        let path = url.path
        // The temporary name does not end in `.pem`, so a key loader never picks up a half-written key.
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: .min ... .max)).tmp").path

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotCreate(path: temporary, errno: errno) }

        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw .cannotWrite(path: temporary, errno: code)
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw .cannotWrite(path: temporary, errno: code)
        }
        close(descriptor)

        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotRename(path: path, errno: code)
        }
    }
}
