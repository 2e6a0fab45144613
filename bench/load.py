"""Capacity under real use: how many reviewers at once the workbench serves in time.

usage: .venv/bin/python bench/load.py [--reviewers N] [--seconds 60] [--workers 4]
                                      [--database-url URL] [--cache-url URL]
                                      [--think 2 8] [--steps 25,50,100,200,300,400,600]

Run bench/populate.py first. Starts gunicorn (sync workers, as the Dockerfile does) with
the production-like base settings on 127.0.0.1 only (a free port), makes a benchmark
reviewer with a logged-in session for each simulated reviewer, and lets N of them work
through the same server for a bounded time, each on a thread of its own with its own
keep-alive connection (http.client) and cookies, doing what the pages' forms and htmx do:

- load the triage queue (a desk: a quarter of them the whole queue, a quarter one claim
  type, half one article's claims), then, every 2-8 s (``--think``), one of:
- decide a claim of their page (70 %): a POST with the page's CSRF token and the claim's
  version; a claim someone else decided first answers 409, counted as a conflict, not an
  error; the counts panel refreshes on the claimTriaged event, as on the page; the queue
  is loaded again once ten of its 25 claims are gone;
- open a claim's page (15 %);
- research (15 %): take a claim they marked check-worthy (its page, then the take form's
  POST; the panels listening for claimMoved refresh), or, once they have one in research,
  add a source to it (a draft save as typing pauses, the POST, the panels listening for
  sourcesChanged); after three sources they move on to another claim.

Requests are counted from the end of a ramp-up (one think time) until ``--seconds`` later.
It prints p50/p95 per kind of request, the request rate, errors, 409 conflicts, the CPU
of gunicorn (master and workers, from /proc) per request, the load generator's own CPU
and the machine's load. With ``--reviewers N`` it runs N once; without, it steps N upward
(``--steps``) until two steps in a row miss the target and prints as headline the highest
N with p95 <= 150 ms for every kind of request (a kind with few requests in a run, such as
sources, has a noisy p95: the counts are printed beside it). It decides, takes and adds
sources to real claims of the benchmark database (a few thousand of its million per run).

One run on 2026-12-05, 1,000,000 claims, PostgreSQL 15 and Redis 7 on the same idle 2-core
machine, 4 workers (the README's Performance section has the whole table): capacity 200
reviewers, every kind's p95 at most 63 ms at 200 (72.5 requests/s); 250 missed it (p95
0.56-0.72 s) as other jobs started on the machine. No errors; gunicorn 7.7-9.1 ms of CPU
per request, the load generator 0.6-0.7 ms. On a busy machine (load average 6-13.5) it
held 50: quote the figure of the machine you mean.
"""

import argparse
import html
import json
import os
import random
import re
import resource
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from urllib.parse import urlencode

from _setup import DEFAULT_CACHE_URL, DEFAULT_DATABASE_URL, REPO, django_setup

TARGET_P95_MS = 150
DEFAULT_STEPS = [25, 50, 100, 200, 300, 400, 600, 800]
USERNAME = "bench-load-reviewer-{}"
CLAIM_TYPES = ["quantity", "event", "prediction", "other"]
SOURCES_PER_CLAIM = 3
RELOAD_BELOW = 15  # claims left of the page's 25: the reviewer loads the queue again
# What a kind of request may answer besides an error: 409 is a conflict (someone else
# moved the claim first), the normal outcome of two reviewers picking the same claim.
EXPECTED = {"draft": {204}, "decision": {200, 409}, "take": {200, 409}, "source": {200, 409}}


# What a page says: forms, the CSRF token, the elements htmx refreshes on an event --------

TAG = re.compile(r"<([a-zA-Z][\w-]*)\b([^>]*)>")
ATTRIBUTE = re.compile(r"""([\w:-]+)(?:=(?:"([^"]*)"|'([^']*)'))?""")
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
CSRF_HEADER = re.compile(r'"X-CSRFToken":\s*"([^"]+)"')


def attributes(text: str) -> dict[str, str]:
    return {
        match[1]: html.unescape(match[2] if match[2] is not None else match[3] or "")
        for match in ATTRIBUTE.finditer(text)
    }


def page_forms(page: str) -> dict[str, dict]:
    """The page's POST forms by action: their hidden inputs, and what they hold."""
    forms = {}
    for match in FORM.finditer(page):
        form = attributes(match[1])
        if form.get("method", "get").lower() != "post":
            continue
        hidden, inner = {}, match[2]
        for tag, attrs in TAG.findall(inner):
            attrs = attributes(attrs)
            if tag == "input" and attrs.get("type") == "hidden" and "name" in attrs:
                hidden[attrs["name"]] = attrs.get("value", "")
        forms[form["action"]] = {"hidden": hidden, "html": inner}
    return forms


