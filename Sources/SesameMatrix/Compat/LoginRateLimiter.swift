import Foundation
import SesameModel

extension LoginRateLimiter {
    /// Throws `M_LIMIT_EXCEEDED` (with `retry_after_ms`) when `ip` or `account` has run out of attempts.
    func requireAdmitted(ip: String?, account: String) throws(MatrixError) {
        if case .limited(let wait) = admit(ip: ip, account: account) { throw .limitExceeded(retryAfter: wait) }
    }
}
