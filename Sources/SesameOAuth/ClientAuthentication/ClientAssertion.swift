import Foundation
import JWTKit
import SesameModel

/// Verification of JWT client assertions (RFC 7523 §3): `client_secret_jwt` (HMAC with the
/// client secret) and `private_key_jwt` (the client's registered keys).
///
/// Every failure is the same `invalid_client`, so a caller cannot probe which check failed.
/// A `jti` is accepted once until the assertion expires (see ``ClientAssertionMemory`` for the
/// per-process limits of that memory).
struct ClientAssertion {
    let services: OAuthServices

    /// How far `iat` and `nbf` may lie in the future, for clients whose clocks run a little fast.
    static let allowedClockSkew: TimeInterval = 60

    /// The `sub` claim of an assertion, read without verifying it, to find which client to check it for.
    static func unverifiedSubject(_ jwt: String) throws(OAuthError) -> String {
        let parts = jwt.split(separator: ".")
        guard parts.count == 3, let payload = Data(base64URL: String(parts[1])),
              let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any],
              let subject = object["sub"] as? String
        else { throw .invalidClient("the client assertion is not a JWT with a sub claim") }
        return subject
    }

    /// `client_secret_jwt`: an HS256/384/512 assertion keyed with the client secret.
    func verifyHMAC(_ jwt: String, secret: String, clientID: String, audience: String) async throws(OAuthError) {
        try await rejectingGenerically {
            let header = try AssertionHeader(jwt)
            guard header.algorithm.usesClientSecret else { throw AssertionRejection.algorithmNotAllowed }
            // RFC 7518 §3.2: the key must be at least as long as the hash output (jwt-kit asserts it, too).
            guard secret.utf8.count >= header.algorithm.digestByteCount else { throw AssertionRejection.secretTooShort }
            let keys = JWTKeyCollection()
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: header.algorithm.digest)
            let claims = try await verifySignature(jwt, with: keys)
            try await check(claims, clientID: clientID, audience: audience)
        }
    }

    /// `private_key_jwt`: an assertion signed by one of the client's keys, from `jwks` or `jwks_uri`.
    func verifySigned(_ jwt: String, client: OAuthClient, audience: String) async throws(OAuthError) {
        try await rejectingGenerically {
            let header = try AssertionHeader(jwt)
            guard !header.algorithm.usesClientSecret else { throw AssertionRejection.algorithmNotAllowed }
            var verified = try await verify(jwt, header: header, keySetJSON: try await keySetJSON(of: client, refetch: false))
            // A client that rotated its keys signs with one our cached copy of its jwks_uri lacks.
            if verified == nil, client.jwks == nil, let uri = client.jwksURI,
               await services.assertionMemory.mayRefetch(uri, now: services.clock.now()) {
                verified = try await verify(jwt, header: header, keySetJSON: try await keySetJSON(of: client, refetch: true))
            }
            guard let verified else { throw AssertionRejection.badSignature }
            try await check(verified, clientID: client.id.description, audience: audience)
        }
    }

    /// The claims of `jwt` when one of the key set's candidate keys verifies it.
    private func verify(_ jwt: String, header: AssertionHeader, keySetJSON: String) async throws -> AssertionClaims? {
        let candidates = try ClientKeySet(json: keySetJSON).candidates(for: header)
        // Without a `kid` every key of the right type is tried; a key set holds a handful at most.
        for key in candidates {
            let keys = JWTKeyCollection()
            guard (try? await keys.add(jwk: key)) != nil else { continue }
            if let claims = try? await keys.verify(jwt, as: AssertionClaims.self) { return claims }
        }
        return nil
    }

    /// The client's key set as JSON: registered inline, or its `jwks_uri` document (cached for a
    /// few minutes; fetched again when `refetch`).
    private func keySetJSON(of client: OAuthClient, refetch: Bool) async throws -> String {
        if let jwks = client.jwks { return jwks }
        guard let uri = client.jwksURI else { throw AssertionRejection.noKeys }
        let memory = services.assertionMemory
        if !refetch, let cached = await memory.keySet(uri, now: services.clock.now()) { return cached }
        do {
            let json = try await services.jwksFetcher.fetchJWKS(uri)
            await memory.store(keySet: json, for: uri, now: services.clock.now())
            return json
        } catch {
            throw AssertionRejection.noKeys
        }
    }

    /// Checks the signature; jwt-kit's own claim checks are skipped (see ``AssertionClaims``).
    private func verifySignature(_ jwt: String, with keys: JWTKeyCollection) async throws -> AssertionClaims {
        do {
            return try await keys.verify(jwt, as: AssertionClaims.self)
        } catch {
            throw AssertionRejection.badSignature
        }
    }

    /// RFC 7523 §3 items 1–7, against Sesame's clock.
    private func check(_ claims: AssertionClaims, clientID: String, audience: String) async throws(AssertionRejection) {
        let now = services.clock.now()
        // §3 items 1–2: the client is both issuer and subject.
        guard claims.iss?.value == clientID, claims.sub?.value == clientID else { throw .wrongIssuer }
        // §3 item 3: the audience names this server.
        guard let named = claims.aud?.value, !acceptedAudiences(endpoint: audience).isDisjoint(with: named) else {
            throw .wrongAudience
        }
        // §3 item 4: expiry is mandatory.
        guard let expiry = claims.exp?.value, expiry > now else { throw .expired }
        // §3 items 5–6: not usable before it was made or before `nbf`.
        if let notBefore = claims.nbf?.value, notBefore > now + Self.allowedClockSkew { throw .notYetValid }
        if let issuedAt = claims.iat?.value, issuedAt > now + Self.allowedClockSkew { throw .notYetValid }
        // §3 item 7: a `jti` lets the server refuse a replay.
        guard let jti = claims.jti?.value, !jti.isEmpty else { throw .missingJTI }
        // Checked last, so only an otherwise valid assertion uses up its `jti`.
        guard await services.assertionMemory.claim(jti: jti, clientID: clientID, expiry: expiry, now: now) else { throw .replayed }
    }

    /// RFC 7523 §3 and OIDC Core §9: the endpoint called, the token endpoint, or the issuer
    /// (with or without its trailing slash, since client libraries differ on that).
    private func acceptedAudiences(endpoint: String) -> Set<String> {
        let settings = services.settings
        let issuer = settings.issuer
        let otherIssuerForm = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer + "/"
        return [endpoint, settings.url("oauth2/token"), issuer, otherIssuerForm]
    }

    /// Runs `body`, turning any failure into the one answer a client gets.
    private func rejectingGenerically(_ body: () async throws -> Void) async throws(OAuthError) {
        do {
            try await body()
        } catch {
            throw .invalidClient("client authentication failed")
        }
    }
}

