import Synchronization
import SesameAPI

/// Keeps the recovery links Sesame would mail; allows `limit` resends in all.
final class RecordingRecoveryLinkSender: RecoveryLinkSender {
    private let state: Mutex<(sent: [(secret: String, to: String)], resends: Int)> = Mutex(([], 0))
    private let limit: Int

    init(limit: Int = 100) { self.limit = limit }

    /// The link secrets mailed so far, oldest first.
    var sent: [(secret: String, to: String)] { state.withLock { $0.sent } }

    func mayResend(email: String) -> Bool {
        state.withLock { state in
            state.resends += 1
            return state.resends <= limit
        }
    }

    func send(secret: String, to email: String, username: String) async -> Bool {
        state.withLock { $0.sent.append((secret, email)) }
        return true
    }
}
