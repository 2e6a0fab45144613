"""The people a sentence mentions, for naming the "he" or "she" that opens a later claim.

A pronoun is named only when one person is in sight: the people of the nearest earlier
sentence (or earlier clause of the same sentence) that mentions anyone. Two of them, or an
unnamed "a man" among them, and the pronoun is left as printed: a wrong name adds a false
fact, a pronoun left alone only leaves the claim a little less self-contained.
"""

from __future__ import annotations

import re

from factcheck.extraction.speakers import PRONOUNS, TITLE_WORDS, main_subject, speaker_kind
from factcheck.extraction.words import word_set

# Nouns that name a person without naming who: "a man", "the driver", "an aid worker".
PERSON_NOUNS = (TITLE_WORDS - word_set("general chair rep sen gov")) | word_set(
    "man men woman women boy boys girl girls son daughter wife husband father mother "
    "brother sister friend student teacher pilot driver soldier official officials player "
    "striker lawyer colleague victim suspect patient volunteer worker nurse doctor "
    "businessman businesswoman aide spokesperson detainee prisoner defendant child "
    "pensioner resident witness engineer farmer banker journalist reporter photographer "
    "priest activist campaigner protester fan owner investor trader surgeon actor actress "
    "singer writer artist candidate councillor guard agent employee miner sailor athlete "
    "cyclist boxer footballer goalkeeper midfielder defender referee jockey survivor "
    "refugee migrant passenger tourist gunman attacker assailant perpetrator caller hacker "
    "extortionist killer murderer thief robber burglar shooter kidnapper intruder "
    "stranger neighbour neighbor offender inmate teenager teen pupil"
)
_MALE = word_set(
    "mr sir lord king prince spokesman chairman businessman congressman husband father son "
    "brother man boy"
)
_FEMALE = word_set(
    "mrs ms miss lady dame queen princess spokeswoman chairwoman businesswoman congresswoman "
    "wife mother daughter sister woman girl"
)
_GENDERED = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
_NAME = r"[A-Z][\w'’-]+"
# "a local nurse, Peter Holm, caught": a name fenced by commas after
# a lower-case noun is that noun's name.
_APPOSITIVE_NAME_RE = re.compile(rf"\b(?P<noun>[a-z]+),\s+(?P<name>{_NAME}(?:\s+{_NAME}){{1,2}}),")
_TITLED_RE = re.compile(
    r"(?=[MDSL])\b(?P<title>Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame)\.?\s+(?P<name>(?:"
    + _NAME
    + r"\s+){0,2}"
    + _NAME
    + ")"
)
_FOLLOWING_NAME_RE = re.compile(rf"\s+(?P<name>{_NAME}(?:\s+{_NAME}){{0,2}})")
# "Jean Martin, 52, a farmer" or "Jean Martin, who is a farmer": the noun describes the
# name before it; in "Wenger, who accused striker Ruud Gullit" the striker is another man.
_DESCRIBES_NAME_RE = re.compile(
    rf"{_NAME},(?:\s+[^,]{{1,30}},)*\s+(?!(?:who|whom|whose|which|that)\s+(?!is\s|was\s))"
    rf"(?:[\w'’-]+\s+){{0,4}}$"
)
_CAPITALISED_RE = re.compile(_NAME)
_WORD_RE = re.compile(r"[A-Za-z]+")
UNNAMED = ""


def _without_possessive(word: str) -> str:
    """ "Brown's" and "Aragones'" -> "Brown" and "Aragones"."""
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’")


def _key(name: str) -> str:
    return _without_possessive(name.split()[-1])


