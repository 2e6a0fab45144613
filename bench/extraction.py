"""Throughput of the claim extraction engine on one core; no Django needed.

usage: .venv/bin/python bench/extraction.py [CLAIMBUSTER_CSV] [--words N] [--repeat N]
       .venv/bin/python bench/extraction.py --lengths
       .venv/bin/python bench/extraction.py --neural [CLAIMBUSTER_CSV] [--sentences N]

--neural times the neural check-worthiness scorer instead: sentences per second with one
thread and with every core (target 300 with 2 cores), and the process's peak memory with
the model loaded (target 300 MB).

--lengths prints time against length for texts that once took time growing with the
square of their length (a run-on sentence of figures, a gallery caption of numbers):
doubling the length should about double the time.

The corpus is the seed articles plus the ClaimBuster debate sentences (default
../shared/data/claimbuster/crowdsourced.csv from the repository root), grouped into
articles of about 600 words and repeated until it holds at least --words words. The
requirement is at least 100,000 words per second.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.extraction import extract_claims  # noqa: E402

DEFAULT_CLAIMBUSTER = REPO.parent / "shared" / "data" / "claimbuster" / "crowdsourced.csv"
ARTICLE_WORDS = 600
REQUIRED_WORDS_PER_SECOND = 100_000
NEURAL_TARGET_SENTENCES_PER_SECOND = 300
NEURAL_TARGET_MEMORY_MB = 300


def seed_articles() -> list[str]:
    """Seed bodies without their header line: the importer strips it too."""
    articles = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        articles.append("\n".join(lines[1:]))
    return articles


def claimbuster_articles(path: Path) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        sentences = [row["Text"] for row in csv.DictReader(handle) if row.get("Text")]
    articles, current, words = [], [], 0
    for sentence in sentences:
        current.append(sentence)
        words += len(sentence.split())
        if words >= ARTICLE_WORDS:
            # Paragraphs of three sentences, like news copy.
            paragraphs = [" ".join(current[i : i + 3]) for i in range(0, len(current), 3)]
            articles.append("\n\n".join(paragraphs))
            current, words = [], 0
    return articles


def build_corpus(path: Path, minimum_words: int) -> list[str]:
    base = seed_articles() + claimbuster_articles(path)
    corpus, words = [], 0
    while words < minimum_words:
        for article in base:
            corpus.append(article)
            words += len(article.split())
    return corpus


# Units repeated into one paragraph of the given length.
PATHOLOGICAL = {
    "run-on sentence": (
        "The ministry said 4,500 homes in March were hit and 12% of roads closed, while "
        "officials added that 300 schools shut "
    ),
    "gallery caption": "Image 1 of 30 ",
    "picture credits": "A soldier walks past a tank in Kyiv (Image: PA) Picture: Reuters ",
}
LENGTHS = (25_000, 50_000, 100_000, 200_000, 400_000)


def time_against_length() -> int:
    for name, unit in PATHOLOGICAL.items():
        previous = None
        for length in LENGTHS:
            text = (unit * (length // len(unit) + 1))[:length]
            started = time.perf_counter()
            extract_claims(text)
            elapsed = time.perf_counter() - started
            growth = f"  x{elapsed / previous:.1f} for x2 length" if previous else ""
            print(f"{name:16} {length:>8,} chars  {elapsed:7.3f} s{growth}", flush=True)
            previous = elapsed
    return 0


def debate_sentences(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["Text"] for row in csv.DictReader(handle) if row.get("Text")]


def time_neural(path: Path, count: int) -> int:
    from factcheck.extraction.neural import NeuralScorer

    if not path.is_file():
        print(f"--neural needs the debate sentences: {path} is missing")
        return 2
    sentences = (debate_sentences(path) * (count // 1000 + 1))[:count]
    rates = {}
    for threads in sorted({1, os.cpu_count() or 1}):
        scorer = NeuralScorer.load(threads=threads)
        scorer.score(sentences[:64])  # warm-up: the session's first run allocates
        started = time.perf_counter()
        scorer.score(sentences)
        rates[threads] = len(sentences) / (time.perf_counter() - started)
        print(f"neural scorer, {threads} thread(s): {rates[threads]:,.0f} sentences/s")
    # ru_maxrss is in kilobytes on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory with the model loaded: {peak_mb:,.0f} MB")
    best = max(rates.values())
    fast = best >= NEURAL_TARGET_SENTENCES_PER_SECOND
    small = peak_mb <= NEURAL_TARGET_MEMORY_MB
    print(
        f"{'ok' if fast else 'TOO SLOW'}: target {NEURAL_TARGET_SENTENCES_PER_SECOND} "
        f"sentences/s; {'ok' if small else 'TOO BIG'}: target {NEURAL_TARGET_MEMORY_MB} MB"
    )
    return 0 if fast and small else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claimbuster", nargs="?", type=Path, default=DEFAULT_CLAIMBUSTER)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--lengths", action="store_true", help="time against text length")
    parser.add_argument("--neural", action="store_true", help="time the neural scorer")
    parser.add_argument("--sentences", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported")
    options = parser.parse_args()
    if options.lengths:
        return time_against_length()
    if options.neural:
        return time_neural(options.claimbuster, options.sentences)
    corpus = build_corpus(options.claimbuster, options.words)
    words = sum(len(article.split()) for article in corpus)
    source = "seeds + ClaimBuster" if options.claimbuster.is_file() else "seeds only"
    print(f"corpus: {len(corpus)} articles, {words:,} words ({source})")
    # The fastest of several runs, as timeit reports: other work on the machine only ever
    # slows a run down. Every run is printed.
    runs = []
    for run in range(1, options.repeat + 1):
        started = time.perf_counter()
        claims = sum(len(extract_claims(article)) for article in corpus)
        elapsed = time.perf_counter() - started
        runs.append(elapsed)
        print(
            f"run {run}: {elapsed:.2f} s  {words / elapsed:,.0f} words/s  "
            f"{claims / elapsed:,.0f} claims/s  {claims:,} claims"
        )
    rate = words / min(runs)
    print(f"best: {rate:,.0f} words/s")
    verdict = "ok" if rate >= REQUIRED_WORDS_PER_SECOND else "TOO SLOW"
    print(f"{verdict}: requirement {REQUIRED_WORDS_PER_SECOND:,} words/s")
    return 0 if rate >= REQUIRED_WORDS_PER_SECOND else 1


if __name__ == "__main__":
    sys.exit(main())
