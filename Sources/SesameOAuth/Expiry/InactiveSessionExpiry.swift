import Foundation
import SesameAccounts
import SesameModel
import SesameStorage

/// Ends sessions nobody has used for a while (MAS's `experimental.inactive_session_expiration`):
/// OAuth and compatibility sessions through the same termination as a logout — so their tokens
/// stop working and the homeserver is told to sync the user's devices — and browser sessions.
public struct InactiveSessionExpiry: Sendable {
    /// Which kinds of session expire, and after how long without use.
    public struct Policy: Sendable, Equatable {
        public var inactiveFor: TimeInterval
        public var oauthSessions: Bool
        public var compatSessions: Bool
        public var browserSessions: Bool

        public init(inactiveFor: TimeInterval, oauthSessions: Bool = true, compatSessions: Bool = true, browserSessions: Bool = true) {
            self.inactiveFor = inactiveFor
            self.oauthSessions = oauthSessions
            self.compatSessions = compatSessions
            self.browserSessions = browserSessions
        }
    }

    /// How many sessions ended in one pass, per kind.
    public struct Outcome: Sendable, Equatable {
        public var oauthSessions = 0
        public var compatSessions = 0
        public var browserSessions = 0

        public var total: Int { oauthSessions + compatSessions + browserSessions }

        public init(oauthSessions: Int = 0, compatSessions: Int = 0, browserSessions: Int = 0) {
            self.oauthSessions = oauthSessions
            self.compatSessions = compatSessions
            self.browserSessions = browserSessions
        }
    }

    let storage: any Storage
    let clock: any WallClock
    let policy: Policy
    /// Sessions ended per transaction, so one pass never holds the writer for long.
    let batchSize: Int

    public init(storage: any Storage, clock: any WallClock, policy: Policy, batchSize: Int = 100) {
        self.storage = storage
        self.clock = clock
        self.policy = policy
        self.batchSize = batchSize
    }

    /// Ends every session inactive for longer than the policy allows, in batches.
    @discardableResult
    public func expireOnce() async throws -> Outcome {
        var outcome = Outcome()
        while true {
            let now = clock.now()
            let cutoff = now.addingTimeInterval(-policy.inactiveFor)
            let ended = try await storage.transaction { [policy, batchSize] repositories in
                var batch = Outcome()
                let inactive = repositories.inactiveSessions
                if policy.oauthSessions {
                    for session in try await inactive.oauthSessions(unusedSince: cutoff, limit: batchSize) {
                        try await SessionTermination.end(session.id, at: now, in: repositories)
                        batch.oauthSessions += 1
                    }
                }
                if policy.compatSessions {
                    let sessions = try await inactive.compatSessions(unusedSince: cutoff, limit: batchSize)
                    // One device sync per user, however many of their sessions ended.
                    for (userID, ofUser) in Dictionary(grouping: sessions, by: \.userID) {
                        try await CompatSessionTermination.end(ofUser.map(\.id), of: userID, at: now, in: repositories)
                    }
                    batch.compatSessions = sessions.count
                }
                if policy.browserSessions {
                    for session in try await inactive.browserSessions(unusedSince: cutoff, limit: batchSize) {
                        try await repositories.browserSessions.finish(id: session.id, at: now)
                        batch.browserSessions += 1
                    }
                }
                return batch
            }
            outcome.oauthSessions += ended.oauthSessions
            outcome.compatSessions += ended.compatSessions
            outcome.browserSessions += ended.browserSessions
            // A batch smaller than the limit for every kind means nothing is left.
            if ended.oauthSessions < batchSize, ended.compatSessions < batchSize, ended.browserSessions < batchSize { return outcome }
        }
    }
}
