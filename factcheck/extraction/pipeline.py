"""Article body in, claims out: the order in which the other modules are applied.

paragraphs (furniture dropped) -> sentences -> attribution segments cut out -> clauses
-> leading attribution -> speaker resolved -> tidy text -> non-claims dropped ->
figures, type, score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from factcheck.extraction.checkworthiness import score_claim
from factcheck.extraction.classify import classify
from factcheck.extraction.figures import find_figures
from factcheck.extraction.filters import (
    is_furniture_paragraph,
    is_opinion_frame,
    non_claim_reason,
)
from factcheck.extraction.genres import Turn, press_release_issuer, transcript_turns
from factcheck.extraction.identities import (
    Identities,
    expand_short_names,
    name_the_referent,
    opening_pronoun,
    pronoun_fits,
)
from factcheck.extraction.people import People
from factcheck.extraction.quotes import QuoteRegions
from factcheck.extraction.sentences import (
    Sentence,
    paragraph_spans,
    split_paragraph,
    split_sentences,
)
from factcheck.extraction.speakers import (
    PRONOUNS,
    SAY_VERBS,
    SegmentAttribution,
    SpeakerTracker,
    according_to,
    leading_attribution,
    main_subject,
    passive_agent,
    segment_attributions,
    speaker_kind,
    what_called,
)
from factcheck.extraction.split import Clause, split_clauses
from factcheck.extraction.types import ClaimType, ExtractedClaim
from factcheck.extraction.words import word_set

_LEADING_WORDS_RE = re.compile(
    r"^(?:(?:but|and|however|meanwhile|notably|yet|so|also|still|indeed|moreover|"
    r"furthermore|nevertheless|nonetheless|instead|then|now)\b,?\s+)+",
    re.IGNORECASE,
)
# Spoken asides before the point ("Look, ...", "Now, keep in mind that ...", "Number two --"):
# taken off so that the claim, not the aside, is judged (and "Look," is no command).
_DISCOURSE_MARKER_RE = re.compile(
    r"^(?:(?:look|listen|remember|well|of\s+course|by\s+the\s+way|you\s+know|mind\s+you|"
    r"in\s+fact|actually|finally|number\s+(?:one|two|three|four|five))"
    r"(?:\s*,|\s+(?:--|—|–))\s+"
    r"|(?:keep\s+in\s+mind|bear\s+in\s+mind|remember|don't\s+forget|do\s+not\s+forget)"
    r"(?:\s*,\s*|\s+that\s+))+",
    re.IGNORECASE,
)
_QUOTE_CHARS_RE = re.compile(r"[\"“”]")
_EDGE_PUNCTUATION = " ,;:–—-\t\n"
_SPAN_EDGE = " ,;:.\t\n\r"
# Clauses joined by these carry on the previous clause's speaker; after ", while" or
# ", whereas" a contrasting subject speaks for itself, and after ", and" the outlet may
# have taken over the telling ("X said A, and troops then advanced").
_INHERITING_JOINERS = frozenset(
    {"semicolon", "but", "continues", "and_say", "and_that", "and_bare", "predicate", "adjunct"}
)
_ELLIPTICAL_RE = re.compile(
    r"^(?:(?:now|then|today|and|but)\s+)?(?:it|that|this|they)(?:['’]s|['’]re|\s)", re.I
)
_ELLIPTICAL_MAX_WORDS = 6
# "whom X described as ...": X's characterisation, X the speaker.
_DESCRIBING_VERBS = word_set(
    "described describes called calls named names labelled branded dubbed identified"
)
# A claim this much inside quotation marks is someone's words as printed.
QUOTED_SHARE = 0.5
# How many sentences back a "he" of the outlet's narration is looked for.
_PRONOUN_LOOKBACK = 4
_PERSONAL_PRONOUNS = frozenset(("he", "she", "his", "her"))
# A sentence describing a named thing: "Gazprom, Russia's largest firm, is a ...", "The
# IMF has 190 members", "Psilocybin is best known for ..."; not an act told with "is" or
# "has" ("The IMF has cut its forecast", "Apple is expected to ...", "Tesla is building ...").
_DESCRIPTION_RE = re.compile(
    r"(?P<subject>(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of\s+)?[A-Z][\w'’&.-]*){0,4})"
    r"(?:,[^,]{1,80},)?\s+"
    r"(?:(?:is|remains)\s+(?!(?:\w+ly\s+)?(?:[a-z]+ed|[a-z]+ing|been|to|set|due|about|made|held|"
    r"paid|sold|told|seen|given|taken|known\s+to)\b)"
    r"|has\s+(?=(?:a|an|the|no|some|more|about|over|around|nearly|almost|\d)))"
)
# First words that make no name: "That is ...", "But Gazprom is ...", "Today Gazprom is".
_NOT_A_THING = PRONOUNS | word_set(
    "this that these those there here what which one but and so yet now then today "
    "yesterday however meanwhile still also last next earlier later in on at after before "
    "during since when while if"
)
_THING_PRONOUNS = frozenset(("it", "its"))
# What the thing itself does: "It can make ...", "It supplies ...", "Its shares fell";
# not "It is ...", "It will (not) be ...", "It would mean ...", "It follows ...", "It
# turns out ...", "It makes sense ...", which as often stand for an act, a fact or nothing.
_IT_ACTS_RE = re.compile(
    r"(?i:its)\s+\w"
    r"|(?i:it)\s+(?:"
    r"(?:can|could|may|might|will|would|must|should)\s+(?:(?:not|never|also|still|well|[a-z]+ly)\s+)*+"
    r"(?!(?:be|have|mean|seem|appear|take|cost|depend|look|prove|make\s+sense)\b)[a-z]"
    r"|(?!(?:is|was|has|does|means|follows|comes|marks|seems|appears|looks|remains|happens|"
    r"says|takes|matters|turns|makes|pays|helps|stands|emerges|becomes|thus|goes|gets|begs|"
    r"costs|depends)\b)"
    r"[a-z]+s\b)"
)

# What a company, a body or a place does, told in the sentence after it is named: "It
# hopes ...", "It has already offered ...", "Its profits ...". Never a modal or "is": after
# "The IMF cut its forecast", "It will hurt exporters" is the cut.
_IT_DOES_RE = re.compile(
    r"(?i:its)\s+[a-z]"
    r"|(?i:it)\s+(?:(?:also|now|still|already|then|later|recently)\s+)?"
    r"(?:hopes|intends|plans|expects|wants|aims|employs|owns|operates|sells|supplies|"
    r"produces|reported|posted|announced|signed|agreed|offered|bought|sold|acquired|lost|"
    r"has\s+(?:also\s+|already\s+|now\s+|since\s+)?(?:been\s+[a-z]+ing|[a-z]+ed)\b|"
    r"had\s+(?:also\s+|already\s+)?[a-z]+ed\b)"
)
# A subject that takes "its" is no person, whatever its name looks like.
_ITS_RE = re.compile(r"\bits\b")

# "it is important for us not to say, as Donald has said, ...": an "it" that only holds
# the place of a clause to come stands for nobody, speaker or not.
_PLACEHOLDER_IT_RE = re.compile(
    r"(?i:it)(?:\s+is|\s+was|['’]s|\s+will\s+be|\s+would\s+be)\s+(?:[a-z]+ly\s+)?"
    r"(?:important|vital|essential|crucial|clear|likely|unlikely|possible|impossible|"
    r"necessary|true|time|hard|difficult|easy|wrong|right)\b"
)


def _tidy(text: str) -> str:
    """A clause as a claim: no leading "But" or "Look,", no dangling punctuation or quote
    marks."""
    for _ in range(2):
        before = text
        text = _LEADING_WORDS_RE.sub("", text.strip()).strip(_EDGE_PUNCTUATION)
        text = _DISCOURSE_MARKER_RE.sub("", text).strip(_EDGE_PUNCTUATION)
        text = text.rstrip(".!…").strip(_EDGE_PUNCTUATION)
        marks = _QUOTE_CHARS_RE.findall(text)
        straight = marks.count('"')
        if straight % 2 or marks.count("“") != marks.count("”"):
            text = _QUOTE_CHARS_RE.sub("", text)
        elif len(marks) == 2 and text[:1] in '"“' and text[-1:] in '"”':
            text = text[1:-1]
        if text[:1] == "(" and text[-1:] == ")" and text.count("(") == 1:
            text = text[1:-1]
        if text == before:
            break  # a second pass would change nothing either
    return text


_REPORTING_LEAD = SAY_VERBS | {"then", "also", "that"}


def _strip_reporting_verb(text: str) -> str:
    """ "said a programme had been agreed" -> "a programme had been agreed"."""
    words = text.split(maxsplit=2)
    while words and words[0].lower() in _REPORTING_LEAD:
        words = " ".join(words[1:]).split(maxsplit=2)
    return " ".join(words)


@dataclass(slots=True)
class _Found:
    claim: ExtractedClaim
    sentence_index: int
    paragraph: int
    referent: str | None = None  # whom the claim's opening pronoun stands for


class _Extraction:
    def __init__(self, body: str) -> None:
        self.body = body
        self.quotes = QuoteRegions(body)
        self.tracker = SpeakerTracker(body)
        self.sentences: list[Sentence] = []
        for index, (start, end) in enumerate(paragraph_spans(body)):
            if not is_furniture_paragraph(body[start:end], opens_body=not index):
                self.sentences.extend(split_paragraph(body, start, end, index))
        self._segments: dict[int, list[SegmentAttribution]] = {}
        self.people = People(body, self.tracker.surnames)
        # Per sentence done: whether it is quoted, and the people who speak in it.
        self._spoken: list[tuple[bool, list[str]]] = []
        # The thing an "It" opening a sentence was named as, by sentence.
        self._things: dict[int, str] = {}

    def segments(self, index: int) -> list[SegmentAttribution]:
        if index not in self._segments:
            sentence = self.sentences[index]
            self._segments[index] = segment_attributions(self.body[sentence.start : sentence.end])
        return self._segments[index]

    def run(self) -> list[ExtractedClaim]:
        found: list[_Found] = []
        for index in range(len(self.sentences)):
            found.extend(self._sentence_claims(index))
        found = _merge_elliptical(found, self.body)
        speakers = [item.claim.speaker for item in found if item.claim.speaker]
        identities = Identities(
            self.body, speakers, self.tracker.surnames, self.tracker.descriptions
        )
        return [self._stand_alone(item, identities) for item in found]

    def _stand_alone(self, item: _Found, identities: Identities) -> ExtractedClaim:
        """The claim with its speaker's canonical name and its pronoun named."""
        claim = item.claim
        speaker, description, reasons = claim.speaker, "", claim.reasons
        if speaker:
            identity = identities.resolve(speaker)
            speaker, description = identity.name, identity.description
            if reasons and reasons[-1] == f"attributed to {claim.speaker}":
                reasons = (*reasons[:-1], f"attributed to {speaker}")
        text = claim.text
        pronoun = opening_pronoun(text)
        if pronoun and item.referent:
            text = name_the_referent(text, pronoun, identities.resolve(item.referent).name)
        text = expand_short_names(text, identities)
        if text == claim.text and speaker == claim.speaker and not description:
            return claim  # most claims: nothing to name
        return replace(
            claim, text=text, speaker=speaker, speaker_description=description, reasons=reasons
        )

    def _referent(
        self,
        text: str,
        speaker: str | None,
        quoted_share: float,
        before: list[str],
        sentence_index: int | None = None,
    ) -> str | None:
        """Whom an opening "he"/"it"/"their" stands for: in reported speech the speaker
        ("Zelenskyy said he has not fled"), in the outlet's own narration the one person
        in sight (``before``: the people of this sentence's earlier clauses). Inside a
        quotation a "he" or "she" is never the speaker: it is the one other person in
        sight ("Mr Shadjareh accused Ms Blears ... 'She is demonising our community,' he
        said"); any other pronoun there cannot be told without a parser, and is left."""
        pronoun = opening_pronoun(text)
        if pronoun is None:
            return None
        if quoted_share >= QUOTED_SHARE:
            if not speaker or pronoun not in _PERSONAL_PRONOUNS:
                return None
            return self._person_in_sight(pronoun, before, besides=speaker)
        surnames = self.tracker.surnames
        if speaker:
            if _PLACEHOLDER_IT_RE.match(text):
                return None
            fits = pronoun_fits(pronoun, speaker, surnames) and self.people.fits(pronoun, speaker)
            return speaker if fits else None
        if pronoun in _THING_PRONOUNS:
            if sentence_index is None:
                return None
            thing = None
            if _IT_ACTS_RE.match(text):
                thing = self._thing_described_before(sentence_index)
            if thing is None and _IT_DOES_RE.match(text):
                thing = self._body_acting_before(sentence_index)
            if thing:
                self._things[sentence_index] = thing
            return thing
        if pronoun not in _PERSONAL_PRONOUNS:
            return None
        return self._person_in_sight(pronoun, before)

    def _thing_described_before(self, index: int) -> str | None:
        """The thing an "It" opening the outlet's narration stands for: the subject of the
        sentence before, when that sentence describes it ("Psilocybin, the active
        ingredient in magic mushrooms, is best known for ... It can make colours seem
        oversaturated"). After an act ("The IMF cut its forecast. It will hurt exporters")
        "it" is as often the act, and is left."""
        if index == 0 or self._spoken[index - 1][0]:
            return None
        if self.sentences[index - 1].paragraph != self.sentences[index].paragraph:
            return None
        match = _DESCRIPTION_RE.match(self._text(index - 1))
        if match is None:
            return None
        subject = match.group("subject")
        if subject.split(maxsplit=1)[0].lower() in _NOT_A_THING or (
            speaker_kind(subject, self.tracker.surnames) != "organisation"
        ):
            return None
        return subject

    def _body_acting_before(self, index: int) -> str | None:
        """The company, body or place an "It" opening the outlet's narration stands for,
        when it does what only such a one does ("It hopes", "Its profits"): the "it" of
        the sentence before, or that sentence's subject when it is a name, not a person's
        ("TimeWarner is to restate its accounts. It has already offered to pay $300m")."""
        if index == 0 or self._spoken[index - 1][0]:
            return None
        if self.sentences[index - 1].paragraph != self.sentences[index].paragraph:
            return None  # a new paragraph is a new topic
        if index - 1 in self._things:
            return self._things[index - 1]  # "It intends ... It will now book ..."
        previous = self._text(index - 1)
        subject = main_subject(previous)
        if (
            not subject
            or not subject[0].isupper()
            or subject.split(maxsplit=1)[0].lower() in _NOT_A_THING
            or subject.endswith(("'s", "’s", "'", "’"))
        ):
            return None
        kind = speaker_kind(subject, self.tracker.surnames)
        if kind == "organisation" or (kind == "person" and _ITS_RE.search(previous)):
            return subject  # "Mitsubishi Motors issued its third profits warning"
        return None

    def _person_in_sight(
        self, pronoun: str, before: list[str], *, besides: str | None = None
    ) -> str | None:
        """The one person ``pronoun`` can be among those of this sentence's earlier clauses
        (``before``) or of the nearest earlier sentence that mentions anyone. Inside a
        quotation (``besides``: its speaker, who is not "he" in their own words) only the
        sentence just before counts, quoted or not: the mention finder misses names it
        was not told of ("I told Tom Ashby"), so a longer look would pass them by."""
        if besides:
            lookback = 1
            candidates = self.people.excluding(before, besides)
        else:
            lookback = _PRONOUN_LOOKBACK
            candidates = before
        if candidates:
            return self.people.referent(pronoun, candidates)
        first = max(0, len(self._spoken) - lookback)
        for index in range(len(self._spoken) - 1, first - 1, -1):
            quoted, speakers = self._spoken[index]
            named = self._people_speaking(speakers)
            if besides or not quoted:
                named = self.people.mentioned(self._text(index)) + named
            if besides:
                named = self.people.excluding(named, besides)
            if named:
                return self.people.referent(pronoun, named)
        return None

    def _people_speaking(self, speakers: list[str]) -> list[str]:
        surnames = self.tracker.surnames
        return [speaker for speaker in speakers if speaker_kind(speaker, surnames) == "person"]

    def _text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.body[sentence.start : sentence.end]

    def _quote_speaker(self, index: int, region: int) -> str | None:
        """A quoted sentence's speaker: named where the quote closes, else the last one."""
        region_end = self.quotes.regions[region][1]
        closing = index
        while closing + 1 < len(self.sentences) and self.sentences[closing + 1].start < region_end:
            closing += 1
        if closing != index:
            offset = self.sentences[closing].start
            for segment in self.segments(closing):
                if offset + segment.start >= region_end - 2:
                    return self.tracker.resolve(segment.speaker, in_quote=True)
        return self.tracker.last_any

    def _sentence_claims(self, index: int) -> list[_Found]:
        self.tracker.sentence = index
        sentence = self.sentences[index]
        body = self.body
        text = body[sentence.start : sentence.end]
        region = self.quotes.region_at(sentence.start)
        quoted = region >= 0
        segments = self.segments(index)
        segment_speaker = None
        if segments:
            segment_speaker = self.tracker.resolve(segments[0].speaker, in_quote=quoted)
        quote_speaker = None
        if quoted and not segment_speaker:
            quote_speaker = self._quote_speaker(index, region)

        def region_of(offset: int) -> int:
            return self.quotes.region_at(sentence.start + offset)

        holes = [(segment.start, segment.end, ", ") for segment in segments]
        clauses = split_clauses(text, 0, holes, region_of)
        found: list[_Found] = []
        previous_speaker: str | None = None
        previous_raw = ""
        speakers: list[str] = []
        for clause in _adjuncts_after_their_clause(clauses):
            raw = clause.text(text)
            if not raw:
                continue
            if clause.narrated and clause.antecedent is None:
                if not segment_speaker:
                    continue
                clause = replace(clause, antecedent=segment_speaker)
            own, content = self._own_speaker(clause, raw, previous_speaker, previous_raw, quoted)
            if clause.narrated:
                speaker = own
            elif clause.joiner == "relative":
                speaker = own or segment_speaker or quote_speaker
            elif own:
                speaker = own
            elif segment_speaker:
                speaker = segment_speaker
            elif clause.joiner in _INHERITING_JOINERS and previous_speaker:
                speaker = previous_speaker
            else:
                speaker = quote_speaker
            if clause.joiner not in ("relative", "adjunct"):
                previous_speaker, previous_raw = speaker, raw
            claim = self._claim(clause, raw, content, speaker, sentence, text)
            if claim is not None:
                before = []
                if clause.start and opening_pronoun(claim.text):
                    before = [
                        *self._people_speaking(speakers),
                        *self.people.mentioned(text[: clause.start]),
                    ]
                # "Police denied ...", "... was described as X by Y": the outlet narrates an
                # act of the speaker, so a pronoun in it is the narration's, not the speaker's
                narrated = (
                    own is not None and content == raw and opening_pronoun(raw) not in PRONOUNS
                )
                referent = self._referent(
                    claim.text,
                    None if narrated else speaker,
                    self.quotes.quoted_fraction(claim.start, claim.end),
                    before,
                    index if not clause.start else None,
                )
                found.append(_Found(claim, index, sentence.paragraph, referent))
            if speaker:
                speakers.append(speaker)
        if segment_speaker:
            # The trailing "..., the spokesman said." governs the sentence: a quote that
            # follows is the spokesman's, whoever a clause of it mentioned.
            self.tracker.note(segment_speaker)
        if not quoted:
            self.tracker.mention(main_subject(text) or self.people.appositive_name(text))
        self._spoken.append((quoted, speakers))
        return found

    def _own_speaker(
        self,
        clause: Clause,
        raw: str,
        previous_speaker: str | None,
        previous_raw: str,
        quoted: bool,
    ) -> tuple[str | None, str]:
        """The clause's own speaker, if it names one, and the claim left once it is cut."""
        tracker = self.tracker
        if clause.joiner == "and_say":
            if not previous_speaker:
                subject = main_subject(previous_raw)
                previous_speaker = tracker.resolve(subject) if subject else None
            return previous_speaker, _strip_reporting_verb(raw)
        if clause.joiner == "relative":
            content = clause.completed(raw)
            attribution = leading_attribution(content)
            if attribution is not None and not attribution.commits and clause.antecedent:
                # "Mr Okafor, who insists he did nothing wrong, ...", "the plan, which
                # critics say is unaffordable, ...": a claim with a speaker of its own
                speaker = tracker.resolve(attribution.speaker, in_quote=quoted)
                return speaker, content[attribution.content_start :]
            words = raw.split()
            if 0 < clause.gap <= len(words) and words[clause.gap - 1].lower() in _DESCRIBING_VERBS:
                # "whom BBC sources described as an aid worker": the sources describe
                subject = " ".join(words[: clause.gap - 1])
                if subject and subject.lower() not in PRONOUNS and len(words[: clause.gap]) <= 6:
                    return tracker.resolve(subject, in_quote=quoted), content
            return None, content
        if clause.joiner in ("predicate", "adjunct"):
            return None, clause.completed(raw)
        if clause.joiner == "continues" and not previous_speaker:
            subject = main_subject(previous_raw)
            return (tracker.resolve(subject) if subject else None), raw
        according = according_to(raw)
        if according:
            phrase, start, end = according
            content = (raw[:start].rstrip(" ,") + " " + raw[end:].lstrip(" ,")).strip()
            return tracker.resolve(phrase, in_quote=quoted), content
        attribution = leading_attribution(raw)
        if attribution:
            subject = None
            if attribution.commits and attribution.speaker.lower() in PRONOUNS:
                subject = main_subject(raw)
            speaker = tracker.resolve(attribution.speaker, subject=subject, in_quote=quoted)
            if attribution.description:
                tracker.descriptions.setdefault(attribution.speaker, attribution.description)
            return speaker, raw[attribution.content_start :]
        called = what_called(raw)
        if called:
            return tracker.resolve(called, subject=main_subject(raw), in_quote=quoted), raw
        agent = passive_agent(raw)
        if agent:
            return tracker.resolve(agent, in_quote=quoted), raw
        return None, raw

    def _claim(
        self,
        clause: Clause,
        raw: str,
        content: str,
        speaker: str | None,
        sentence: Sentence,
        sentence_text: str,
    ) -> ExtractedClaim | None:
        claim_text = _tidy(content)
        figures = find_figures(claim_text)
        if non_claim_reason(claim_text, has_figures=bool(figures)) or (
            not figures and is_opinion_frame(raw)
        ):
            return None
        span = _span(self.body, sentence.start, clause)
        if span is None:
            return None
        start, end = span
        claim_type = classify(claim_text, figures, self.quotes.quoted_fraction(start, end))
        whole_sentence = sentence_text.strip()
        score, reasons = score_claim(
            claim_text,
            sentence=whole_sentence,
            speaker=speaker,
            figures=figures,
            claim_type=claim_type,
        )
        return ExtractedClaim(
            text=claim_text,
            start=start,
            end=end,
            sentence=whole_sentence,
            speaker=speaker,
            type=claim_type,
            figures=figures,
            score=score,
            reasons=reasons,
            quote=_printed_words(self.body, claim_text, start, end),
        )


