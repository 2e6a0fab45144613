"""Server time and SQL queries of the workbench's screens on a populated database.

usage: .venv/bin/python bench/pages.py [--database-url URL] [--cache-url URL] [--requests 200]
                                       [--json PATH]

Run bench/populate.py first. Each page is requested in-process through Django's test
client as a logged-in user (a reviewer, an editor for the approval queue, staff for the
admin) after a warm-up; the time is the server's whole handling of the request
(middleware, views, queries, templates) without the network. Prints a table of p50/p95
and query counts, how steady the machine was before and after (a fixed piece of work
timed the same way), the EXPLAIN plans of the triage queue's queries, and writes the table
as JSON (default var/bench/pages.json). Nothing rendered is cached, so a reload costs
what a first visit does. Triage decisions change the database: each run decides claims
from the top of the queue.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from _setup import DEFAULT_CACHE_URL, DEFAULT_DATABASE_URL, REPO, django_setup

TARGET_MS = {"page": 50, "decision": 30}


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def machine_steadiness(runs: int = 200) -> dict:
    """p50/p95 of one fixed piece of pure-Python work (about as long as a page), timed as
    the pages are: what this machine alone adds to a p95. On a shared virtual machine the
    same work can take 1.7 times as long at p95 as at p50, and a page's p95 inherits it."""

    def work() -> int:
        return sum(i * i for i in range(150_000))

    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
    }


def measure(
    client, method: str, paths, *, warmup: int, data=None, headers=None, before=None
) -> dict:
    """Time ``len(paths)`` requests after ``warmup`` untimed ones; count one's queries.
    ``before()``, if given, runs untimed before each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    send = getattr(client, method)
    paths = list(paths)
    before = before or (lambda: None)
    for path in paths[:warmup]:
        send(path, data=data, headers=headers)
    timings = []
    for path in paths[warmup:]:
        before()
        started = time.perf_counter()
        response = send(path, data=data, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 302), (path, response.status_code)
    before()
    with CaptureQueriesContext(connection) as queries:
        send(paths[-1], data=data, headers=headers)
    return {
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": len(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--cache-url", default=DEFAULT_CACHE_URL, help="Redis as CACHE_URL; '' for none"
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", type=Path, default=REPO / "var" / "bench" / "pages.json")
    args = parser.parse_args()
    django_setup(args.database_url, args.cache_url)

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim
    from factcheck.reviews.selectors import Cursor, TriageFilters, triage_queue

    call_command("collectstatic", "--no-input", verbosity=0)
    users = get_user_model().objects
    reviewer = users.filter(username__startswith="bench-reviewer").first()
    editor = users.filter(username__startswith="bench-editor").first()
    staff, _ = users.get_or_create(
        username="bench-staff", defaults={"is_staff": True, "is_superuser": True}
    )
    if reviewer is None:
        raise SystemExit("No benchmark data: run bench/populate.py first.")
    n = args.requests
    warmup = 10
    total_claims = Claim.objects.count()

    def client_for(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    as_reviewer, as_editor, as_staff = map(client_for, (reviewer, editor, staff))
    queue = triage_queue(filters=TriageFilters())
    deep_page = min(1000, queue.count() // 25)  # page 1,000 at a million claims
    deep = queue.values_list("score", "id")[25 * (deep_page - 1) - 1]
    deep_cursor = Cursor(score=deep[0], id=deep[1])
    busy_reviewer = Claim.objects.filter(assignee__isnull=False).values("assignee").first()
    article = Article.objects.order_by("id").first()
    busy_claim = Claim.objects.filter(status="in_research").first()  # as populate.py made it
    triage = reverse("reviews:triage")
    before = machine_steadiness()
    rows = {}
    rows["triage queue, page 1"] = measure(
        as_reviewer, "get", [triage] * (n + warmup), warmup=warmup
    )
    rows["triage queue, filtered (type)"] = measure(
        as_reviewer, "get", [f"{triage}?type=quantity"] * (n + warmup), warmup=warmup
    )
    rows[f"triage queue, page {deep_page:,}"] = measure(
        as_reviewer, "get", [f"{triage}?after={deep_cursor}"] * (n + warmup), warmup=warmup
    )
    rows["my claims"] = measure(
        client_for(users.get(pk=busy_reviewer["assignee"])),
        "get",
        [reverse("reviews:my_claims")] * (n + warmup),
        warmup=warmup,
    )
    rows["approval queue"] = measure(
        as_editor, "get", [reverse("reviews:approvals")] * (n + warmup), warmup=warmup
    )
    rows[f"article page ({article.claims.count()} claims)"] = measure(
        as_reviewer, "get", [article.get_absolute_url()] * (n + warmup), warmup=warmup
    )
    rows[
        f"claim page ({busy_claim.sources.count()} sources, {busy_claim.events.count()} events)"
    ] = measure(as_reviewer, "get", [busy_claim.get_absolute_url()] * (n + warmup), warmup=warmup)
    rows["triage decision (POST)"] = measure_decisions(
        as_reviewer, list(queue[: n + warmup + 1]), warmup
    )
    admin = reverse("admin:claims_claim_changelist")
    rows["admin changelist, status=new"] = measure(
        as_staff, "get", [f"{admin}?status__exact=new"] * (n + warmup), warmup=warmup
    )
    rows["admin changelist, status=new, type"] = measure(
        as_staff,
        "get",
        [f"{admin}?status__exact=new&claim_type__exact=quantity"] * (n + warmup),
        warmup=warmup,
    )
    report(rows, total_claims, connection.vendor, args.json, [before, machine_steadiness()])
    explain(queue, deep_cursor, users.get(pk=busy_reviewer["assignee"]))


def measure_decisions(client, claims, warmup: int) -> dict:
    """Decide each claim once: a decision on a fresh claim, as in the queue."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    timings = []
    headers = {"HX-Request": "true"}
    for index, claim in enumerate(claims[:-1]):
        url = reverse("reviews:triage_decide", args=[claim.pk])
        data = {"decision": "not_check_worthy", "version": claim.version}
        started = time.perf_counter()
        response = client.post(url, data, headers=headers)
        if index >= warmup:
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    last = claims[-1]
    with CaptureQueriesContext(connection) as queries:
        client.post(
            reverse("reviews:triage_decide", args=[last.pk]),
            {"decision": "not_check_worthy", "version": last.version},
            headers=headers,
        )
    return {
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "queries": len(queries),
    }