def csrf_token(page: str) -> str:
    """The token htmx sends as X-CSRFToken (the body's hx-headers), as the forms do."""
    match = CSRF_HEADER.search(page)
    return match[1] if match else ""


def listeners(page: str) -> dict[str, set[str]]:
    """What htmx would GET on each event the server announces: the hx-get of every element
    whose hx-trigger names ``event from:body``."""
    found = defaultdict(set)
    for _tag, attrs in TAG.findall(page):
        if "hx-get" not in attrs or "hx-trigger" not in attrs:
            continue
        attrs = attributes(attrs)
        for trigger in attrs["hx-trigger"].split(","):
            words = trigger.split()
            if len(words) >= 2 and words[1] == "from:body":
                found[words[0]].add(attrs["hx-get"])
    return found


def announced(headers: dict[str, str]) -> list[str]:
    """The events of a response's HX-Trigger header."""
    value = headers.get("hx-trigger", "")
    if not value:
        return []
    if value.startswith("{"):
        return list(json.loads(value))
    return [name.strip() for name in value.split(",")]


# One reviewer's browser -----------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names; Set-Cookie already taken into the jar
    text: str


@dataclass
class Sample:
    kind: str
    started: float
    ms: float
    status: int  # 0: no answer (an exception)


class HttpTransport:
    """Requests over one keep-alive connection to the server (reopened when it closes)."""

    def __init__(self, port: int, timeout: float = 60):
        self.port = port
        self.connection = HTTPConnection("127.0.0.1", port, timeout=timeout)

    def send(self, method: str, path: str, body: bytes | None, headers: dict):
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read()
        except (OSError, HTTPException):
            self.connection.close()
            raise
        cookies = response.headers.get_all("Set-Cookie") or []
        return response.status, dict(response.headers.items()), cookies, text

    def close(self) -> None:
        self.connection.close()


class Browser:
    """Cookies, the CSRF token and htmx's headers over a transport; every request timed."""

    def __init__(self, transport, cookies: dict[str, str], origin: str, record):
        self.transport, self.cookies, self.origin, self.record = transport, cookies, origin, record
        self.token = ""

    def request(self, kind: str, method: str, path: str, form=None, htmx=False) -> Answer:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            body = urlencode({"csrfmiddlewaretoken": self.token, **(form or {})}).encode()
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.token,
                "Origin": self.origin,
            }
        started = time.monotonic()
        try:
            status, raw_headers, set_cookies, content = self.transport.send(
                method, path, body, headers
            )
        except (OSError, HTTPException):
            self.record(Sample(kind, started, (time.monotonic() - started) * 1000, 0))
            raise
        self.record(Sample(kind, started, (time.monotonic() - started) * 1000, status))
        for cookie in set_cookies:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        text = content.decode("utf-8", "replace")
        token = csrf_token(text) if "X-CSRFToken" in text else ""
        self.token = token or self.token
        return Answer(status, {k.lower(): v for k, v in raw_headers.items()}, text)


@dataclass
class Row:
    claim_id: int
    action: str
    version: str


