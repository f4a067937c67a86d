import Foundation
import HTTPTypes
import Hummingbird
import SesameAccounts
import SesameModel
import SesameOAuth
import SesameStorage

/// The admin REST API at `/api/admin/v1`, shaped like the Matrix Authentication Service's: JSON:API
/// documents, cursor pagination, `urn:mas:admin` bearer tokens. Also serves its OpenAPI document at
/// `/api/spec.json` and a readable list of operations at `/api/doc/`.
public struct AdminAPIRoutes: Sendable {
    /// Where the API lives.
    public static let basePath = "/api/admin/v1"
    /// Largest request body accepted.
    static let maximumBodyBytes = 64 * 1024

    let environment: AdminEnvironment

    /// Creates the routes over the OAuth services (storage, clock, settings) and the account service;
    /// `site` describes what the deployment allows (MAS's defaults when nil).
    public init(services: OAuthServices, accounts: AccountService, site: SiteConfiguration? = nil) {
        environment = AdminEnvironment(
            services: services, accounts: accounts, site: site ?? SiteConfiguration(serverName: services.settings.matrixServerName)
        )
    }

    /// Every operation, in the order the document lists them.
    var operations: [AdminOperation] {
        UserOperations(environment).all + UserEmailOperations(environment).all + SessionOperations(environment).all
            + OAuthClientOperations(environment).all + PersonalSessionOperations(environment).all
            + RegistrationTokenOperations(environment).all + ServerOperations(environment).all
    }

    /// The OpenAPI 3.1 document describing ``operations``.
    public var specification: AdminJSON { AdminSpecification.make(operations, settings: environment.settings) }

    /// Adds every route to `router`.
    public func register(on router: Router<some RequestContext>) {
        let authorizer = AdminAuthorizer(services: environment.services)
        for operation in operations {
            router.on(RouterPath(String((Self.basePath + operation.path).dropFirst())), method: operation.method) { request, context in
                await Self.answer(operation, request: request, context: context, authorizer: authorizer)
            }
        }
        let specification = self.specification.encoded()
        router.get("api/spec.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: specification)))
        }
        let page = AdminDocPage.html(operations)
        router.get("api/doc") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
        }
    }

    /// Authorizes, runs and renders one call; every failure becomes the errors document.
    static func answer(_ operation: AdminOperation, request: Request, context: some RequestContext, authorizer: AdminAuthorizer) async -> Response {
        do {
            let caller = try await authorizer.authorize(request)
            var body = Data()
            if operation.requestBody != nil {
                do {
                    body = Data(buffer: try await request.body.collect(upTo: maximumBodyBytes))
                } catch {
                    throw AdminAPIError.badRequest("the request body is larger than \(maximumBodyBytes) bytes")
                }
            }
            var parameters: [String: String] = [:]
            for name in operation.pathParameters {
                let raw = context.parameters.get(name) ?? ""
                parameters[name] = raw.removingPercentEncoding ?? raw
            }
            let call = AdminCall(
                parameters: parameters, query: AdminCall.parseQuery(request.uri.query), body: body, caller: caller, path: request.uri.path
            )
            let result = try await operation.run(call)
            if operation.success == .noContent { return Response(status: .noContent, headers: [.cacheControl: "no-store"]) }
            return render(result, status: operation.success)
        } catch let error as AdminAPIError {
            return render(error.document, status: error.status)
        } catch let error as AccountError {
            switch error {
            case .usernameTaken: return render(AdminAPIError.conflict(error.description).document, status: .conflict)
            case .userNotFound: return render(AdminAPIError.notFound(error.description).document, status: .notFound)
            case .invalidUsername, .emptyPassword: return render(AdminAPIError.badRequest(error.description).document, status: .badRequest)
            }
        } catch StorageError.uniqueViolation {
            return render(AdminAPIError.conflict("a resource with these values already exists").document, status: .conflict)
        } catch {
            context.logger.error("admin API operation failed", metadata: ["operation": "\(operation.operationID)", "error": "\(error)"])
            return render(AdminAPIError(.internalServerError, "internal error").document, status: .internalServerError)
        }
    }

    static func render(_ document: AdminJSON, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(data: document.encoded()))
        )
    }
}