class People:
    """Who an article's sentences mention, and whom a pronoun may safely be said to be."""

    def __init__(self, body: str, surnames: set[str]) -> None:
        self.surnames = surnames
        self._body = body
        self._gender: dict[str, str] | None = None

    @property
    def gender(self) -> dict[str, str]:
        """ "he" or "she" for each surname the article gives an honorific, read once."""
        if self._gender is None:
            self._gender = self._genders(self._body)
        return self._gender

    @staticmethod
    def _genders(body: str) -> dict[str, str]:
        genders: dict[str, str] = {}
        for match in _TITLED_RE.finditer(body):
            title = match.group("title").lower()
            gender = "he" if title in _MALE else "she" if title in _FEMALE else ""
            key = _key(match.group("name"))
            if gender and genders.setdefault(key, gender) != gender:
                genders[key] = ""  # "Mr and Mrs Smith": the surname tells nothing
        return genders

    def appositive_name(self, text: str) -> str | None:
        """The first person named in apposition: "Peter Holm" in "a nurse,
        Peter Holm, ..."."""
        for match in _APPOSITIVE_NAME_RE.finditer(text):
            if match.group("noun") in PERSON_NOUNS:
                return match.group("name")
        return None

    def mentioned(self, text: str) -> list[str]:
        """The people ``text`` mentions, named, or ``UNNAMED`` for "a man", "the driver"."""
        found: list[str] = []
        subject = main_subject(text)
        if subject and speaker_kind(subject, self.surnames) == "person":
            found.append(subject)
        named_nouns = set()
        for match in _APPOSITIVE_NAME_RE.finditer(text):
            if match.group("noun") in PERSON_NOUNS:
                found.append(match.group("name"))
                named_nouns.add(match.start("noun"))
        for match in _TITLED_RE.finditer(text):
            found.append(match.group("name"))
        for match in _CAPITALISED_RE.finditer(text):
            name = _without_possessive(match.group())
            if name in self.surnames and name.lower() not in PRONOUNS:  # "It's" is no one
                found.append(match.group())
        for match in _WORD_RE.finditer(text):
            word = match.group()
            if (
                word in PERSON_NOUNS
                and match.start() not in named_nouns
                and not _DESCRIBES_NAME_RE.search(text, max(0, match.start() - 80), match.start())
            ):
                # "the banker Alan Price" is named, "a man" is not
                name = _FOLLOWING_NAME_RE.match(text, match.end())
                found.append(name.group("name") if name else UNNAMED)
        return [_without_possessive(name) for name in found]  # "Obama's record": Obama

    @staticmethod
    def excluding(people: list[str], speaker: str) -> list[str]:
        """``people`` less the speaker, however named ("Mr Shadjareh" is "Massoud
        Shadjareh")."""
        key = _key(speaker)
        return [name for name in people if name == UNNAMED or _key(name) != key]

    def fits(self, pronoun: str, name: str) -> bool:
        """Whether a "he" or "she" can be ``name``, as far as the article tells its sex:
        "his wife Fran" is no "he"."""
        if pronoun not in _GENDERED:
            return True
        gender = self._gender_of(name)
        return not gender or gender == _GENDERED[pronoun]

    def _gender_of(self, name: str) -> str:
        words = {word.lower().strip(".,") for word in name.split()}
        if words & _MALE:
            return "he"
        if words & _FEMALE:
            return "she"
        return self.gender.get(_key(name), "") if name else ""

    def referent(self, pronoun: str, people: list[str]) -> str | None:
        """The one person ``pronoun`` can stand for among ``people``, else None."""
        wanted = "she" if pronoun in ("she", "her") else "he"
        candidates: dict[str, str] = {}
        for name in people:
            key = _key(name) if name else UNNAMED
            gender = self._gender_of(name)
            if gender and gender != wanted:
                continue
            if len(name) > len(candidates.get(key, "")):
                candidates[key] = name
            else:
                candidates.setdefault(key, name)
        if len(candidates) != 1:
            return None
        (name,) = candidates.values()
        words = name.split()
        # "Farmer Jean Martin" is Jean Martin; "President Obama" keeps the title
        while len(words) > 2 and words[0].lower() in PERSON_NOUNS:
            words.pop(0)
        return " ".join(words) or None