def _adjuncts_after_their_clause(clauses: list[Clause]) -> list[Clause]:
    """ "..., with more than 300 jobs lost" after the clause it hangs on, whose speaker it
    shares."""
    if len(clauses) == 1:
        return clauses
    ordered: list[Clause] = []
    pending: list[Clause] = []
    for clause in clauses:
        if clause.joiner == "adjunct":
            pending.append(clause)
            continue
        ordered.append(clause)
        if clause.joiner != "relative":
            ordered.extend(pending)
            pending = []
    return ordered + pending


def _printed_words(body: str, text: str, start: int, end: int) -> str:
    """A claim's words as the article prints them: "he has not fled the capital" in
    the span "Zelenskyy said he has not fled the capital"; the span itself when the
    claim is not printed in one piece."""
    printed = body.find(text, start, end)
    if printed < 0:
        return body[start:end]
    return body[printed : printed + len(text)]


def _span(body: str, offset: int, clause: Clause) -> tuple[int, int] | None:
    """The longest unbroken piece of the clause, as body offsets, trimmed of punctuation."""
    pieces = clause.pieces()
    if not pieces:
        return None
    start, end = max(pieces, key=lambda piece: piece[1] - piece[0])
    piece = body[offset + start : offset + end]
    stripped = piece.lstrip(_SPAN_EDGE)
    start = offset + start + len(piece) - len(stripped)
    end = start + len(stripped.rstrip(_SPAN_EDGE))
    return (start, end) if start < end else None


