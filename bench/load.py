"""Requests per second of the triage queue under gunicorn, for logged-in users.

usage: .venv/bin/python bench/load.py [--database-url URL] [--cache-url URL] [--seconds 20]
                                      [--workers 4] [--connections 32] [--path /triage/]
                                      [--decisions-per-second 5]

Run bench/populate.py first, and install wrk (Debian: apt-get install wrk). Starts
gunicorn with the production-like base settings on 127.0.0.1 only (a free port), logs
in a benchmark reviewer by creating a session, then drives the page with wrk for a
bounded time and prints what wrk measured. The target is 300 requests per second with
4 workers on 2 cores.

The queue's first page is kept until a write changes what it shows, so it is driven twice:
with nobody deciding, then while reviewers triage the top of the queue through the same
server at ``--decisions-per-second`` (each decision changes the first page; 0 skips this
run; it decides real claims of the benchmark database). For reference it then drives the
login page as a visitor sees it (no session, no query): what the same stack serves at most
on this machine.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

from _setup import DEFAULT_CACHE_URL, DEFAULT_DATABASE_URL, REPO, django_setup


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_cookie(username_prefix: str) -> str:
    """A logged-in session for a benchmark reviewer, as the login page would make."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.filter(username__startswith=username_prefix).first()
    if user is None:
        raise SystemExit("No benchmark data: run bench/populate.py first.")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def wait_until_up(port: int, path: str, cookie: str, seconds: float = 30) -> None:
    """Wait for gunicorn, then make sure the page answers 200 to the benchmark's session
    (wrk counts a redirect to the login page as a success)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path, headers={"Cookie": cookie})
            status = connection.getresponse().status
        except OSError:
            time.sleep(0.3)
            continue
        finally:
            connection.close()
        if status != 200:
            raise SystemExit(f"{path} answered {status} to the benchmark session, not 200")
        return
    raise SystemExit(f"gunicorn did not answer {path} in {seconds} s")


def drive(wrk: str, port: int, path: str, connections: int, seconds: int, cookie: str) -> float:
    """Drive one page with wrk; print what it measured and return the requests per second."""
    command = [wrk, "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    result = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    print(result.stdout)
    if "Non-2xx" in result.stdout:
        raise SystemExit("Some responses were not 200: the numbers above do not count.")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)[1])


class Triaging(threading.Thread):
    """Reviewers deciding the claims at the top of the queue, at a steady rate, through the
    same server: each decision is a POST as the triage page's buttons send it."""

    def __init__(self, port: int, cookie: str, per_second: float, seconds: int):
        super().__init__(daemon=True)
        from django.utils.crypto import get_random_string

        from factcheck.reviews.selectors import TriageFilters, triage_queue

        self.port, self.interval = port, 1 / per_second
        self.claims = list(
            triage_queue(filters=TriageFilters())[: int(per_second * seconds) + 10].values_list(
                "id", "version"
            )
        )
        secret = get_random_string(32)  # a CSRF secret, sent as cookie and header alike
        self.headers = {
            "Cookie": f"{cookie}; csrftoken={secret}",
            "X-CSRFToken": secret,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self.stopping = threading.Event()
        self.statuses: list[int] = []

    def run(self) -> None:
        from django.urls import reverse

        due = time.monotonic()
        for claim_id, version in self.claims:
            if self.stopping.wait(max(0.0, due - time.monotonic())):
                return
            body = urlencode({"decision": "not_check_worthy", "version": version})
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                path = reverse("reviews:triage_decide", args=[claim_id])
                connection.request("POST", path, body=body, headers=self.headers)
                self.statuses.append(connection.getresponse().status)
            finally:
                connection.close()
            due += self.interval

    def stop(self) -> int:
        """Stop; return how many decisions were made. Any refused is an error."""
        self.stopping.set()
        self.join(timeout=30)
        refused = [status for status in self.statuses if status != 200]
        if refused:
            raise SystemExit(f"{len(refused)} decisions were refused: {sorted(set(refused))}")
        return len(self.statuses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--cache-url", default=DEFAULT_CACHE_URL, help="Redis as CACHE_URL; '' for none"
    )
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--path", default="/triage/")
    parser.add_argument("--decisions-per-second", type=float, default=5)
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk).")
    django_setup(args.database_url, args.cache_url)
    from django.core.management import call_command
    from django.urls import reverse

    call_command("collectstatic", "--no-input", verbosity=0)
    cookie = session_cookie("bench-reviewer")
    port = free_port()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "factcheck.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--env", "DJANGO_SETTINGS_MODULE=factcheck.settings.base",
            "--log-level", "warning",
        ],
        cwd=REPO,
        env=env,
    )  # fmt: skip
    try:
        wait_until_up(port, args.path, cookie)
        print(f"wrk: {args.connections} connections, {args.seconds} s, {args.workers} workers")
        print(f"\n{args.path} for a logged-in reviewer:")
        queue = drive(wrk, port, args.path, args.connections, args.seconds, cookie)
        if args.decisions_per_second > 0:
            rate = args.decisions_per_second
            print(f"\n{args.path} while reviewers decide {rate:g} claims per second:")
            triaging = Triaging(port, session_cookie("bench-reviewer"), rate, args.seconds)
            triaging.start()
            busy = drive(wrk, port, args.path, args.connections, args.seconds, cookie)
            decided = triaging.stop()
            print(f"{decided} decisions made meanwhile")
        # The same stack answering a page that needs no session, no query and no cache:
        # what this machine can serve at all, so that figures from noisy machines compare.
        login = reverse("login")
        print(f"\nFor reference, {login} for a visitor ({args.seconds // 2} s):")
        ceiling = drive(wrk, port, login, args.connections, args.seconds // 2, cookie="")
        print(
            f"\n{args.path}: {queue:.0f} requests/s, {queue / ceiling:.0%} of the {ceiling:.0f} "
            f"the stack serves for {login}"
        )
        if args.decisions_per_second > 0:
            print(
                f"{args.path} while reviewers decide {args.decisions_per_second:g} claims per "
                f"second: {busy:.0f} requests/s, {busy / ceiling:.0%} of {ceiling:.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
