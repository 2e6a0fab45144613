"""Import throughput: generated articles into PostgreSQL, with claim extraction.

usage: .venv/bin/python bench/import.py [--articles 10000] [--processes 0] [--keep]
                                        [--no-rescore]

Generates --articles articles of about 700 words (the seed article's sentences, ClaimBuster
sentences when ../shared/data/claimbuster/crowdsourced.csv is there, and templated
sentences with figures), writes them as JSON Lines files, and imports them through the
same service as `manage.py import_articles`. Prints articles/s, words/s, claims and the
peak memory as the import goes, to show it stays flat. The requirement: 10,000 articles
in under 2 minutes on 2 cores. Then times the background rescoring of the new claims with
the neural scorer (the service the rescoring task runs), unless --no-rescore.

DATABASE_URL picks the database (default postgres://postgres@127.0.0.1:5432/factcheck_import_bench);
its name must contain "bench": the script drops and creates it, and never touches another.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_import_bench"
CLAIMBUSTER = REPO.parent / "shared" / "data" / "claimbuster" / "crowdsourced.csv"
ARTICLE_WORDS = 700
ARTICLES_PER_FILE = 1000
REQUIRED_SECONDS = 120

SPEAKERS = ["The minister", "Officials", "The mayor", "A spokesperson", "The report", "Police"]
THINGS = ["homes", "jobs", "schools", "patients", "roads", "soldiers", "refugees", "flights"]
VERBS = ["lost", "closed", "built", "evacuated", "cut", "added", "treated", "cancelled"]
PLACES = ["Kyiv", "the capital", "the north", "Lviv", "the region", "the city", "the valley"]


def sentences() -> list[str]:
    seed = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    found = [s.strip() + "." for s in seed.split("\n", 1)[1].replace("\n", " ").split(". ")]
    if CLAIMBUSTER.is_file():
        with CLAIMBUSTER.open(encoding="utf-8", newline="") as handle:
            found += [row["Text"] for row in csv.DictReader(handle) if row.get("Text")]
    return [s for s in found if len(s.split()) > 3]


def generate(directory: Path, count: int, rng: random.Random) -> int:
    """Write ``count`` distinct articles as JSON Lines; return their word count."""
    pool, words = sentences(), 0
    handle = None
    for number in range(count):
        if number % ARTICLES_PER_FILE == 0:
            if handle:
                handle.close()
            handle = (directory / f"feed-{number // ARTICLES_PER_FILE:03}.jsonl").open("w")
        paragraphs, size = [], 0
        while size < ARTICLE_WORDS:
            paragraph = [rng.choice(pool) for _ in range(2)]
            paragraph.append(
                f"{rng.choice(SPEAKERS)} said {rng.randint(2, 90_000):,} {rng.choice(THINGS)} "
                f"had been {rng.choice(VERBS)} in {rng.choice(PLACES)} since {number % 28 + 1} "
                "February."
            )
            paragraphs.append(" ".join(paragraph))
            size += sum(len(s.split()) for s in paragraph)
        body = "\n\n".join(paragraphs)
        words += len(body.split())
        record = {
            "title": f"Bench story {number}",
            "body": body,
            "url": f"https://bench.example/story/{number}",
            "outlet": "Bench News",
            "published_date": f"2022-02-{number % 28 + 1:02}",
        }
        handle.write(json.dumps(record) + "\n")
    if handle:
        handle.close()
    return words


def recreate_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to drop {name!r}: the benchmark database's name must contain 'bench'")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def memory_mb() -> tuple[float, float]:
    """(current resident, peak resident) of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return current, peak


def rescore() -> None:
    """What the background task does after an import: the neural score for open claims."""
    from factcheck.scoring.selectors import active_scorer
    from factcheck.scoring.services import claims_rescore

    scorer = active_scorer()
    if scorer.neural is None:
        print(f"rescoring skipped: the neural scorer is unavailable ({scorer.fallback})")
        return
    started = time.perf_counter()
    rescored = claims_rescore()
    elapsed = time.perf_counter() - started
    print(
        f"background rescoring: {rescored:,} claims in {elapsed:.1f} s "
        f"({rescored / elapsed:,.0f} claims/s) with {scorer.kind} {scorer.version}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=0, help="0: one per core")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-rescore", action="store_true", help="skip the neural rescoring")
    options = parser.parse_args()

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    recreate_database(url)
    os.environ.update(
        DATABASE_URL=url, DEBUG="false", SECRET_KEY="bench-only-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="factcheck.settings.base",
    )  # fmt: skip

    import django

    django.setup()
    from django.core.management import call_command

    from factcheck.articles.services import articles_import_files

    call_command("migrate", verbosity=0)
    try:
        with tempfile.TemporaryDirectory() as directory:
            started = time.perf_counter()
            words = generate(Path(directory), options.articles, random.Random(20220226))
            print(
                f"generated {options.articles:,} articles, {words:,} words "
                f"in {time.perf_counter() - started:.1f} s; cores: {os.cpu_count()}"
            )
            done = 0
            step = max(1, options.articles // 10)
            started = time.perf_counter()

            def progress(result) -> None:
                nonlocal done
                done += 1
                if done % step == 0:
                    elapsed = time.perf_counter() - started
                    current, peak = memory_mb()
                    print(
                        f"{done:>7,} articles  {elapsed:6.1f} s  {done / elapsed:6.0f} articles/s"
                        f"  memory {current:6.1f} MB (peak {peak:6.1f} MB)",
                        flush=True,
                    )

            report = articles_import_files(
                paths=[Path(directory)], on_result=progress, processes=options.processes
            )
            elapsed = time.perf_counter() - started
        if not options.no_rescore:
            rescore()
    finally:
        from django.db import connections

        connections.close_all()
        if not options.keep:
            drop_database(url)

    batch = report.batch
    _, peak = memory_mb()
    print(
        f"{batch.articles_created:,} articles, {batch.claims_found:,} claims, "
        f"{len(report.errors)} errors in {elapsed:.1f} s: "
        f"{batch.articles_created / elapsed:,.0f} articles/s, {words / elapsed:,.0f} words/s"
    )
    cpu = os.times()
    print(
        f"peak memory: main process {peak:.0f} MB; main process CPU "
        f"{cpu.user + cpu.system:.1f} s; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores (other work on the machine slows every figure)"
    )
    ok = elapsed < REQUIRED_SECONDS and batch.articles_created == options.articles
    print(f"{'ok' if ok else 'TOO SLOW'}: requirement {REQUIRED_SECONDS} s for the batch")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
