"""Starts a real `sesame server` on a free loopback port with its own data folder, for the
end-to-end tests. The binary comes from SESAME_BIN (default: .build/debug/sesame)."""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("SESAME_BIN", ROOT / ".build" / "debug" / "sesame")).resolve()

# A confidential client declared in the config file (client credentials, introspection).
CONFIDENTIAL_ID = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EF"
CONFIDENTIAL_SECRET = "e2e-confidential-secret"
# A confidential bot client allowed the password grant.
BOT_ID = "01J7R4Z1Q2X3Y4Z5A6B7C8D9EG"
BOT_SECRET = "e2e-bot-secret"
USERNAME = "alice"
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str, process: subprocess.Popen, log: Path, homeserver: subprocess.Popen):
        self.base = base
        self.process = process
        self.log = log
        self.homeserver = homeserver

    def stop(self):
        """SIGTERM the server and wait for it, then stop its stand-in homeserver."""
        self.process.terminate()
        self.process.wait(timeout=15)
        self.homeserver.kill()
        self.homeserver.wait(timeout=5)

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")


def start_server(workdir: Path, account_extra: str = "", extra_yaml: str = "", users: tuple = (USERNAME,)) -> Server:
    """Writes a config into `workdir`, registers `users` (password PASSWORD, email NAME@example.com),
    starts `sesame server` and waits for /health. `account_extra` is YAML lines added to the
    `account` section; `extra_yaml` is appended to the file (further sections)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    # Sesame creates a user's device on the homeserver before returning a token that names it; these
    # suites have no Synapse (test_synapse.py has a real one), so a stand-in says yes to every call.
    homeserver_port = free_port()
    homeserver = subprocess.Popen([sys.executable, str(ROOT / "bench" / "fake_homeserver.py"), str(homeserver_port)])
    text = CONFIG_TEMPLATE.format(workdir=workdir, base=base, port=port, homeserver_port=homeserver_port,
                                  confidential_id=CONFIDENTIAL_ID, confidential_secret=CONFIDENTIAL_SECRET,
                                  bot_id=BOT_ID, bot_secret=BOT_SECRET)
    text = text.replace("account:\n", "account:\n" + account_extra, 1)
    config = workdir / "sesame.yaml"
    config.write_text(text + extra_yaml)
    env = dict(os.environ, SESAME_CONFIG=str(config))
    for name in users:
        subprocess.run([str(BINARY), "manage", "register-user", name, "--password", PASSWORD, "--email", f"{name}@example.com"],
                       env=env, check=True, capture_output=True)
    log = workdir / "server.log"
    process = subprocess.Popen([str(BINARY), "server"], env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if requests.get(base + "health", timeout=1).status_code == 200:
                return Server(base, process, log, homeserver)
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    homeserver.kill()
    raise RuntimeError("sesame did not become healthy:\n" + log.read_text())


CONFIG_TEMPLATE = """
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
policy:
  data:
    admin_clients: [{confidential_id}]
    client_registration:
      allow_insecure_uris: true
clients:
  - client_id: {confidential_id}
    client_auth_method: client_secret_basic
    client_secret: {confidential_secret}
    client_name: E2E confidential client
    redirect_uris: ["http://127.0.0.1:9/callback"]
  - client_id: {bot_id}
    client_auth_method: client_secret_post
    client_secret: {bot_secret}
    client_name: E2E bot
    grant_types: [password, refresh_token]
"""


@pytest.fixture(scope="session")
def server():
    server = start_server(Path(tempfile.mkdtemp(prefix="sesame-e2e-")))
    yield server
    server.stop()


CSRF_FIELD = re.compile(r'name="csrf"\s+value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "page has no CSRF field:\n" + html[:2000]
    return match.group(1)
