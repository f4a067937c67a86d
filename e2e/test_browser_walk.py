"""Issue 5's walk in a real browser: headless Chromium (Selenium) against a running Sesame that sends
its mail over SMTP to a sink on loopback. Register → read the code from the mail → verify → log out →
log in through an OAuth authorization request → consent → back at the client with a code → open
/account/ → see that session → end it → the token is inactive. Also: password recovery by the mailed
link, a POST without its CSRF field refused, and five wrong passwords hitting the rate limit."""
import re
import tempfile
from pathlib import Path

import requests

import pytest
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from browser import MailSink, OAuthClientStandIn, chrome, introspect, start_mailing_server

NEW_USER = "carol"
NEW_EMAIL = "carol@example.com"
NEW_PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture(scope="module")
def sink():
    sink = MailSink()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def site(sink):
    server = start_mailing_server(Path(tempfile.mkdtemp(prefix="sesame-browser-")), sink.port)
    yield server
    server.stop()


@pytest.fixture
def driver():
    driver = chrome()
    yield driver
    driver.quit()


# --- What a person does ---

def field(driver, name):
    return driver.find_element(By.NAME, name)


def fill(driver, **values):
    for name, value in values.items():
        element = field(driver, name)
        element.clear()
        element.send_keys(value)


def navigating(driver, action):
    """Runs `action` (a click or submit) and waits until the browser has loaded the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()

    def left(_):
        # Stale once the page changed; chromedriver sometimes reports that as a generic
        # "Node with given id does not belong to the document" instead of a stale reference.
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(driver, 15).until(left)
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def click(driver, element):
    navigating(driver, element.click)


def press(driver, label: str):
    """Clicks the visible button whose text is `label` (case-insensitive, trimmed) and waits for the next page."""
    for button in driver.find_elements(By.CSS_SELECTOR, "button, input[type=submit], a.button"):
        if button.is_displayed() and button.text.strip().lower() == label.lower():
            click(driver, button)
            return
    labels = [b.text.strip() for b in driver.find_elements(By.CSS_SELECTOR, "button, a.button")]
    raise AssertionError(f"no button {label!r} on {driver.current_url}; buttons: {labels}")


def heading(driver) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text


def page_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def require_page(driver, path: str, feature: str):
    """Opens `path`; skips the test naming `feature` when the server does not serve it yet."""
    driver.get(path)
    if "Not Found" in driver.page_source[:400] or driver.find_elements(By.TAG_NAME, "h1") == []:
        pytest.skip(f"missing: {feature}")


def sign_out(driver):
    press(driver, "Sign out")
    # The sign-out page asks to confirm when reached by GET; by the header's form it signs out at once.
    if "/logout" in driver.current_url and driver.find_elements(By.CSS_SELECTOR, "main form button"):
        click(driver, driver.find_element(By.CSS_SELECTOR, "main form button"))


def sign_in(driver, username, password):
    fill(driver, username=username, password=password)
    press(driver, "Sign in")


# --- The walk ---

def register_with_email_code(driver, site, sink):
    require_page(driver, site.url("register"), "registration page")
    if not driver.find_elements(By.NAME, "email"):
        pytest.skip("missing: registration with an email address (email field on /register)")
    before = sink.count()
    fill(driver, username=NEW_USER, email=NEW_EMAIL, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)
    for checkbox in driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox]"):
        if not checkbox.is_selected():
            checkbox.click()
    press(driver, "Create account")
    mail = sink.wait_for(NEW_EMAIL, after=before)
    code = re.search(r"\b(\d{6})\b", mail)
    assert code, "no 6-digit code in the mail:\n" + mail
    fill(driver, code=code.group(1))
    navigating(driver, field(driver, "code").submit)


def test_register_verify_authorize_consent_and_end_the_session(driver, site, sink):
    register_with_email_code(driver, site, sink)
    # Signed in as the new user: the header says so.
    assert f"Signed in as {NEW_USER}" in page_text(driver), page_text(driver)
    sign_out(driver)
    assert "Signed in as" not in page_text(driver)

    # A client sends the browser to /authorize; Sesame asks to sign in, then for consent.
    client = OAuthClientStandIn(site)
    driver.get(client.authorization_url())
    assert heading(driver) == "Sign in"
    sign_in(driver, NEW_USER, NEW_PASSWORD)
    assert "Browser Test App" in page_text(driver), page_text(driver)
    assert "Access your Matrix account" in page_text(driver)
    click(driver, driver.find_element(By.CSS_SELECTOR, "button[value=approve]"))

    # Back at the client (nothing listens there): the code is in the address bar.
    code = client.code_from(driver.current_url)
    tokens = client.exchange(code)
    assert introspect(site, tokens["access_token"])["active"] is True

    # The account page lists that session; ending it makes the token inactive.
    require_page(driver, site.url("account/"), "account overview at /account/")
    require_page(driver, site.url("account/sessions"), "session list at /account/sessions")
    sessions = driver.find_elements(By.CSS_SELECTOR, "ul.sessions li")
    ours = [item for item in sessions if "Browser Test App" in item.text]
    assert ours, "the OAuth session is not listed:\n" + page_text(driver)
    click(driver, ours[0].find_element(By.TAG_NAME, "button"))
    if "/end" in driver.current_url and driver.find_elements(By.CSS_SELECTOR, "form.actions button[type=submit]"):
        # Asked to confirm first.
        click(driver, driver.find_element(By.CSS_SELECTOR, "form.actions button[type=submit]"))
    assert "Browser Test App" not in " ".join(i.text for i in driver.find_elements(By.CSS_SELECTOR, "ul.sessions li"))
    assert introspect(site, tokens["access_token"]) == {"active": False}


def test_password_recovery_by_mailed_link(driver, site, sink):
    require_page(driver, site.url("login"), "login page")
    links = [a for a in driver.find_elements(By.TAG_NAME, "a") if "forgot" in a.text.lower() or "recover" in a.get_attribute("href")]
    if not links:
        pytest.skip("missing: password recovery link on the login page")
    click(driver, links[0])
    recovery_start = driver.current_url
    # An address nobody has gets the same answer as a real one: the page reveals no accounts.
    fill(driver, email="nobody@example.com")
    navigating(driver, field(driver, "email").submit)
    answer_for_nobody = page_text(driver).replace("nobody@example.com", "ADDRESS")
    driver.get(recovery_start)
    before = sink.count()
    fill(driver, email="alice@example.com")
    navigating(driver, field(driver, "email").submit)
    assert page_text(driver).replace("alice@example.com", "ADDRESS") == answer_for_nobody
    mail = sink.wait_for("alice@example.com", after=before)
    link = re.search(re.escape(site.base) + r"\S+", mail)
    assert link, "no link to Sesame in the recovery mail:\n" + mail
    driver.get(link.group(0).rstrip(".>)\""))
    new_password = "recovered and much longer passphrase 7"
    fill(driver, password=new_password, password_confirm=new_password)
    navigating(driver, field(driver, "password").submit)
    # The link works once.
    driver.get(link.group(0).rstrip(".>)\""))
    assert not driver.find_elements(By.NAME, "password_confirm"), "the recovery link worked twice"
    # The new password signs in.
    driver.delete_all_cookies()
    driver.get(site.url("login"))
    sign_in(driver, "alice", new_password)
    assert "Signed in as alice" in page_text(driver), page_text(driver)


def test_post_without_csrf_is_refused(driver, site):
    driver.get(site.url("login"))
    # The person's browser submits the form, but without the hidden CSRF field (as a forged form would).
    driver.execute_script("document.querySelector('input[name=csrf]').remove()")
    sign_in(driver, "alice", "whatever it is")
    assert heading(driver) == "This form has expired"
    assert "Signed in as" not in page_text(driver)


def test_five_wrong_passwords_hit_the_rate_limit(driver, site):
    # dave exists (see start_mailing_server); the server allows five wrong passwords per account.
    driver.get(site.url("login"))
    for attempt in range(5):
        sign_in(driver, "dave", f"wrong guess {attempt}")
        assert "Invalid username or password" in page_text(driver), page_text(driver)
    sign_in(driver, "dave", "one more guess")
    assert heading(driver) == "Too many attempts"
    assert re.search(r"try again in (a minute|\d+ minutes)", page_text(driver)), page_text(driver)
    # The Matrix compat /login draws from the same buckets: it refuses dave too, the Matrix way.
    compat = requests.post(site.url("_matrix/client/v3/login"), json={
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": "dave"}, "password": "a guess"})
    assert compat.status_code == 429, compat.text
    assert compat.json()["errcode"] == "M_LIMIT_EXCEEDED"
    assert compat.json()["retry_after_ms"] > 0


class FramingPage:
    """Another site on loopback (its own port, so its own origin) whose page frames `target`."""

    def __init__(self, target: str):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        import threading
        body = f"<!doctype html><iframe id=f src='{target}' width=600 height=400></iframe>".encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def frame_text(self, driver) -> str:
        """Opens the page and returns what its frame shows once it has finished loading."""
        driver.get(self.url)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "f"))
        driver.switch_to.frame(driver.find_element(By.ID, "f"))
        try:
            WebDriverWait(driver, 10).until(lambda d: d.execute_script(
                "return document.readyState === 'complete' && location.href !== 'about:blank'"))
            return driver.find_element(By.TAG_NAME, "body").text
        finally:
            driver.switch_to.default_content()

    def stop(self):
        self.httpd.shutdown()


def test_pages_refuse_to_be_framed(driver, site):
    # A clickjacking page on another origin tries to show the login form in a frame; Chromium obeys
    # X-Frame-Options / frame-ancestors and shows nothing. The same page framing /health (an API
    # answer without those headers) does show it, so the refusal is Sesame's pages' doing.
    login, health = FramingPage(site.url("login")), FramingPage(site.url("health"))
    try:
        assert "status" in health.frame_text(driver)
        assert "Sign in" not in login.frame_text(driver)
        driver.switch_to.frame(driver.find_element(By.ID, "f"))
        assert not driver.find_elements(By.NAME, "password"), "the login form rendered inside another site's frame"
        driver.switch_to.default_content()
    finally:
        login.stop()
        health.stop()
