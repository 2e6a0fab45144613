"""Importing article files: each file imports whole, with its claims, or not at all."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from factcheck.articles.models import Article, ImportBatch
from factcheck.articles.parsing import ArticleFormatError, decode_text, parse_seed_article
from factcheck.claims.services import claims_extract_for_article

ARTICLE_SUFFIXES = {".txt"}


@dataclass
class FileResult:
    name: str
    article: Article | None = None
    created: bool = False
    claims: int = 0
    error: str = ""


@dataclass
class ImportReport:
    batch: ImportBatch
    files: list[FileResult] = field(default_factory=list)

    @property
    def errors(self) -> list[FileResult]:
        return [result for result in self.files if result.error]


def article_files(paths: list[Path]) -> list[Path]:
    """The files to import: each file given, and the article files inside each folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
            )
        else:
            found.append(path)
    return found


def _read_article_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.FACTCHECK_MAX_ARTICLE_BYTES:
            raise ArticleFormatError(
                f"it is {size:,} bytes, over the limit of "
                f"{settings.FACTCHECK_MAX_ARTICLE_BYTES:,} bytes"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleFormatError("no such file") from None
    except IsADirectoryError:
        raise ArticleFormatError("it is a folder, not a file") from None
    except PermissionError:
        raise ArticleFormatError("permission denied") from None


def article_import_text(*, raw: bytes, batch: ImportBatch | None = None) -> tuple[Article, bool]:
    """Import one seed-format article; return it and whether it is new.

    The same text imported twice, even at the same moment, is one article.
    """
    parsed = parse_seed_article(decode_text(raw))
    existing = Article.objects.filter(content_hash=parsed.content_hash).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=parsed.title,
                subtitle=parsed.subtitle,
                author=parsed.author,
                caption=parsed.caption,
                published_on=parsed.published_on,
                body=parsed.body,
                content_hash=parsed.content_hash,
                batch=batch,
            )
            claims_extract_for_article(article=article)
    except IntegrityError:
        # Another import of the same text committed first.
        return Article.objects.get(content_hash=parsed.content_hash), False
    return article, True


def articles_import_files(*, paths: list[Path], user=None, source: str = "") -> ImportReport:
    """Import every article file under ``paths``; a bad file is reported, never half-written."""
    files = article_files(paths)
    batch = ImportBatch.objects.create(
        created_by=user, source=source or ", ".join(map(str, paths)), files_total=len(files)
    )
    report = ImportReport(batch=batch)
    for path in files:
        result = FileResult(name=str(path))
        try:
            result.article, result.created = article_import_text(
                raw=_read_article_file(path), batch=batch
            )
        except ArticleFormatError as error:
            result.error = f"{path}: {error}"
        else:
            result.claims = result.article.claims.count() if result.created else 0
        report.files.append(result)

    batch.files_done = len(report.files)
    batch.articles_created = sum(r.created for r in report.files)
    batch.duplicates_skipped = sum(bool(r.article) and not r.created for r in report.files)
    batch.claims_found = sum(r.claims for r in report.files)
    batch.errors = [r.error for r in report.errors]
    batch.status = ImportBatch.Status.FAILED if report.errors else ImportBatch.Status.DONE
    batch.save()
    return report
