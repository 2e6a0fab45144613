"""Turn the bytes of an article file into its fields. Pure functions, no database."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

SEED_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+'(?P<title>.+?)':\s*(?P<subtitle>.*?)\s*$"
)
BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|de|van|von))*)$")
PICTURE_CREDIT = re.compile(r"(?:^|\s)(?:Picture|Photo|Image|Photograph)s?:\s*\S[^\n]*$")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


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

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.body)


def content_hash(title: str, body: str) -> str:
    """The identity of an article: its text, whatever the whitespace or Unicode form."""
    normalised = " ".join(unicodedata.normalize("NFC", f"{title}\n{body}").split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def decode_text(raw: bytes) -> str:
    """Decode an article file: UTF-8 (with or without BOM) only, and no binary content."""
    if b"\x00" in raw:
        raise ArticleFormatError("it holds NUL bytes: this looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(
            f"it is not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save it as UTF-8 and import it again"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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

    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(rest) if p.strip()]
    captions: list[str] = []
    author = ""
    while paragraphs:
        byline = BYLINE.match(paragraphs[0])
        if byline and not author:
            author = byline["author"]
        elif PICTURE_CREDIT.search(paragraphs[0]):
            captions.append(paragraphs[0])
        else:
            break
        paragraphs.pop(0)
    if not paragraphs:
        raise ArticleFormatError("the article has a header but no body text")
    return ParsedArticle(
        title=header["title"].strip(),
        subtitle=header["subtitle"],
        published_on=published_on,
        author=author,
        caption="\n".join(captions),
        body="\n\n".join(paragraphs),
    )
