"""Verdict export throughput and memory: rows per second and peak memory for each format.

usage: .venv/bin/python bench/export.py [--rows N] [--database-url URL]

Creates N published verdicts (default 100,000), each on its own claim with two sources, in a
throwaway database: a SQLite file in a temporary folder, or, with --database-url (or
DATABASE_URL) naming a PostgreSQL server, a new database on it that is dropped afterwards.
Then each format is exported, in a fresh process so that its peak memory is its own, through
the same code as the Reports screen and `export_verdicts`, into /dev/null. Reported per
format: rows per second, the process's peak resident memory (ru_maxrss, Django included) and
the peak of Python allocations during the export (tracemalloc, measured in a second pass as
it slows the code down). Rows per CPU second of the exporting process are printed too: on a
busy machine they say more than wall-clock time (with SQLite they include the database's
work, with PostgreSQL they do not). The requirement: at least 20,000 rows/s for CSV, and peak memory
under 150 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

REQUIRED_CSV_ROWS_PER_SECOND = 20_000
MEMORY_LIMIT_MB = 150
CLAIMS_PER_ARTICLE = 100
BATCH = 5000
FORMAT_NAMES = ["csv", "json", "jsonl", "claimreview"]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    import django

    django.setup()


def create_data(rows: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim
    from factcheck.reviews.models import Rating, Source, Verdict

    call_command("migrate", verbosity=0)
    users = get_user_model()
    reviewer = users.objects.create(username="bench-reviewer")
    editor = users.objects.create(username="bench-editor")
    ratings = list(Rating.objects.all())
    approved = datetime(2024, 1, 1, 9, tzinfo=UTC)
    with transaction.atomic():
        articles = Article.objects.bulk_create(
            [
                Article(
                    title=f"Article {n}: “quoted”, with commas",
                    url=f"https://news.example/{n}",
                    outlet="Example News",
                    published_on=date(2022, 1, 1) + timedelta(days=n % 700),
                    body="Body text. " * 200,
                    content_hash=f"{n:064x}",
                )
                for n in range(-(-rows // CLAIMS_PER_ARTICLE))
            ],
            batch_size=BATCH,
        )
        for start in range(0, rows, BATCH):
            numbers = range(start, min(start + BATCH, rows))
            claims = Claim.objects.bulk_create(
                [
                    Claim(
                        article=articles[n // CLAIMS_PER_ARTICLE],
                        text=f"Ukraine said {n:,} guns had been given to residents, "
                        "to defend against Russia",
                        sentence="The sentence.",
                        start=(n % CLAIMS_PER_ARTICLE) * 10,
                        end=(n % CLAIMS_PER_ARTICLE) * 10 + 9,
                        speaker="Ukraine" if n % 3 else "=the US",
                        claim_type="quantity",
                        figures=[
                            {
                                "text": f"{n:,} guns",
                                "value": float(n),
                                "unit": "guns",
                                "currency": "",
                            }
                        ],
                        score=0.5,
                        status=Claim.Status.PUBLISHED,
                    )
                    for n in numbers
                ]
            )
            verdicts = Verdict.objects.bulk_create(
                [
                    Verdict(
                        claim=claim,
                        rating=ratings[n % len(ratings)],
                        rating_label=ratings[n % len(ratings)].label,
                        rating_value=ratings[n % len(ratings)].rating_value,
                        summary="The ministry's statement confirms the figure; see “sources”.",
                        status=Verdict.Status.PUBLISHED,
                        author=reviewer,
                        approved_by=editor,
                        approved_at=approved + timedelta(minutes=n),
                    )
                    for n, claim in zip(numbers, claims, strict=True)
                ]
            )
            sources = Source.objects.bulk_create(
                [
                    Source(
                        claim=claim,
                        url=f"https://gov.example/{claim.pk}/{k}",
                        title="Ministry statement",
                        publisher="Ministry of Defence",
                        stance="supports",
                        added_by=reviewer,
                    )
                    for claim in claims
                    for k in range(2)
                ]
            )
            Verdict.sources.through.objects.bulk_create(
                [
                    Verdict.sources.through(verdict_id=verdict.pk, source_id=source.pk)
                    for index, verdict in enumerate(verdicts)
                    for source in sources[2 * index : 2 * index + 2]
                ]
            )


def peak_memory_mb() -> float:
    """This process's peak resident memory. Linux keeps ru_maxrss across exec, so a child
    would report its parent's peak: VmHWM, where there is one, is the process's own."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale / 1024


