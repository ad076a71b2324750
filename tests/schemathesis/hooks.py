"""Schemathesis hooks for coproduce (loaded by scripts/schemathesis).

- Authentication: every operation that takes a bearer token gets a fresh
  access token of a confirmed citizen, fetched by signing in. A 401 makes
  schemathesis fetch a new one, so a fuzzed sign-out does not end the run.
- error_hygiene: no response may carry a panic message, a stack trace, SQL
  text or a database backend's error name (issue 9, item 8).
- One parse at a time: see _parse_one_at_a_time.
"""

import ast
import os
import re
import threading

import requests
import schemathesis

BASE = os.environ["COPRODUCE_ST_BASE"]
EMAIL = os.environ["COPRODUCE_ST_EMAIL"]
PASSWORD = os.environ["COPRODUCE_ST_PASSWORD"]

# CPython 3.11 keeps the AST builder's recursion counter in one place per
# interpreter, not per thread (python/cpython#106905 and its kin, fixed in
# 3.12+). With --workers 2 both threads can parse at once (hypothesis parses
# lambda sources to describe strategies), and the run then fails with
# "SystemError: AST constructor recursion depth mismatch", a fault of the
# tool, not of the server. Every caller goes through ast.parse, so a lock
# there keeps parses apart.
_parse = ast.parse
_parse_lock = threading.RLock()


def _parse_one_at_a_time(*args, **kwargs):
    with _parse_lock:
        return _parse(*args, **kwargs)


ast.parse = _parse_one_at_a_time


@schemathesis.auth(refresh_interval=600)
class CitizenToken:
    def get(self, case, ctx):
        res = requests.post(
            f"{BASE}/api/v1/auth/login",
            json={"email": EMAIL, "password": PASSWORD},
            timeout=30,
        )
        res.raise_for_status()
        return res.json()["access_token"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


# What a leak looks like. Each is specific enough that ordinary text
# (names, descriptions people type) does not match it; echoed input is
# excluded by checking only what the request did not send.
LEAKS = [
    ("a panic message", re.compile(r"panicked at|RUST_BACKTRACE|thread '[^']*' panicked")),
    ("a stack trace", re.compile(r"stack backtrace:|\bat src/[\w/]+\.rs:\d+|\.rs:\d+:\d+")),
    (
        "SQL text",
        re.compile(
            r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b"
            r"|\bsyntax error at or near\b|\bno such (table|column)\b"
            r"|\b(UNIQUE|FOREIGN KEY|NOT NULL|CHECK) constraint failed\b"
            r"|\bviolates (unique|foreign key|not-null|check) constraint\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a backend error name",
        re.compile(
            r"\b(DatabaseError|DieselError|diesel::|r2d2|PoolError|SqliteError|libsqlite3"
            r"|PgConnection|SqliteConnection|tokio-postgres|QueryBuilderError"
            r"|DeserializationError|SerializationError|SQLITE_\w+)\b"
        ),
    ),
]


def _sent(case) -> str:
    """Everything the request carried, so echoed input is not blamed."""
    parts = [str(case.path_parameters), str(case.query), str(case.body)]
    return " ".join(parts)


@schemathesis.check
def error_hygiene(ctx, response, case):
    text = response.text if hasattr(response, "text") else response.content.decode("utf-8", "replace")
    sent = _sent(case)
    for what, pattern in LEAKS:
        for m in pattern.finditer(text):
            if m.group(0) in sent:
                continue
            raise AssertionError(
                f"The response contains {what}: {m.group(0)!r} (status {response.status_code})"
            )
