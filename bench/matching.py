"""Claim matching: precision and recall on labelled pairs, then latency at scale.

usage: .venv/bin/python bench/matching.py [--claims N] [--new 200] [--skip-eval]
                                          [--skip-latency] [--keep] [--show-errors]

Evaluation (pure Python, no database). Base claims are the seed articles' claims
(``extract_claims``) and check-worthy ClaimBuster sentences (default
../shared/data/claimbuster/crowdsourced.csv; seeds only without it). Each base claim gets:

- *same* variants: repeated verbatim by another outlet (speaker written differently),
  reported speech ("X claimed that ..."), added context, synonyms (some folded by the
  matcher, some not), reordered clauses, figures written another way ("18,000" /
  "18000", "$600m" / "$600 million"), and two of those combined;
- *different* variants: a figure changed, a currency changed, a negation added or
  removed, a direction reversed ("rose" / "fell"), the most similar *other* base claim,
  and the same words from another speaker.

Decisions the labels encode: a different number is a different claim; so is a negated
or reversed one; the same words from another speaker are a different claim (what Ukraine
says and what Russia says are checked separately), which the matcher may still *suggest*
but never auto-links. Every variant's figures are re-read with the extraction engine's
``find_figures``, so a rewording the engine reads differently counts against recall.

A pair counts as found when the candidate gate lets it through (the two claims share an
LSH band key, exactly as the database lookup finds them) and its score reaches the
threshold; auto-link also needs >= 8 words and no speaker conflict.

Latency (PostgreSQL). Creates the database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/factcheck_bench_matching), migrates it, bulk-loads
--claims synthetic claims with their fingerprints (COPY, indexes built after), then times
finding the matches of --new new claims (half of them rewordings of stored claims) and
prints p50/p95. The database is dropped at the end unless --keep; a kept database with
at least --claims claims is reused.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck.extraction import extract_claims  # noqa: E402
from factcheck.extraction.figures import find_figures  # noqa: E402
from factcheck.matching import similarity  # noqa: E402

DEFAULT_CLAIMBUSTER = REPO.parent / "shared" / "data" / "claimbuster" / "crowdsourced.csv"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench_matching"
CLAIMBUSTER_BASES = 200
TARGET_AUTO_LINK_PRECISION = 0.99
TARGET_SUGGESTION_RECALL = 0.90
TARGET_P95_MS = 20.0
SEARCHES = 20


@dataclass(frozen=True)
class Base:
    text: str
    speaker: str


@dataclass(frozen=True)
class Pair:
    left: Base
    right: Base
    same: bool
    kind: str


# Base claims ----------------------------------------------------------------------------


def seed_bases() -> list[Base]:
    bases = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        body = "\n".join(path.read_text(encoding="utf-8").splitlines()[1:])
        bases.extend(Base(claim.text, claim.speaker or "") for claim in extract_claims(body))
    return bases


def claimbuster_sentences(path: Path) -> list[Base]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Base(row["Text"].strip(), row.get("Speaker", "") or "")
            for row in csv.DictReader(handle)
            if row.get("Text")
        ]


def claimbuster_bases(sentences: list[Base], count: int) -> list[Base]:
    seen, usable = set(), []
    for base in sentences:
        words = len(base.text.split())
        key = similarity.fingerprint(base.text).match_key
        if 8 <= words <= 40 and key not in seen:
            seen.add(key)
            usable.append(base)
    rng = random.Random(20261125)
    with_figures = [base for base in usable if find_figures(base.text)]
    without = [base for base in usable if not find_figures(base.text)]
    return rng.sample(with_figures, min(count // 2, len(with_figures))) + rng.sample(
        without, min(count - count // 2, len(without))
    )


# Variants -------------------------------------------------------------------------------

# Rewordings outlets use. Some of these the matcher folds together, some it does not.
GENERATOR_SYNONYMS = {
    "given": "handed",
    "pledged": "promised",
    "provide": "supply",
    "assistance": "aid",
    "residents": "citizens",
    "guns": "weapons",
    "defend": "protect",
    "country": "nation",
    "big": "large",
    "people": "persons",
    "increase": "boost",
    "jobs": "positions",
    "killed": "slain",
    "government": "administration",
    "president": "leader",
    "started": "began",
    "help": "support",
    "fight": "battle",
    "said": "claimed",
    "says": "claims",
    "percent": "per cent",
    "invasion": "offensive",
    "failed": "collapsed",
}
CONTEXTS = [
    ", officials said on Friday",
    " according to a statement released on Tuesday",
    ", the report added",
    ", as the crisis deepened",
    ", it was reported",
]
PREFIXES = ["{speaker} claimed that ", "According to {speaker}, ", "{speaker} has said that "]
DIRECTION_SWAPS = {
    "increased": "decreased",
    "decreased": "increased",
    "rose": "fell",
    "fell": "rose",
    "more": "fewer",
    "higher": "lower",
    "lower": "higher",
    "won": "lost",
    "lost": "won",
    "support": "oppose",
    "supported": "opposed",
    "opposed": "supported",
    "up": "down",
    "down": "up",
}
AUXILIARIES = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|did|does|do)\b(?!n?['’]t)"
)
NEGATED = re.compile(r"\b(not|never|n't)\b\s*", re.IGNORECASE)
SPEAKER_VARIANTS = [
    lambda speaker: speaker,
    lambda speaker: speaker.split()[-1] if speaker else speaker,
    lambda speaker: f"Mr {speaker.split()[-1]}" if speaker else speaker,
]
OTHER_SPEAKERS = ["Russia", "the Kremlin", "Senator Jane Smith", "Vladimir Putin", "Nancy Pelosi"]


def _speaker(base: Base, rng: random.Random) -> str:
    return rng.choice(SPEAKER_VARIANTS)(base.speaker)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def same_variants(base: Base, rng: random.Random) -> list[tuple[str, Base]]:
    text = base.text.rstrip(".")
    variants = [("repeated", Base(text + ".", _speaker(base, rng)))]
    if base.speaker:
        prefix = rng.choice(PREFIXES).format(speaker=base.speaker)
        variants.append(("reported speech", Base(prefix + _lower_first(text), base.speaker)))
    variants.append(("added context", Base(text + rng.choice(CONTEXTS), base.speaker)))
    words = text.split(" ")
    swapped = [GENERATOR_SYNONYMS.get(word, word) for word in words]
    if swapped != words:
        variants.append(("synonyms", Base(" ".join(swapped), base.speaker)))
    if ", " in text:
        first, _, rest = text.partition(", ")
        variants.append(("reordered", Base(f"{rest[:1].upper()}{rest[1:]}, {first}", base.speaker)))
    else:
        match = re.search(r" (in|on|to|by|at|for|from|with) [^,]{4,}$", text)
        if match and match.start() > 10:
            moved = f"{match.group(0).strip().capitalize()}, {_lower_first(text[: match.start()])}"
            variants.append(("reordered", Base(moved, base.speaker)))
    reformatted = _reformat_figures(text)
    if reformatted != text:
        variants.append(("figures rewritten", Base(reformatted, base.speaker)))
    combined = " ".join(GENERATOR_SYNONYMS.get(word, word) for word in text.split(" "))
    variants.append(("synonyms + context", Base(combined + rng.choice(CONTEXTS), base.speaker)))
    return variants


def _reformat_figures(text: str) -> str:
    text = re.sub(r"\b(\d{1,3}),(\d{3})\b(?!,\d)", r"\1\2", text)
    text = re.sub(r"\$(\d+(?:\.\d+)?)m\b", r"$\1 million", text)
    text = re.sub(r"\$(\d+(?:\.\d+)?)bn\b", r"$\1 billion", text)
    return re.sub(r"(\d)%", r"\1 per cent", text)


def _change_figure(text: str) -> str | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if not match:
        return None
    digits = match.group(0).replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    changed = value * 2 if value < 1800 or value > 2100 else value + 3
    number = f"{changed:,.0f}" if changed == int(changed) else f"{changed}"
    if "," not in match.group(0):
        number = number.replace(",", "")
    return text[: match.start()] + number + text[match.end() :]


def different_variants(
    base: Base, others: list[Base], rng: random.Random
) -> list[tuple[str, Base]]:
    text = base.text.rstrip(".")
    variants = []
    changed = _change_figure(text)
    if changed:
        variants.append(("figure changed", Base(changed, base.speaker)))
    if "$" in text:
        variants.append(("currency changed", Base(text.replace("$", "£"), base.speaker)))
    if NEGATED.search(text):
        variants.append(("negation removed", Base(NEGATED.sub("", text, count=1), base.speaker)))
    else:
        negated = AUXILIARIES.sub(lambda m: f"{m.group(1)} not", text, count=1)
        if negated != text:
            variants.append(("negation added", Base(negated, base.speaker)))
    words = text.split(" ")
    for index, word in enumerate(words):
        if word.lower() in DIRECTION_SWAPS:
            reversed_words = [*words[:index], DIRECTION_SWAPS[word.lower()], *words[index + 1 :]]
            variants.append(("direction reversed", Base(" ".join(reversed_words), base.speaker)))
            break
    neighbour = _nearest_other(base, others)
    if neighbour is not None:
        variants.append(("another claim", neighbour))
    if base.speaker:
        other = rng.choice([name for name in OTHER_SPEAKERS if name != base.speaker])
        variants.append(("same words, other speaker", Base(text, other)))
    return variants


def _fingerprint(base: Base) -> similarity.Fingerprint:
    return similarity.fingerprint(base.text, figures=find_figures(base.text), speaker=base.speaker)


def _nearest_other(base: Base, others: list[Base]) -> Base | None:
    mine = _fingerprint(base)
    best, best_score = None, -1.0
    for other in others:
        if other.text == base.text:
            continue
        score = similarity.trigram_similarity(mine.match_key, _fingerprint(other).match_key)
        if score > best_score:
            best, best_score = other, score
    return best


def build_pairs(claimbuster: Path) -> tuple[list[Pair], list[Base]]:
    rng = random.Random(7)
    sentences = claimbuster_sentences(claimbuster)
    bases = seed_bases() + claimbuster_bases(sentences, CLAIMBUSTER_BASES)
    pool = bases + rng.sample(sentences, min(3000, len(sentences)))
    pairs = []
    for base in bases:
        pairs.extend(Pair(base, variant, True, kind) for kind, variant in same_variants(base, rng))
        pairs.extend(
            Pair(base, variant, False, kind)
            for kind, variant in different_variants(base, pool, rng)
        )
    return pairs, bases


# Evaluation -----------------------------------------------------------------------------


@dataclass
class Decision:
    retrieved: bool
    comparison: similarity.Comparison


def decide(pair: Pair) -> Decision:
    left, right = _fingerprint(pair.left), _fingerprint(pair.right)
    retrieved = bool(set(similarity.band_keys(left)) & set(similarity.band_keys(right)))
    return Decision(retrieved, similarity.compare(left, right))


def precision_recall(pairs, predicted) -> tuple[float, float, int, int, int]:
    true_positive = sum(1 for pair, yes in zip(pairs, predicted, strict=True) if yes and pair.same)
    false_positive = sum(
        1 for pair, yes in zip(pairs, predicted, strict=True) if yes and not pair.same
    )
    positives = sum(1 for pair in pairs if pair.same)
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / positives if positives else 0.0
    return precision, recall, true_positive, false_positive, positives


def _auto_linked(decision: Decision, threshold: float) -> bool:
    comparison = decision.comparison
    return (
        decision.retrieved
        and comparison.score >= threshold
        and "short claim" not in comparison.reason
        and "different speakers" not in comparison.reason
    )


def evaluate(claimbuster: Path, show_errors: bool) -> bool:
    pairs, bases = build_pairs(claimbuster)
    decisions = [decide(pair) for pair in pairs]
    same = sum(pair.same for pair in pairs)
    source = "seeds + ClaimBuster" if claimbuster.is_file() else "seeds only"
    print(f"evaluation: {len(bases)} base claims ({source}), {len(pairs)} pairs: ")
    print(f"  {same} same, {len(pairs) - same} different")
    kinds: dict[str, list[int]] = {}
    for pair in pairs:
        kinds.setdefault(pair.kind, [0])[0] += 1
    print("  " + ", ".join(f"{kind} {count[0]}" for kind, count in sorted(kinds.items())))
    print()
    print("threshold  suggestion P / R           auto-link P / R")
    for threshold in (0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        suggested = [d.retrieved and d.comparison.score >= threshold for d in decisions]
        linked = [_auto_linked(d, threshold) for d in decisions]
        sp, sr, *_ = precision_recall(pairs, suggested)
        ap, ar, *_ = precision_recall(pairs, linked)
        marks = []
        if threshold == similarity.SUGGEST_THRESHOLD:
            marks.append("<- suggest")
        if threshold == similarity.AUTO_LINK_THRESHOLD:
            marks.append("<- auto-link")
        print(f"  {threshold:4.2f}     {sp:.3f} / {sr:.3f}              {ap:.3f} / {ar:.3f}  "
              f"{' '.join(marks)}")  # fmt: skip
    suggested = [d.retrieved and d.comparison.suggest for d in decisions]
    linked = [d.retrieved and d.comparison.auto_link for d in decisions]
    sp, sr, stp, sfp, positives = precision_recall(pairs, suggested)
    ap, ar, atp, afp, _ = precision_recall(pairs, linked)
    print()
    print(
        f"suggestions (>= {similarity.SUGGEST_THRESHOLD}): precision {sp:.3f} recall {sr:.3f} "
        f"({stp} of {positives} same pairs, {sfp} false)"
    )
    print(
        f"auto-link   (>= {similarity.AUTO_LINK_THRESHOLD}): precision {ap:.3f} recall {ar:.3f} "
        f"({atp} of {positives} same pairs, {afp} false)"
    )
    print("by kind (suggested / auto-linked / pairs):")
    for kind in sorted(kinds):
        rows = [i for i, pair in enumerate(pairs) if pair.kind == kind]
        print(
            f"  {kind:28} {sum(suggested[i] for i in rows):4} / "
            f"{sum(linked[i] for i in rows):4} / {len(rows):4}"
        )
    if show_errors:
        print("\nmissed suggestions and false auto-links:")
        for pair, decision, yes, auto in zip(pairs, decisions, suggested, linked, strict=True):
            if (pair.same and not yes) or (auto and not pair.same):
                print(f"  [{pair.kind}] {decision.comparison.score} {decision.comparison.reason}")
                print(f"    {pair.left.speaker}: {pair.left.text}")
                print(f"    {pair.right.speaker}: {pair.right.text}")
    met = ap >= TARGET_AUTO_LINK_PRECISION and sr >= TARGET_SUGGESTION_RECALL
    print(
        f"targets: auto-link precision >= {TARGET_AUTO_LINK_PRECISION}, suggestion recall >= "
        f"{TARGET_SUGGESTION_RECALL}: {'met' if met else 'NOT met'}"
    )
    return met


# Latency --------------------------------------------------------------------------------

FILLER_WORDS = [
    "budget",
    "tax",
    "schools",
    "hospitals",
    "border",
    "troops",
    "energy",
    "prices",
    "wages",
    "farmers",
    "banks",
    "pensions",
    "climate",
    "housing",
    "police",
    "crime",
    "exports",
    "imports",
    "tariffs",
    "deficit",
    "inflation",
    "veterans",
    "students",
    "loans",
    "nurses",
    "doctors",
    "drugs",
    "oil",
    "coal",
    "gas",
    "rail",
    "roads",
    "bridges",
    "water",
    "courts",
]
UNITS = ["jobs", "people", "troops", "guns", "homes", "schools", "%", "year", ""]


def _synthetic(sentences: list[Base], rng: random.Random) -> tuple[str, str, list[dict]]:
    base, other = rng.choice(sentences), rng.choice(sentences)
    # Half of one sentence, half of another, a few words replaced: varied, realistic words.
    first, second = base.text.rstrip(".").split(), other.text.rstrip(".").split()
    words = first[: max(3, len(first) // 2)] + second[len(second) // 2 :]
    for _ in range(rng.randint(1, 3)):
        words[rng.randrange(len(words))] = rng.choice(FILLER_WORDS)
    figures = []
    if rng.random() < 0.4:
        value = float(
            rng.choice([rng.randint(2, 100), rng.randint(100, 100_000), 1990 + rng.randint(0, 35)])
        )
        unit = rng.choice(UNITS)
        currency = "USD" if not unit and rng.random() < 0.5 else ""
        figures.append({"text": f"{value:g}", "value": value, "unit": unit, "currency": currency})
        words.insert(rng.randrange(len(words) + 1), f"{value:g} {unit}".strip())
    return " ".join(words), base.speaker, figures


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def latency(count: int, new: int, keep: bool, claimbuster: Path) -> bool:
    import psycopg

    url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from factcheck.articles.models import Article
    from factcheck.claims.models import Claim
    from factcheck.matching.selectors import similar_claims
    from factcheck.matching.services import match_candidates

    try:
        call_command("migrate", verbosity=0)
        sentences = claimbuster_sentences(claimbuster) or seed_bases()
        rng = random.Random(1)
        stored = Claim.objects.count()
        if stored < count:
            _populate(connection, sentences, rng, count - stored, stored)
        stored = Claim.objects.count()
        print(f"latency: {stored:,} claims in PostgreSQL ({connection.settings_dict['NAME']})")
        article = Article.objects.order_by("id").first()
        # Half the new claims reword stored ones, so some have matches to find.
        samples = list(
            Claim.objects.filter(pk__in=[rng.randint(1, stored) for _ in range(new // 2)])
        )
        texts = [
            (claim.text + ", officials said", claim.speaker, claim.figures) for claim in samples
        ]
        texts += [_synthetic(sentences, rng) for _ in range(new - len(texts))]
        timings, found, originals = [], 0, 0
        for index, (text, speaker, figures) in enumerate(texts):
            fingerprint = similarity.fingerprint(text, figures=figures, speaker=speaker)
            started = time.perf_counter()
            candidates = match_candidates(fingerprint=fingerprint, article_id=article.pk)
            timings.append((time.perf_counter() - started) * 1000)
            found += bool(candidates)
            if index < len(samples):
                originals += any(c.claim_id == samples[index].pk for c in candidates)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"finding matches for {len(timings)} new claims: p50 {p50:.2f} ms, p95 {p95:.2f} ms, "
            f"max {timings[-1]:.2f} ms; {found} had a match"
        )
        print(
            f"rewordings of stored claims that found their original: {originals} of {len(samples)}"
        )
        searches = []
        for text, _, _ in texts[:SEARCHES]:
            started = time.perf_counter()
            similar_claims(text=" ".join(text.split()[:8]))
            searches.append((time.perf_counter() - started) * 1000)
        searches.sort()
        print(
            f"similar-claims search (pg_trgm), {len(searches)} free-text queries: "
            f"p50 {statistics.median(searches):.0f} ms, max {searches[-1]:.0f} ms"
        )
        return p95 <= TARGET_P95_MS
    finally:
        connection.close()
        if not keep:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _populate(connection, sentences, rng, count: int, offset: int) -> None:
    """COPY ``count`` synthetic claims and their fingerprints; indexes are built after."""
    import json

    from django.utils import timezone

    from factcheck.articles.models import Article
    from factcheck.articles.parsing import content_hash

    per_article = 1000
    articles_needed = (offset + count) // per_article + 1
    have = Article.objects.count()
    Article.objects.bulk_create(
        Article(title=f"Bench {i}", body="x" * 10, content_hash=content_hash(f"Bench {i}", "x"))
        for i in range(have, articles_needed)
    )
    article_ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    with raw.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS fingerprint_match_key_trgm_idx")
        cursor.execute("DROP INDEX IF EXISTS fingerprint_figures_idx")
        cursor.execute("DROP INDEX IF EXISTS band_lookup_idx")
        raw.commit()
        now = timezone.now()
        chunk = 50_000
        for chunk_start in range(offset, offset + count, chunk):
            claims, fingerprints, bands = [], [], []
            for pk in range(chunk_start + 1, min(offset + count, chunk_start + chunk) + 1):
                text, speaker, figures = _synthetic(sentences, rng)
                article = article_ids[pk // per_article]
                position = pk % per_article
                claims.append((
                    pk, article, text, text, position, position + 1, speaker[:300],
                    "quantity" if figures else "other", json.dumps(figures), 0.5, "[]", "new",
                    0, 1, "bench", now, now,
                ))  # fmt: skip
                fp = similarity.fingerprint(text, figures=figures, speaker=speaker)
                fingerprints.append((
                    pk, fp.match_key, fp.figures, " ".join(sorted(fp.speaker))[:300],
                    " ".join(sorted(fp.directions)), fp.negations, fp.word_count,
                ))  # fmt: skip
                bands.extend((pk, band) for band in similarity.band_keys(fp))
            _copy(cursor, "claims_claim", [
                "id", "article_id", "text", "sentence", "start", '"end"', "speaker",
                "claim_type", "figures", "score", "score_reasons", "status", "priority",
                "version", "extractor_version", "created_at", "updated_at",
            ], claims)  # fmt: skip
            _copy(cursor, "matching_claimfingerprint", [
                "claim_id", "match_key", "figure_key", "speaker_key", "directions", "negations",
                "word_count",
            ], fingerprints)  # fmt: skip
            _copy(cursor, "matching_claimband", ["claim_id", "band"], bands)
            raw.commit()
            done = chunk_start + len(claims) - offset
            print(f"  loaded {done:,} claims in {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('claims_claim', 'id'), "
            "(SELECT max(id) FROM claims_claim))"
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX fingerprint_figures_idx ON matching_claimfingerprint (figure_key)"
        )
        cursor.execute("CREATE INDEX band_lookup_idx ON matching_claimband (band, claim_id)")
        cursor.execute(
            "CREATE INDEX fingerprint_match_key_trgm_idx ON matching_claimfingerprint "
            "USING gin (match_key gin_trgm_ops)"
        )
        # VACUUM sets the visibility map, so band lookups are index-only scans, as they are
        # once autovacuum has visited a live database.
        for table in ("claims_claim", "matching_claimfingerprint", "matching_claimband"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        raw.commit()
    print(f"  loaded and indexed in {time.perf_counter() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claimbuster", type=Path, default=DEFAULT_CLAIMBUSTER)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--skip-eval", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--show-errors", action="store_true")
    options = parser.parse_args()
    ok = True
    if not options.skip_eval:
        ok &= evaluate(options.claimbuster, options.show_errors)
    if not options.skip_latency:
        print()
        ok &= latency(options.claims, options.new, options.keep, options.claimbuster)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
