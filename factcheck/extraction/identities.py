"""One name per speaker in an article, and claims that name who they are about.

"Ukraine's president Volodymyr Zelenskyy", "Mr Zelenskyy" and "Ukraine's president" are
one person: each speaker phrase is cut into a role ("Ukraine's president") and a name
("Volodymyr Zelenskyy"); a surname alone or a role alone is matched to the one full name
the article gives it, and left as written when there is none or more than one, so that
two people who share a surname are never merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extraction.speakers import TITLE_WORDS, speaker_kind
from factcheck.extraction.words import word_set

_HONORIFICS = word_set("mr mrs ms mx dr prof sir dame lord lady")
_TITLES_OR_HONORIFICS = TITLE_WORDS | _HONORIFICS
# "Zelenskyy", "Smith-Jones", "O'Brien"; not the possessive "Brown's".
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)*"
# Two or three capitalised words: a full name as news prints it ("Arsene Wenger").
_FULL_NAME_RE = re.compile(rf"(?=[A-Z])\b{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}\b")
# Capitalised words that open a name-like run but are never a first name.
_NOT_FIRST_NAMES = (
    word_set(
        "the a an in on at of for from by with and but or as if it he she they we this that "
        "these those his her its their our my after before when while since last next new "
        "mr mrs ms dr prof sir lord lady dame monday tuesday wednesday thursday friday "
        "saturday sunday january february march april june july august september october "
        "november december yesterday today tonight"
    )
    | TITLE_WORDS
)
_DETERMINERS = word_set("the a an")
_BEFORE_AN_ORGANISATION = word_set("of for at from")
_MAX_NAME_WORDS = 3


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    description: str = ""


def _is_name_word(word: str) -> bool:
    return bool(re.fullmatch(_NAME_WORD, word))


def split_role(phrase: str) -> tuple[str, str]:
    """ "Ukraine's president Volodymyr Zelenskyy" -> ("Ukraine's president", "Volodymyr
    Zelenskyy"); "Mr Brown" -> ("", "Brown"); "the finance minister" -> ("the finance
    minister", "")."""
    words = phrase.split()
    name: list[str] = []
    for word in reversed(words):
        if not _is_name_word(word) or word.lower() in _TITLES_OR_HONORIFICS:
            break
        name.append(word)
    name.reverse()
    role_words = words[: len(words) - len(name)]
    if not name or len(name) > _MAX_NAME_WORDS:
        return phrase, ""
    if role_words and role_words[-1].lower() in _BEFORE_AN_ORGANISATION:
        # "a spokesman for the Department of Health": the capitals name what he speaks for
        return phrase, ""
    role = " ".join(word for word in role_words if word.lower().strip(".") not in _HONORIFICS)
    if role_words and not any(word.lower().strip(".") in TITLE_WORDS for word in role_words):
        # "the UK's Ministry of Defence": capitalised words, but no title before a name.
        return phrase, ""
    return role, " ".join(name)


def _role_key(role: str) -> str:
    words = role.lower().replace("’", "'").split()
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    return " ".join(words)


class Identities:
    """The people an article names, for canonical speakers and self-contained claims."""

    def __init__(
        self,
        body: str,
        speakers: list[str],
        surnames: set[str],
        descriptions: dict[str, str],
    ) -> None:
        self.surnames = surnames
        self._by_surname: dict[str, set[str]] = {}
        for match in _FULL_NAME_RE.finditer(body):
            words = match.group().split()
            while words and words[0].lower() in _NOT_FIRST_NAMES:
                words.pop(0)
            if len(words) >= 2:
                self._by_surname.setdefault(words[-1], set()).add(" ".join(words))
        self._roles: dict[str, set[str]] = {}
        self._descriptions: dict[str, str] = {}
        for speaker in speakers:
            role, name = split_role(speaker)
            if role and name and len(name.split()) >= 2:
                self._roles.setdefault(_role_key(role), set()).add(name)
                if len(role) > len(self._descriptions.get(name, "")):
                    self._descriptions[name] = role
        for name, description in descriptions.items():
            self._descriptions.setdefault(name, description)
        self._cache: dict[str, Identity] = {}

    def full_name(self, surname: str) -> str | None:
        """The one full name the article gives ``surname``, or None (none, or several)."""
        names = self._by_surname.get(surname, set())
        longest = max(names, key=len, default=None)
        if longest is None:
            return None
        # "Gordon Brown" and "Gordon James Brown" are one man; "Gordon" and "Sarah" are not.
        if all(set(name.split()) <= set(longest.split()) for name in names):
            return longest
        return None

    def describe(self, name: str, description: str = "") -> Identity:
        return Identity(name, self._descriptions.get(name, description))

    def resolve(self, speaker: str) -> Identity:
        """The canonical name and the role of one speaker phrase."""
        if speaker not in self._cache:
            self._cache[speaker] = self._resolve(speaker)
        return self._cache[speaker]

    def _resolve(self, speaker: str) -> Identity:
        role, name = split_role(speaker)
        if name:
            words = name.split()
            # A lone capitalised word is a surname only if the article uses it as one.
            known = len(words) > 1 or words[0] in self.surnames
            full = self.full_name(words[-1]) if known else None
            if full and set(words) <= set(full.split()):
                return self.describe(full, role)
            if len(words) == 1 and not role:
                return Identity(speaker)
            return self.describe(name, role)
        if speaker_kind(speaker, set()) == "person":
            names = self._roles.get(_role_key(speaker), set())
            if len(names) == 1:
                (only,) = names
                return self.describe(only, speaker)
        return Identity(speaker)


_OPENING_PRONOUN_RE = re.compile(r"^(?:he|she|it|they|his|her|its|their)\b(?!['’])", re.I)
_PRONOUN_KINDS = {
    "he": ("person",),
    "she": ("person",),
    "his": ("person",),
    "her": ("person",),
    "it": ("organisation",),
    "its": ("organisation",),
    "they": ("group", "organisation"),
    "their": ("group", "organisation"),
}
_POSSESSIVES = word_set("his her its their")
# "Mr Brown", or "Brown" not already after a first name ("Gordon Brown" stays).
# (The lookahead rejects most positions on their first character: a name is capitalised.)
_SHORT_NAME_RE = re.compile(
    r"(?=[A-Z])"
    rf"(?:\b(?:Mr|Mrs|Ms|Mx|Dr)\.?\s+|(?<![A-Za-z]\s)(?<![A-Za-z]))(?P<surname>{_NAME_WORD})"
    r"(?![\w-])"
)


def opening_pronoun(text: str) -> str | None:
    """The pronoun a claim opens with, lower-cased, if it is one a name can replace."""
    match = _OPENING_PRONOUN_RE.match(text)
    return match.group().lower() if match else None


def pronoun_fits(pronoun: str, speaker: str, surnames: set[str]) -> bool:
    return speaker_kind(speaker, surnames) in _PRONOUN_KINDS[pronoun]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def name_the_referent(text: str, pronoun: str, name: str) -> str:
    """ "he has not fled" -> "Volodymyr Zelenskyy has not fled"; "their communities" ->
    "Muslim groups' communities"."""
    replacement = _possessive(name) if pronoun in _POSSESSIVES else name
    return replacement + text[len(pronoun) :]


def expand_short_names(text: str, identities: Identities) -> str:
    """ "Mr Brown's plan" -> "Gordon Brown's plan", "Putin's war" -> "Vladimir Putin's
    war", when the article names one Brown and one Putin."""

    def full(match: re.Match[str]) -> str:
        surname = match.group("surname")
        if surname not in identities.surnames:
            return match.group()
        return identities.full_name(surname) or match.group()

    return _SHORT_NAME_RE.sub(full, text)
