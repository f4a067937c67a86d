import Synchronization
import SesameAPI
import SesameModel

/// Keeps the codes Sesame would mail, so a test can type them; allows `limit` starts in all.
final class RecordingEmailCodeSender: EmailCodeSender {
    private let state: Mutex<(sent: [(code: String, to: String)], starts: Int)> = Mutex(([], 0))
    private let limit: Int

    init(limit: Int = 100) { self.limit = limit }

    /// The codes mailed so far, oldest first.
    var sent: [(code: String, to: String)] { state.withLock { $0.sent } }

    func mayStart(email: String, userID: UserID) -> Bool {
        state.withLock { state in
            state.starts += 1
            return state.starts <= limit
        }
    }

    func send(code: String, to email: String) async -> Bool {
        state.withLock { $0.sent.append((code, email)) }
        return true
    }
}