@dataclass
class Reviewer:
    """One simulated reviewer: what they see and what they do next."""

    browser: Browser
    rng: random.Random
    desk: str = ""  # the queue's filters, e.g. "type=event" ("" for the whole queue)
    rows: list[Row] = field(default_factory=list)
    on_queue: dict = field(default_factory=dict)  # event -> panels to refresh
    worthy: list[int] = field(default_factory=list)  # marked check-worthy: theirs to take
    mine: int | None = None  # the claim they research
    mine_sources: int = 0
    on_claim: dict = field(default_factory=dict)
    source_form: dict | None = None
    counts: dict = field(default_factory=lambda: defaultdict(int))

    def load_queue(self) -> None:
        path = "/triage/" + (f"?{self.desk}" if self.desk else "")
        answer = self.browser.request("triage queue", "GET", path)
        self.rows = [
            Row(int(match[1]), action, form["hidden"].get("version", ""))
            for action, form in page_forms(answer.text).items()
            if (match := re.fullmatch(r"/claims/(\d+)/triage/", action))
        ]
        self.rng.shuffle(self.rows)  # reviewers do not all read from the top
        self.on_queue = listeners(answer.text)

    def refresh(self, answer: Answer, on: dict) -> None:
        """Refresh what listens to the events the answer announced, as htmx does."""
        for event in announced(answer.headers):
            for path in sorted(on.get(event, ())):
                kind = "counts" if path.startswith("/triage/counts/") else "panel"
                panel = self.browser.request(kind, "GET", path, htmx=True)
                if path.endswith("/panel/sources/"):
                    self.source_form = page_forms(panel.text).get(
                        f"/claims/{self.mine}/sources/", self.source_form
                    )
                for name, paths in listeners(panel.text).items():
                    on.setdefault(name, set()).update(paths)

    def step(self) -> None:
        if len(self.rows) <= RELOAD_BELOW:  # others decided much of it meanwhile
            self.load_queue()
        choice = self.rng.random()
        if choice < 0.70 or not self.rows:
            self.decide()
        elif choice < 0.85:
            self.open_claim(self.rng.choice(self.rows).claim_id)
        elif self.mine is not None:
            self.add_source()
        elif self.worthy:
            self.take(self.worthy.pop())
        else:
            self.decide(decision="check_worthy")

    def decide(self, decision: str = "") -> None:
        if not self.rows:
            return
        row = self.rows.pop()
        if not decision:
            decision = self.rng.choices(
                ["check_worthy", "not_check_worthy", "skip"], [0.3, 0.6, 0.1]
            )[0]
        answer = self.browser.request(
            "decision",
            "POST",
            row.action,
            {"version": row.version, "decision": decision},
            htmx=True,
        )
        if answer.status == 200:
            self.counts["decided"] += 1
            if decision == "check_worthy":
                self.worthy = [*self.worthy[-4:], row.claim_id]
            self.refresh(answer, self.on_queue)

    def open_claim(self, claim_id: int) -> Answer:
        answer = self.browser.request("claim page", "GET", f"/claims/{claim_id}/")
        self.counts["claim pages"] += 1
        return answer

    def take(self, claim_id: int) -> None:
        page = self.open_claim(claim_id)
        take = page_forms(page.text).get(f"/claims/{claim_id}/take/")
        if page.status != 200 or take is None:
            return  # someone else took it first, or it moved on
        answer = self.browser.request(
            "take", "POST", f"/claims/{claim_id}/take/", take["hidden"], htmx=True
        )
        if answer.status != 200:
            return
        self.counts["taken"] += 1
        self.mine, self.mine_sources, self.source_form = claim_id, 0, None
        self.on_claim = listeners(page.text)
        self.refresh(answer, self.on_claim)

    def add_source(self) -> None:
        claim_id, form = self.mine, self.source_form
        if form is None:
            self.mine = None
            return
        fields = {
            "url": f"https://example.org/load/{uuid.uuid4().hex}",
            "title": "Quarterly labour market statistics",
            "publisher": "Office for National Statistics",
            "excerpt": "Unemployment fell by 0.2 percentage points on the quarter.",
            "stance": "context",
            "archive_url": "",
        }
        draft = re.search(r'data-draft[^>]*hx-post="([^"]+)"', form["html"])
        if draft:  # typing pauses before the button is pressed: the draft is kept
            self.browser.request("draft", "POST", html.unescape(draft[1]), fields, htmx=True)
        answer = self.browser.request(
            "source", "POST", f"/claims/{claim_id}/sources/", fields, htmx=True
        )
        if answer.status == 200:
            self.counts["sources"] += 1
            self.mine_sources += 1
            self.refresh(answer, self.on_claim)
            if "csrfmiddlewaretoken" in answer.text:
                self.source_form = page_forms(answer.text).get(f"/claims/{claim_id}/sources/", form)
        if self.mine_sources >= SOURCES_PER_CLAIM or answer.status != 200:
            self.mine = None


# Sessions, the server, and its CPU ------------------------------------------------------


