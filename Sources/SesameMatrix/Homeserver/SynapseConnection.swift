import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SesameModel

/// The homeserver connection to a real Synapse (≥ 1.136) through its `/_synapse/mas/*` API, the
/// contract Synapse keeps with the Matrix Authentication Service. Every call carries the shared
/// secret as a Bearer token; failures come back as `HomeserverError`, never as a crash.
public struct SynapseConnection: HomeserverConnection {
    public let serverName: String
    /// Synapse's client-server base URL, e.g. `http://localhost:8008/`.
    public let endpoint: URL
    private let secret: String
    private let httpClient: HTTPClient
    private let timeout: TimeAmount

    /// Creates the connection; `timeout` bounds each call (connect, send and read together).
    public init(endpoint: URL, serverName: String, secret: String, httpClient: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.endpoint = endpoint
        self.serverName = serverName
        self.secret = secret
        self.httpClient = httpClient
        self.timeout = timeout
    }

    public func queryUser(localpart: String) async throws -> HomeserverUser? {
        let response: SynapseAPI.QueryUserResponse
        do {
            response = try await get("query_user", localpart: localpart)
        } catch HomeserverError.rejected(status: 404, _, _) {
            return nil
        }
        return HomeserverUser(
            displayName: response.displayName, avatarURL: response.avatarURL,
            isDeactivated: response.isDeactivated, isSuspended: response.isSuspended ?? false
        )
    }

    public func isLocalpartAvailable(_ localpart: String) async throws -> Bool {
        do {
            let _: SynapseAPI.Empty = try await get("is_localpart_available", localpart: localpart)
            return true
        } catch HomeserverError.rejected(status: 400, let errcode?, _) where SynapseAPI.unavailableLocalpartCodes.contains(errcode) {
            // Synapse's `check_username`: taken, invalid, or inside an application service's namespace.
            return false
        }
    }

    public func provisionUser(_ request: ProvisionUserRequest) async throws {
        try await post("provision_user", SynapseAPI.ProvisionUserBody(request))
    }

    public func upsertDevice(localpart: String, deviceID: DeviceID, displayName: String?) async throws {
        try await post("upsert_device", SynapseAPI.DeviceBody(localpart: localpart, deviceID: deviceID.rawValue, displayName: displayName))
    }

    public func updateDeviceDisplayName(localpart: String, deviceID: DeviceID, displayName: String) async throws {
        try await post("update_device_display_name", SynapseAPI.DeviceBody(localpart: localpart, deviceID: deviceID.rawValue, displayName: displayName))
    }

    public func deleteDevice(localpart: String, deviceID: DeviceID) async throws {
        try await post("delete_device", SynapseAPI.DeviceBody(localpart: localpart, deviceID: deviceID.rawValue, displayName: nil))
    }

    public func syncDevices(localpart: String, devices: Set<DeviceID>) async throws {
        try await post("sync_devices", SynapseAPI.SyncDevicesBody(localpart: localpart, devices: devices.map(\.rawValue).sorted()))
    }

    public func deleteUser(localpart: String, erase: Bool) async throws {
        try await post("delete_user", SynapseAPI.DeleteUserBody(localpart: localpart, erase: erase))
    }

    public func reactivateUser(localpart: String) async throws {
        try await post("reactivate_user", SynapseAPI.LocalpartBody(localpart: localpart))
    }

    public func setDisplayName(localpart: String, displayName: String) async throws {
        try await post("set_displayname", SynapseAPI.SetDisplayNameBody(localpart: localpart, displayname: displayName))
    }

    public func unsetDisplayName(localpart: String) async throws {
        try await post("unset_displayname", SynapseAPI.LocalpartBody(localpart: localpart))
    }

    public func allowCrossSigningReset(localpart: String) async throws {
        try await post("allow_cross_signing_reset", SynapseAPI.LocalpartBody(localpart: localpart))
    }

    // MARK: - Transport

    /// The URL of one `/_synapse/mas/` call.
    func url(_ call: String, localpart: String? = nil) -> String {
        var base = endpoint.absoluteString
        if !base.hasSuffix("/") { base += "/" }
        var url = base + "_synapse/mas/" + call
        if let localpart {
            var query = URLComponents()
            query.queryItems = [URLQueryItem(name: "localpart", value: localpart)]
            // URLComponents leaves `+` alone, which a form decoder would read as a space.
            url += "?" + (query.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        }
        return url
    }

    private func get<Response: Decodable>(_ call: String, localpart: String) async throws -> Response {
        var request = HTTPClientRequest(url: url(call, localpart: localpart))
        request.method = .GET
        return try await decode(send(request, call: call), call: call)
    }

    private func post(_ call: String, _ body: some Encodable) async throws {
        var request = HTTPClientRequest(url: url(call))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let data: Data
        do {
            data = try SynapseAPI.encoder.encode(body)
        } catch {
            throw HomeserverError.unexpectedResponse("could not encode the \(call) request: \(error)")
        }
        request.body = .bytes(ByteBuffer(bytes: data))
        _ = try await send(request, call: call)
    }

    /// Sends the request with the shared secret; returns the body of a 2xx answer.
    private func send(_ request: HTTPClientRequest, call: String) async throws -> ByteBuffer {
        var request = request
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        request.headers.add(name: "Accept", value: "application/json")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: SynapseAPI.maximumResponseSize)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw HomeserverError.unreachable("\(call) timed out after \(timeout.nanoseconds / 1_000_000_000) s")
        } catch let error as NIOTooManyBytesError {
            throw HomeserverError.unexpectedResponse("\(call) answered more than \(error.maxBytes.map(String.init) ?? "the allowed") bytes")
        } catch {
            throw HomeserverError.unreachable("\(call): \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            let matrixError = try? JSONDecoder().decode(SynapseAPI.MatrixError.self, from: Data(buffer: body))
            throw HomeserverError.rejected(status: Int(response.status.code), errcode: matrixError?.errcode, message: matrixError?.error)
        }
        return body
    }

    private func decode<Response: Decodable>(_ body: ByteBuffer, call: String) throws -> Response {
        do {
            return try SynapseAPI.decoder.decode(Response.self, from: Data(buffer: body))
        } catch {
            throw HomeserverError.unexpectedResponse("\(call) answered a body that is not the expected JSON: \(error)")
        }
    }
}
