"""Browsers for the end-to-end tests. `Browser` is a person at a browser reduced to HTTP: follows
Sesame's own redirects, fills in the login and consent forms (with their CSRF fields), and stops when
Sesame sends the browser elsewhere. Below it, the pieces for a real one: headless Chromium through
Selenium, a real SMTP sink on loopback, a server that mails through it, and an OAuth client stand-in."""
import base64
import email
import email.policy
import hashlib
import html
import os
import re
import secrets
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

import requests

from conftest import PASSWORD, USERNAME, Server, csrf_from, free_port, start_server

FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)"')
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class Browser:
    def __init__(self, server):
        self.server = server
        self.session = requests.Session()

    def _is_ours(self, url: str) -> bool:
        return url.startswith(self.server.base)

    def go(self, url: str, data=None) -> requests.Response:
        """GET (or POST when data is given) and follow redirects that stay on Sesame."""
        response = self.session.post(url, data=data, allow_redirects=False) if data is not None \
            else self.session.get(url, allow_redirects=False)
        while response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if not self._is_ours(target):
                return response
            response = self.session.get(target, allow_redirects=False)
        return response

    def submit(self, page: requests.Response, fields: dict) -> requests.Response:
        """Submits the first POST form on `page` with its CSRF token and `fields`."""
        action = FORM_ACTION.search(page.text)
        assert action, "no POST form on " + page.url + ":\n" + page.text[:1500]
        form = page.text[action.start():]
        form = form[:form.find("</form>")]
        # Like a browser: every hidden field of the form (CSRF token, next, …), then what the user typed.
        data = {name: html.unescape(value) for name, value in HIDDEN_INPUT.findall(form)}
        assert data.get("csrf") == csrf_from(page.text)
        data.update(fields)
        return self.go(urljoin(page.url, html.unescape(action.group(1))), data=data)

    def authorize(self, authorization_url: str, approve: bool = True) -> requests.Response:
        """Walks an authorization request through login and consent; returns Sesame's final answer
        (a redirect to the client, or a page such as the out-of-band code)."""
        page = self.go(authorization_url)
        if page.status_code == 200 and 'name="password"' in page.text:
            page = self.submit(page, {"username": USERNAME, "password": PASSWORD})
        if page.status_code == 200 and 'value="approve"' in page.text:
            page = self.submit(page, {"action": "approve" if approve else "deny"})
        return page


def redirect_parameters(response: requests.Response) -> dict:
    """The query parameters of a redirect to the client."""
    from urllib.parse import parse_qs
    assert response.is_redirect, f"expected a redirect, got {response.status_code}: {response.text[:500]}"
    query = urlparse(response.headers["Location"]).query
    return {k: v[0] for k, v in parse_qs(query).items()}


# --- A real browser: headless Chromium driven by Selenium, a mail sink, a server that sends mail ---

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DESKTOP = (1280, 900)
PHONE = (390, 844)


def chrome(size=DESKTOP):
    """Headless Chromium from Debian's packages; Selenium Manager stays offline."""
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", f"--window-size={size[0]},{size[1]}", "--lang=en-US"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    # Chromium's windows are at least 500 px wide; emulate the exact viewport (a phone is 390 px).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size[0] < 600})
    return driver


class MailSink:
    """A real SMTP server on loopback (aiosmtpd) that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller
        self.messages = []
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def stop(self):
        self.controller.stop()

    def wait_for(self, recipient: str, after: int = 0, timeout: float = 15):
        """The text of the first message to `recipient` received after the first `after` messages."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                for tos, message in self.messages[after:]:
                    if recipient in tos:
                        part = message.get_body(preferencelist=("plain", "html"))
                        return part.get_content() if part else message.get_content()
            time.sleep(0.1)
        raise AssertionError(f"no mail to {recipient} within {timeout}s (got {len(self.messages)} messages)")

    def count(self) -> int:
        with self._lock:
            return len(self.messages)


BROWSER_CONFIG = """
email:
  from: '"Sesame" <sesame@example.com>'
  transport: smtp
  mode: plain
  hostname: 127.0.0.1
  port: {smtp_port}
rate_limiting:
  login:
    per_ip: {{burst: 100, per_second: 1}}
    per_account: {{burst: 5, per_second: 0.0014}}
  registration: {{burst: 50, per_second: 1}}
  account_recovery:
    per_ip: {{burst: 50, per_second: 1}}
    per_address: {{burst: 50, per_second: 1}}
  email_authentication:
    per_ip: {{burst: 50, per_second: 1}}
    per_address: {{burst: 50, per_second: 1}}
"""


def start_mailing_server(workdir: Path, smtp_port: int) -> Server:
    """Like conftest.start_server, with mail going over SMTP to `smtp_port`, password recovery on,
    five wrong passwords per account allowed, and users alice and dave (password PASSWORD)."""
    return start_server(workdir, account_extra="  password_recovery_enabled: true\n  email_change_allowed: true\n",
                        extra_yaml=BROWSER_CONFIG.format(smtp_port=smtp_port), users=(USERNAME, "dave"))


class OAuthClientStandIn:
    """A public OAuth client registered over RFC 7591 whose redirect URI is a loopback port nothing
    listens on: the browser stops there, and the test reads the code off `current_url`."""

    def __init__(self, server: Server, name: str = "Browser Test App"):
        self.server = server
        self.redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
        response = requests.post(server.url("oauth2/registration"), json={
            "client_name": name, "client_uri": "https://app.example.com/", "application_type": "native",
            "redirect_uris": [self.redirect_uri], "token_endpoint_auth_method": "none",
            "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
        })
        assert response.status_code == 201, response.text
        self.client_id = response.json()["client_id"]
        self.verifier = secrets.token_urlsafe(48)
        self.state = secrets.token_urlsafe(12)

    def authorization_url(self, scope: str = "openid urn:matrix:client:api:*", **extra) -> str:
        from urllib.parse import urlencode
        challenge = base64.urlsafe_b64encode(hashlib.sha256(self.verifier.encode()).digest()).rstrip(b"=").decode()
        parameters = {"response_type": "code", "client_id": self.client_id, "redirect_uri": self.redirect_uri,
                      "scope": scope, "state": self.state, "code_challenge": challenge, "code_challenge_method": "S256"}
        parameters.update(extra)
        return self.server.url("authorize") + "?" + urlencode(parameters)

    def code_from(self, url: str) -> str:
        from urllib.parse import parse_qs
        assert url.startswith(self.redirect_uri), f"the browser is not back at the client: {url}"
        query = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
        assert query.get("state") == self.state, query
        assert "code" in query, query
        return query["code"]

    def exchange(self, code: str) -> dict:
        response = requests.post(self.server.url("oauth2/token"), data={
            "grant_type": "authorization_code", "client_id": self.client_id, "code": code,
            "redirect_uri": self.redirect_uri, "code_verifier": self.verifier})
        assert response.status_code == 200, response.text
        return response.json()


MATRIX_SECRET = "e2e-matrix-shared-secret"


def introspect(server: Server, token: str) -> dict:
    """What the homeserver would learn about `token` (the Matrix shared secret authenticates)."""
    response = requests.post(server.url("oauth2/introspect"), data={"token": token},
                             headers={"Authorization": f"Bearer {MATRIX_SECRET}"})
    assert response.status_code == 200, response.text
    return response.json()
