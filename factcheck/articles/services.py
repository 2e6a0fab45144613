"""Importing articles: one importer for every format, from the command line or the screen.

Each file is read by the reader for its format (``readers``); each article in it imports
whole, with its claims, or not at all, and a bad file or record is reported with where it
is and why while the rest still import. The same text is one article however often it
comes (its content hash is unique); a story whose text changed arrives as a new article
linked to its previous version (same url, or same title and outlet without one).

Articles are written in chunks: one query finds the duplicates of a chunk, claim
extraction runs (in worker processes for large imports) while the previous chunk is
written with two bulk inserts, so the database work per article is constant.
"""

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.tasks import task
from django.utils import timezone

from factcheck.articles.claim_pool import ClaimExtractor, PendingClaims
from factcheck.articles.models import Article, ImportBatch, ImportFile
from factcheck.articles.parsing import ArticleFormatError
from factcheck.articles.readers import (
    READABLE_SUFFIXES,
    ZIP_SUFFIXES,
    Record,
    is_zip,
    member_size_limit,
    read_records,
    zip_members,
)
from factcheck.claims.models import Claim, ScoreModel
from factcheck.claims.services import claim_from_extracted
from factcheck.extraction import ENGINE_VERSION, ExtractedClaim
from factcheck.matching.tasks import match_batch_task
from factcheck.scoring.tasks import claims_rescore_task
from factcheck.speakers.services import claims_link_speakers

ARTICLE_SUFFIXES = READABLE_SUFFIXES | ZIP_SUFFIXES
CHUNK_SIZE = 200
CLAIM_INSERT_BATCH = 5000
# The batch keeps this many error and note lines; past that it counts them.
MAX_LINES_KEPT = 500
PROGRESS_EVERY_SECONDS = 0.5
PROGRESS_FIELDS = [
    "status", "finished_at", "files_total", "files_done", "articles_created",
    "duplicates_skipped", "new_versions", "claims_found", "errors", "notes",
]  # fmt: skip


class Outcome:
    CREATED = "created"
    DUPLICATE = "duplicate"
    NEW_VERSION = "new version"
    ERROR = "error"


@dataclass(frozen=True)
class RecordResult:
    """What became of one article of one file."""

    location: str
    outcome: str
    title: str = ""
    article_id: int | None = None
    previous_id: int | None = None
    claims: int = 0
    error: str = ""

    def describe(self) -> str:
        if self.outcome == Outcome.ERROR:
            return f"{self.location}: {self.error}"
        if self.outcome == Outcome.DUPLICATE:
            return f"already imported {self.location}: {self.title!r}"
        version = f" (new version of #{self.previous_id})" if self.previous_id else ""
        return f"imported {self.location}: {self.title!r}, {self.claims} claims{version}"


@dataclass(frozen=True)
class ImportSource:
    """A file handed to the importer: its name and how to read it (may refuse)."""

    name: str
    read: Callable[[], bytes]


@dataclass
class ImportReport:
    batch: ImportBatch
    files_failed: int = 0
    errors: list[str] = field(default_factory=list)