/// Why an assertion was refused; kept internal, since the client only learns `invalid_client`.
enum AssertionRejection: Error, Equatable {
    case malformed
    case algorithmNotAllowed
    case secretTooShort
    case noKeys
    case badSignature
    case wrongIssuer
    case wrongAudience
    case expired
    case notYetValid
    case missingJTI
    case replayed
}

/// The protected header fields that choose the verification key.
struct AssertionHeader {
    let algorithm: ClientAssertionAlgorithm
    let keyID: String?

    /// Reads the header of a compact JWS; `none` and unknown algorithms are refused here.
    init(_ jwt: String) throws(AssertionRejection) {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64URL: String(parts[0])),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let name = object["alg"] as? String
        else { throw .malformed }
        guard let algorithm = ClientAssertionAlgorithm(rawValue: name) else { throw .algorithmNotAllowed }
        self.algorithm = algorithm
        self.keyID = object["kid"] as? String
    }
}

/// The claims RFC 7523 §3 sets on an assertion, all optional so a missing one is our rejection, not a decoding error.
struct AssertionClaims: JWTPayload {
    var iss: IssuerClaim?
    var sub: SubjectClaim?
    var aud: AudienceClaim?
    var exp: ExpirationClaim?
    var nbf: NotBeforeClaim?
    var iat: IssuedAtClaim?
    var jti: IDClaim?

    /// Nothing here: jwt-kit would check `exp` against the real clock, and Sesame's is passed in.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// A client's registered JWK set, read key by key so one key of a kind jwt-kit does not know
/// (say an `oct` or encryption key) does not hide the others.
struct ClientKeySet {
    /// Each key with its `use`.
    private let keys: [(jwk: JWK, use: String?)]

    init(json: String) throws(AssertionRejection) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let list = object["keys"] as? [[String: Any]]
        else { throw .noKeys }
        keys = list.compactMap { member in
            guard let data = try? JSONSerialization.data(withJSONObject: member),
                  let jwk = try? JSONDecoder().decode(JWK.self, from: data)
            else { return nil }
            return (jwk, member["use"] as? String)
        }
    }

    /// The signing keys that may have signed a token with `header`, each set up for its algorithm.
    func candidates(for header: AssertionHeader) -> [JWK] {
        keys.compactMap { key, use in
            var jwk = key
            guard use == nil || use == "sig",
                  header.keyID == nil || jwk.keyIdentifier?.string == header.keyID,
                  jwk.keyType.rawValue == header.algorithm.keyType,
                  // RFC 7517 §4.4: a key that names its algorithm is only for that one.
                  jwk.algorithm == nil || jwk.algorithm?.rawValue == header.algorithm.rawValue,
                  header.algorithm.curve == nil || jwk.curve?.rawValue == header.algorithm.curve,
                  Self.isStrongEnough(jwk)
            else { return nil }
            // The collection holds this one key, so its `kid` only has to be present; `alg` fixes the verifier.
            jwk.algorithm = JWK.Algorithm(rawValue: header.algorithm.rawValue)
            jwk.keyIdentifier = JWKIdentifier(string: "client-key")
            return jwk
        }
    }

    /// RFC 7518 §3.3: RSA keys of 2048 bits or more.
    private static func isStrongEnough(_ jwk: JWK) -> Bool {
        guard jwk.keyType == .rsa else { return true }
        guard let modulus = jwk.modulus.flatMap(Data.init(base64URL:)) else { return false }
        return modulus.drop { $0 == 0 }.count * 8 >= 2048
    }
}

extension ClientAssertionAlgorithm {
    /// The hash behind an HMAC algorithm.
    var digest: DigestAlgorithm {
        switch self {
        case .hs384: .sha384
        case .hs512: .sha512
        default: .sha256
        }
    }

    /// The hash output length in bytes, the shortest HMAC key RFC 7518 §3.2 allows.
    var digestByteCount: Int {
        switch self {
        case .hs384: 48
        case .hs512: 64
        default: 32
        }
    }
}
