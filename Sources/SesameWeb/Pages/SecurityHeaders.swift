import Foundation
import HTTPTypes
import Hummingbird

/// The headers every page carries: no framing, no referrer, no caching, and a Content Security
/// Policy that allows only Sesame's own stylesheet and, where a page must submit elsewhere, that
/// one destination.
struct SecurityHeaders: Sendable {
    /// Origins (or schemes) forms on this page may be submitted or redirected to, besides `'self'`.
    /// Browsers apply `form-action` to the redirects that follow a form, so a page whose form ends
    /// in a redirect to the client must name the client's origin.
    var formActions: [String] = []
    /// A per-response nonce allowing exactly one inline script (the form_post auto-submit).
    var scriptNonce: String?

    /// The `Content-Security-Policy` value.
    var contentSecurityPolicy: String {
        let formAction = (["'self'"] + formActions).joined(separator: " ")
        var directives = [
            "default-src 'none'", "style-src 'self'", "img-src 'self' https: data:",
            "form-action \(formAction)", "frame-ancestors 'none'", "base-uri 'none'",
        ]
        if let scriptNonce { directives.append("script-src 'nonce-\(scriptNonce)'") }
        return directives.joined(separator: "; ")
    }

    /// Sets the headers on `headers`.
    func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "no-referrer"
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
    }

    /// A fresh random nonce for `script-src`.
    static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }
}

extension HTTPField.Name {
    fileprivate static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    fileprivate static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
