"""Registration with email verification and password recovery through a real SMTP server:
`sesame server` sends over SMTP (mode plain) to aiosmtpd on loopback; the test reads the code or
the link out of the mail that arrived, as a person would, and walks the pages with requests."""
import email
import email.policy
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller

from conftest import BINARY, ROOT, csrf_from, free_port

CONFIG = """
data_directory: {workdir}
http:
  public_base: {base}
  listeners:
    - name: web
      binds:
        - address: "127.0.0.1:{port}"
matrix:
  homeserver: example.com
  endpoint: http://127.0.0.1:{homeserver_port}/
  secret: e2e-matrix-shared-secret
account:
  password_registration_enabled: true
  password_recovery_enabled: true
email:
  transport: smtp
  mode: plain
  hostname: 127.0.0.1
  port: {smtp_port}
  from: '"Sesame" <sesame@example.com>'
# Several registrations and sign-ins come from 127.0.0.1 within seconds.
rate_limiting:
  registration: {{burst: 20, per_second: 1}}
  login:
    per_ip: {{burst: 20, per_second: 1}}
    per_account: {{burst: 20, per_second: 1}}
"""


class Inbox:
    """aiosmtpd handler keeping every mail, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 2.0.0 accepted"

    def wait_for(self, address: str, count: int = 1, timeout: float = 10):
        """The `count`-th mail to `address` (1-based), waiting for it to arrive."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            matching = [m for m in self.messages if address in str(m["To"])]
            if len(matching) >= count:
                return matching[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no mail #{count} to {address}; got {[str(m['To']) for m in self.messages]}")


def text_body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture(scope="module")
def mail_stack():
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    workdir = Path(tempfile.mkdtemp(prefix="sesame-e2e-email-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    homeserver_port = free_port()
    homeserver = subprocess.Popen([sys.executable, str(ROOT / "bench" / "fake_homeserver.py"), str(homeserver_port)])
    config = workdir / "sesame.yaml"
    config.write_text(CONFIG.format(workdir=workdir, base=base, port=port, homeserver_port=homeserver_port, smtp_port=smtp_port))
    log = workdir / "server.log"
    process = subprocess.Popen([str(BINARY), "server", "-c", str(config)], stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 30
        while True:
            try:
                if requests.get(base + "health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.time() > deadline or process.poll() is not None:
                raise RuntimeError("sesame did not become healthy:\n" + log.read_text())
            time.sleep(0.1)
        yield base, inbox, log
    finally:
        process.terminate()
        process.wait(timeout=15)
        homeserver.kill()
        homeserver.wait(timeout=5)
        controller.stop()


def sign_in(base: str, username: str, password: str) -> requests.Response:
    browser = requests.Session()
    page = browser.get(base + "login")
    return browser.post(base + "login", data={"csrf": csrf_from(page.text), "username": username, "password": password},
                        allow_redirects=False)


def register(base: str, inbox: Inbox, username: str, address: str, password: str) -> requests.Session:
    """Walks registration up to the signed-in browser: form, code from the mail, verification."""
    browser = requests.Session()
    form = browser.get(base + "register")
    assert 'name="email"' in form.text, "with an SMTP transport registration asks for an address"
    sent = browser.post(base + "register", allow_redirects=False, data={
        "csrf": csrf_from(form.text), "username": username, "email": address,
        "password": password, "password_confirm": password,
    })
    assert sent.status_code == 303, sent.text
    verify_path = sent.headers["Location"]
    assert verify_path.startswith("/verify-email/")
    mail = inbox.wait_for(address)
    code = re.search(r"\b(\d{6})\b", text_body(mail)).group(1)
    assert code in mail["Subject"]
    assert "creating an account" in text_body(mail)
    assert code in mail.get_body(preferencelist=("html",)).get_content()
    page = browser.get(base + verify_path.lstrip("/"))
    assert address in page.text
    verified = browser.post(base + verify_path.lstrip("/"), data={"csrf": csrf_from(page.text), "code": code}, allow_redirects=False)
    assert verified.status_code == 303, verified.text
    return browser


def test_register_with_the_code_from_the_mail(mail_stack):
    base, inbox, log = mail_stack
    browser = register(base, inbox, "carol", "carol@example.org", "a long and unusual passphrase")
    assert "You are signed in as carol" in browser.get(base + "login").text
    emails = browser.get(base + "account/emails")
    assert "carol@example.org" in emails.text and "Verified" in emails.text
    assert "a long and unusual passphrase" not in log.read_text(), "the password must never be logged"


def test_a_wrong_code_is_answered_on_the_page(mail_stack):
    base, inbox, _ = mail_stack
    browser = requests.Session()
    form = browser.get(base + "register")
    sent = browser.post(base + "register", allow_redirects=False, data={
        "csrf": csrf_from(form.text), "username": "dora", "email": "dora@example.org",
        "password": "another fine passphrase", "password_confirm": "another fine passphrase",
    })
    path = sent.headers["Location"].lstrip("/")
    code = re.search(r"\b(\d{6})\b", text_body(inbox.wait_for("dora@example.org"))).group(1)
    wrong = "000000" if code != "000000" else "111111"
    page = browser.get(base + path)
    refused = browser.post(base + path, data={"csrf": csrf_from(page.text), "code": wrong}, allow_redirects=False)
    assert refused.status_code == 400
    assert "That code is not right" in refused.text
    assert sign_in(base, "dora", "another fine passphrase").status_code == 400, "no account before the right code"


def test_recover_a_password_with_the_link_from_the_mail(mail_stack):
    base, inbox, log = mail_stack
    register(base, inbox, "erin", "erin@example.org", "my first fine passphrase")
    browser = requests.Session()
    form = browser.get(base + "recover")
    asked = browser.post(base + "recover", data={"csrf": csrf_from(form.text), "email": "erin@example.org"})
    assert "If an account uses erin@example.org" in asked.text
    mail = inbox.wait_for("erin@example.org", count=2)
    link = re.search(r"(http://\S+/recover/[A-Za-z0-9]+)", text_body(mail)).group(1)
    assert link.startswith(base)
    assert link.split("/recover/")[1] not in log.read_text(), "the recovery link must never be logged"

    page = browser.get(link)
    assert "Choose a new password for erin" in page.text
    done = browser.post(link, data={"csrf": csrf_from(page.text), "password": "my second fine passphrase",
                                    "password_confirm": "my second fine passphrase"})
    assert "Your password was changed" in done.text

    assert sign_in(base, "erin", "my second fine passphrase").status_code == 303
    assert sign_in(base, "erin", "my first fine passphrase").status_code == 400
    assert "This link was already used" in browser.get(link).text


def test_recovery_for_an_unknown_address_looks_the_same_and_sends_nothing(mail_stack):
    base, inbox, _ = mail_stack
    before = len(inbox.messages)
    browser = requests.Session()
    form = browser.get(base + "recover")
    asked = browser.post(base + "recover", data={"csrf": csrf_from(form.text), "email": "nobody@example.org"})
    assert asked.status_code == 200
    assert "If an account uses nobody@example.org" in asked.text
    time.sleep(0.5)
    assert len(inbox.messages) == before


def test_without_a_mail_transport_registration_needs_no_address(server):
    """The shared e2e server has no `email` section (blackhole): MAS would require an address, which
    could never be verified; Sesame creates the account at once instead."""
    browser = requests.Session()
    form = browser.get(server.url("register"))
    assert 'name="email"' not in form.text
    created = browser.post(server.url("register"), allow_redirects=False, data={
        "csrf": csrf_from(form.text), "username": "no-mail-user",
        "password": "a long and unusual passphrase", "password_confirm": "a long and unusual passphrase",
    })
    assert created.status_code == 303, created.text
    assert "You are signed in as no-mail-user" in browser.get(server.url("login")).text
