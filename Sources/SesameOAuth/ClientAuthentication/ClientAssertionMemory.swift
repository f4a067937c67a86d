import Foundation

/// What client authentication remembers between requests, in this process:
/// - the `jti` of every accepted assertion until it expires, so a captured assertion cannot be
///   replayed (RFC 7523 §3 item 7);
/// - fetched `jwks_uri` documents for a few minutes, so `private_key_jwt` does not cost an HTTP
///   round trip per token request.
///
/// Per process: with several Sesame instances behind a balancer, a replay that lands on another
/// instance within the assertion's lifetime is not caught (assertions live about a minute).
public actor ClientAssertionMemory {
    /// How long a fetched key set is trusted before it is fetched again.
    public static let keySetLifetime: TimeInterval = 300
    /// A key set may be fetched again early (a client rotated its keys) after this long.
    public static let keySetRefetchAfter: TimeInterval = 30
    /// Bound on remembered assertions; beyond it the soonest-expiring are dropped first.
    static let maximumRemembered = 100_000

    private var usedIDs: [String: Date] = [:]
    private var keySets: [String: (json: String, fetchedAt: Date)] = [:]

    public init() {}

    /// Records `jti` for `clientID` until `expiry`; false when it was already used (a replay).
    func claim(jti: String, clientID: String, expiry: Date, now: Date) -> Bool {
        let key = clientID + "\u{0}" + jti
        if let until = usedIDs[key], until > now { return false }
        if usedIDs.count >= Self.maximumRemembered { forgetExpired(now: now) }
        if usedIDs.count >= Self.maximumRemembered, let soonest = usedIDs.min(by: { $0.value < $1.value })?.key {
            usedIDs[soonest] = nil
        }
        usedIDs[key] = expiry
        return true
    }

    /// The cached key set for `uri`, if younger than `keySetLifetime`.
    func keySet(_ uri: String, now: Date) -> String? {
        guard let entry = keySets[uri], now.timeIntervalSince(entry.fetchedAt) < Self.keySetLifetime else { return nil }
        return entry.json
    }

    /// Whether the cached key set for `uri` is old enough to fetch again after a failed verification.
    func mayRefetch(_ uri: String, now: Date) -> Bool {
        guard let entry = keySets[uri] else { return true }
        return now.timeIntervalSince(entry.fetchedAt) >= Self.keySetRefetchAfter
    }

    func store(keySet json: String, for uri: String, now: Date) {
        keySets[uri] = (json, now)
    }

    private func forgetExpired(now: Date) {
        usedIDs = usedIDs.filter { $0.value > now }
    }
}
