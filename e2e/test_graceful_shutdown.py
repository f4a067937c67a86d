"""SIGTERM lets requests already in flight finish before the server exits."""
import signal
import tempfile
import threading
import time
from pathlib import Path

import requests

from conftest import BOT_ID, BOT_SECRET, PASSWORD, USERNAME, start_server


def test_in_flight_requests_finish_on_sigterm():
    server = start_server(Path(tempfile.mkdtemp(prefix="sesame-shutdown-")))
    results = []

    def password_grant():
        # Each one hashes a password with argon2id (tens of milliseconds): long enough to be in flight.
        try:
            response = requests.post(server.url("oauth2/token"), data={
                "grant_type": "password", "username": USERNAME, "password": PASSWORD,
                "client_id": BOT_ID, "client_secret": BOT_SECRET}, timeout=30)
            results.append(response.status_code)
        except requests.RequestException as error:
            results.append(repr(error))

    threads = [threading.Thread(target=password_grant) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    server.process.send_signal(signal.SIGTERM)
    for thread in threads:
        thread.join(timeout=30)
    assert server.process.wait(timeout=20) == 0
    # Requests that reached the server before SIGTERM got full answers; none was cut off mid-way.
    answered = [r for r in results if r == 200]
    cut = [r for r in results if isinstance(r, str) and "RemoteDisconnected" in r]
    assert answered, results
    assert not cut, results
    assert "Sesame stopped" in server.log.read_text()
    server.homeserver.kill()
