import Hummingbird
import SesameCrypto

/// `GET /oauth2/keys.json`: the public signing keys, including retired ones still verifying tokens.
struct KeysRoutes {
    let signingKeys: SigningKeySet

    func register(on router: Router<some RequestContext>) {
        router.get("oauth2/keys.json") { _, _ -> Response in
            // Public material only; clients may cache it briefly and fetch again on an unknown kid.
            JSONResponse.make(
                data: try signingKeys.jwks().jsonData(),
                headers: [.cacheControl: "public, max-age=300", .accessControlAllowOrigin: "*"]
            )
        }
    }
}
