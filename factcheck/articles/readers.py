"""One reader per file format: bytes in, articles out, each with where it came from.

A reader yields a ``Record`` per article: the parsed article, or the reason it could not
be read, located by line or record so a person can find it. A file that cannot be read
at all (bad encoding, broken JSON, malformed CSV quoting) raises ``ArticleFormatError``
before yielding anything, so no half of it is imported. No database here.

Column and key names for CSV, JSON and JSON Lines (case-insensitive) are in ``FIELD_NAMES``.
"""

import collections
import csv
import io
import json
import logging
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

import trafilatura
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from factcheck.articles.parsing import (
    PARAGRAPH_BREAK,
    TITLE_MAX_LENGTH,
    ArticleFormatError,
    ParsedArticle,
    decode_text,
    normalise_text,
    parse_published_date,
    parse_text_article,
    parse_transcript_tsv,
)

# Field -> the column or key names that mean it, in the order they are looked for.
FIELD_NAMES = {
    "title": ["title", "headline"],
    "body": ["body", "text", "content"],
    "subtitle": ["subtitle", "standfirst"],
    "url": ["url", "link"],
    "outlet": ["outlet", "publisher", "source"],
    "author": ["author", "byline"],
    "published": ["published_date", "published", "published_on", "date"],
}
MAX_LENGTHS = {
    "title": TITLE_MAX_LENGTH,
    "subtitle": 1000,
    "url": 2000,
    "outlet": 200,
    "author": 300,
}
HTML_SUFFIXES = {".html", ".htm"}
ZIP_SUFFIXES = {".zip"}
READABLE_SUFFIXES = {".txt", ".tsv", ".json", ".jsonl", ".ndjson", ".csv", *HTML_SUFFIXES}
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_http_url = URLValidator(schemes=["http", "https"])

# trafilatura reports pages it finds no text in at WARNING; the importer reports them itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Record:
    """One article read from a file, or why it could not be."""

    location: str
    article: ParsedArticle | None = None
    error: str = ""


def _checked(article: ParsedArticle) -> ParsedArticle:
    """Refuse what the database would refuse or a reader would be misled by."""
    if not article.title.strip():
        raise ArticleFormatError("it has no title")
    if not article.body.strip():
        raise ArticleFormatError("it has no body text")
    for name, limit in MAX_LENGTHS.items():
        value = getattr(article, name)
        if len(value) > limit:
            raise ArticleFormatError(
                f"its {name} is {len(value):,} characters long, over the limit of {limit:,}"
            )
    size = len(article.body.encode("utf-8"))
    if size > settings.FACTCHECK_MAX_ARTICLE_BYTES:
        raise ArticleFormatError(
            f"its body is {size:,} bytes, over the limit of "
            f"{settings.FACTCHECK_MAX_ARTICLE_BYTES:,} bytes"
        )
    if any("\x00" in value for value in vars(article).values() if isinstance(value, str)):
        raise ArticleFormatError("it holds a NUL character")
    if article.url:
        try:
            _http_url(article.url)
        except ValidationError:
            raise ArticleFormatError(
                f"its url {article.url[:80]!r} is not an http(s) address"
            ) from None
    return article


