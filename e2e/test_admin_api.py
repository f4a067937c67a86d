"""The admin REST API against a real server: an admin client gets a token with client credentials
(scope urn:mas:admin), lists users and locks one; then schemathesis checks every documented
operation against /api/spec.json: no 5xx, and every answer conforms to the document."""
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from conftest import CONFIDENTIAL_ID, CONFIDENTIAL_SECRET, USERNAME, start_server


def admin_token(server) -> str:
    answer = requests.post(server.url("oauth2/token"), auth=(CONFIDENTIAL_ID, CONFIDENTIAL_SECRET),
                           data={"grant_type": "client_credentials", "scope": "urn:mas:admin"}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert "urn:mas:admin" in answer.json()["scope"].split()
    return answer.json()["access_token"]


def test_admin_client_lists_users_and_locks_one(server):
    headers = {"Authorization": f"Bearer {admin_token(server)}"}
    users = requests.get(server.url("api/admin/v1/users"), headers=headers, timeout=10)
    assert users.status_code == 200, users.text
    assert users.json()["meta"]["count"] >= 1
    alice = requests.get(server.url(f"api/admin/v1/users/by-username/{USERNAME}"), headers=headers, timeout=10).json()["data"]
    locked = requests.post(server.url(f"api/admin/v1/users/{alice['id']}/lock"), headers=headers, timeout=10)
    assert locked.status_code == 200, locked.text
    assert locked.json()["data"]["attributes"]["locked_at"] is not None
    # Unlock again: other end-to-end tests sign in as alice.
    unlocked = requests.post(server.url(f"api/admin/v1/users/{alice['id']}/unlock"), headers=headers, timeout=10)
    assert unlocked.json()["data"]["attributes"]["locked_at"] is None


def test_admin_api_refuses_missing_and_invalid_tokens(server):
    assert requests.get(server.url("api/admin/v1/users"), timeout=10).status_code == 401
    answer = requests.get(server.url("api/admin/v1/users"), headers={"Authorization": "Bearer mat_nope"}, timeout=10)
    assert answer.status_code == 401
    assert answer.json()["errors"][0]["title"]


def test_doc_page_is_served(server):
    page = requests.get(server.url("api/doc/"), timeout=10)
    assert page.status_code == 200
    assert "/api/admin/v1/users" in page.text


@pytest.fixture
def fuzzed_server(tmp_path):
    """A server of its own: fuzzing an admin API changes users, passwords and sessions at random,
    which must not leak into the other tests' shared server."""
    server = start_server(tmp_path)
    yield server
    server.stop()


def test_every_operation_conforms_to_the_spec(fuzzed_server, tmp_path):
    """schemathesis' own runner (its pytest plugin does not load under this pytest): every
    operation in /api/spec.json, generated inputs, admin token; no 5xx, every answer as documented."""
    server = fuzzed_server
    report = tmp_path / "schemathesis.txt"
    # Run in the test's folder: schemathesis keeps a cache (.schemathesis/) in its working directory.
    result = subprocess.run([
        str(Path(sys.executable).parent / "schemathesis"), "run", server.url("api/spec.json"),
        "--header", f"Authorization: Bearer {admin_token(server)}",
        "--checks", "not_a_server_error,response_schema_conformance",
        "--max-examples", "10", "--phases", "examples,coverage,fuzzing", "--no-color",
    ], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    report.write_text(result.stdout + result.stderr)
    print(result.stdout[-3000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def graphql(server, token: str, query: str, variables: dict | None = None) -> dict:
    answer = requests.post(server.url("graphql"), headers={"Authorization": f"Bearer {token}"},
                           json={"query": query, "variables": variables or {}}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_graphql_admin_token_lists_users_and_refuses_without_the_graphql_scope(server):
    """The curl example of the README: an admin client's token with both scopes queries /graphql."""
    answer = requests.post(server.url("oauth2/token"), auth=(CONFIDENTIAL_ID, CONFIDENTIAL_SECRET),
                           data={"grant_type": "client_credentials", "scope": "urn:mas:graphql:* urn:mas:admin"}, timeout=10)
    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    users = graphql(server, token, "query { users(first: 10) { totalCount nodes { username } } siteConfig { serverName } }")
    assert "errors" not in users, users
    assert USERNAME in [node["username"] for node in users["data"]["users"]["nodes"]]
    # The admin-only token has no GraphQL scope: refused with an error, never data.
    refused = requests.post(server.url("graphql"), headers={"Authorization": f"Bearer {admin_token(server)}"},
                            json={"query": "query { users(first: 1) { totalCount } }"}, timeout=10)
    assert refused.status_code == 401
    assert "data" not in refused.json() or refused.json()["data"] is None
