"""Texts that are not news stories: transcripts, whose turns name their speakers, and press
releases, whose claims are the issuer's.

A transcript is recognised by its shape, not by a flag, so that ``extract_claims`` and
every importer read one the same way:

- speaker labels: a turn starts a line with its speaker's label and a colon
  (``TRUMP: ...``, ``MS. SMITH: ...``, ``Q: ...``, ``Bob Schieffer: ...``); lines without
  a label carry on the turn before. At least half of the text's lines must start a turn,
  so a story with a "READ MORE:" line or a quoted "He said: ..." is never one.
- the CheckThat! debates' line format, ``line<TAB>speaker<TAB>text[<TAB>label]``, every
  line of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Labels in the place of a speaker's that name no one: page furniture and stage directions.
_NOT_SPEAKERS = frozenset(
    [
        "read more",
        "read also",
        "also read",
        "related",
        "watch",
        "listen",
        "live",
        "update",
        "updated",
        "breaking",
        "breaking news",
        "exclusive",
        "photo",
        "photos",
        "picture",
        "video",
        "source",
        "sources",
        "note",
        "editor's note",
        "editor’s note",
        "correction",
        "clarification",
        "disclaimer",
        "contact",
        "media contact",
        "about",
        "email",
        "tel",
        "phone",
        "web",
        "website",
        "for immediate release",
        "subject",
        "date",
        "time",
        "location",
        "crosstalk",
        "applause",
        "laughter",
        "transcript",
    ]
)
# The CheckThat! transcripts' stage directions ("(APPLAUSE)"): no one's words, no claims.
_STAGE_LABELS = frozenset({"system"})
# Who asks, in an interview: their turns are questions, mostly, and not the guest's claims.
_QUESTIONER_LABELS = frozenset({"q", "question", "questioner", "interviewer"})
QUESTIONER = "the interviewer"
# The guest's answers ("A:") name no one: the guest is whoever the heading says.
_ANSWER_LABELS = frozenset({"a", "answer"})

_NAME_WORD = r"(?:Mc|Mac|O['’])?[A-Z][A-Za-z'’.-]*"
_LABEL_RE = re.compile(
    rf"^[ \t]*(?P<label>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
_CHECKTHAT_LINE_RE = re.compile(
    r"^[ \t]*\d+\t(?P<label>[^\t\n]+)\t(?P<text>[^\t\n]*)(?:\t[^\t\n]*)?[ \t\r]*$"
)
MIN_TURNS = 2
LABELLED_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Turn:
    """``body[start:end]`` was said by ``speaker`` (None: the label names no one)."""

    speaker: str | None
    start: int
    end: int


def speaker_from_label(label: str) -> str | None:
    """The name a label gives: ``MS. SMITH`` -> ``Ms. Smith``, ``McCAIN`` -> ``McCain``;
    None for a label that names no one (``SYSTEM``, ``A``)."""
    label = " ".join(label.split())
    key = label.lower().rstrip(".")
    if key in _NOT_SPEAKERS or key in _ANSWER_LABELS:
        return None
    if key in _QUESTIONER_LABELS:
        return QUESTIONER
    if re.sub(r"\bMc", "MC", label).upper() != label.replace("Mc", "MC"):
        return label  # written as a name already: "Donald Trump"
    return " ".join(_title_word(word) for word in label.split())


def _title_word(word: str) -> str:
    titled = word.capitalize()
    # "MCCAIN" and "O'MALLEY" as they are written: McCain, O'Malley.
    return re.sub(r"^(Mc|Mac(?=[a-z]{3})|O['’])([a-z])", lambda m: m[1] + m[2].upper(), titled)


def transcript_turns(body: str) -> list[Turn] | None:
    """The turns of ``body`` when it is a transcript (see the module's docstring), else
    None. Each turn's span is its words, without the label."""
    return _checkthat_turns(body) or _labelled_turns(body)


def _checkthat_turns(body: str) -> list[Turn] | None:
    turns = []
    offset = 0
    for line in body.splitlines(keepends=True):
        if line.strip():
            match = _CHECKTHAT_LINE_RE.match(line.rstrip("\n"))
            if match is None:
                return None
            if match["text"].strip() and match["label"].strip().lower() not in _STAGE_LABELS:
                turns.append(
                    Turn(
                        speaker_from_label(match["label"]),
                        offset + match.start("text"),
                        offset + match.end("text"),
                    )
                )
        offset += len(line)
    return turns if len(turns) >= MIN_TURNS else None


def _labelled_turns(body: str) -> list[Turn] | None:
    lines = [line for line in body.splitlines() if line.strip()]
    labels = list(_LABEL_RE.finditer(body))
    speaking = [match for match in labels if speaker_from_label(match["label"]) is not None]
    if len(speaking) < MIN_TURNS or len(labels) < LABELLED_SHARE * len(lines):
        return None
    turns = []
    if labels[0].start() > 0 and body[: labels[0].start()].strip():
        # A heading before the first turn is nobody's words.
        turns.append(Turn(None, 0, labels[0].start()))
    for match, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(body)
        turns.append(Turn(speaker_from_label(match["label"]), match.end(), end))
    return turns


# "/PRNewswire/ -- Acme Corp. (NYSE: ACME) today announced", "(BUSINESS WIRE)--Acme Inc.":
# the wire's dateline names the issuer.
_WIRE_DATELINE_RE = re.compile(
    r"(?:/\s*(?:PRNewswire|PR\s+Newswire|GLOBE\s+NEWSWIRE|CNW|Marketwired|EINPresswire)"
    r"(?:-[A-Za-z]+)?\s*/|\((?:BUSINESS\s+WIRE|ACCESSWIRE|Newsfile\s+Corp\.)\))"
    r"\s*(?:--|—|–|-)\s*"
    r"(?P<issuer>(?:[A-Z][\w&.'’-]*|of|and|for|the)(?:\s+(?:[A-Z][\w&.'’-]*|of|and|for|&))*)",
)
_RELEASE_MARK_RE = re.compile(r"^\s*(?:FOR\s+IMMEDIATE\s+RELEASE|PRESS\s+RELEASE)\b", re.M | re.I)
# The boilerplate that closes a release: "About Acme Corp" on a line of its own.
_ABOUT_RE = re.compile(
    r"^[ \t]*About[ \t]+(?P<issuer>[A-Z][\w&.'’-]*(?:[ \t]+(?:[A-Z][\w&.'’-]*|of|and|for|&)){0,6})"
    r"[ \t]*:?[ \t]*$",
    re.MULTILINE,
)
_CORPORATE_TAIL_RE = re.compile(r"[\s,]+(?:today|announced|said|has|have|is)\b.*$", re.S)


def press_release_issuer(body: str) -> str | None:
    """Who issues ``body`` when it is a press release: the company its wire dateline or
    its "About ..." section names; None for anything else, or a release naming no one."""
    dateline = _WIRE_DATELINE_RE.search(body[:2000])
    if dateline:
        issuer = _CORPORATE_TAIL_RE.sub("", dateline["issuer"]).strip(" ,.")
        return issuer or None
    if _RELEASE_MARK_RE.search(body[:500]):
        about = _ABOUT_RE.search(body)
        if about:
            return about["issuer"].strip(" ,.")
    return None
