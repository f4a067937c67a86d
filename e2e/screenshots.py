"""Takes a screenshot of every page Sesame shows a person, at desktop (1280 px) and phone (390 px)
width, into docs/screenshots/. Starts its own server (mail to an SMTP sink on loopback) and walks
the pages the way a person would. usage: python e2e/screenshots.py [OUTPUT_DIR]"""
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from selenium.webdriver.common.by import By  # noqa: E402

from browser import DESKTOP, PHONE, MailSink, OAuthClientStandIn, chrome, start_mailing_server  # noqa: E402
from conftest import ROOT  # noqa: E402
from test_browser_walk import NEW_PASSWORD, click, fill, field, heading, navigating, press, sign_in  # noqa: E402


def shoot(driver, folder: Path, name: str, width: str):
    driver.execute_script("window.scrollTo(0, 0)")
    path = folder / f"{name}-{width}.png"
    driver.save_screenshot(str(path))
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  ({heading(driver)})")


def walk(server, sink, folder: Path, size, width: str):
    driver = chrome(size)
    try:
        driver.get(server.url("login"))
        shoot(driver, folder, "login", width)
        driver.get(server.url("register"))
        shoot(driver, folder, "register", width)

        # Registration leads to the email code page.
        username = f"erin{width}"
        address = f"{username}@example.com"
        before = sink.count()
        fill(driver, username=username, email=address, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD)
        for checkbox in driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox]"):
            if not checkbox.is_selected():
                checkbox.click()
        press(driver, "Create account")
        shoot(driver, folder, "email-code", width)
        code = re.search(r"\b(\d{6})\b", sink.wait_for(address, after=before)).group(1)
        fill(driver, code=code)
        navigating(driver, field(driver, "code").submit)

        client = OAuthClientStandIn(server, name="Element")
        driver.get(client.authorization_url())
        shoot(driver, folder, "consent", width)
        click(driver, driver.find_element(By.CSS_SELECTOR, "button[value=approve]"))
        client.exchange(client.code_from(driver.current_url))

        driver.get(server.url("link"))
        shoot(driver, folder, "device-link", width)
        for name, path in [("account", "account/"), ("sessions", "account/sessions"), ("emails", "account/emails"),
                           ("password", "account/password"), ("tokens", "account/tokens"),
                           ("deactivate", "account/deactivate")]:
            driver.get(server.url(path))
            shoot(driver, folder, name, width)

        driver.delete_all_cookies()
        driver.get(server.url("recover"))
        shoot(driver, folder, "recovery", width)
        driver.get(server.url("authorize?client_id=nobody"))
        shoot(driver, folder, "error", width)

        driver.get(server.url("login"))
        for attempt in range(7):
            sign_in(driver, "dave", f"wrong guess {attempt}")
            if heading(driver) == "Too many attempts":
                break
        shoot(driver, folder, "rate-limited", width)
    finally:
        driver.quit()


def main():
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    sink = MailSink()
    server = start_mailing_server(Path(tempfile.mkdtemp(prefix="sesame-screenshots-")), sink.port)
    try:
        for size, width in [(DESKTOP, "desktop"), (PHONE, "phone")]:
            walk(server, sink, folder, size, width)
    finally:
        server.stop()
        sink.stop()


if __name__ == "__main__":
    main()
