"""The account pages at /account/ driven with `requests` against a running server: sign in, see
the sessions, end one and watch its token turn inactive at /oauth2/introspect; personal tokens;
activity written at shutdown."""
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
import requests

from conftest import (BOT_ID, BOT_SECRET, CONFIDENTIAL_ID, CONFIDENTIAL_SECRET, PASSWORD, USERNAME, csrf_from,
                      start_server)


def introspect(server, token):
    response = requests.post(server.url("oauth2/introspect"), data={"token": token}, auth=(CONFIDENTIAL_ID, CONFIDENTIAL_SECRET))
    assert response.status_code == 200, response.text
    return response.json()


def signed_in(server) -> requests.Session:
    """A browser signed in as alice through the login page, starting from /account/."""
    browser = requests.Session()
    login = browser.get(server.url("account/"))
    assert "/login" in login.url
    page = browser.post(server.url("login"), data={
        "csrf": csrf_from(login.text), "username": USERNAME, "password": PASSWORD,
        "next": re.search(r'name="next" value="([^"]*)"', login.text).group(1).replace("&#x2F;", "/").replace("&#47;", "/"),
    })
    assert page.status_code == 200, page.text[:2000]
    assert page.url == server.url("account/"), page.url
    assert f"@{USERNAME}:example.com" in page.text
    return browser


def oauth_token_with_device(server, device: str) -> str:
    """An OAuth access token for alice holding Matrix device `device` (the bot client's password grant)."""
    response = requests.post(server.url("oauth2/token"), data={
        "grant_type": "password", "username": USERNAME, "password": PASSWORD, "client_id": BOT_ID, "client_secret": BOT_SECRET,
        "scope": f"urn:matrix:client:api:* urn:matrix:client:device:{device}",
    })
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def compat_token(server, device: str) -> str:
    """A legacy Matrix login (`mct_` token) for alice on `device`."""
    response = requests.post(server.url("_matrix/client/v3/login"), json={
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": USERNAME}, "password": PASSWORD, "device_id": device,
    })
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def test_account_overview_needs_sign_in_and_links_everywhere(server):
    browser = signed_in(server)
    page = browser.get(server.url("account/"))
    for link in ("/account/emails", "/account/password", "/account/sessions", "/account/tokens", "/account/deactivate"):
        assert f'href="{link}"' in page.text


def test_end_an_oauth_session_from_the_sessions_page(server):
    token = oauth_token_with_device(server, "E2EPHONE")
    assert introspect(server, token)["active"] is True
    browser = signed_in(server)
    sessions = browser.get(server.url("account/sessions"))
    assert "E2EPHONE" in sessions.text and "this browser" in sessions.text
    # The MSC4191 link a Matrix client would open lands on the confirmation for that device.
    confirm = browser.get(server.url("account/?action=org.matrix.device_delete&device_id=E2EPHONE"))
    assert re.search(r"/account/sessions/[0-9A-Z]{26}/end$", confirm.url), confirm.url
    ended = browser.post(confirm.url, data={"csrf": csrf_from(confirm.text)})
    assert ended.status_code == 200 and ended.url == server.url("account/sessions")
    assert "E2EPHONE" not in ended.text
    assert introspect(server, token) == {"active": False}


def test_end_a_compat_session_from_the_list(server):
    token = compat_token(server, "E2ELAPTOP")
    assert introspect(server, token)["active"] is True
    browser = signed_in(server)
    sessions = browser.get(server.url("account/sessions")).text
    # The End form that follows the device's entry.
    entry = sessions[sessions.index("E2ELAPTOP"):]
    action = re.search(r'<form method="post" action="(/account/sessions/[0-9A-Z]{26}/end)">', entry).group(1)
    ended = browser.post(server.url(action), data={"csrf": csrf_from(sessions)})
    assert ended.status_code == 200
    assert introspect(server, token) == {"active": False}


def test_ending_without_csrf_is_refused(server):
    token = oauth_token_with_device(server, "E2ETABLET")
    browser = signed_in(server)
    confirm = browser.get(server.url("account/?action=org.matrix.session_end&device_id=E2ETABLET"))
    refused = browser.post(confirm.url, data={})
    assert refused.status_code == 403
    assert introspect(server, token)["active"] is True


def test_personal_token_created_used_and_revoked(server):
    browser = signed_in(server)
    page = browser.get(server.url("account/tokens"))
    created = browser.post(server.url("account/tokens"), data={
        "csrf": csrf_from(page.text), "name": "e2e bot", "scope": "matrix", "expiry": "1d"})
    assert created.status_code == 200
    token = re.search(r'id="token">(mpt_[A-Za-z0-9_]+)<', created.text).group(1)
    answer = introspect(server, token)
    assert answer["active"] is True and answer["username"] == USERNAME
    listing = browser.get(server.url("account/tokens")).text
    assert token not in listing
    entry = listing[listing.index("e2e bot"):]
    action = re.search(r'action="(/account/tokens/[0-9A-Z]{26}/revoke)"', entry).group(1)
    browser.post(server.url(action), data={"csrf": csrf_from(listing)})
    assert introspect(server, token) == {"active": False}


def test_token_use_is_written_as_last_activity_at_shutdown():
    workdir = Path(tempfile.mkdtemp(prefix="sesame-e2e-activity-"))
    server = start_server(workdir)
    try:
        token = compat_token(server, "E2EACTIVE")
        with sqlite3.connect(workdir / "sesame.db") as db:
            (created,) = db.execute("SELECT last_active_at FROM compat_sessions WHERE device_id = 'E2EACTIVE'").fetchone()
        assert introspect(server, token)["active"] is True
    finally:
        server.stop()
    with sqlite3.connect(workdir / "sesame.db") as db:
        (after,) = db.execute("SELECT last_active_at FROM compat_sessions WHERE device_id = 'E2EACTIVE'").fetchone()
    assert after is not None and after > created
