"""Turn the bytes of an article file into its fields. Pure functions, no database."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath

from charset_normalizer import from_bytes

from factcheck.extraction.genres import transcript_turns

SEED_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+'(?P<title>.+?)':\s*(?P<subtitle>.*?)\s*$"
)
BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|de|van|von))*)$")
# A credit on a paragraph's last line. Only that line is searched: a pattern running to the
# end of the text from every "Picture:" would be quadratic in a caption full of them.
PICTURE_CREDIT = re.compile(r"(?:^|\s)(?:Picture|Photo|Image|Photograph)s?:\s*\S")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
# A first line that tries to be a seed header; one that fails to parse is an error, not a title.
SEED_HEADER_ATTEMPT = re.compile(r"^\s*date\s+\S+\s+'")
DATE_FORMATS = ["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y"]
# A date this far past today is a typo or a time zone, not an article from the future.
FUTURE_DATE_SLACK = timedelta(days=1)
TITLE_MAX_LENGTH = 500


class ArticleFormatError(ValueError):
    """The file is not an article we can read; the message says why, for a person."""


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str
    subtitle: str = ""
    author: str = ""
    caption: str = ""
    published_on: date | None = None
    url: str = ""
    outlet: str = ""

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.body)

    @property
    def version_key(self) -> str:
        return version_key(url=self.url, title=self.title, outlet=self.outlet)


def content_hash(title: str, body: str) -> str:
    """The identity of an article: its text, whatever the whitespace or Unicode form."""
    normalised = " ".join(unicodedata.normalize("NFC", f"{title}\n{body}").split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def version_key(*, url: str, title: str, outlet: str) -> str:
    """What the versions of one story share: its url, or without one its title and outlet."""
    if url:
        identity = f"url {url.strip()}"
    else:
        identity = f"title {' '.join(title.split()).casefold()}\noutlet {outlet.strip().casefold()}"
    return hashlib.sha256(unicodedata.normalize("NFC", identity).encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """One form for stored text: LF line endings and Unicode NFC.

    Claim offsets index the stored body, so it must be written in this form once, at
    import and by every form, and never re-encoded on the way out (a browser sends a
    textarea back with CRLF).
    """
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _guess_encoding(raw: bytes) -> str:
    best = from_bytes(raw[:65536]).best()
    return f"; it looks like {best.encoding}" if best is not None else ""


def decode_text(raw: bytes, *, encoding: str = "") -> str:
    """Decode an article file: UTF-8 (with or without BOM), UTF-16 with a BOM, or ``encoding``
    when the file declares one (HTML). Anything else is refused with the likely encoding
    named, rather than guessed into mojibake.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleFormatError("it starts like UTF-16 text but does not decode") from None
    else:
        text = None
        if encoding:
            try:
                text = raw.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                text = None
        if text is None:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                if b"\x00" not in raw:
                    raise ArticleFormatError(
                        f"it is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset "
                        f"{error.start}){_guess_encoding(raw)}; save it as UTF-8 and import "
                        "it again"
                    ) from None
    if text is None or "\x00" in text:
        offset = raw.find(b"\x00")
        raise ArticleFormatError(
            f"it holds NUL bytes (the first at offset {offset}): this looks like a binary "
            "file, not text"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _date_readers(value: str):
    yield lambda: date.fromisoformat(value)
    yield lambda: datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    yield lambda: parsedate_to_datetime(value).date()
    for date_format in DATE_FORMATS:
        yield lambda date_format=date_format: datetime.strptime(value, date_format).date()


def parse_published_date(value: str, *, today: date | None = None) -> date | None:
    """A published date as newsroom systems write it; never a guess between 02/03 orders.

    Accepts ISO dates and date-times, RFC 2822 (``Tue, 01 Mar 2022 10:00:00 GMT``) and
    ``1 March 2022`` / ``March 1, 2022``. A date in the future is refused.
    """
    value = " ".join(value.split())
    if not value:
        return None
    for read in _date_readers(value):
        try:
            parsed = read()
            break
        except (TypeError, ValueError, IndexError):
            continue
    else:
        raise ArticleFormatError(
            f"the published date {value[:40]!r} is not a date we can read: "
            "use YYYY-MM-DD (or 1 March 2022)"
        )
    if parsed > (today or date.today()) + FUTURE_DATE_SLACK:
        raise ArticleFormatError(f"the published date {parsed.isoformat()} is in the future")
    return parsed


def parse_seed_article(text: str) -> ParsedArticle:
    """Parse the seed format: a ``date YYYY-MM-DD 'Title': subtitle`` line, then the body.

    Leading picture captions and the byline are metadata, kept apart from the body so
    that they never become claims.
    """
    if not text.strip():
        raise ArticleFormatError("the file is empty")
    first_line, _, rest = text.lstrip("\n").partition("\n")
    header = SEED_HEADER.match(first_line)
    if header is None:
        raise ArticleFormatError(
            "line 1 is not a header of the form: date YYYY-MM-DD 'Title': subtitle"
        )
    try:
        published_on = date.fromisoformat(header["date"])
    except ValueError:
        raise ArticleFormatError(f"line 1: {header['date']!r} is not a real date") from None
    if published_on > date.today() + FUTURE_DATE_SLACK:
        raise ArticleFormatError(f"line 1: the date {header['date']} is in the future")

    author, caption, body = _split_front_matter(rest)
    if not body:
        raise ArticleFormatError("the article has a header but no body text")
    return ParsedArticle(
        title=header["title"].strip(),
        subtitle=header["subtitle"],
        published_on=published_on,
        author=author,
        caption=caption,
        body=body,
    )


def _split_front_matter(text: str) -> tuple[str, str, str]:
    """Leading byline and picture credits, then the body: (author, caption, body)."""
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    captions: list[str] = []
    author = ""
    while paragraphs:
        byline = BYLINE.match(paragraphs[0])
        if byline and not author:
            author = byline["author"]
        elif PICTURE_CREDIT.search(paragraphs[0].rpartition("\n")[2]):
            captions.append(paragraphs[0])
        else:
            break
        paragraphs.pop(0)
    return author, "\n".join(captions), "\n\n".join(paragraphs)


def parse_transcript_tsv(name: str, text: str) -> ParsedArticle:
    """A ``.tsv`` file: a debate transcript in the CheckThat! line format, one sentence a
    line (``number<TAB>speaker<TAB>text``, a fourth column ignored), titled by its name."""
    if not text.strip():
        raise ArticleFormatError("the file is empty")
    body = text.strip("\n")
    if transcript_turns(body) is None:
        raise ArticleFormatError(
            "a .tsv file is read as a debate transcript, one sentence a line: "
            "number<TAB>speaker<TAB>text (at least two lines, every line so)"
        )
    stem = PurePosixPath(name).stem.replace("_", " ").replace("-", " ")
    return ParsedArticle(title=" ".join(stem.split())[:TITLE_MAX_LENGTH] or "Transcript", body=body)


def parse_text_article(text: str) -> ParsedArticle:
    """A ``.txt`` file: the seed format when line 1 is a seed header, else plain text whose
    first line is the title and the rest the body."""
    if not text.strip():
        raise ArticleFormatError("the file is empty")
    first_line, _, rest = text.lstrip().partition("\n")
    if SEED_HEADER_ATTEMPT.match(first_line):
        return parse_seed_article(text)
    title = first_line.strip()
    if len(title) > TITLE_MAX_LENGTH:
        raise ArticleFormatError(
            f"line 1 is {len(title):,} characters long: a plain-text article starts with its "
            f"title (at most {TITLE_MAX_LENGTH} characters) on a line of its own"
        )
    author, caption, body = _split_front_matter(rest)
    if not body:
        raise ArticleFormatError("the article has a title on line 1 but no body text after it")
    return ParsedArticle(title=title, author=author, caption=caption, body=body)
