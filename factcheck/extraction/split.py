"""Cut a sentence into clauses that each stand alone as a claim.

A sentence is cut at "; ", ", while", ", but", ", whereas", ", although", at "and"
when a new subject and verb follow, at "and said"/"and that" (same speaker, new
claim), at ", adding that"/", saying" (the speaker goes on), and a ", which ..."
relative clause becomes its own claim about its antecedent. Cuts inside brackets, or
inside a quotation that the clause itself does not start in, are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.extraction.figures import find_figures
from factcheck.extraction.speakers import (
    COMMIT_VERBS,
    DATA_NOUNS,
    PAST_VERBS,
    PRONOUNS,
    REPORTING_VERBS,
    SAY_THAT_VERBS,
    SAY_VERBS,
    TITLE_WORDS,
    leading_attribution,
)
from factcheck.extraction.words import word_set

_CUT_RE = re.compile(
    r"""
    # the lookahead rejects most positions on their first character
    (?=[;,]|\s+(?:and|while|that|which|even|as|after)\s)
    (?:
      (?P<resumed>,\s+["“](?:and|but|yet)\s+)
    | (?P<semicolon>;\s+)
    | (?P<but>,\s+(?:but|yet|although|though)\s+|,?\s+even\s+though\s+)
    | (?P<contrast>,\s+(?:while|whereas)\s+)
    | (?P<continues>,\s+(?:adding|saying|insisting|claiming|warning|arguing|noting|stressing|
                           explaining)(?:\s+that)?\s+)
    | (?P<and_say>,?\s+and\s+(?:then\s+|also\s+)?(?=(?:said|says|added|adds|told|warned|insisted|
                           claimed|argued|noted)\b))
    | (?P<and_that>,?\s+and\s+that\s+)
    | (?P<and_clause>,?\s+and\s+)
    | (?P<bare_while>\s+while\s+)
    | (?P<relative>,\s+(?:which|who|whom|whose)\s+)
    | (?P<participle>,\s+(?=having\s+\w))
    | (?P<with_figure>,\s+with\s+)
    | (?P<summary>,\s+(?=(?:the|its|his|her|their)\s))
    | (?P<reported>\s+(?:as|after)\s+(?=[\w"“]))
    | (?P<restrictive>\s+(?:that|which)\s+(?=["“]?(?:has|have|had)\s))
    )
    """,
    re.VERBOSE,
)
_WORD_RE = re.compile(r"[\w'’$£€%.-]+")
_COMMON_VERBS = word_set(
    "is are was were has have had will would can could may might must should shall do "
    "does did remains remain holds hold makes make works work wants want needs need seems "
    "seem appears appear continues continue plans plan faces face gets get goes go takes "
    "take comes come knows know tends tend stands stand lives live runs run leads lead"
)
_SUBJECT_OPENERS = word_set(
    "the a an this that these those his her their its our my your some many most all no "
    "several few both each every other another"
)
# Subjects that stand alone, as a pronoun does: "and anyone at risk will be monitored",
# "and more were likely to close" (not "others": "X and others have said").
_INDEFINITE_SUBJECTS = word_set(
    "anyone anybody everyone everybody someone somebody nobody nothing everything "
    "something none more"
)
_DETERMINERS = word_set("the a an this that these those its his her their our")
_THERE_IS = word_set("there's there’s")
_PAST_VERBS = PAST_VERBS
_ADVERBS = word_set("even also now still then only already never not often")
_ADVERBS_OR_LATER = _ADVERBS | {"later"}
_AUXILIARIES = word_set(
    "is are was were has have had will would can could may might must should shall be been being"
)
# What follows a verb that opens a second predicate: "and approved the merger", "and fled
# to Spain", "and killed 20 people"; not "and processed foods".
_OBJECT_OPENERS = _SUBJECT_OPENERS | word_set(
    "to in on at for from with into by him her them it up down out off back over"
)
_OBJECT_OPENERS_OR_THAT = _OBJECT_OPENERS | {"that"}
_PARTICIPLES = _PAST_VERBS | word_set(
    "taken given seen shown known held kept sent told written driven broken chosen stolen "
    "beaten hidden frozen shaken thrown grown drawn born"
)
_PAST_VERBS_OR_ADVERBS = _PAST_VERBS | _ADVERBS
_RELATIVE_WORDS = word_set("who which that whom whose")
_SUBJECT_RELATIVES = word_set("who which")
_SAID = word_set("said says told added insisted claimed argued warned")
_LEADING_PREPOSITIONS = word_set("in on at after before during since by last earlier later")
_MAX_SUBJECT_WORDS = 8
_SUBORDINATORS = word_set(
    "as when while if although though because since once unless until whereas whether"
)
_MIN_CLAUSE_WORDS = 3
_MAX_NAME_WORDS = 3
_SINGULAR_VERBS = word_set("is was has says does")
_CUT_EDGE = ' ,"“”'
# What a cut looks at on either side of itself: a few words, never the whole rest of a
# run-on sentence, so that splitting stays linear in the sentence's length (a cut needs
# _MIN_CLAUSE_WORDS words on a side; 400 characters hold them in any prose).
_WINDOW = 400


@dataclass(slots=True)
class Clause:
    """A clause as sentence offsets, less any holes cut out of it."""

    start: int
    end: int
    joiner: str = ""
    holes: list[tuple[int, int, str]] = field(default_factory=list)
    antecedent: str | None = None
    # Where the antecedent goes: before the clause (0), after its first ``gap`` words
    # ("whom police arrested" -> "police arrested <it>"), or as its owner (-1, "whose").
    gap: int = 0
    # A relative clause the outlet adds after an attribution ('"...," said Gary Dunn, of
    # Codemasters, which publishes games'): its own claim, whoever was quoted. A "who"
    # there describes the speaker, whom only the pipeline names: its antecedent is None.
    narrated: bool = False

    def completed(self, raw: str) -> str:
        """The clause's text with the words it shares with its sentence put back."""
        if not self.antecedent:
            return raw
        if self.gap < 0:
            owner = self.antecedent
            return f"{owner}' {raw}" if owner.endswith("s") else f"{owner}'s {raw}"
        if self.gap:
            words = raw.split(" ")
            antecedent = self.antecedent
            if antecedent.split(" ", 1)[0] in ("The", "A", "An", "This", "These", "Those"):
                antecedent = antecedent[0].lower() + antecedent[1:]
            return " ".join([*words[: self.gap], antecedent, *words[self.gap :]])
        return f"{self.antecedent} {raw}"

    def pieces(self) -> list[tuple[int, int]]:
        parts = []
        position = self.start
        for hole_start, hole_end, _ in sorted(self.holes):
            if hole_start > position:
                parts.append((position, hole_start))
            position = max(position, hole_end)
        if position < self.end:
            parts.append((position, self.end))
        return parts

    def text(self, sentence: str) -> str:
        # Quote marks at a cut belong to the attribution that was cut out:
        # '"In the old days," Ruiz said, "you paid ...' -> 'In the old days, you paid ...'.
        parts = []
        position = self.start
        for hole_start, hole_end, glue in sorted(self.holes):
            if hole_start > position:
                parts.append(sentence[position:hole_start])
                parts.append(glue)
            position = max(position, hole_end)
        parts.append(sentence[position : self.end])
        text = ""
        for index in range(0, len(parts), 2):
            piece = parts[index]
            if index:
                piece = piece.lstrip(_CUT_EDGE)
            if index + 1 < len(parts):
                piece = piece.rstrip(_CUT_EDGE)
                if not piece:
                    continue
                piece += parts[index + 1]
            text += piece
        return text.strip()


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _is_verb(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _COMMON_VERBS
        or lowered in SAY_VERBS
        or lowered in SAY_THAT_VERBS
        or lowered in COMMIT_VERBS
        or (len(lowered) > 4 and lowered.endswith("ed"))
    )


def _reports(text: str) -> bool:
    """ "the report revealed that ..." after "as": a source and what it reported, a claim
    of its own ("handsets boosted take-up as the report revealed that a third ...")."""
    attribution = leading_attribution(text[:_WINDOW])
    if attribution is None or attribution.commits or attribution.speaker.lower() in PRONOUNS:
        return False
    # Figures report without a "that": "shares fell after figures showed prices had risen".
    return text[: attribution.content_start].rstrip().lower().endswith("that") or any(
        word in DATA_NOUNS for word in attribution.speaker.lower().split()
    )


def starts_clause(text: str) -> bool:
    """Whether ``text`` opens with a subject and a finite verb: "China abstained ..."."""
    tokens = text.split(maxsplit=8)[:8]
    if len(tokens) < 2:
        return False
    first = tokens[0].lower()
    if first in _THERE_IS or (first == "there" and tokens[1].lower() in _COMMON_VERBS):
        return True  # "and there's a real desire for phones"
    if not tokens[0][-1].isalnum():
        return False
    if first in PRONOUNS or first in _INDEFINITE_SUBJECTS:
        second = tokens[1].lower()
        return _is_verb(second) or second in _ADVERBS
    if not (first in _SUBJECT_OPENERS or tokens[0][0].isupper() or tokens[0][0].isdigit()):
        return False
    first_noun = 2 if first in _SUBJECT_OPENERS else 1
    for index, token in enumerate(tokens[1:6], start=1):
        word = token.lower()
        if word in _ADVERBS or index < first_noun:
            continue
        if _is_verb(word.rstrip(",.;:")):
            return True
        if not token[-1].isalnum() or word in ("and", "or", "of", "to", "–", "—"):
            return False
        if index > 1 and not (token[0].isupper() or tokens[index - 1].lower() in _SUBJECT_OPENERS):
            # a subject is a few capitalised words or a determiner and its noun
            return word.endswith("s") and index == 2
    return False


def _resumes_with_clause(match: re.Match, sentence: str) -> bool:
    after = sentence[match.end() : match.end() + _WINDOW]
    if starts_clause(after):
        return True
    # "but unemployment rose to 8%"; "and" needs its subject: not "and by a mile".
    return not match.group("resumed").rstrip().endswith("and") and _has_verb(after.split(",", 1)[0])


def _reported(text: str) -> str:
    """What follows an attribution opening ``text`` ("X said ..."), or all of it: the verb
    of "Matthew Taylor said the ambition of Mr Blair" is no verb of the clause an "and"
    could join."""
    words = text.split(maxsplit=_MAX_SUBJECT_WORDS + 1)
    for index, word in enumerate(words[: _MAX_SUBJECT_WORDS + 1]):
        if word.lower() in _SAID:
            return " ".join(words[index + 1 :])
    return text


def _has_verb(text: str) -> bool:
    for word in _words(text):
        lowered = word.rstrip(",.;:").lower()
        if (
            _is_verb(lowered)
            or lowered in _PAST_VERBS
            or (len(lowered) > 3 and lowered.endswith("ed"))
        ):
            return True
    return False


def clause_subject(text: str) -> str | None:
    """The subject of the clause ``text`` opens with, reported speech looked into: "he" in
    "Mr Okafor said he was unable to return", "Passengers on the flight" in "Passengers on
    the flight will be contacted"; None when it is not plain."""
    attribution = leading_attribution(text[:_WINDOW])
    if attribution is not None and not attribution.commits:
        text = text[attribution.content_start :]
    words = text[:_WINDOW].split()[: _MAX_SUBJECT_WORDS + 8]
    if words and words[0].lower() == "that":
        words = words[1:]
    if words and words[0].lower() in _SUBORDINATORS:
        return None  # "As the forces face resistance, Putin urged": the subject comes later
    if words and words[0].lower() in _LEADING_PREPOSITIONS:
        # "In August, the nurse ...": the adverbial before the comma is no subject
        comma = next((i for i, word in enumerate(words[:7]) if word.endswith(",")), None)
        if comma is None:
            return None
        words = words[comma + 1 :]
    if not words or not (
        words[0].lower() in PRONOUNS
        or words[0].lower() in _SUBJECT_OPENERS
        or words[0][:1].isupper()
        or words[0][:1].isdigit()
    ):
        return None
    for index, word in enumerate(words[: _MAX_SUBJECT_WORDS + 1]):
        bare = word.strip(',.;:"“”').lower()
        if index and (_is_verb(bare) or bare in _PAST_VERBS):
            subject = words[:index]
            while len(subject) > 1 and subject[-1].lower() in _ADVERBS:
                subject.pop()  # "The team then created"
            return " ".join(subject).strip(' "“”')
        if (
            word[-1] in ",;:"
            or bare in _RELATIVE_WORDS
            or word[:1] in "("
            or (word[:1] in '"“' and not index)
        ):
            return None
    return None


def _auxiliary_chain(text: str) -> str | None:
    """ "will be" in "Passengers will be contacted": the auxiliaries before a last participle."""
    words = text.split()[-5:]
    if len(words) < 2 or not _is_participle(words[-1]):
        return None
    chain: list[str] = []
    for word in reversed(words[:-1]):
        if word.lower() not in _AUXILIARIES:
            break
        chain.append(word)
    chain.reverse()
    # "to be stopped and searched": no finite auxiliary, no subject of its own to share
    if not chain or chain[0].lower() in ("be", "been", "being"):
        return None
    return " ".join(chain)


def _is_participle(word: str) -> bool:
    word = word.lower()
    return (len(word) > 4 and word.endswith("ed")) or word in _PARTICIPLES


def _second_predicate(before: str, after: str, comma: bool) -> str | None:
    """The words a second predicate after "and" needs in front of it to stand alone: its
    subject ("The board" + "approved the merger"), and the auxiliaries it shares ("Passengers
    will be" + "closely watched"); None when "and" does not open one."""
    words = after.split()[:6]
    while words and (words[0].lower() in _ADVERBS_OR_LATER or words[0].endswith("ly")):
        words = words[1:]
    if len(words) < 2:
        return None
    first = words[0].lower()
    if before.split()[-1].lower() in _AUXILIARIES:
        return None  # "must and will maintain": two auxiliaries of one verb
    if first in _AUXILIARIES and first not in ("be", "been", "being"):
        prefix = ""  # "had lost his passport, and was travelling on"
    elif first in SAY_THAT_VERBS and starts_clause(" ".join(words[1:])):
        prefix = ""  # "told him the passport was found and suggested he had been ..."
    elif first in _PAST_VERBS or (len(first) > 4 and first.endswith("ed")):
        chain = _auxiliary_chain(before)
        if chain:
            prefix = chain  # "will be tested and closely watched"
        elif comma and words[1].lower().strip(",.") in _OBJECT_OPENERS_OR_THAT:
            prefix = ""  # "met on Tuesday, and approved the merger"
        else:
            return None
    else:
        return None
    subject = clause_subject(before)
    if not subject or subject.lower() in ("it", "there", "this", "that"):
        return None
    if prefix and not before.rstrip().endswith(f"{subject} {prefix} {before.split()[-1]}"):
        return None  # the shared auxiliaries must be the subject's own, next to it
    return f"{subject} {prefix}".strip()


def _ends_list(text: str) -> bool:
    """ "the US, Europe" before "and Japan": the last item of a list, not a new clause."""
    return any(token.endswith(",") for token in text.split()[-3:-1])


def _ends_with_reporting_verb(text: str) -> bool:
    words = _words(text)
    return bool(words) and words[-1].lower() in REPORTING_VERBS


def _antecedent(text: str) -> str | None:
    """The noun phrase a ", which" clause describes: "the Marshall Plan"."""
    words = text.split()[-8:]
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in _DETERMINERS:
            return " ".join(words[index:])
    capitalised = []
    for word in reversed(words):
        if not word[0].isupper():
            break
        capitalised.append(word)
    return " ".join(reversed(capitalised)) or None


def split_clauses(
    sentence: str,
    content_start: int,
    holes: list[tuple[int, int, str]],
    region_of,
) -> list[Clause]:
    """Clauses of ``sentence`` from ``content_start``; ``holes`` are attribution segments.

    ``region_of(offset)`` names the quotation an offset of the sentence sits in, so that
    a cut is only made at the quoting level the clause started at.
    """
    clauses = [Clause(content_start, len(sentence))]
    position = content_start
    depth, counted = 0, 0  # brackets open before ``counted``, counted as the cuts advance
    while True:
        match = _CUT_RE.search(sentence, position)
        if match is None:
            break
        position = match.end()
        cut = match.start()
        current = clauses[-1]
        if any(start <= cut < end for start, end, _ in holes):
            continue
        depth += sentence.count("(", counted, cut) - sentence.count(")", counted, cut)
        counted = cut
        kind = match.lastgroup or ""
        if kind == "summary" and not _closes_sentence(sentence, match.end(), holes):
            continue  # a ", the ..." that does not close the sentence ranks nothing
        # '"A," said X, "and B."': the quotation resumes after the attribution with a
        # clause of its own, another claim of the same speaker.
        resumed = kind == "resumed" and any(end == cut for _, end, _ in holes)
        # '"...," said Gary Dunn, director at Codemasters, which publishes games': the
        # narration goes on after the attribution with a claim of its own.
        narrated = (
            kind == "relative"
            and match.group().split()[-1].lower() in _SUBJECT_RELATIVES
            and any(end == cut for _, end, _ in holes)
        )
        # '"...," said van Sebille, noting that ...': what he went on to say
        goes_on = kind == "continues" and any(end == cut for _, end, _ in holes)
        if depth > 0 or (
            region_of(cut) != region_of(current.start) and not (resumed or narrated or goes_on)
        ):
            continue
        if kind == "resumed" and not (resumed and _resumes_with_clause(match, sentence)):
            continue
        before = sentence[max(current.start, cut - _WINDOW) : cut]
        after = sentence[match.end() : match.end() + _WINDOW]
        if kind == "summary":
            summary = _summary(sentence, match.end(), holes, before)
            if summary is not None:
                current.holes.append((cut, summary.end, " "))
                clauses.append(summary)
                clauses[-1], clauses[-2] = clauses[-2], clauses[-1]
                position = summary.end
            continue
        if kind in ("participle", "with_figure"):
            adjunct = _adjunct(kind, sentence, match.end(), holes, before)
            if adjunct is not None:
                current.holes.append((cut, adjunct.end, " "))
                clauses.append(adjunct)
                clauses[-1], clauses[-2] = clauses[-2], clauses[-1]
                position = adjunct.end
            continue
        relative = kind in ("relative", "restrictive")
        if len(_words(after)) < _MIN_CLAUSE_WORDS or (
            len(_words(before)) < (1 if relative else _MIN_CLAUSE_WORDS)
        ):
            continue
        if relative:
            relative_end = _relative_end(sentence, match.end(), holes)
            pronoun = match.group().split()[-1].lower()
            gap: int | None = 0
            if pronoun == "whose":
                gap = -1
            elif pronoun == "whom" or not _opens_relative(after):
                gap = (
                    _object_gap(sentence[match.end() : relative_end])
                    if kind == "relative"
                    else None
                )
            if gap is None:
                continue
            antecedent = _antecedent(before)
            if narrated and pronoun == "who":
                antecedent = None
            elif antecedent is None and gap == 0 and kind == "relative":
                continue  # ", which would ...": with nothing to be about it opens with a verb
            current.holes.append((cut, relative_end, " "))
            clauses.append(
                Clause(
                    match.end(),
                    relative_end,
                    "relative",
                    antecedent=antecedent,
                    gap=gap,
                    narrated=narrated,
                )
            )
            # The main clause goes on after the relative clause: keep it last.
            clauses[-1], clauses[-2] = clauses[-2], clauses[-1]
            position = relative_end
            continue
        if kind == "and_clause" and _joins_names(match, before, after):
            continue
        if kind == "and_clause" and not starts_clause(after):
            predicate_subject = None
            if not _ends_list(before):
                predicate_subject = _second_predicate(before, after, match.group().startswith(","))
            if predicate_subject is None:
                continue
            current.end = cut
            clauses.append(
                Clause(match.end(), len(sentence), "predicate", antecedent=predicate_subject)
            )
            continue
        if kind == "bare_while" and not starts_clause(after):
            continue
        if kind == "reported" and not _reports(after):
            continue
        comma = match.group().startswith(",")
        if kind == "and_clause" and (
            _ends_list(before) or not _has_verb(before if comma else _reported(before))
        ):
            # "figures on searches in England and Wales showed": no clause before the "and"
            continue
        if kind == "bare_while" and _ends_with_reporting_verb(before):
            continue
        if kind == "and_clause" and not match.group().startswith(","):
            kind = "and_bare"  # "said A and B": no comma, so B goes on with A's speaker
        current.end = cut
        clauses.append(Clause(match.end(), len(sentence), kind))
    for clause in clauses:
        clause.holes.extend(hole for hole in holes if clause.start <= hole[0] < clause.end)
    return clauses


def _joins_names(match: re.Match, before: str, after: str) -> bool:
    """ "England and Wales", "the Work and Pensions Committee", "both Tory and Lib Dem
    leaders": an "and" with no comma between two capitalised words joins names, not
    clauses. A title or "I" after it opens a clause ("met Mr Bush and Mr Brown flew"), and
    so does a name whose verb is singular, as a name joined to another would not be
    ("dumping steel in the United States and Donald Trump is buying it")."""
    if match.group().startswith(","):
        return False
    last = before.rsplit(maxsplit=1)[-1:]
    following = after.split(maxsplit=_MAX_NAME_WORDS + 1)[: _MAX_NAME_WORDS + 1]
    if not last or not following:
        return False
    last_word, first_word = last[0], following[0]
    if not (
        last_word[0].isupper()
        and last_word[-1].isalnum()
        and last_word != "I"
        and first_word[0].isupper()
        and first_word != "I"
        and first_word.lower().rstrip(".") not in TITLE_WORDS
    ):
        return False
    for word in following[1:]:
        if not word[0].isupper():
            return word not in _SINGULAR_VERBS
    return True


def _adjunct(
    kind: str, sentence: str, start: int, holes: list[tuple[int, int, str]], before: str
) -> Clause | None:
    """A comma-fenced adjunct that states a fact of its own, as a clause: ", having flown
    back from Sierra Leone," (the subject's earlier act) or ", with more than 300 jobs
    lost" (a second figure)."""
    end = _relative_end(sentence, start, holes)
    words = _words(sentence[start:end])
    if len(words) < _MIN_CLAUSE_WORDS:
        return None
    if kind == "with_figure":
        # the figure is the point of the adjunct, and the clause before it has a verb
        if not _has_verb(before) or not any(
            figure.unit != "year" for figure in find_figures(" ".join(words[:6]))
        ):
            return None
        return Clause(start, end, "adjunct")
    subject = clause_subject(before) or _bare_subject(before)
    if subject is None:
        return None
    return Clause(start, end, "adjunct", antecedent=f"{subject},")


_SUPERLATIVE_RE = re.compile(
    r"^\S+\s+(?:\S+\s+)?(?:\w+est|most|least|worst|best|first|record|highest|lowest)\b", re.I
)
_SUMMARY_NOUNS = word_set(
    "figure figures level rate total number amount rise fall increase drop loss losses profit "
    "profits deficit growth fee sum price cost tally margin decline jump surge high low "
    "toll"
)
_SUMMARY_END_RE = re.compile(r"\b(?:ever|on\s+record|since\s+\d{4}|in\s+\d+\s+years)$", re.I)
_PRESENT_AUXILIARIES = word_set("is are has have will")
_MAX_SUMMARY_WORDS = 10


def _closes_sentence(sentence: str, start: int, holes: list[tuple[int, int, str]]) -> bool:
    """Whether what starts at ``start`` runs to the sentence's end or its attribution."""
    end = _relative_end(sentence, start, holes)
    return end == len(sentence) or any(hole_start == end for hole_start, _, _ in holes)


def _summary(
    sentence: str, start: int, holes: list[tuple[int, int, str]], before: str
) -> Clause | None:
    """ "Losses rose to £500m in 2004, the worst ever": a noun phrase closing the sentence
    that ranks the figure before it, a claim of its own about that figure ("£500m was the
    worst ever")."""
    end = _relative_end(sentence, start, holes)
    text = sentence[start:end].rstrip(' .!"”')
    words = text.split()
    if (
        not 2 <= len(words) <= _MAX_SUMMARY_WORDS
        or _has_verb(text)
        or not _SUPERLATIVE_RE.match(text)
    ):
        return None
    figures = [figure for figure in find_figures(before) if figure.unit != "year"]
    if not figures or not _has_verb(before):
        return None
    figure = figures[-1]
    subject = figure.text
    following = before[before.rfind(figure.text) + len(figure.text) :].split()
    if figure.unit and following and following[0].lower() == figure.unit.lower():
        subject += f" {following[0]}"  # "3 million units"
        following = following[1:]
    if not any(word.lower().strip(",.'’s") in _SUMMARY_NOUNS for word in words[1:4]) and not (
        _SUMMARY_END_RE.search(text) and not following
    ):
        # "its lowest level since 1975" ranks the figure, and so does "the highest ever"
        # right after it ("reached 40C, the highest ever"); after other words, "the worst
        # ever" may rank the subject or the last noun: which, only a reader can tell
        return None
    tense = "is" if any(w.lower() in _PRESENT_AUXILIARIES for w in before.split()) else "was"
    return Clause(start, end, "adjunct", antecedent=f"{subject} {tense}")


def _bare_subject(text: str) -> str | None:
    """ "The patient" before ", having flown ...,": a short noun phrase with no verb."""
    words = text.split()
    if not words or len(words) > _MAX_SUBJECT_WORDS or _has_verb(text):
        return None
    if not (words[0].lower() in _SUBJECT_OPENERS or words[0][:1].isupper()):
        return None
    if any(word[-1] in ",;:" or word.lower() in _RELATIVE_WORDS for word in words):
        return None
    return text.strip()


def _relative_end(sentence: str, start: int, holes: list[tuple[int, int, str]]) -> int:
    """A relative clause runs to the next comma, or to an attribution cut out after it."""
    comma = sentence.find(", ", start)
    ends = [hole_start for hole_start, _, _ in holes if hole_start >= start]
    if comma >= 0:
        ends.append(comma)
    return min(ends, default=len(sentence))


# What may follow the verb of "whom police arrested ___ on Monday": the gap is there.
_AFTER_GAP = word_set(
    "as in on at for from after before last this earlier during with until since over when "
    "yesterday today"
)


def _object_gap(text: str) -> int | None:
    """How many words of an object relative come before its gap: 3 in "whom BBC sources
    described ___ as a spy", 2 in "which the council approved ___ in May"; None when the
    gap cannot be told ("which it plans to sell")."""
    words = text.split()
    if not words:
        return None
    if _is_verb(words[0].lower()) or words[0].lower() in _PAST_VERBS:
        return None
    verb = next(
        (
            index
            for index, word in enumerate(words[1:6], start=1)
            if _is_verb(word.lower()) or word.lower() in _PAST_VERBS
        ),
        None,
    )
    if verb is None or any(word[-1] in ",;:" for word in words[:verb]):
        return None
    end = verb
    while end < len(words) and (
        _is_verb(words[end].lower()) or words[end].lower() in _PAST_VERBS_OR_ADVERBS
    ):
        end += 1
        if words[end - 1].lower() in SAY_VERBS:
            break
    if end == len(words) or words[end].lower().strip(",.") in _AFTER_GAP:
        return end
    # "which he said was unfair": the gap is the subject of the reported clause
    if words[end - 1].lower() in SAY_VERBS and words[end].lower() in _AUXILIARIES:
        return end
    return None


def _opens_relative(after: str) -> bool:
    words = _words(after)[:2]
    if not words:
        return False
    first = words[0].lower()
    if len(words) > 1 and words[1].lower() in SAY_VERBS and not _is_verb(first):
        return False  # "which critics say is unaffordable": the critics are its subject
    return not (first in PRONOUNS or first in _SUBJECT_OPENERS or words[0][0].isupper())
