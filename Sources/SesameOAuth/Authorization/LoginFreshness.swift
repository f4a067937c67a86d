import Foundation
import SesameModel

/// Whether the user must sign in again before answering an authorization request (OIDC Core
/// §3.1.2.1 `prompt=login`, `prompt=select_account` and `max_age`).
public enum LoginFreshness {
    /// True when the browser's newest authentication does not satisfy the request. An
    /// authentication made after the request arrived always does: it is the fresh login the
    /// request asked for (and `max_age=0` would otherwise never be satisfied).
    public static func requiresFreshLogin(
        prompt: Set<AuthorizationPrompt>, maxAge: Int?, requestedAt: Date, lastAuthenticatedAt: Date?, now: Date
    ) -> Bool {
        guard let last = lastAuthenticatedAt else { return true }
        if last >= requestedAt { return false }
        if prompt.contains(.login) || prompt.contains(.selectAccount) { return true }
        if let maxAge, isOlder(last, than: maxAge, now: now) { return true }
        return false
    }

    /// True when `authenticatedAt` lies more than `maxAge` seconds before `now`.
    public static func isOlder(_ authenticatedAt: Date, than maxAge: Int, now: Date) -> Bool {
        now.timeIntervalSince(authenticatedAt) > TimeInterval(maxAge)
    }

    /// The check for a stored grant.
    public static func requiresFreshLogin(for grant: AuthorizationGrant, lastAuthenticatedAt: Date?, now: Date) -> Bool {
        requiresFreshLogin(prompt: grant.prompt, maxAge: grant.maxAge, requestedAt: grant.createdAt, lastAuthenticatedAt: lastAuthenticatedAt, now: now)
    }
}
