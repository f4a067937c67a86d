import HTTPTypes

/// A query parameter an operation reads, as the OpenAPI document describes it.
struct AdminParameter: Sendable {
    let name: String
    let schema: AdminJSON
    let description: String
    var required = false
}

/// One operation of the admin API: its route, its description in the OpenAPI document, and the
/// code that answers it. Routes and the document are both built from the same list, so neither
/// can name an operation the other lacks.
struct AdminOperation: Sendable {
    let method: HTTPRequest.Method
    /// The path under ``AdminAPIRoutes/basePath``, with OpenAPI-style `{parameters}`.
    let path: String
    let operationID: String
    let tag: String
    let summary: String
    var query: [AdminParameter] = []
    /// The JSON request body's schema; nil when the operation takes no body.
    var requestBody: AdminJSON? = nil
    /// The success status; 204 answers carry no body.
    var success: HTTPResponse.Status = .ok
    /// The success body's schema (ignored for 204).
    var response: AdminJSON = .null
    /// Answers the call with the success body (ignored for 204).
    let run: @Sendable (AdminCall) async throws -> AdminJSON

    /// The names of the path's `{parameters}`, in order.
    var pathParameters: [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }
}
