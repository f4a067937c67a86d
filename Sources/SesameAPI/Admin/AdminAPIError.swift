import HTTPTypes

/// A refusal the admin API answers with the errors document `{"errors": [{"title": …}]}`.
public struct AdminAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// What went wrong, for the operator reading it.
    public let title: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ title: String) {
        self.status = status
        self.title = title
    }

    public var description: String { "\(status.code) \(title)" }

    /// 400: the request cannot be understood.
    static func badRequest(_ title: String) -> Self { .init(.badRequest, title) }
    /// 401: no usable access token.
    static func unauthorized(_ title: String) -> Self { .init(.unauthorized, title) }
    /// 403: a valid token without the admin scope.
    static func forbidden(_ title: String) -> Self { .init(.forbidden, title) }
    /// 404: the resource does not exist.
    static func notFound(_ title: String) -> Self { .init(.notFound, title) }
    /// 409: the request conflicts with the resource's current state.
    static func conflict(_ title: String) -> Self { .init(.conflict, title) }

    /// The errors document.
    var document: AdminJSON { ["errors": [["title": .string(title)]]] }
}
