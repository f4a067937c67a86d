"""Sesame as the authentication server of a real Synapse, behind nginx (see matrix_stack.py): the
scenarios of issue 4's "Done when", driven by matrix-nio where a client library applies.

Needs, besides the server: the homeserver connection and job worker (provisioning, device upserts
and deletions, retries) and the compatibility layer (`/_matrix/client/v3/login`, logout, refresh,
`sesame manage issue-compatibility-token`). Each test names what it relies on."""
import asyncio
import re
import secrets
import subprocess
from urllib.parse import quote

import requests
from authlib.integrations.requests_client import OAuth2Session
from nio import AsyncClient, LoginResponse, LogoutResponse, RoomCreateResponse, RoomSendResponse, WhoamiResponse

from browser import Browser, redirect_parameters
from conftest import BINARY, csrf_from
from matrix_stack import PASSWORD, matrix_stack, wait_until  # noqa: F401 (matrix_stack is a fixture)

REDIRECT = "http://127.0.0.1:9/callback"


def run(coroutine):
    return asyncio.run(coroutine)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def oauth_login(stack, localpart: str, device_id: str) -> dict:
    """A native app's authorization code + PKCE login through the proxy, asking for `device_id`."""
    registration = requests.post(stack.url("oauth2/registration"), json={
        "client_name": "E2E Matrix app", "client_uri": "https://e2e.example.com/", "application_type": "native",
        "redirect_uris": [REDIRECT], "grant_types": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_method": "none", "response_types": ["code"]})
    assert registration.status_code == 201, registration.text
    client_id = registration.json()["client_id"]
    oauth = OAuth2Session(client_id, redirect_uri=REDIRECT, code_challenge_method="S256", token_endpoint_auth_method="none",
                          scope=f"openid urn:matrix:client:api:* urn:matrix:client:device:{device_id}")
    verifier = secrets.token_urlsafe(48)
    url, state = oauth.create_authorization_url(stack.url("authorize"), code_verifier=verifier)
    browser = Browser(stack)
    page = browser.go(url)
    if 'name="password"' in page.text:
        page = browser.submit(page, {"username": localpart, "password": PASSWORD})
    if 'value="approve"' in page.text:
        page = browser.submit(page, {"action": "approve"})
    params = redirect_parameters(page)
    assert params["state"] == state
    token = oauth.fetch_token(stack.url("oauth2/token"), code=params["code"], code_verifier=verifier)
    token["client_id"] = client_id
    return token


def own_devices(stack, access_token: str) -> set:
    response = requests.get(stack.url("_matrix/client/v3/devices"), headers=bearer(access_token), timeout=10)
    assert response.status_code == 200, response.text
    return {device["device_id"] for device in response.json()["devices"]}


def test_doctor_passes_on_the_working_stack(matrix_stack):
    """Needs: compat /login (its flows show Sesame answers)."""
    result = subprocess.run([str(BINARY), "doctor", "--config", str(matrix_stack.config)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✗" not in result.stdout and result.stdout.count("✓") == 6, result.stdout


def test_password_login_through_the_proxy_then_logout_refuses_the_token(matrix_stack):
    """Needs: provisioning on registration, compat login and logout, device sync on logout."""
    matrix_stack.register_user("pat")
    matrix_stack.wait_for_provisioning("pat")

    async def scenario():
        # matrix-nio joins paths with a leading slash: give it the base without the trailing one.
        client = AsyncClient(matrix_stack.base.rstrip("/"), matrix_stack.mxid("pat"))
        try:
            login = await client.login(PASSWORD, device_name="nio e2e")
            assert isinstance(login, LoginResponse), login
            assert login.access_token.startswith("mct_")
            whoami = await client.whoami()
            assert isinstance(whoami, WhoamiResponse), whoami
            assert whoami.user_id == matrix_stack.mxid("pat") and whoami.device_id == login.device_id
            room = await client.room_create(name="e2e room")
            assert isinstance(room, RoomCreateResponse), room
            sent = await client.room_send(room.room_id, "m.room.message", {"msgtype": "m.text", "body": "hello from nio"})
            assert isinstance(sent, RoomSendResponse), sent
            token = client.access_token
            logout = await client.logout()
            assert isinstance(logout, LogoutResponse), logout
            return token
        finally:
            await client.close()

    old_token = run(scenario())

    def refused():
        response = matrix_stack.whoami(old_token)
        return response.status_code == 401 and response.json()["errcode"] == "M_UNKNOWN_TOKEN"
    wait_until(refused, 15, what="the logged-out token to be refused by Synapse")


def test_oauth_login_with_a_device_scope_then_revocation_removes_the_device(matrix_stack):
    """Needs: provisioning, device upsert before the token is returned, device sync on revocation."""
    matrix_stack.register_user("olga")
    matrix_stack.wait_for_provisioning("olga")
    token = oauth_login(matrix_stack, "olga", "OAUTHDEV1")
    whoami = matrix_stack.whoami(token["access_token"])
    assert whoami.status_code == 200, whoami.text
    assert whoami.json()["user_id"] == matrix_stack.mxid("olga") and whoami.json()["device_id"] == "OAUTHDEV1"

    # A second session of the same user watches the device list from Synapse's side.
    watcher = oauth_login(matrix_stack, "olga", "WATCHDEV")
    assert "OAUTHDEV1" in own_devices(matrix_stack, watcher["access_token"])

    revoked = requests.post(matrix_stack.url("oauth2/revoke"), data={
        "token": token["refresh_token"], "token_type_hint": "refresh_token", "client_id": token["client_id"]})
    assert revoked.status_code == 200, revoked.text
    wait_until(lambda: "OAUTHDEV1" not in own_devices(matrix_stack, watcher["access_token"]), 20,
               what="the revoked session's device to be deleted from Synapse")
    assert matrix_stack.whoami(token["access_token"]).status_code == 401


def test_registered_user_appears_with_a_display_name_and_locking_ends_their_tokens(matrix_stack):
    """Needs: provisioning on registration, device upsert for the password grant, introspection
    answering inactive for locked users."""
    matrix_stack.register_user("lena")
    profile = matrix_stack.wait_for_provisioning("lena")
    assert profile.get("displayname"), profile

    used = matrix_stack.password_grant("lena", "LENAUSED")["access_token"]
    assert matrix_stack.whoami(used).status_code == 200
    # Synapse caches an introspection answer for 2 minutes: this token is only shown to it after the lock.
    fresh = matrix_stack.password_grant("lena", "LENAFRESH")["access_token"]

    matrix_stack.sesame("manage", "lock-user", "lena")

    refused = matrix_stack.whoami(fresh)
    assert refused.status_code == 401, refused.text
    assert refused.json()["errcode"] == "M_UNKNOWN_TOKEN"


def test_cli_admin_token_lists_users_and_a_plain_token_gets_403(matrix_stack):
    """Needs: `sesame manage issue-compatibility-token` (compat layer), provisioning, and
    introspection granting `urn:synapse:admin:*` to the admin token."""
    matrix_stack.register_user("root")
    matrix_stack.register_user("mallory")
    matrix_stack.wait_for_provisioning("root")
    matrix_stack.wait_for_provisioning("mallory")
    admin = matrix_stack.compat_token("root", "ADMINCLI", admin=True)
    plain = matrix_stack.compat_token("mallory", "PLAINCLI")

    listed = wait_until(lambda: (r := requests.get(matrix_stack.url("_synapse/admin/v2/users?guests=false"), headers=bearer(admin))).status_code == 200 and r,
                        15, what="the admin token to list users")
    names = {user["name"] for user in listed.json()["users"]}
    assert {matrix_stack.mxid("root"), matrix_stack.mxid("mallory")} <= names

    user = requests.get(matrix_stack.url(f"_synapse/admin/v2/users/{quote(matrix_stack.mxid('mallory'))}"), headers=bearer(admin))
    assert user.status_code == 200 and user.json()["displayname"], user.text

    forbidden = requests.get(matrix_stack.url("_synapse/admin/v2/users?guests=false"), headers=bearer(plain))
    assert forbidden.status_code == 403, forbidden.text
    assert forbidden.json()["errcode"] == "M_FORBIDDEN"


def test_display_name_changed_on_the_account_page_reaches_synapse(matrix_stack):
    """Needs: the account page's display-name form, and the job that pushes the name to Synapse
    (`set_displayname`, or `unset_displayname` when cleared)."""
    matrix_stack.register_user("nadia")
    matrix_stack.wait_for_provisioning("nadia")
    browser = Browser(matrix_stack)
    login = browser.go(matrix_stack.url("login"))
    browser.submit(login, {"username": "nadia", "password": PASSWORD})
    account = browser.go(matrix_stack.url("account/"))
    assert account.status_code == 200, account.text[:500]
    saved = browser.go(matrix_stack.url("account/display-name"), data={"csrf": csrf_from(account.text), "display_name": "Nadia N."})
    assert saved.status_code == 200 and "Nadia N." in saved.text, saved.text[:500]
    wait_until(lambda: (matrix_stack.synapse_profile("nadia") or {}).get("displayname") == "Nadia N.", 20,
               what="Synapse to show the new display name")


def test_shared_secret_endpoints_are_not_public(matrix_stack):
    """The proxy keeps /_synapse/mas/* private: only Sesame, at matrix.endpoint, calls it."""
    response = requests.get(matrix_stack.url("_synapse/mas/is_localpart_available?localpart=x"), headers=bearer(matrix_stack.secret))
    assert response.status_code == 403


def test_provisioning_waits_for_synapse_and_succeeds_once_it_is_back(matrix_stack):
    """Needs: the job queue's retries with backoff. Runs last: it restarts Synapse."""
    matrix_stack.stop("synapse")
    try:
        matrix_stack.register_user("dora")
    finally:
        matrix_stack.start_synapse()
    profile = matrix_stack.wait_for_provisioning("dora", timeout=60)
    assert profile.get("displayname"), profile
