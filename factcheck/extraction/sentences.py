"""Split a body into sentences, keeping exact character offsets.

Boundaries are found by one regex over each paragraph; the few false boundaries it
proposes (abbreviations, initials, ellipses inside a quote) are vetoed by looking at
the word before and after, never by walking characters in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extraction.words import word_set

# A blank line always ends a paragraph. A single newline does too, except when the next
# line starts in lower case: that is a hard-wrapped sentence, not a new paragraph.
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*(?:\n\s*)*(?![ \t]*[a-z])")

# Terminal punctuation, any closing quotes or brackets, then whitespace and the start
# of something that can begin a sentence.
_BOUNDARY_RE = re.compile(
    r"(?P<stop>[.!?]+|…)(?P<close>[\"'”’)\]]*)(?P<space>\s+)"
    r"(?=(?P<next>[\"'“‘(\[]*[A-Z0-9À-ÖØ-Þ]))"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LONGEST_WORD = 40
_NEXT_WORD_RE = re.compile(r"[\"'“‘(\[]*([A-Za-z]+)")

ABBREVIATIONS = word_set(
    "mr mrs ms mx dr prof sr jr st mt ft sen rep gov gen col lt sgt capt cmdr adm maj rev "
    "hon messrs mme mlle inc ltd co corp plc bros dept univ est approx vs etc al fig figs "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e cf viz ca"
)
# Only an abbreviation before a number ("No. 10", "p. 4"); elsewhere a full stop.
_NUMBER_ABBREVIATIONS = word_set("no nos p pp vol art para ch sec")
# A dotted acronym ("U.S.") usually sits inside a sentence; it ends one only when the
# next word is one that commonly opens a sentence.
_SENTENCE_OPENERS = word_set(
    "the a an it he she they we i this that these those there but and however in on at "
    "after before when while his her their its our meanwhile yet so"
)


# "WASHINGTON — ", "VATICAN CITY—", "JAKARTA (Reuters) - ", "(CNN) -- ": where the story
# was filed, no part of its first sentence.
_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"\s*(?:\([A-Z][\w .&'-]{1,30}\)\s*)?"
    r"|\([A-Z][\w .&'-]{1,30}\)\s*)"
    r"(?:--|[-–—])\s*(?=[\"“A-Z0-9])"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK_RE.finditer(body):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(body)))
    return [(start, end) for start, end in (_strip(body, s, e) for s, e in spans) if start < end]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    stripped = chunk.lstrip()
    start += len(chunk) - len(stripped)
    return start, start + len(stripped.rstrip())


def _is_false_boundary(text: str, match: re.Match[str]) -> bool:
    stop = match.group("stop")
    if stop == "…" or stop.startswith(".."):
        # An ellipsis is a pause unless a new sentence plainly starts after it.
        following = _NEXT_WORD_RE.match(text, match.end("space"))
        return following is None or following.group(1) == "I"
    if stop != ".":
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, match.start() - _LONGEST_WORD), match.start())
    if before is None:
        return False
    word = before.group(1)
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return True
    if lowered in _NUMBER_ABBREVIATIONS:
        return match.group("next")[-1].isdigit()
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith", "J.P. Morgan"
    if "." in word:
        following = _NEXT_WORD_RE.match(text, match.end("space"))
        return following is None or following.group(1).lower() not in _SENTENCE_OPENERS
    return False


def split_paragraph(body: str, start: int, end: int, index: int) -> list[Sentence]:
    """The sentences of ``body[start:end]``, one paragraph."""
    paragraph = body[start:end]
    sentences: list[Sentence] = []
    dateline = _DATELINE_RE.match(paragraph)
    position = dateline.end() if dateline else 0
    for match in _BOUNDARY_RE.finditer(paragraph):
        if _is_false_boundary(paragraph, match):
            continue
        stop = match.end("close")
        if stop > position:
            sentences.append(Sentence(start + position, start + stop, index))
        position = match.end("space")
    if position < len(paragraph):
        sentences.append(Sentence(start + position, end, index))
    return sentences


def split_sentences(body: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(paragraph_spans(body)):
        sentences.extend(split_paragraph(body, start, end, index))
    return sentences