def _read_path(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        limit = settings.FACTCHECK_MAX_UPLOAD_BYTES
        if path.suffix.lower() not in ZIP_SUFFIXES:
            limit = member_size_limit(path.name)
        if size > limit:
            raise ArticleFormatError(f"it is {size:,} bytes, over the limit of {limit:,} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleFormatError("no such file") from None
    except IsADirectoryError:
        raise ArticleFormatError("it is a folder, not a file") from None
    except PermissionError:
        raise ArticleFormatError("permission denied") from None


def path_sources(paths: list[Path]) -> list[ImportSource]:
    """The files to import: each file given, and the article files inside each folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                )
            )
        else:
            found.append(path)
    return [ImportSource(str(path), lambda path=path: _read_path(path)) for path in found]


def _read_stored(import_file: ImportFile) -> bytes:
    try:
        with import_file.file.open("rb") as handle:
            return handle.read(settings.FACTCHECK_MAX_UPLOAD_BYTES + 1)
    except FileNotFoundError:
        raise ArticleFormatError("the uploaded file is no longer in storage") from None


def stored_sources(batch: ImportBatch) -> list[ImportSource]:
    return [
        ImportSource(import_file.name, lambda import_file=import_file: _read_stored(import_file))
        for import_file in batch.files.all()
    ]


@dataclass
class _Chunk:
    records: list[Record]
    claims: PendingClaims


class _Importer:
    """Runs one batch: reads sources, writes chunks, keeps the batch's counters current."""

    def __init__(
        self,
        batch: ImportBatch,
        extractor: ClaimExtractor,
        on_result: Callable[[RecordResult], None] | None,
    ) -> None:
        self.batch = batch
        self.extractor = extractor
        self.on_result = on_result
        self.report = ImportReport(batch=batch)
        self._waiting: list[Record] = []
        self._in_flight: _Chunk | None = None
        self._saved_at = 0.0
        self._files_with_errors: set[str] = set()

    # Reading ------------------------------------------------------------------------------

    def run(self, sources: Iterable[ImportSource]) -> ImportReport:
        self.batch.status = ImportBatch.Status.RUNNING
        self._save_progress(force=True)
        for source in sources:
            for name, records in self._expand(source):
                self._read_file(name, records)
                self.batch.files_done += 1
                self._save_progress()
        self._submit_waiting()
        self._write_in_flight()
        self.batch.status = (
            ImportBatch.Status.FAILED if self._files_with_errors else ImportBatch.Status.DONE
        )
        self.batch.finished_at = timezone.now()
        self._save_progress(force=True)
        self.report.files_failed = len(self._files_with_errors)
        return self.report

    def _expand(self, source: ImportSource) -> Iterator[tuple[str, Callable[[], Iterator]]]:
        """(file name, how to get its records): one per file, or per member of a zip."""
        try:
            raw = source.read()
            if is_zip(source.name, raw[:4]):
                members = zip_members(source.name, raw)
                # The zip counts as its members in the progress.
                self.batch.files_total += len(members) - 1
                del raw
                for member in members:
                    yield member.name, self._member_records(member)
                return
        except ArticleFormatError as error:
            yield source.name, self._refused(error)
            return
        yield source.name, lambda: read_records(source.name, raw)

    @staticmethod
    def _member_records(member):
        def records():
            if member.error:
                raise ArticleFormatError(member.error)
            return read_records(member.name, member.read())

        return records

    @staticmethod
    def _refused(error: ArticleFormatError):
        def records():
            raise error

        return records

    def _read_file(self, name: str, records: Callable[[], Iterator[Record]]) -> None:
        try:
            for record in records():
                if record.error:
                    self._record_done(
                        RecordResult(record.location, Outcome.ERROR, error=record.error)
                    )
                else:
                    self._waiting.append(record)
                    if len(self._waiting) >= CHUNK_SIZE:
                        self._submit_waiting()
        except ArticleFormatError as error:
            self._record_done(RecordResult(name, Outcome.ERROR, error=str(error)))

    # Writing ------------------------------------------------------------------------------

    def _submit_waiting(self) -> None:
        """Drop the chunk's known duplicates, start extracting the rest, write the last one."""
        records, self._waiting = self._waiting, []
        if records:
            existing = dict(
                Article.objects.filter(
                    content_hash__in={record.article.content_hash for record in records}
                ).values_list("content_hash", "pk")
            )
            fresh = []
            for record in records:
                if record.article.content_hash in existing:
                    self._duplicate(record, existing[record.article.content_hash])
                else:
                    fresh.append(record)
            chunk = _Chunk(fresh, self.extractor.submit([r.article.body for r in fresh]))
        else:
            chunk = None
        self._write_in_flight()
        self._in_flight = chunk

    def _write_in_flight(self) -> None:
        chunk, self._in_flight = self._in_flight, None
        if chunk is None or not chunk.records:
            return
        ready: list[tuple[Record, list]] = []
        for record, extracted in zip(chunk.records, chunk.claims.result(), strict=True):
            if isinstance(extracted, str):
                self._record_done(RecordResult(record.location, Outcome.ERROR, error=extracted))
            else:
                ready.append((record, extracted))
        # The first of each story goes in bulk; a second version in the same chunk, or any
        # article that meets a concurrent import, goes one at a time.
        first, later, keys = [], [], set()
        for item in ready:
            key = item[0].article.version_key
            (later if key in keys else first).append(item)
            keys.add(key)
        try:
            self._write_bulk(first)
        except IntegrityError:
            later = first + later
        for record, extracted in later:
            self._write_one(record, extracted)
        self._save_progress(force=True)

    def _previous_versions(self, keys: set[str]) -> dict[str, int]:
        latest: dict[str, int] = {}
        for key, pk in Article.objects.filter(version_key__in=keys).values_list(
            "version_key", "pk"
        ):
            latest[key] = max(latest.get(key, 0), pk)
        return latest

    def _article(self, record: Record, previous_id: int | None) -> Article:
        parsed = record.article
        return Article(
            title=parsed.title,
            subtitle=parsed.subtitle,
            url=parsed.url,
            outlet=parsed.outlet,
            author=parsed.author,
            caption=parsed.caption,
            published_on=parsed.published_on,
            body=parsed.body,
            content_hash=parsed.content_hash,
            version_key=parsed.version_key,
            previous_version_id=previous_id,
            batch=self.batch,
            extractor_version=ENGINE_VERSION,
        )

    def _write_bulk(self, items: list[tuple[Record, list]]) -> None:
        if not items:
            return
        previous = self._previous_versions({record.article.version_key for record, _ in items})
        with transaction.atomic():
            articles = Article.objects.bulk_create(
                [
                    self._article(record, previous.get(record.article.version_key))
                    for record, _ in items
                ]
            )
            _insert_claims(
                (article, claim)
                for article, (_, extracted) in zip(articles, items, strict=True)
                for claim in extracted
            )
        for article, (record, extracted) in zip(articles, items, strict=True):
            self._created(record, article, len(extracted))

    def _write_one(self, record: Record, extracted: list) -> None:
        key = record.article.version_key
        try:
            with transaction.atomic():
                article = self._article(record, self._previous_versions({key}).get(key))
                article.save(force_insert=True)
                _insert_claims((article, claim) for claim in extracted)
        except IntegrityError as error:
            existing = (
                Article.objects.filter(content_hash=record.article.content_hash)
                .values_list("pk", flat=True)
                .first()
            )
            if existing is None:
                self._record_done(
                    RecordResult(
                        record.location, Outcome.ERROR, error=f"it could not be saved ({error})"
                    )
                )
            else:
                # Another import of the same text committed first.
                self._duplicate(record, existing)
            return
        self._created(record, article, len(extracted))

    # Counting -----------------------------------------------------------------------------

    def _duplicate(self, record: Record, article_id: int) -> None:
        self._record_done(
            RecordResult(
                record.location,
                Outcome.DUPLICATE,
                title=record.article.title,
                article_id=article_id,
            )
        )

    def _created(self, record: Record, article: Article, claims: int) -> None:
        self._record_done(
            RecordResult(
                record.location,
                Outcome.NEW_VERSION if article.previous_version_id else Outcome.CREATED,
                title=article.title,
                article_id=article.pk,
                previous_id=article.previous_version_id,
                claims=claims,
            )
        )

    def _record_done(self, result: RecordResult) -> None:
        batch = self.batch
        if result.outcome == Outcome.ERROR:
            self._files_with_errors.add(result.location.split(", ")[0])
            _keep_line(batch.errors, result.describe(), "errors")
            self.report.errors.append(result.describe())
        elif result.outcome == Outcome.DUPLICATE:
            batch.duplicates_skipped += 1
        else:
            batch.articles_created += 1
            batch.claims_found += result.claims
            if result.outcome == Outcome.NEW_VERSION:
                batch.new_versions += 1
                _keep_line(
                    batch.notes,
                    f"{result.location}: new version of #{result.previous_id} "
                    f"({result.title[:80]!r})",
                    "notes",
                )
        if self.on_result is not None:
            self.on_result(result)

    def _save_progress(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._saved_at >= PROGRESS_EVERY_SECONDS:
            self.batch.save(update_fields=PROGRESS_FIELDS)
            self._saved_at = now


# Claim columns written by COPY, in order; a test holds them equal to the ORM's rows.
COPY_COLUMNS = [
    "article_id", "text", "sentence", "start", "end", "speaker", "claim_type", "figures",
    "score", "score_reasons", "status", "assignee_id", "priority", "canonical_id", "version",
    "span_needs_check", "extractor_version", "non_claim_reason", "non_claim_note",
    "engine_claims", "speaker_description", "quote", "score_model", "score_model_version",
    "created_at", "updated_at",
]  # fmt: skip


def _claim_row(article_id: int, claim: ExtractedClaim, now) -> tuple:
    """The row ``claims.services.claim_from_extracted`` would save, without a model instance."""
    figures = [
        {"text": f.text, "value": f.value, "unit": f.unit, "currency": f.currency}
        for f in claim.figures
    ]
    return (
        article_id, claim.text, claim.sentence, claim.start, claim.end, claim.speaker or "",
        str(claim.type), json.dumps(figures), min(max(claim.score, 0.0), 1.0),
        json.dumps(list(claim.reasons)), Claim.Status.NEW.value, None, 0, None, 1,
        False, ENGINE_VERSION, "", "", None, (claim.speaker_description or "")[:300],
        claim.quote or "", ScoreModel.LEXICAL.value, ENGINE_VERSION, now, now,
    )  # fmt: skip


def _insert_claims(claims: Iterable[tuple[Article, ExtractedClaim]]) -> None:
    """Insert claims in bulk (PostgreSQL's COPY, no SQL to build per row, else bulk_create),
    then point them at their speakers."""
    connection = connections[Claim.objects.db]
    article_ids = set()

    def noting_articles():
        for article, claim in claims:
            article_ids.add(article.pk)
            yield article, claim

    if connection.vendor != "postgresql":
        Claim.objects.bulk_create(
            (claim_from_extracted(article, claim) for article, claim in noting_articles()),
            batch_size=CLAIM_INSERT_BATCH,
        )
    else:
        now = timezone.now()
        columns = ", ".join(connection.ops.quote_name(column) for column in COPY_COLUMNS)
        table = connection.ops.quote_name(Claim._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for article, claim in noting_articles():
                copy.write_row(_claim_row(article.pk, claim, now))
    claims_link_speakers(claims=Claim.objects.filter(article_id__in=article_ids))


def _keep_line(lines: list[str], line: str, what: str) -> None:
    if len(lines) < MAX_LINES_KEPT:
        lines.append(line)
    elif len(lines) == MAX_LINES_KEPT:
        lines.append(f"… more {what} were not kept; the counts above include them")


def import_batch_run(
    *,
    batch: ImportBatch,
    sources: Iterable[ImportSource],
    on_result: Callable[[RecordResult], None] | None = None,
    processes: int | None = None,
) -> ImportReport:
    """Import ``sources`` into ``batch``; a bad file or record is reported, never half-written.

    Not atomic as a whole on purpose: each chunk of articles commits with its claims, so the
    batch page shows progress and a crash keeps what was imported (importing again skips it).
    """
    with ClaimExtractor(
        settings.FACTCHECK_IMPORT_PROCESSES if processes is None else processes,
        seconds=settings.FACTCHECK_EXTRACTION_SECONDS,
    ) as extractor:
        try:
            report = _Importer(batch, extractor, on_result).run(sources)
        except Exception as error:
            batch.status = ImportBatch.Status.FAILED
            batch.finished_at = timezone.now()
            batch.errors.append(f"The import stopped: {type(error).__name__}: {error}")
            batch.save(update_fields=PROGRESS_FIELDS)
            raise
    # Matching against earlier claims is slower than importing; it follows in the background.
    transaction.on_commit(lambda: match_batch_task.enqueue(batch_id=batch.pk))
    # Imports keep the fast lexical score; the active model's follows in the background.
    transaction.on_commit(lambda: claims_rescore_task.enqueue())
    return report


def articles_import_files(
    *,
    paths: list[Path],
    user=None,
    source: str = "",
    on_result: Callable[[RecordResult], None] | None = None,
    processes: int | None = None,
) -> ImportReport:
    """Import every article file under ``paths`` (the command line's way in)."""
    sources = path_sources(paths)
    batch = ImportBatch.objects.create(
        created_by=user,
        source=(source or ", ".join(map(str, paths)))[:500],
        files_total=len(sources),
        status=ImportBatch.Status.RUNNING,
    )
    return import_batch_run(batch=batch, sources=sources, on_result=on_result, processes=processes)


@transaction.atomic
def import_batch_upload(*, user, files) -> ImportBatch:
    """Keep uploaded files for the worker and queue their import (the Import screen's way in)."""
    names = [upload.name for upload in files]
    source = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    batch = ImportBatch.objects.create(
        created_by=user,
        source=f"Upload: {source}"[:500],
        files_total=len(files),
        status=ImportBatch.Status.QUEUED,
    )
    for upload in files:
        ImportFile.objects.create(
            batch=batch, name=upload.name[:255], file=upload, size=upload.size
        )
    transaction.on_commit(lambda: import_batch_task.enqueue(batch_id=batch.pk))
    return batch


@task()
def import_batch_task(*, batch_id: int) -> dict[str, int] | None:
    """Import an uploaded batch in the background; its page follows the counters."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return None
    report = import_batch_run_stored(batch=batch)
    if report is None:
        return None
    return {"articles_created": batch.articles_created, "errors": len(report.errors)}


def import_batch_run_stored(*, batch: ImportBatch) -> ImportReport | None:
    """Run a queued batch from its stored files; a batch already started is left alone."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.RUNNING
    )
    if not claimed:
        return None
    batch.refresh_from_db()
    return import_batch_run(batch=batch, sources=stored_sources(batch))
