import SesameStorage

extension OAuthServices {
    /// Runs `body` in one transaction and turns its outcome into a protocol answer.
    ///
    /// A thrown `OAuthError` rolls everything back and becomes the answer (a rule failed before
    /// anything worth keeping was written). A returned failure is committed: some rules must write
    /// AND refuse, such as ending the session behind a replayed code or refresh token. Any other
    /// error is the server's fault and answers `server_error`, never the storage error's text.
    func transaction<T: Sendable>(
        _ body: @Sendable (any Repositories) async throws -> Result<T, OAuthError>
    ) async -> Result<T, OAuthError> {
        do {
            return try await storage.transaction(body)
        } catch let error as OAuthError {
            return .failure(error)
        } catch {
            return .failure(.serverError())
        }
    }

    /// Runs `body` outside any transaction; storage failures answer `server_error`.
    func read<T: Sendable>(_ body: @Sendable (any Repositories) async throws -> T) async -> Result<T, OAuthError> {
        do {
            return .success(try await storage.read(body))
        } catch let error as OAuthError {
            return .failure(error)
        } catch {
            return .failure(.serverError())
        }
    }
}
