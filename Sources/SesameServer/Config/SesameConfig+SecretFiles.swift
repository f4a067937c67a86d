import Foundation

extension SesameConfig {
    /// A copy with secrets given as files (`matrix.secret_file`) read into their values, so the
    /// rest of the program looks in one place.
    public func resolvingSecretFiles() throws -> SesameConfig {
        var copy = self
        if copy.matrix.secret == nil, let file = copy.matrix.secretFile {
            copy.matrix.secret = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if copy.email.password == nil, let file = copy.email.passwordFile {
            copy.email.password = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return copy
    }
}
