import Foundation
import HTTPTypes
import Hummingbird

extension WebEnvironment {
    /// The "too many attempts" page: HTTP 429 with `Retry-After` in whole seconds (RFC 9110
    /// §10.2.3) and the wait in minutes. The same words whatever was limited, so the page says
    /// nothing about whether an account exists.
    func rateLimited(retryAfter: TimeInterval, visitor: Visitor) -> Response {
        let seconds = Self.retryAfterSeconds(retryAfter)
        let minutes = max(1, (seconds + 59) / 60)
        let wait = minutes == 1 ? strings["rate_limit_one_minute"] : strings.format("rate_limit_minutes", ["minutes": String(minutes)])
        let page = Page.message(
            title: strings["rate_limit_title"],
            paragraphs: [strings.format("rate_limit_body", ["wait": wait])],
            status: .tooManyRequests
        )
        var response = respond(page, visitor: visitor)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    /// `retryAfter` rounded up to whole seconds, at least 1 and at most a day (an empty bucket
    /// that never refills still gets a finite header).
    static func retryAfterSeconds(_ retryAfter: TimeInterval) -> Int {
        guard retryAfter.isFinite else { return 86_400 }
        return min(86_400, max(1, Int(retryAfter.rounded(.up))))
    }
}
