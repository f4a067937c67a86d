import Foundation
import Hummingbird
import Mustache

/// Renders pages from the bundled mustache templates inside the shared layout, and serves the stylesheet.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let strings: WebStrings
    /// `/assets/sesame.css`.
    let stylesheet: String

    /// Loads every template, the string catalogue and the stylesheet from `bundle`.
    init(bundle: Bundle) throws {
        guard let folder = bundle.url(forResource: "Templates", withExtension: nil) else {
            throw WebResourceError.missing("Templates")
        }
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        for file in names {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            do {
                try library.register(text, named: name)
            } catch {
                throw WebResourceError.invalidTemplate(name, error)
            }
        }
        self.library = library
        strings = try WebStrings(bundle: bundle)
        stylesheet = try String(contentsOf: folder.appendingPathComponent("sesame.css"), encoding: .utf8)
    }

    /// The HTML response for `page`; `chrome` is what the layout's header shows (the signed-in user).
    func render(_ page: Page, chrome: [String: String]? = nil) -> Response {
        var values = page.values
        values["title"] = page.title
        values["t"] = strings.table
        if let chrome { values["chrome"] = chrome }
        let html = library.render(values, withTemplate: page.template) ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        page.security.apply(to: &headers)
        return Response(status: page.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 to `location` carrying the same security headers as pages.
    func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        SecurityHeaders().apply(to: &headers)
        return Response(status: .seeOther, headers: headers)
    }

    /// The stylesheet, cacheable for a day.
    func stylesheetResponse() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        SecurityHeaders().apply(to: &headers)
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: stylesheet)))
    }
}
