"""Sesame driven by off-the-shelf clients: authlib as the OAuth client and pyoidc (`oic`) as an
OpenID Connect relying party that validates discovery, the JWKS and ID tokens itself."""
import secrets
import time

import requests
from authlib.integrations.requests_client import OAuth2Session
from oic.oic import Client as OIDCClient
from oic.oic.message import AccessTokenResponse, ProviderConfigurationResponse
from oic.utils.authn.client import CLIENT_AUTHN_METHOD

from browser import Browser, redirect_parameters
from conftest import BOT_ID, BOT_SECRET, CONFIDENTIAL_ID, CONFIDENTIAL_SECRET, PASSWORD, USERNAME

REDIRECT = "http://127.0.0.1:9/callback"
SCOPE = "openid email urn:matrix:client:api:* urn:matrix:client:device:E2EDEVICE"


def register_public_client(server, redirect_uris=(REDIRECT,), grant_types=("authorization_code", "refresh_token")):
    response = requests.post(server.url("oauth2/registration"), json={
        "client_name": "E2E native app",
        "client_uri": "https://e2e.example.com/",
        "application_type": "native",
        "redirect_uris": list(redirect_uris),
        "grant_types": list(grant_types),
        "token_endpoint_auth_method": "none",
        "response_types": ["code"] if "authorization_code" in grant_types else [],
    })
    assert response.status_code == 201, response.text
    return response.json()["client_id"]


def introspect(server, token):
    response = requests.post(server.url("oauth2/introspect"), data={"token": token},
                             auth=(CONFIDENTIAL_ID, CONFIDENTIAL_SECRET))
    assert response.status_code == 200, response.text
    return response.json()


def test_discovery_is_valid_for_an_oidc_relying_party(server):
    client = OIDCClient(client_authn_method=CLIENT_AUTHN_METHOD)
    # pyoidc checks that the issuer in the document matches the one asked for, and loads the JWKS.
    config = client.provider_config(server.base)
    assert isinstance(config, ProviderConfigurationResponse)
    assert config["issuer"] == server.base
    assert "S256" in config["code_challenge_methods_supported"]
    assert client.keyjar.get_issuer_keys(server.base), "the JWKS was not loaded"
    matrix = requests.get(server.url("_matrix/client/v1/auth_metadata")).json()
    assert matrix["issuer"] == server.base and "create" in matrix["prompt_values_supported"]


def test_code_flow_with_pkce_refresh_userinfo_revoke(server):
    client_id = register_public_client(server)
    oauth = OAuth2Session(client_id, redirect_uri=REDIRECT, scope=SCOPE, code_challenge_method="S256",
                          token_endpoint_auth_method="none")
    verifier = secrets.token_urlsafe(48)
    url, state = oauth.create_authorization_url(server.url("authorize"), code_verifier=verifier, nonce="n-0S6_WzA2Mj")
    answer = Browser(server).authorize(url)
    params = redirect_parameters(answer)
    assert params["state"] == state and params["iss"] == server.base
    token = oauth.fetch_token(server.url("oauth2/token"), code=params["code"], code_verifier=verifier)
    assert token["token_type"] == "Bearer" and token["access_token"].startswith("mat_")
    assert token["refresh_token"].startswith("mar_") and "id_token" in token

    # pyoidc validates the ID token: signature against the JWKS, iss, aud, exp, at_hash.
    rp = OIDCClient(client_id=client_id, client_authn_method=CLIENT_AUTHN_METHOD)
    rp.provider_config(server.base)
    parsed = rp.parse_response(AccessTokenResponse, info=token, sformat="dict")
    id_token = parsed["id_token"]
    assert id_token["aud"] == [client_id] and id_token["nonce"] == "n-0S6_WzA2Mj"

    refreshed = oauth.refresh_token(server.url("oauth2/token"), refresh_token=token["refresh_token"])
    assert refreshed["access_token"] != token["access_token"]
    assert refreshed["refresh_token"] != token["refresh_token"]

    userinfo = requests.get(server.url("oauth2/userinfo"), headers={"Authorization": "Bearer " + refreshed["access_token"]}).json()
    assert userinfo["username"] == USERNAME and userinfo["sub"] == id_token["sub"]
    assert userinfo["email"] == "alice@example.com"

    active = introspect(server, refreshed["access_token"])
    assert active["active"] is True and active["username"] == USERNAME and active["device_id"] == "E2EDEVICE"

    oauth.revoke_token(server.url("oauth2/revoke"), refreshed["refresh_token"], token_type_hint="refresh_token")
    assert introspect(server, refreshed["access_token"]) == {"active": False}
    assert introspect(server, refreshed["refresh_token"]) == {"active": False}


def test_code_reuse_is_refused(server):
    client_id = register_public_client(server)
    oauth = OAuth2Session(client_id, redirect_uri=REDIRECT, scope="openid", code_challenge_method="S256",
                          token_endpoint_auth_method="none")
    verifier = secrets.token_urlsafe(48)
    url, _ = oauth.create_authorization_url(server.url("authorize"), code_verifier=verifier)
    code = redirect_parameters(Browser(server).authorize(url))["code"]
    first = oauth.fetch_token(server.url("oauth2/token"), code=code, code_verifier=verifier)
    second = requests.post(server.url("oauth2/token"), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "client_id": client_id, "code_verifier": verifier})
    assert second.status_code == 400 and second.json()["error"] == "invalid_grant"
    assert introspect(server, first["access_token"]) == {"active": False}


