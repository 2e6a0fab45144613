"""What is not a claim: page furniture, questions, commands, slogans and bare opinion.

Two levels: ``is_furniture_paragraph`` drops whole paragraphs that are captions,
bylines, datelines or sign-offs, and ``non_claim_reason`` judges one sentence or
clause once attribution has been taken off it.
"""

from __future__ import annotations

import re

from factcheck.extraction.words import word_set

_CREDIT_RE = re.compile(
    r"\b(?:Picture|Pictures|Photo|Photos|Photograph|Image|Images|Credit|Illustration|Video)"
    r"(?:\s+credit)?\s*:\s*\S",
)
_FURNITURE_RE = re.compile(
    r"""^(?:
        By\s+[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|&|de|van|von|der|la)){0,6}
            (?:\s*[,|–—-]\s*[\w\s]{0,60})?$
      | date\s+\d{4}-\d{2}-\d{2}\b.*
      | (?:Follow|Like|Subscribe|Sign\s+up|Share|Click|Email|Contact)\b.*
      | Originally\s+published\b.*
      | (?:Copyright|©|\(c\)).*
      | \[[^\]]*\]
      | (?:Read|See|Watch|Listen)\s+(?:more|also|the\s+full)\b.*
      | Updated?\s*:?\s*\d.*
      | (?:Published|Last\s+updated)\s*:.*
      | .*View\s+full\s+size\s+image.*
    )$""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
_TERMINAL_RE = re.compile(r"[.!?…:\"'”’)\]]\s*$")
_WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")
_DIGIT_RE = re.compile(r"\d")

_IMPERATIVE_VERBS = word_set(
    "listen look follow read click subscribe share watch see imagine consider remember "
    "note sign join download email contact call visit please let don't do try take tell "
    "stop go come check find get give keep make vote support donate help register"
)
_SLOGAN_RE = re.compile(
    r"^(?:glory\s+to|long\s+live|god\s+bless|thank\s+you|thanks|hello|hi|hey|good\s+"
    r"(?:morning|afternoon|evening|night|luck|bye)|goodbye|bye|welcome|happy|merry|"
    r"congratulations|cheers|victory\s+to|death\s+to|down\s+with|power\s+to|viva|hail|"
    r"slava|amen|hooray|hurrah|bravo|shame\s+on|no\s+to|yes\s+to|stop\s+the|free)\b",
    re.IGNORECASE,
)
_OPINION_RE = re.compile(
    r"^(?:(?:and|but|so|well|frankly|honestly|personally)[,\s]+)*"
    r"(?:I|we)\s+(?:\w+ly\s+)?(?:think|believe|feel|hope|wish|guess|suppose|reckon|"
    r"want|would\s+like|love|hate|like|am\s+(?:sure|certain|convinced|confident|proud|"
    r"glad|happy|here)|must|should|will|shall|need|can|cannot|can't|won't)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_MODAL_RE = re.compile(
    r"\b(?:I|we)\s+(?:\w+ly\s+)?(?:can|could|should|must|need\s+to|want\s+to|hope)\b",
    re.IGNORECASE,
)
_NORMATIVE_RE = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:I|we|you|they|you\s+all|we\s+all)\s+(?:all\s+)?"
    r"(?:should|must|ought\s+to|need\s+to|have\s+to|had\s+better)\b",
    re.IGNORECASE,
)
_WHAT_IS_NEEDED_RE = re.compile(
    r"^(?:(?:and|but|so)\s+)?what\s+(?:is|was|are|were)\s+(?:needed|required|necessary)\b",
    re.IGNORECASE,
)
_CONDITIONAL_RE = re.compile(r"^(?:(?:and|but|so)\s+)?(?:if|unless|imagine)\b", re.IGNORECASE)
_EXCLAMATIVE_RE = re.compile(r"^(?:(?:and|but|so)\s+)?(?:how|what\s+an?)\s", re.IGNORECASE)
_HEADING_MAX_WORDS = 6
MIN_CLAIM_WORDS = 3


def is_furniture_paragraph(paragraph: str) -> bool:
    """A caption, byline, dateline or sign-off: never part of the article's claims."""
    text = paragraph.strip()
    if _FURNITURE_RE.match(text):
        return True
    # A credit marks a caption; in a flattened body the credit may sit inside a long
    # paragraph, and then only its own sentence goes (see ``non_claim_reason``).
    if _CREDIT_RE.search(text) and len(_WORD_RE.findall(text)) <= 60:
        return True
    words = _WORD_RE.findall(text)
    # A short line without final punctuation is a heading ("Magic mushrooms").
    return (
        len(words) <= _HEADING_MAX_WORDS
        and not _TERMINAL_RE.search(text)
        and not _DIGIT_RE.search(text)
    )


def is_opinion_frame(text: str) -> bool:
    """ "I think ...", checked before attribution takes "I think" off the claim."""
    return bool(_OPINION_RE.match(text.strip().strip("\"'“”‘’ ")))


def non_claim_reason(text: str, *, has_figures: bool) -> str | None:
    """Why ``text`` (a sentence or clause, attribution removed) is not a claim, or None."""
    bare = text.strip().strip("\"'“”‘’ ")
    if not bare:
        return "empty"
    if _FURNITURE_RE.match(bare) or _CREDIT_RE.search(bare):
        return "page furniture"
    if bare.rstrip("\"'”’) ").endswith("?"):
        return "question"
    words = _WORD_RE.findall(bare)
    if len(words) < MIN_CLAIM_WORDS:
        return "too short"
    first = words[0].lower()
    if first in _IMPERATIVE_VERBS and not words[0].isupper():
        # "Listen." / "Follow us on Twitter": a base-form verb opening the sentence.
        second = words[1].lower() if len(words) > 1 else ""
        if second not in ("is", "was", "are", "were", "has", "had", "have", "will", "said"):
            return "imperative"
    if _SLOGAN_RE.match(bare) and len(words) <= 6:
        return "greeting or slogan"
    if _CONDITIONAL_RE.match(bare) and not has_figures:
        return "hypothetical"
    if _EXCLAMATIVE_RE.match(bare) and not has_figures:
        return "exclamation"
    if _WHAT_IS_NEEDED_RE.match(bare) or (_NORMATIVE_RE.match(bare) and not has_figures):
        return "what someone ought to do"
    if not has_figures and (
        _OPINION_RE.match(bare) or (_FIRST_PERSON_MODAL_RE.search(bare) and len(words) < 40)
    ):
        return "first-person opinion or intent"
    return None
