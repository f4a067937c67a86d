"""A real homeserver stack for the end-to-end suite: Synapse (SQLite) delegating authentication to a
`sesame server`, and nginx in front of both on loopback, routed by docs/deploy/sesame-locations.conf.

The session-scoped `matrix_stack` fixture installs Synapse and nginx when they are missing
(scripts/synapse-env.sh), starts the three processes on free ports in one temporary folder, and
stops them at the end; when a test failed or start-up fails it prints the tail of every log."""
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from conftest import BINARY, ROOT, free_port

TEMPLATES = Path(__file__).resolve().parent / "synapse"
LOCATIONS = ROOT / "docs" / "deploy" / "sesame-locations.conf"
PASSWORD = "correct horse battery staple"
# A confidential client allowed the password grant: tokens for a user without a browser.
BOT_ID = "01J7R4Z1Q2X3Y4Z5A6B7C8D9MX"
BOT_SECRET = "e2e-matrix-bot-secret"


def wait_until(predicate, timeout: float, interval: float = 0.25, what: str = "condition"):
    """Polls `predicate` until it returns something truthy; returns that, or fails after `timeout`."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except requests.ConnectionError as error:
            last = error
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what} (last: {last!r})")


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return f"--- {path.name}: (missing)"
    text = path.read_text(errors="replace").splitlines()[-lines:]
    return f"--- {path.name} (last {len(text)} lines)\n" + "\n".join(text)


def fill(template: str, **values) -> str:
    return string.Template((TEMPLATES / template).read_text()).substitute(values)


class MatrixStack:
    """The running stack; `base` is the public URL (nginx), which is also Sesame's issuer."""

    def __init__(self, workdir: Path, synapse_python: Path, nginx: str):
        self.workdir = workdir
        self.synapse_python = synapse_python
        self.nginx_binary = nginx
        self.secret = secrets.token_urlsafe(32)
        self.nginx_port, self.sesame_port, self.synapse_port = free_port(), free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.nginx_port}/"
        # The server name is the proxy's address, so https?://<server name>/.well-known/matrix/client
        # resolves, as `sesame doctor` and clients look it up.
        self.server_name = f"127.0.0.1:{self.nginx_port}"
        self.sesame_direct = f"http://127.0.0.1:{self.sesame_port}/"
        self.synapse_direct = f"http://127.0.0.1:{self.synapse_port}/"
        self.config = workdir / "sesame.yaml"
        self.synapse_config = workdir / "homeserver.yaml"
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs = {"sesame": workdir / "sesame.log", "synapse": workdir / "synapse.log",
                     "synapse-stdout": workdir / "synapse.stdout.log", "nginx": workdir / "nginx.error.log"}

    # --- addresses

    def url(self, path: str) -> str:
        """A public URL, through nginx."""
        return self.base + path.lstrip("/")

    def mxid(self, localpart: str) -> str:
        return f"@{localpart}:{self.server_name}"

    # --- configuration

    def write_configs(self):
        (self.workdir / "sesame-data").mkdir()
        self.config.write_text(f"""
data_directory: {self.workdir / "sesame-data"}
http:
  public_base: {self.base}
  listeners:
    - name: web
      binds:
        - address: "127.0.0.1:{self.sesame_port}"
matrix:
  homeserver: "{self.server_name}"
  endpoint: {self.synapse_direct}
  secret: {self.secret}
policy:
  data:
    client_registration:
      allow_insecure_uris: true
clients:
  - client_id: {BOT_ID}
    client_auth_method: client_secret_post
    client_secret: {BOT_SECRET}
    client_name: E2E Matrix bot
    grant_types: [password, refresh_token]
""")
        self.synapse_config.write_text(fill(
            "homeserver.yaml.template", workdir=self.workdir, server_name=self.server_name, public_base=self.base,
            synapse_port=self.synapse_port, sesame_direct=self.sesame_direct, shared_secret=self.secret,
            macaroon_secret=secrets.token_hex(16), form_secret=secrets.token_hex(16)))
        (self.workdir / "synapse.log.yaml").write_text(fill("log.yaml.template", workdir=self.workdir))
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.workdir / "nginx-tmp" / folder).mkdir(parents=True, exist_ok=True)
        (self.workdir / "nginx.conf").write_text(fill(
            "nginx.conf.template", workdir=self.workdir, sesame_port=self.sesame_port, synapse_port=self.synapse_port,
            nginx_port=self.nginx_port, public_base=self.base, locations=LOCATIONS))
        subprocess.run([str(self.synapse_python), "-m", "synapse.app.homeserver", "-c", str(self.synapse_config),
                        "--generate-keys"], check=True, capture_output=True, cwd=self.workdir)

    # --- processes

    @property
    def env(self) -> dict:
        return dict(os.environ, SESAME_CONFIG=str(self.config))

    def sesame(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        """Runs `sesame ARGUMENTS…` against this stack's config (the server keeps running)."""
        result = subprocess.run([str(BINARY), *arguments], env=self.env, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            pytest.fail(f"sesame {' '.join(arguments)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def _start(self, name: str, command: list, log: Path, ready) -> None:
        self.processes[name] = subprocess.Popen(command, env=self.env, cwd=self.workdir,
                                                stdout=open(log, "a"), stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited with {self.processes[name].returncode}\n{self.log_tails()}")
            try:
                if ready():
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{name} did not become ready within 60 s\n{self.log_tails()}")

    def start_sesame(self):
        self._start("sesame", [str(BINARY), "server"], self.logs["sesame"],
                    lambda: requests.get(self.sesame_direct + "health", timeout=1).status_code == 200)

    def start_synapse(self):
        self._start("synapse", [str(self.synapse_python), "-m", "synapse.app.homeserver", "-c", str(self.synapse_config)],
                    self.logs["synapse-stdout"],
                    lambda: requests.get(self.synapse_direct + "health", timeout=1).status_code == 200)

    def start_nginx(self):
        self._start("nginx", [self.nginx_binary, "-c", str(self.workdir / "nginx.conf"), "-p", str(self.workdir),
                              "-e", str(self.logs["nginx"])], self.workdir / "nginx.stdout.log",
                    lambda: requests.get(self.url(".well-known/matrix/client"), timeout=1).status_code == 200)

    def stop(self, name: str):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self):
        for name in ("nginx", "synapse", "sesame"):
            self.stop(name)

    def log_tails(self) -> str:
        return "\n".join(tail(path) for path in self.logs.values())

    # --- Matrix helpers

    def register_user(self, localpart: str, *extra: str) -> str:
        """Registers a user in Sesame with the CLI (which queues their provisioning in Synapse)."""
        self.sesame("manage", "register-user", localpart, "--password", PASSWORD, *extra)
        return self.mxid(localpart)

    def synapse_profile(self, localpart: str):
        """The user's profile as any client sees it through the proxy; None while Synapse does not know them."""
        response = requests.get(self.url(f"_matrix/client/v3/profile/{quote(self.mxid(localpart))}"), timeout=5)
        if response.status_code == 404:
            return None
        assert response.status_code == 200, response.text
        return response.json()

    def wait_for_provisioning(self, localpart: str, timeout: float = 30) -> dict:
        """Waits until Synapse knows the user (Sesame provisions them from a queued job)."""
        return wait_until(lambda: self.synapse_profile(localpart), timeout, what=f"{localpart} to appear in Synapse")

    def password_grant(self, localpart: str, device_id: str) -> dict:
        """An access token for `localpart` on `device_id`, from the OAuth password grant (no browser)."""
        response = requests.post(self.url("oauth2/token"), data={
            "grant_type": "password", "username": localpart, "password": PASSWORD,
            "scope": f"urn:matrix:client:api:* urn:matrix:client:device:{device_id}",
            "client_id": BOT_ID, "client_secret": BOT_SECRET}, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def whoami(self, access_token: str) -> requests.Response:
        return requests.get(self.url("_matrix/client/v3/account/whoami"),
                            headers={"Authorization": f"Bearer {access_token}"}, timeout=10)

    def compat_token(self, localpart: str, device_id: str, admin: bool = False) -> str:
        """`sesame manage issue-compatibility-token`: a compatibility access token from the CLI."""
        arguments = ["manage", "issue-compatibility-token", localpart, device_id]
        if admin:
            arguments.append("--yes-i-want-to-grant-synapse-admin-privileges")
        output = self.sesame(*arguments).stdout
        match = re.search(r"\bmct_[A-Za-z0-9]+_[A-Za-z0-9]{6}\b", output)
        assert match, "no compatibility token in the output:\n" + output
        return match.group(0)


def synapse_tools() -> tuple[Path, str]:
    """The Synapse venv's python and the nginx binary, installing them when missing."""
    venv = os.environ.get("SYNAPSE_VENV") or subprocess.run(
        [str(ROOT / "scripts" / "synapse-env.sh")], check=True, capture_output=True, text=True).stdout.strip()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return Path(venv) / "bin" / "python", nginx


@pytest.fixture(scope="session")
def matrix_stack(request):
    python, nginx = synapse_tools()
    workdir = Path(tempfile.mkdtemp(prefix="sesame-synapse-e2e-"))
    stack = MatrixStack(workdir, python, nginx)
    try:
        stack.write_configs()
        stack.start_sesame()
        stack.start_synapse()
        stack.start_nginx()
    except BaseException:
        stack.stop_all()
        raise
    yield stack
    stack.stop_all()
    if request.session.testsfailed:
        print(f"\n=== logs of the Synapse stack in {workdir}\n{stack.log_tails()}", file=sys.__stderr__)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
