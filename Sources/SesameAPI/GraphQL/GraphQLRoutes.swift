import Foundation
import GraphQL
import Graphiti
import HTTPTypes
import Hummingbird
import SesameAccounts
import SesameOAuth

/// The GraphQL API at `/graphql`, shaped like the Matrix Authentication Service's: `POST` (JSON
/// `{query, variables, operationName}`) or `GET` (the same as query parameters, queries only), and
/// an optional playground at `/graphql/playground`.
public struct GraphQLRoutes: Sendable {
    /// Largest request body accepted.
    static let maximumBodyBytes = 64 * 1024

    let environment: AdminEnvironment
    let playgroundEnabled: Bool
    let schema: Schema<GraphQLResolver, GraphQLCaller>
    let limits = GraphQLQueryLimits()

    /// Creates the routes; the playground page is served only when `playgroundEnabled`.
    /// `emailCodes` mails the codes of `startEmailAuthentication` (without it no address can be proved here);
    /// `recoveryLinks` mails the links of `resendRecoveryEmail`.
    public init(
        services: OAuthServices, accounts: AccountService, playgroundEnabled: Bool, site: SiteConfiguration? = nil, emailCodes: (any EmailCodeSender)? = nil,
        recoveryLinks: (any RecoveryLinkSender)? = nil
    ) {
        var environment = AdminEnvironment(
            services: services, accounts: accounts, site: site ?? SiteConfiguration(serverName: services.settings.matrixServerName)
        )
        if let emailCodes { environment.emailCodes = emailCodes }
        if let recoveryLinks { environment.recoveryLinks = recoveryLinks }
        self.environment = environment
        self.playgroundEnabled = playgroundEnabled
        // The schema is fixed at compile time; failing to build it is a programming error caught by the tests.
        schema = try! SesameGraphQLSchema.make()
    }

    /// The schema in GraphQL SDL, as committed in `docs/schema.graphql`.
    public static var schemaSDL: String { printSchema(schema: try! SesameGraphQLSchema.make().schema) + "\n" }

    /// Adds the routes to `router`.
    public func register(on router: Router<some RequestContext>) {
        router.post("graphql") { request, context in
            // A JSON content type cannot be sent cross-site without a CORS preflight, so a page elsewhere
            // cannot ride a signed-in browser's cookie to run mutations.
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                return Self.render(errors: ["the request must be JSON (Content-Type: application/json)"], status: .unsupportedMediaType)
            }
            let body: GraphQLHTTPBody
            do {
                let data = Data(buffer: try await request.body.collect(upTo: Self.maximumBodyBytes))
                body = try JSONDecoder().decode(GraphQLHTTPBody.self, from: data)
            } catch {
                return Self.render(errors: ["the request body must be a JSON object with a query string, at most \(Self.maximumBodyBytes) bytes"], status: .badRequest)
            }
            return await answer(body, allowMutations: true, request: request, context: context)
        }
        router.get("graphql") { request, context in
            let query = AdminCall.parseQuery(request.uri.query)
            func item(_ name: String) -> String? { query.last { $0.name == name }?.value }
            guard let text = item("query") else { return Self.render(errors: ["the query parameter is required"], status: .badRequest) }
            var variables: [String: Map]?
            if let raw = item("variables"), !raw.isEmpty {
                guard let decoded = try? JSONDecoder().decode([String: Map].self, from: Data(raw.utf8)) else {
                    return Self.render(errors: ["variables must be a JSON object"], status: .badRequest)
                }
                variables = decoded
            }
            let body = GraphQLHTTPBody(query: text, variables: variables, operationName: item("operationName"))
            return await answer(body, allowMutations: false, request: request, context: context)
        }
        if playgroundEnabled {
            router.get("graphql/playground") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                    body: .init(byteBuffer: ByteBuffer(string: GraphQLPlayground.html))
                )
            }
        }
    }

    /// Authorizes, checks limits, runs, and renders one request.
    func answer(_ body: GraphQLHTTPBody, allowMutations: Bool, request: Request, context: some RequestContext) async -> Response {
        let requester: GraphQLRequester
        do {
            requester = try await GraphQLAuthorizer(services: environment.services).authorize(request)
        } catch {
            return Self.render(errors: [error.message], status: .unauthorized)
        }
        do {
            let summary = try limits.check(body.query)
            if !allowMutations {
                let chosen = summary.operations.first { body.operationName == nil || $0.name == body.operationName }
                if chosen?.type == .mutation { return Self.render(errors: ["mutations must be sent with POST"], status: .methodNotAllowed) }
            }
        } catch {
            return Self.render(errors: [error.message], status: .ok)
        }
        let caller = GraphQLCaller(requester: requester, environment: environment)
        do {
            var result = try await graphql(
                schema: schema.schema, request: body.query, rootValue: GraphQLResolver(),
                context: caller, variableValues: body.variables ?? [:], operationName: body.operationName
            )
            result.errors = result.errors.map { Self.sanitize($0, context: context) }
            let data = try JSONEncoder().encode(result)
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(data: data)))
        } catch let error as GraphQLError where error.originalError == nil {
            // The document could not be parsed: the parser's message says where, and nothing ran.
            return Self.render(errors: [error.message], status: .ok)
        } catch {
            context.logger.error("GraphQL request failed", metadata: ["error": "\(error)"])
            return Self.render(errors: ["internal error"], status: .internalServerError)
        }
    }

    /// Keeps messages meant for clients (ours, and the executor's own validation messages); hides the rest.
    static func sanitize(_ error: GraphQLError, context: some RequestContext) -> GraphQLError {
        var cause: (any Error)? = error.originalError
        while let wrapped = cause as? GraphQLError, let inner = wrapped.originalError { cause = inner }
        let message: String
        switch cause {
        case nil: return error
        case let ours as GraphQLAPIError: message = ours.message
        case is DecodingError: message = "invalid argument"
        case let graphQL as GraphQLError: message = graphQL.message
        default:
            context.logger.error("GraphQL resolver failed", metadata: ["path": "\(error.path)", "error": "\(cause!)"])
            message = "internal error"
        }
        return GraphQLError(message: message, locations: error.locations, path: error.path)
    }

    static func render(errors: [String], status: HTTPResponse.Status) -> Response {
        let result = GraphQLResult(data: nil, errors: errors.map { GraphQLError(message: $0) })
        let data = (try? JSONEncoder().encode(result)) ?? Data(#"{"errors":[{"message":"internal error"}]}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// A GraphQL-over-HTTP request.
struct GraphQLHTTPBody: Decodable, Sendable {
    let query: String
    let variables: [String: Map]?
    let operationName: String?
}