def reviewer_sessions(count: int) -> list[dict[str, str]]:
    """Benchmark reviewers (created once) with a logged-in session each, as the login page
    makes one: their cookies."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from factcheck.accounts.roles import REVIEWER

    users = get_user_model().objects
    names = [USERNAME.format(n) for n in range(count)]
    existing = set(users.filter(username__in=names).values_list("username", flat=True))
    password = make_password(None)  # unusable: they log in by session only
    created = users.bulk_create(
        get_user_model()(username=name, password=password) for name in names if name not in existing
    )
    Group.objects.get(name=REVIEWER).user_set.add(*created)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = []
    for user in users.filter(username__in=names).order_by("id"):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append({settings.SESSION_COOKIE_NAME: session.session_key})
    return cookies


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(port: int, cookies: dict, seconds: float = 60) -> None:
    """Wait for gunicorn, then make sure the queue answers 200 to a benchmark session."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        browser = Browser(HttpTransport(port, timeout=10), dict(cookies), "", lambda _: None)
        try:
            status = browser.request("check", "GET", "/triage/").status
        except (OSError, HTTPException):
            time.sleep(0.3)
            continue
        finally:
            browser.transport.close()
        if status != 200:
            raise SystemExit(f"/triage/ answered {status} to a benchmark session, not 200")
        return
    raise SystemExit(f"gunicorn did not answer in {seconds} s")


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> tuple[int, float, float]:
    """(parent pid, own CPU s, CPU s of reaped children) from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (
        int(fields[1]),
        (int(fields[11]) + int(fields[12])) / TICKS,
        (int(fields[13]) + int(fields[14])) / TICKS,
    )


def server_cpu(master: int) -> float:
    """CPU seconds used so far by gunicorn: the master, its workers, and workers gone."""
    _, own, reaped = process_cpu(master)
    total = own + reaped
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent, cpu, _ = process_cpu(int(entry))
            except (OSError, IndexError, ValueError):
                continue
            if parent == master:
                total += cpu
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def load_average() -> str:
    with open("/proc/loadavg") as loadavg:
        return " ".join(loadavg.read().split()[:3])


# A run ----------------------------------------------------------------------------------


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def a_desk(rng: random.Random, articles: list[int]) -> str:
    """What a reviewer triages: the whole queue, a claim type, or one article's claims."""
    share = rng.random()
    if share < 0.25 or not articles:
        return ""
    if share < 0.5:
        return f"type={rng.choice(CLAIM_TYPES)}"
    return f"article={rng.choice(articles)}"


def run_reviewers(port, master, sessions, *, articles, seconds, think, seed) -> dict:
    """N reviewers for a ramp-up (one think time) and ``seconds`` counted; the figures."""
    samples: list[Sample] = []
    failures: list[str] = []
    stopping = threading.Event()
    rng = random.Random(seed)
    ramp = think[1]

    def work(number: int, cookies: dict, start_after: float, reviewer_seed: int) -> None:
        reviewer_rng = random.Random(reviewer_seed)
        transport = HttpTransport(port)
        browser = Browser(transport, dict(cookies), f"http://127.0.0.1:{port}", samples.append)
        reviewer = Reviewer(browser, reviewer_rng, desk=a_desk(reviewer_rng, articles))
        try:
            if stopping.wait(start_after):
                return
            reviewer.load_queue()
            while not stopping.wait(reviewer_rng.uniform(*think)):
                try:
                    reviewer.step()
                except (OSError, HTTPException) as error:
                    failures.append(f"reviewer {number}: {error!r}")
        except Exception as error:  # reported with the figures
            failures.append(f"reviewer {number}: {error!r}")
        finally:
            transport.close()

    threads = [
        threading.Thread(
            target=work,
            args=(n, cookies, rng.uniform(0, ramp), rng.randrange(2**32)),
            daemon=True,
        )
        for n, cookies in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    time.sleep(ramp)
    begun, cpu_before = time.monotonic(), server_cpu(master)
    own_before, busy_before = resource.getrusage(resource.RUSAGE_SELF), machine_busy()
    load_before = load_average()
    time.sleep(seconds)
    ended, cpu_after = time.monotonic(), server_cpu(master)
    own_after, busy_after = resource.getrusage(resource.RUSAGE_SELF), machine_busy()
    load_after = load_average()
    stopping.set()
    for thread in threads:
        thread.join(timeout=90)

    counted = [s for s in samples if begun <= s.started < ended]
    kinds = defaultdict(list)
    for sample in counted:
        kinds[sample.kind].append(sample)
    own_cpu = sum(
        after - before for after, before in zip(own_after[:2], own_before[:2], strict=True)
    )
    elapsed = ended - begun
    errors = [s for s in counted if s.status not in EXPECTED.get(s.kind, {200})]
    return {
        "reviewers": len(sessions),
        "seconds": round(elapsed, 1),
        "requests": len(counted),
        "rate": len(counted) / elapsed,
        "kinds": {
            kind: {
                "requests": len(rows),
                "p50_ms": percentile([s.ms for s in rows], 0.5),
                "p95_ms": percentile([s.ms for s in rows], 0.95),
                "max_ms": max(s.ms for s in rows),
                "conflicts": sum(s.status == 409 for s in rows),
            }
            for kind, rows in sorted(kinds.items())
        },
        "errors": len(errors),
        "error_statuses": sorted({s.status for s in errors}),
        "failures": failures[:5],
        "server_cpu_s": cpu_after - cpu_before,
        "own_cpu_s": own_cpu,
        "machine_busy": (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]),
        "load": f"{load_before} -> {load_after}",
    }


