/// A self-contained HTML page listing every operation (no external assets: the server may have no
/// route to the internet).
enum AdminDocPage {
    static func html(_ operations: [AdminOperation]) -> String {
        var rows = ""
        var currentTag = ""
        for operation in operations {
            if operation.tag != currentTag {
                if !currentTag.isEmpty { rows += "</table>\n" }
                currentTag = operation.tag
                rows += "<h2>\(escape(operation.tag))</h2>\n<table>\n"
            }
            let query = operation.query.map { "<code>\(escape($0.name))</code>\($0.required ? " (required)" : "")" }.joined(separator: ", ")
            rows += "<tr><td class=m>\(operation.method.rawValue)</td><td><code>\(escape(AdminAPIRoutes.basePath + operation.path))</code></td>"
                + "<td>\(escape(operation.summary))\(query.isEmpty ? "" : "<br><small>query: \(query)</small>")</td></tr>\n"
        }
        if !currentTag.isEmpty { rows += "</table>\n" }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sesame admin API</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
            table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.4rem;vertical-align:top}
            td.m{font-weight:bold;width:4rem}code{font-size:.9em}</style></head>
            <body><h1>Sesame admin API</h1>
            <p>Every operation needs <code>Authorization: Bearer</code> with an access token carrying the
            <code>urn:mas:admin</code> scope. Listings take <code>page[first]</code>, <code>page[last]</code>,
            <code>page[after]</code>, <code>page[before]</code> and <code>count=include|false|only</code>.
            The machine-readable description is <a href="/api/spec.json">/api/spec.json</a> (OpenAPI 3.1).</p>
            \(rows)</body></html>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
