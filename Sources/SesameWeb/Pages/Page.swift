import Hummingbird

/// One page to render: a template, its title and values, the HTTP status and the page's security
/// headers.
struct Page {
    /// The template name (file name without `.mustache`).
    var template: String
    /// The `<title>` and usually the heading.
    var title: String
    /// What the template reads, besides `title`, `t` (the string catalogue) and `chrome`.
    var values: [String: Any] = [:]
    var status: HTTPResponse.Status = .ok
    var security = SecurityHeaders()

    /// The generic page with a title, paragraphs and an optional technical detail.
    static func message(title: String, paragraphs: [String], detail: String? = nil, status: HTTPResponse.Status = .ok) -> Page {
        var values: [String: Any] = ["paragraphs": paragraphs]
        if let detail { values["detail"] = detail }
        return Page(template: "message", title: title, values: values, status: status)
    }
}
