"""django-oauth-toolkit as a user would deploy it, for `make bench`'s peer rows (see scripts/bench.sh).

SQLite in WAL mode with IMMEDIATE transactions (what Sesame uses too), no debug, no request logging.
The database path comes from BENCH_DOT_DB.
"""
import os

SECRET_KEY = os.environ.get("BENCH_DOT_SECRET_KEY", "bench-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "benchdot.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "oauth2_provider",
]
MIDDLEWARE = []
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DOT_DB", "dot.sqlite3"),
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
OAUTH2_PROVIDER = {
    "SCOPES": {"read": "Read", "introspection": "Introspect tokens"},
    "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
    "ROTATE_REFRESH_TOKEN": True,
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