def _merge_elliptical(found: list[_Found], body: str) -> list[_Found]:
    """Fold "Now it's five or six." into the claim before it, which it completes."""
    merged: list[_Found] = []
    for item in found:
        claim = item.claim
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and claim.figures
            and previous.paragraph == item.paragraph
            and previous.sentence_index == item.sentence_index - 1
            and len(claim.text.split()) <= _ELLIPTICAL_MAX_WORDS
            and _ELLIPTICAL_RE.match(claim.text)
        ):
            joined = _join(previous.claim, claim, body)
            # the joined claim opens as the first did, with its pronoun to name
            merged[-1] = _Found(joined, item.sentence_index, item.paragraph, previous.referent)
            continue
        merged.append(item)
    return merged


def _join(first: ExtractedClaim, second: ExtractedClaim, body: str) -> ExtractedClaim:
    # The second part opens with "Now", "It" or "They" (``_ELLIPTICAL_RE``), never a name:
    # after a semicolon it goes on the same sentence in lower case.
    text = f"{first.text}; {second.text[:1].lower()}{second.text[1:]}"
    sentence = f"{first.sentence} {second.sentence}"
    figures = first.figures + second.figures
    claim_type = ClaimType.QUANTITY
    speaker = first.speaker or second.speaker
    score, reasons = score_claim(
        text, sentence=sentence, speaker=speaker, figures=figures, claim_type=claim_type
    )
    return ExtractedClaim(
        text=text,
        start=first.start,
        end=second.end,
        sentence=sentence,
        speaker=speaker,
        type=claim_type,
        figures=figures,
        score=score,
        reasons=reasons,
        quote=_printed_words(body, text, first.start, second.end),
    )


