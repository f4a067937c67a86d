#!/usr/bin/env python3
"""Seeds a running Sesame for `make bench` through its public endpoints (standard library only).

usage: seed.py BASE_URL OUT_DIR SESSIONS CODES

Writes into OUT_DIR, one value a line:
  access.txt   access tokens of user sessions (password grant of the bot client)
  refresh.txt  the refresh tokens of those sessions (each is valid once: rotation)
  codes.txt    authorization codes for the confidential client (each is valid once)
  unknown.txt  well-formed tokens with a valid checksum that are not in the database
"""
import base64
import hashlib
import html
import json
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

CODE_ID, CODE_SECRET = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EH", "bench-code-secret"
BOT_ID, BOT_SECRET = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EG", "bench-bot-secret"
USERNAME, PASSWORD = "alice", "correct horse battery staple"
REDIRECT = "http://127.0.0.1:9/callback"
VERIFIER = "bench-pkce-verifier-" + "x" * 40
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_form(base, path, fields, auth=None):
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(fields).encode())
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode())
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def password_session(base, _):
    return post_form(base, "oauth2/token", {
        "grant_type": "password", "username": USERNAME, "password": PASSWORD,
        "scope": "urn:matrix:client:api:*", "client_id": BOT_ID, "client_secret": BOT_SECRET})


def checksum(body):
    number, digits = zlib.crc32(body.encode()), ""
    while number > 0:
        digits += ALPHABET[number % 62]
        number //= 62
    return digits.rjust(6, "0")


def unknown_token():
    body = "mat_" + "".join(secrets.choice(ALPHABET) for _ in range(30))
    return f"{body}_{checksum(body)}"


class Browser:
    """Just enough of a browser to walk /authorize through login and consent."""
    FORM = re.compile(r'<form method="post" action="([^"]+)"')
    HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)

    def open(self, url, data=None):
        """Follows redirects that stay on Sesame; returns (status, location, body)."""
        while True:
            try:
                encoded = urllib.parse.urlencode(data).encode() if data is not None else None
                with self.opener.open(url, data=encoded, timeout=30) as response:
                    return response.status, None, response.read().decode()
            except urllib.error.HTTPError as error:
                if error.code not in (301, 302, 303, 307):
                    return error.code, None, error.read().decode()
                location = urllib.parse.urljoin(url, error.headers["Location"])
                if not location.startswith(self.base):
                    return error.code, location, ""
                url, data = location, None

    def submit(self, url, page, fields):
        action = self.FORM.search(page)
        form = page[action.start():]
        form = form[:form.find("</form>")]
        data = {name: html.unescape(value) for name, value in self.HIDDEN.findall(form)}
        data.update(fields)
        return self.open(urllib.parse.urljoin(url, html.unescape(action.group(1))), data)

    def code(self):
        challenge = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=").decode()
        url = self.base + "authorize?" + urllib.parse.urlencode({
            "response_type": "code", "client_id": CODE_ID, "redirect_uri": REDIRECT,
            "scope": "openid urn:matrix:client:api:*", "state": secrets.token_hex(8),
            "code_challenge": challenge, "code_challenge_method": "S256"})
        status, location, page = self.open(url)
        if location is None and 'name="password"' in page:
            status, location, page = self.submit(url, page, {"username": USERNAME, "password": PASSWORD})
        if location is None and 'value="approve"' in page:
            status, location, page = self.submit(url, page, {"action": "approve"})
        if location is None:
            raise RuntimeError(f"no redirect to the client ({status}): {page[:300]}")
        return urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["code"][0]


def main():
    base, out, sessions, codes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    started = time.time()
    with ThreadPoolExecutor(4) as pool:
        grants = list(pool.map(lambda i: password_session(base, i), range(sessions)))
    with open(f"{out}/access.txt", "w") as f:
        f.writelines(g["access_token"] + "\n" for g in grants)
    with open(f"{out}/refresh.txt", "w") as f:
        f.writelines(g["refresh_token"] + "\n" for g in grants)
    with open(f"{out}/unknown.txt", "w") as f:
        f.writelines(unknown_token() + "\n" for _ in range(1000))
    print(f"seeded {len(grants)} password-grant sessions in {time.time() - started:.1f}s", file=sys.stderr)

    started, made = time.time(), []
    browsers = [Browser(base) for _ in range(4)]
    try:
        browsers[0].code()  # logs in and consents once; later requests reuse the session cookie
        for b in browsers[1:]:
            b.code()

        deadline = time.time() + 45  # bounded: the exchange run only needs a few seconds' worth

        def batch(b):
            made = []
            while len(made) < codes // len(browsers) and time.time() < deadline:
                made.append(b.code())
            return made

        with ThreadPoolExecutor(len(browsers)) as pool:
            for chunk in pool.map(batch, browsers):
                made.extend(chunk)
    except Exception as error:  # report, and let the bench mark the exchange as not measured
        print(f"authorization codes: {error}", file=sys.stderr)
    with open(f"{out}/codes.txt", "w") as f:
        f.writelines(c + "\n" for c in made)
    print(f"seeded {len(made)} authorization codes in {time.time() - started:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