def measure(format_name: str) -> dict:
    """Export every verdict in one format; run in its own process."""
    from factcheck.reports.formats import FORMATS, export_verdicts
    from factcheck.reports.selectors import VerdictSelection, report_verdicts

    fmt, selection = FORMATS[format_name], VerdictSelection()
    rows = report_verdicts(selection=selection).count()
    before = peak_memory_mb()
    characters = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for piece in export_verdicts(fmt=fmt, selection=selection):
            sink.write(piece)
            characters += len(piece)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_rss = peak_memory_mb()
    tracemalloc.start()
    for _ in export_verdicts(fmt=fmt, selection=selection):
        pass
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {
        "format": format_name,
        "rows": rows,
        "seconds": elapsed,
        "rows_per_second": rows / elapsed,
        "rows_per_cpu_second": rows / cpu,
        "megabytes_written": characters / 2**20,
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss,
        "traced_peak_mb": traced_peak,
    }


def postgres_throwaway(url: str) -> tuple[str, callable]:
    """Create an empty database beside the one ``url`` names; return its URL and a dropper."""
    import psycopg

    parts = urlsplit(url)
    name = f"factcheck_bench_{os.getpid()}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server to create the throwaway database on (default: SQLite)",
    )
    parser.add_argument("--measure", choices=FORMAT_NAMES, help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.measure:
        setup_django(options.database_url)
        print(json.dumps(measure(options.measure)))
        return 0

    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as folder:
        drop = None
        if options.database_url.startswith(("postgres://", "postgresql://")):
            database_url, drop = postgres_throwaway(options.database_url)
            where = f"PostgreSQL, throwaway database {urlsplit(database_url).path[1:]}"
        else:
            database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
            where = "SQLite, in a temporary folder"
        try:
            started = time.perf_counter()
            setup_django(database_url)
            create_data(options.rows)
            print(
                f"{options.rows:,} published verdicts, 2 sources each ({where}), "
                f"created in {time.perf_counter() - started:.1f} s"
            )
            load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"machine: {os.cpu_count()} CPUs, load average {load} (figures scale with it)")
            from django.db import connections

            connections.close_all()
            failed = False
            for name in FORMAT_NAMES:
                child = subprocess.run(
                    [sys.executable, __file__, "--measure", name, "--database-url", database_url],
                    capture_output=True,
                    text=True,
                    check=True,
                    env={**os.environ, "DATABASE_URL": database_url},
                )
                result = json.loads(child.stdout.strip().splitlines()[-1])
                print(
                    f"{name:>12}: {result['rows']:,} rows in {result['seconds']:.2f} s = "
                    f"{result['rows_per_second']:,.0f} rows/s "
                    f"({result['rows_per_cpu_second']:,.0f} per CPU second of this process), "
                    f"{result['megabytes_written']:.1f} MB written; "
                    f"peak RSS {result['peak_rss_mb']:.0f} MB "
                    f"(Django loaded: {result['rss_before_mb']:.0f} MB), "
                    f"Python allocations peak {result['traced_peak_mb']:.1f} MB"
                )
                failed |= result["rows"] != options.rows
                failed |= result["peak_rss_mb"] >= MEMORY_LIMIT_MB
                if name == "csv":
                    failed |= result["rows_per_second"] < REQUIRED_CSV_ROWS_PER_SECOND
        finally:
            if drop:
                from django.db import connections

                connections.close_all()
                drop()
    print(
        f"requirement: CSV >= {REQUIRED_CSV_ROWS_PER_SECOND:,} rows/s, peak memory "
        f"< {MEMORY_LIMIT_MB} MB: {'FAILED' if failed else 'met'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