def report(rows: dict, total_claims: int, vendor: str, path: Path, steadiness: list) -> None:
    width = max(map(len, rows))
    print(f"\n{total_claims:,} claims on {vendor}\n")
    print(f"{'page':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'queries':>7}")
    for name, row in rows.items():
        print(f"{name:<{width}}  {row['p50_ms']:>7}  {row['p95_ms']:>7}  {row['queries']:>7}")
    triage = rows["triage queue, filtered (type)"]["p50_ms"]
    admin = rows["admin changelist, status=new, type"]["p50_ms"]
    print(f"\ntriage queue vs admin changelist, same filter: {admin / triage:.1f}x faster")
    for when, machine in zip(("before", "after"), steadiness, strict=True):
        ratio = machine["p95_ms"] / machine["p50_ms"]
        print(
            f"this machine {when} the pages: fixed work p50 {machine['p50_ms']} ms, "
            f"p95 {machine['p95_ms']} ms (p95 {ratio:.2f}x p50; 1.0x on a quiet machine)"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"claims": total_claims, "database": vendor, "pages": rows, "machine": steadiness}
    path.write_text(json.dumps(data, indent=2))
    print(f"written to {path}")


def explain(queue, deep_cursor, busy_reviewer) -> None:
    from django.db import connection

    from factcheck.reviews.selectors import TriageFilters, approval_queue, my_claims, triage_queue

    options = {"analyze": True} if connection.vendor == "postgresql" else {}
    plans = {
        "triage queue, page 1": queue[:26],
        "triage queue, filtered (type)": triage_queue(filters=TriageFilters(claim_type="quantity"))[
            :26
        ],
        "triage queue, deep page": triage_queue(filters=TriageFilters(), after=deep_cursor)[:26],
        "my claims": my_claims(user=busy_reviewer)[:26],
        "approval queue": approval_queue()[:26],
    }
    for name, query in plans.items():
        print(f"\nEXPLAIN {name}:\n{query.explain(**options)}")


if __name__ == "__main__":
    main()