def extract_claims(body: str) -> list[ExtractedClaim]:
    """Every claim in a text, in reading order: a news article; a transcript, each turn's
    claims said by its speaker unless they report someone else's; or a press release,
    the issuer's claims where no one else is named (see ``genres``)."""
    if not body or body.isspace():
        return []
    turns = transcript_turns(body)
    if turns is not None:
        return [claim for turn in turns for claim in _turn_claims(body, turn)]
    claims = _Extraction(body).run()
    issuer = press_release_issuer(body)
    if issuer is None:
        return claims
    return [claim if claim.speaker else _said_by(claim, issuer) for claim in claims]


def _turn_claims(body: str, turn: Turn) -> list[ExtractedClaim]:
    words = body[turn.start : turn.end]
    if not words.strip():
        return []
    claims = [
        replace(claim, start=claim.start + turn.start, end=claim.end + turn.start)
        for claim in _Extraction(words).run()
    ]
    if turn.speaker is None:
        return claims
    return [claim if claim.speaker else _said_by(claim, turn.speaker) for claim in claims]


def _said_by(claim: ExtractedClaim, speaker: str) -> ExtractedClaim:
    """``claim`` with the speaker its genre gives it (the reasons name the speaker)."""
    _, reasons = score_claim(
        claim.text,
        sentence=claim.sentence,
        speaker=speaker,
        figures=claim.figures,
        claim_type=claim.type,
    )
    return replace(claim, speaker=speaker, reasons=reasons)