def test_client_credentials(server):
    oauth = OAuth2Session(CONFIDENTIAL_ID, CONFIDENTIAL_SECRET, scope="urn:mas:graphql:*")
    token = oauth.fetch_token(server.url("oauth2/token"), grant_type="client_credentials")
    assert token["access_token"].startswith("mat_") and "refresh_token" not in token
    assert introspect(server, token["access_token"])["client_id"] == CONFIDENTIAL_ID


def test_password_grant_for_a_bot_client(server):
    oauth = OAuth2Session(BOT_ID, BOT_SECRET, scope="urn:matrix:client:api:*", token_endpoint_auth_method="client_secret_post")
    token = oauth.fetch_token(server.url("oauth2/token"), username=USERNAME, password=PASSWORD)
    assert token["access_token"].startswith("mat_")
    wrong = requests.post(server.url("oauth2/token"), data={
        "grant_type": "password", "username": USERNAME, "password": "nope",
        "client_id": BOT_ID, "client_secret": BOT_SECRET})
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"


def test_device_authorization_grant(server):
    client_id = register_public_client(server, redirect_uris=(), grant_types=("urn:ietf:params:oauth:grant-type:device_code", "refresh_token"))
    start = requests.post(server.url("oauth2/device"), data={"client_id": client_id, "scope": "openid urn:matrix:client:api:*"}).json()
    poll = {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": start["device_code"], "client_id": client_id}
    pending = requests.post(server.url("oauth2/token"), data=poll)
    assert pending.json()["error"] == "authorization_pending"

    browser = Browser(server)
    page = browser.go(start["verification_uri_complete"])
    if 'name="password"' in page.text:
        page = browser.submit(page, {"username": USERNAME, "password": PASSWORD})
    assert start["user_code"].replace("-", "") in page.text.replace("-", ""), page.text[:1500]
    done = browser.submit(page, {"action": "approve"})
    assert done.status_code == 200

    time.sleep(start["interval"])
    token = requests.post(server.url("oauth2/token"), data=poll)
    assert token.status_code == 200, token.text
    assert token.json()["access_token"].startswith("mat_")


def test_out_of_band_redirect_shows_the_code(server):
    client_id = register_public_client(server, redirect_uris=("urn:ietf:wg:oauth:2.0:oob",))
    oauth = OAuth2Session(client_id, redirect_uri="urn:ietf:wg:oauth:2.0:oob", scope="openid",
                          code_challenge_method="S256", token_endpoint_auth_method="none")
    verifier = secrets.token_urlsafe(48)
    url, _ = oauth.create_authorization_url(server.url("authorize"), code_verifier=verifier)
    page = Browser(server).authorize(url)
    assert page.status_code == 200
    import re
    code = re.search(r'<output class="code">([^<]+)</output>', page.text).group(1)
    token = oauth.fetch_token(server.url("oauth2/token"), code=code, code_verifier=verifier)
    assert token["access_token"].startswith("mat_")


def test_unregistered_redirect_uri_gets_an_error_page_not_a_redirect(server):
    client_id = register_public_client(server)
    response = requests.get(server.url("authorize"), params={
        "client_id": client_id, "response_type": "code", "redirect_uri": "https://evil.example.com/",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "S256"},
        allow_redirects=False)
    assert response.status_code == 400 and "Location" not in response.headers


def test_homeserver_introspects_with_the_shared_secret(server):
    client_id = register_public_client(server)
    oauth = OAuth2Session(client_id, redirect_uri=REDIRECT, scope=SCOPE, code_challenge_method="S256",
                          token_endpoint_auth_method="none")
    verifier = secrets.token_urlsafe(48)
    url, _ = oauth.create_authorization_url(server.url("authorize"), code_verifier=verifier)
    token = oauth.fetch_token(server.url("oauth2/token"), code=redirect_parameters(Browser(server).authorize(url))["code"],
                              code_verifier=verifier)
    # Exactly how Synapse asks (synapse/api/auth/mas.py).
    answer = requests.post(server.url("oauth2/introspect"),
                           data={"token": token["access_token"], "token_type_hint": "access_token"},
                           headers={"Authorization": "Bearer e2e-matrix-shared-secret", "X-MAS-Supports-Device-Id": "1"}).json()
    assert answer["active"] is True and answer["username"] == USERNAME and isinstance(answer["expires_in"], int)
    assert "urn:matrix:org.matrix.msc2967.client:api:*" in answer["scope"].split()
    wrong = requests.post(server.url("oauth2/introspect"), data={"token": token["access_token"]},
                          headers={"Authorization": "Bearer not-the-secret"})
    assert wrong.status_code == 401


def test_refresh_token_replay_after_rotation_ends_the_session(server):
    client_id = register_public_client(server)
    oauth = OAuth2Session(client_id, redirect_uri=REDIRECT, scope="openid urn:matrix:client:api:*",
                          code_challenge_method="S256", token_endpoint_auth_method="none")
    verifier = secrets.token_urlsafe(48)
    url, _ = oauth.create_authorization_url(server.url("authorize"), code_verifier=verifier)
    first = oauth.fetch_token(server.url("oauth2/token"), code=redirect_parameters(Browser(server).authorize(url))["code"],
                              code_verifier=verifier)
    second = oauth.refresh_token(server.url("oauth2/token"), refresh_token=first["refresh_token"])
    assert introspect(server, second["access_token"])["active"] is True  # the new pair is now in use
    replay = requests.post(server.url("oauth2/token"), data={
        "grant_type": "refresh_token", "refresh_token": first["refresh_token"], "client_id": client_id})
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    assert introspect(server, second["access_token"]) == {"active": False}


def test_a_form_post_without_csrf_is_refused(server):
    response = requests.post(server.url("login"), data={"username": USERNAME, "password": PASSWORD}, allow_redirects=False)
    assert response.status_code == 403