def _paragraphs(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n\n".join(p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip())


def _field(fields: dict[str, object], name: str) -> str:
    for key in FIELD_NAMES[name]:
        value = fields.get(key)
        if value is None or value == "":
            continue
        if name == "author" and isinstance(value, list):
            value = ", ".join(str(item) for item in value if isinstance(item, str))
        if not isinstance(value, str):
            raise ArticleFormatError(f"its {key!r} is {_kind(value)}, not text")
        return value.strip()
    return ""


def article_from_fields(fields: dict[str, object]) -> ParsedArticle:
    """An article from a CSV row or a JSON object, keyed by any name in ``FIELD_NAMES``."""
    fields = {
        str(key).strip().lower().replace(" ", "_").replace("-", "_"): value
        for key, value in fields.items()
    }
    if not any(key in fields for key in FIELD_NAMES["title"] + FIELD_NAMES["body"]):
        raise ArticleFormatError(
            "it is not an article: it needs a title and a body (found "
            f"{', '.join(sorted(fields)[:6]) or 'no fields'})"
        )
    title, body = _field(fields, "title"), _paragraphs(_field(fields, "body"))
    if not title:
        raise ArticleFormatError("it has no title")
    if not body:
        raise ArticleFormatError("it has no body text")
    return ParsedArticle(
        title=" ".join(title.split()),
        body=body,
        subtitle=_field(fields, "subtitle"),
        url=_field(fields, "url"),
        outlet=_field(fields, "outlet"),
        author=_field(fields, "author"),
        published_on=parse_published_date(_field(fields, "published")),
    )


def _normalised(article: ParsedArticle) -> ParsedArticle:
    fields = vars(article)
    return replace(
        article,
        **{name: normalise_text(value) for name, value in fields.items() if isinstance(value, str)},
    )


def _record(location: str, build: Callable[[], ParsedArticle]) -> Record:
    try:
        return Record(location, article=_checked(_normalised(build())))
    except ArticleFormatError as error:
        return Record(location, error=str(error))


def _read_text(name: str, raw: bytes) -> Iterator[Record]:
    text = decode_text(raw)
    yield _record(name, lambda: parse_text_article(text))


def _read_transcript(name: str, raw: bytes) -> Iterator[Record]:
    text = decode_text(raw)
    yield _record(name, lambda: parse_transcript_tsv(name, text))


def _kind(value: object) -> str:
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true/false"}
    return "null" if value is None else kinds.get(type(value), "a number")


def _not_an_object(value: object) -> str:
    return f"it is {_kind(value)}, not an article object"


def _read_json(name: str, raw: bytes) -> Iterator[Record]:
    text = decode_text(raw)
    if not text.strip():
        raise ArticleFormatError("the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ArticleFormatError(
            f"line {error.lineno}, column {error.colno}: it is not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise ArticleFormatError("it is nested too deeply to be an article") from None
    if isinstance(data, dict):
        yield _record(name, lambda: article_from_fields(data))
        return
    if not isinstance(data, list):
        raise ArticleFormatError(
            f"it holds {_kind(data)}: expected an article object or a list of them"
        )
    if not data:
        raise ArticleFormatError("it holds an empty list: no articles")
    for number, item in enumerate(data, start=1):
        location = f"{name}, record {number}"
        if isinstance(item, dict):
            yield _record(location, lambda item=item: article_from_fields(item))
        else:
            yield Record(location, error=_not_an_object(item))


def _read_json_lines(name: str, raw: bytes) -> Iterator[Record]:
    text = decode_text(raw)
    if not text.strip():
        raise ArticleFormatError("the file is empty")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"{name}, line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield Record(
                location, error=f"it is not valid JSON ({error.msg}, column {error.colno})"
            )
            continue
        except RecursionError:
            yield Record(location, error="it is nested too deeply to be an article")
            continue
        if isinstance(item, dict):
            yield _record(location, lambda item=item: article_from_fields(item))
        else:
            yield Record(location, error=_not_an_object(item))


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, str], list[str] | None]]:
    """(first line of the row, the row by column, cells beyond the header if any)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True, restkey="\x00extra")
    reader.fieldnames  # reads the header, so that line_num counts it  # noqa: B018
    line = reader.line_num + 1
    for row in reader:
        extra = row.pop("\x00extra", None)
        yield line, row, extra
        line = reader.line_num + 1


def _read_csv(name: str, raw: bytes) -> Iterator[Record]:
    text = decode_text(raw)
    if not text.strip():
        raise ArticleFormatError("the file is empty")
    csv.field_size_limit(settings.FACTCHECK_MAX_ARTICLE_BYTES + 1)
    try:
        # A first pass, reading every row and keeping none, finds broken quoting before
        # any row is imported.
        collections.deque(_csv_rows(text), maxlen=0)
    except csv.Error as error:
        raise ArticleFormatError(f"it is not valid CSV ({error})") from None
    header = next(csv.reader(io.StringIO(text, newline="")))
    columns = {column.strip().lower().replace(" ", "_") for column in header}
    if not columns & set(FIELD_NAMES["title"]) or not columns & set(FIELD_NAMES["body"]):
        raise ArticleFormatError(
            "line 1 must name the columns, with at least title and body (found: "
            f"{', '.join(header[:8])})"
        )
    for line, row, extra in _csv_rows(text):
        location = f"{name}, line {line}"
        if extra:
            yield Record(location, error=f"it has {len(extra)} more cells than the header")
        else:
            yield _record(location, lambda row=row: article_from_fields(row))


def _read_html(name: str, raw: bytes) -> Iterator[Record]:
    declared = DECLARED_CHARSET.search(raw[:4096])
    text = decode_text(raw, encoding=declared[1].decode("ascii") if declared else "")
    yield _record(name, lambda: parse_html_article(text))


def parse_html_article(html: str) -> ParsedArticle:
    """The main text of a web page, with title, date, author and site from its metadata.

    Navigation, footers, scripts and styles are dropped; only text is kept, never markup.
    """
    if not html.strip():
        raise ArticleFormatError("the file is empty")
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise ArticleFormatError("no article text was found in the page")
    title = " ".join((document.title or "").split())
    if not title:
        raise ArticleFormatError("the page has no title")
    lines = [line.strip() for line in document.text.split("\n") if line.strip()]
    if lines and lines[0] == title:
        lines = lines[1:]
    return ParsedArticle(
        title=title,
        body="\n\n".join(lines),
        subtitle=(document.description or "").strip()[:1000],
        url=document.url or "",
        outlet=(document.sitename or "").strip()[:200],
        author=(document.author or "").strip()[:300],
        published_on=parse_published_date(document.date or ""),
    )


def _sniff(raw: bytes) -> str:
    head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if head.startswith((b"{", b"[")):
        return ".json"
    return ".txt"


READERS: dict[str, Callable[[str, bytes], Iterator[Record]]] = {
    ".txt": _read_text,
    ".tsv": _read_transcript,
    ".json": _read_json,
    ".jsonl": _read_json_lines,
    ".ndjson": _read_json_lines,
    ".csv": _read_csv,
    ".html": _read_html,
    ".htm": _read_html,
}


def read_records(name: str, raw: bytes) -> Iterator[Record]:
    """The articles in one file, by its suffix (or, without a known one, by its content)."""
    suffix = PurePosixPath(name).suffix.lower()
    reader = READERS.get(suffix) or READERS[_sniff(raw)]
    records = reader(name, raw)
    # Whole-file problems surface here, before the first record is handed out.
    first = next(records, None)
    if first is None:
        raise ArticleFormatError("it holds no articles")
    yield first
    yield from records


def is_zip(name: str, raw_head: bytes) -> bool:
    return PurePosixPath(name).suffix.lower() in ZIP_SUFFIXES or raw_head.startswith(b"PK\x03\x04")


@dataclass(frozen=True)
class ZipMember:
    """A file in a zip: read on demand, or the reason it is not read."""

    name: str
    read: Callable[[], bytes] | None = None
    error: str = ""


def _unsafe_member_name(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return "its path is absolute"
    if ".." in path.parts:
        return "its path climbs out of the archive (..)"
    return ""


def _member_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with archive.open(info) as handle:
                # zipfile stops at the declared size and checks the CRC there, so a member
                # that lies about its size fails instead of unpacking without end.
                return handle.read(info.file_size + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,  # zipfile's answer to a compression method it lacks
            RuntimeError,
            OSError,
        ) as error:
            raise ArticleFormatError(f"it could not be unpacked ({error})") from None

    return read


def zip_members(name: str, raw: bytes) -> list[ZipMember]:
    """The article files in a zip, read in memory: never extracted to disk.

    Refused whole: a broken archive, too many members, or more uncompressed bytes than
    ``FACTCHECK_MAX_ZIP_BYTES`` (a zip bomb). Refused one by one, with the others read:
    a member whose path is absolute or climbs out with ``..``, a nested zip, a member over
    the size limit, a member that fails its checksum. Folders, hidden files and files of
    other kinds are passed over, as in a folder given to the command.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    # NotImplementedError: zipfile's answer to a zip of a version newer than it reads.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError) as error:
        raise ArticleFormatError(f"it is not a zip archive we can read ({error})") from None
    if len(infos) > settings.FACTCHECK_MAX_ZIP_MEMBERS:
        raise ArticleFormatError(
            f"it holds {len(infos):,} files, over the limit of "
            f"{settings.FACTCHECK_MAX_ZIP_MEMBERS:,}"
        )
    total = sum(info.file_size for info in infos)
    if total > settings.FACTCHECK_MAX_ZIP_BYTES:
        raise ArticleFormatError(
            f"it unpacks to {total:,} bytes, over the limit of "
            f"{settings.FACTCHECK_MAX_ZIP_BYTES:,} bytes"
        )
    members = []
    for info in infos:
        member = f"{name}/{info.filename}"
        path = PurePosixPath(info.filename.replace("\\", "/"))
        suffix = path.suffix.lower()
        if reason := _unsafe_member_name(info.filename):
            members.append(ZipMember(member, error=f"{reason}; it was not read"))
        elif path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        elif suffix in ZIP_SUFFIXES:
            members.append(ZipMember(member, error="a zip inside a zip is not read"))
        elif suffix not in READABLE_SUFFIXES:
            continue
        elif info.file_size > (limit := member_size_limit(info.filename)):
            members.append(
                ZipMember(
                    member,
                    error=f"it is {info.file_size:,} bytes, over the limit of {limit:,} bytes",
                )
            )
        else:
            members.append(ZipMember(member, read=_member_reader(archive, info)))
    return members


def member_size_limit(name: str) -> int:
    """A single article (``.txt``) has the article limit; a file of many, the upload limit."""
    if PurePosixPath(name).suffix.lower() == ".txt":
        return settings.FACTCHECK_MAX_ARTICLE_BYTES
    return settings.FACTCHECK_MAX_UPLOAD_BYTES