def holds(result: dict) -> bool:
    return result["errors"] == 0 and all(
        kind["p95_ms"] <= TARGET_P95_MS for kind in result["kinds"].values()
    )


def report(result: dict, workers: int) -> None:
    n, requests = result["reviewers"], max(1, result["requests"])
    cores = os.cpu_count() or 1
    print(f"\n{n} reviewers, {result['seconds']:g} s counted, {workers} workers:")
    print(f"  {'kind':<14}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'409':>6}")
    for kind, row in result["kinds"].items():
        print(
            f"  {kind:<14}{row['requests']:>9}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
            f"{row['max_ms']:>9.0f}{row['conflicts']:>6}"
        )
    conflicts = sum(row["conflicts"] for row in result["kinds"].values())
    print(
        f"  {result['rate']:.1f} requests/s; errors: {result['errors']}"
        + (f" {result['error_statuses']}" if result["errors"] else "")
        + f"; conflicts (409): {conflicts}"
    )
    for failure in result["failures"]:
        print(f"  failure: {failure}")
    print(
        f"  gunicorn CPU: {result['server_cpu_s'] / requests * 1000:.1f} ms per request "
        f"({result['server_cpu_s'] / result['seconds']:.2f} of {cores} cores); load generator: "
        f"{result['own_cpu_s'] / requests * 1000:.1f} ms per request "
        f"({result['own_cpu_s'] / result['seconds']:.2f} cores)"
    )
    print(
        f"  machine: {result['machine_busy']:.0%} busy (every process), load average "
        f"{result['load']}"
    )
    verdict = "holds" if holds(result) else "misses"
    print(f"  -> {verdict} p95 <= {TARGET_P95_MS} ms for every kind of request", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--cache-url", default=DEFAULT_CACHE_URL, help="Redis as CACHE_URL; '' for none"
    )
    parser.add_argument("--reviewers", type=int, help="one run of N (default: step N up)")
    parser.add_argument("--steps", default=",".join(map(str, DEFAULT_STEPS)))
    parser.add_argument("--seconds", type=float, default=60, help="counted, per run")
    parser.add_argument("--think", type=float, nargs=2, default=[2, 8], metavar=("MIN", "MAX"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    steps = [args.reviewers] if args.reviewers else [int(n) for n in args.steps.split(",")]
    django_setup(args.database_url, args.cache_url)
    from django.core.management import call_command

    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim

    call_command("collectstatic", "--no-input", verbosity=0)
    if not Claim.objects.exists():
        raise SystemExit("No benchmark data: run bench/populate.py first.")
    total = Claim.objects.count()
    articles = list(Article.objects.values_list("id", flat=True))
    sessions = reviewer_sessions(max(steps))
    port = free_port()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}
    log_path = REPO / "var" / "bench" / "load-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")  # Django logs each 409 as a warning: kept out of the figures
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "factcheck.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--backlog", "2048",
            "--env", "DJANGO_SETTINGS_MODULE=factcheck.settings.base",
            "--log-level", "warning",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    results = []
    try:
        wait_until_up(port, sessions[0])
        print(
            f"{total:,} claims; reviewers think {args.think[0]:g}-{args.think[1]:g} s between "
            f"actions; {args.seconds:g} s counted per run after a {args.think[1]:g} s ramp-up"
        )
        for step, n in enumerate(steps):
            result = run_reviewers(
                port,
                server.pid,
                sessions[:n],
                articles=articles,
                seconds=args.seconds,
                think=tuple(args.think),
                seed=args.seed + step,
            )
            report(result, args.workers)
            results.append(result)
            if len(results) >= 2 and not any(map(holds, results[-2:])):
                break  # two steps in a row missed it: more reviewers will not hold it
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    print(f"\n(the server's log: {log_path.relative_to(REPO)})")
    held = [result["reviewers"] for result in results if holds(result)]
    if len(steps) > 1:
        best = max(held, default=0)
        print(
            f"\nCapacity: {best} concurrent reviewers with p95 <= {TARGET_P95_MS} ms for every "
            f"kind of request ({args.workers} workers, {os.cpu_count()} cores, {total:,} claims)"
        )


if __name__ == "__main__":
    main()
