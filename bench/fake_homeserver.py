#!/usr/bin/env python3
"""A stand-in for Synapse's `/_synapse/mas/*` API during `make bench`: answers every call with success,
so compat login (which upserts the device on the homeserver before answering) can be measured without
a real Synapse. usage: fake_homeserver.py PORT"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if "query_user" in self.path:
            localpart = self.path.rsplit("localpart=", 1)[-1].split("&")[0]
            self.answer({"user_id": f"@{localpart}:example.com", "display_name": None, "avatar_url": None,
                         "is_suspended": False, "is_deactivated": False})
        else:
            self.answer({})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer({})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