def extract_documents(
    documents: Iterable[tuple[str, str]],
) -> Iterator[tuple[str, ExtractedClaim]]:
    """``(doc, claim)`` for each claim of each ``(doc, body)``, documents in order."""
    for doc, body in documents:
        for claim in extract_claims(body):
            yield doc, claim


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence (or run of sentences) of ``body`` that holds ``body[start:end]``."""
    around = [s for s in split_sentences(body) if s.start < end and start < s.end]
    if not around:
        return body[start:end].strip()
    return body[min(start, around[0].start) : max(end, around[-1].end)].strip()


def propose_claim(body: str, start: int, end: int, *, speaker: str | None = None) -> ExtractedClaim:
    """What the engine makes of a span a person chose: its text tidied, and the speaker of
    the engine's claim that shares most of it (unless ``speaker`` is given), its type,
    figures and score. ``0 <= start < end <= len(body)``."""
    words = body[start:end]
    text = _tidy(words) or words.strip()
    if speaker is None:
        overlaps = [
            (min(end, claim.end) - max(start, claim.start), claim.speaker)
            for claim in extract_claims(body)
            if claim.start < end and start < claim.end
        ]
        speaker = max(overlaps, key=lambda overlap: overlap[0])[1] if overlaps else None
        if speaker is None:
            attribution = leading_attribution(text)
            if attribution:
                speaker = attribution.speaker
                text = text[attribution.content_start :].strip() or text
    sentence = sentence_around(body, start, end)
    figures = find_figures(text)
    claim_type = classify(text, figures, QuoteRegions(body).quoted_fraction(start, end))
    score, reasons = score_claim(
        text, sentence=sentence, speaker=speaker, figures=figures, claim_type=claim_type
    )
    return ExtractedClaim(
        text=text,
        start=start,
        end=end,
        sentence=sentence,
        speaker=speaker,
        type=claim_type,
        figures=figures,
        score=score,
        reasons=reasons,
    )
