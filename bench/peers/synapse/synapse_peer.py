#!/usr/bin/env python3
"""A Synapse with its own (native) password authentication, for `make bench`'s peer rows.

usage: synapse_peer.py config WORKDIR PORT     writes WORKDIR/homeserver.yaml and the signing key
       synapse_peer.py seed WORKDIR BASE_URL   registers alice (shared-secret admin registration),
                                               logs in once, writes WORKDIR/whoami-token.txt

Synapse runs on SQLite as `pip install matrix-synapse` gives it, with its default bcrypt cost
(12 rounds) and request logging at WARNING (Sesame logs successful requests at debug). Login rate
limits are lifted: the bench sends thousands of logins from one address.
"""
import hashlib
import hmac
import json
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

USERNAME, PASSWORD = "alice", "correct horse battery staple"

CONFIG = """\
server_name: "bench.example.com"
public_baseurl: "http://127.0.0.1:{port}/"
pid_file: "{work}/synapse.pid"
log_config: "{work}/log.yaml"
media_store_path: "{work}/media_store"
signing_key_path: "{work}/signing.key"
report_stats: false
trusted_key_servers: []
suppress_key_server_warning: true
macaroon_secret_key: "{macaroon}"
form_secret: "{form}"
registration_shared_secret: "{shared}"
enable_registration: false
listeners:
  - port: {port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "{work}/homeserver.db"
rc_login:
  address: {{per_second: 1000000, burst_count: 1000000}}
  account: {{per_second: 1000000, burst_count: 1000000}}
  failed_attempts: {{per_second: 1000000, burst_count: 1000000}}
rc_message: {{per_second: 1000000, burst_count: 1000000}}
rc_registration: {{per_second: 1000000, burst_count: 1000000}}
"""

LOG = """\
version: 1
formatters:
  precise:
    format: "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: "{work}/homeserver.log"
root:
  level: WARNING
  handlers: [file]
disable_existing_loggers: false
"""


def call(method, url, body=None, token=None):
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def config(work: Path, port: int):
    work.mkdir(parents=True, exist_ok=True)
    (work / "homeserver.yaml").write_text(CONFIG.format(
        port=port, work=work, macaroon=secrets.token_hex(16), form=secrets.token_hex(16), shared=secrets.token_hex(16)))
    (work / "log.yaml").write_text(LOG.format(work=work))
    subprocess.run([sys.executable, "-m", "synapse.app.homeserver", "-c", str(work / "homeserver.yaml"), "--generate-keys"],
                   check=True, capture_output=True, cwd=work)


def seed(work: Path, base: str):
    shared = next(line.split('"')[1] for line in (work / "homeserver.yaml").read_text().splitlines()
                  if line.startswith("registration_shared_secret"))
    nonce = call("GET", base + "_synapse/admin/v1/register")["nonce"]
    mac = hmac.new(shared.encode(), b"\x00".join([nonce.encode(), USERNAME.encode(), PASSWORD.encode(), b"notadmin"]),
                   hashlib.sha1).hexdigest()
    call("POST", base + "_synapse/admin/v1/register",
         {"nonce": nonce, "username": USERNAME, "password": PASSWORD, "admin": False, "mac": mac})
    login = call("POST", base + "_matrix/client/v3/login",
                 {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": USERNAME}, "password": PASSWORD})
    assert call("GET", base + "_matrix/client/v3/account/whoami", token=login["access_token"])["user_id"].startswith("@alice:")
    (work / "whoami-token.txt").write_text(login["access_token"] + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "config":
        config(Path(sys.argv[2]).resolve(), int(sys.argv[3]))
    elif sys.argv[1] == "seed":
        seed(Path(sys.argv[2]).resolve(), sys.argv[3])
    else:
        sys.exit(__doc__)
