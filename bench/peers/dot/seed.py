#!/usr/bin/env python3
"""Seeds the django-oauth-toolkit peer for `make bench` straight through its models.

usage: seed.py OUT_DIR SESSIONS ACCESS_TOKENS   (run with the peer's venv; BENCH_DOT_DB names the database)

Creates a confidential client_credentials client and a confidential client for user sessions (client
secrets stored in plain, `hash_client_secret=False`: the default PBKDF2 hashing would make every
client authentication cost ~0.3 s and measure Django's password hasher, not the token path; Sesame
keeps client secrets encrypted, not hashed). Writes, one value a line, into OUT_DIR:
  access.txt       SESSIONS access tokens of user sessions (introspected, cycled)
  refresh.txt      their refresh tokens (rotated by the refresh run)
  introspector.txt one token with the `introspection` scope (DOT's way to authorise introspection)
and stores ACCESS_TOKENS − SESSIONS more access tokens so the table is as large as Sesame's.
"""
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchdot.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from oauth2_provider.models import AccessToken, Application, RefreshToken  # noqa: E402

CC_ID, CC_SECRET = "bench-dot-cc", "bench-dot-cc-secret"
BOT_ID, BOT_SECRET = "bench-dot-bot", "bench-dot-bot-secret"

out, sessions, total = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
call_command("migrate", verbosity=0)
user = get_user_model().objects.create_user("alice", password="correct horse battery staple")
cc = Application.objects.create(
    client_id=CC_ID, client_secret=CC_SECRET, hash_client_secret=False, name="bench cc",
    client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS)
bot = Application.objects.create(
    client_id=BOT_ID, client_secret=BOT_SECRET, hash_client_secret=False, name="bench bot", user=user,
    client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_PASSWORD)
expires = timezone.now() + timedelta(days=1)
with transaction.atomic():
    access = AccessToken.objects.bulk_create(
        AccessToken(user=user, application=bot, token=secrets.token_urlsafe(30), expires=expires, scope="read")
        for _ in range(max(total, sessions)))
    RefreshToken.objects.bulk_create(
        RefreshToken(user=user, application=bot, token=secrets.token_urlsafe(30), access_token=token)
        for token in access[:sessions])
    introspector = AccessToken.objects.create(application=cc, token=secrets.token_urlsafe(30), expires=expires, scope="introspection")
(out / "access.txt").write_text("".join(t.token + "\n" for t in access[:sessions]))
(out / "refresh.txt").write_text("".join(r.token + "\n" for r in RefreshToken.objects.filter(application=bot)))
(out / "introspector.txt").write_text(introspector.token + "\n")
print(f"dot: {len(access)} access tokens, {sessions} sessions", file=sys.stderr)
