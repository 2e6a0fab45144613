"""Who makes a claim: attribution phrases, and pronouns pointed back at named speakers.

Three shapes of attribution are recognised without a parser:

- leading, ``Ukraine said 18,000 guns ...`` / ``the US has pledged to ...``: a noun
  phrase just before a reporting verb near the start of a clause;
- a comma segment, ``..., he said from Kyiv.`` / ``..., said study co-author Paul Expert,
  a physicist ...`` / ``..., as the New York Times put it``: anywhere after the first
  segment of a sentence, and it is cut out of the claim;
- ``according to X``.

Noun phrases are found by scanning words back from the verb until a word that cannot
sit inside a speaker's name or title (a conjunction, an auxiliary, a past-tense verb,
punctuation), which is cheap and good enough for news prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extraction.words import word_set

# Verbs whose complement is the claim: "X said <claim>".
SAY_VERBS = word_set(
    "say says said saying add adds added adding tell tells told telling claim claims "
    "claimed claiming insist insists insisted insisting warn warns warned warning "
    "announce announces announced stated states note notes noted explain explains "
    "explained argue argues argued write writes wrote believe believes believed think "
    "thinks worry worries worried tweeted testified testify reiterated reiterates "
    "recall recalls recalled reply replies replied"
)
# Reporting only with a "that" clause: "Reuters reports that ..." but not "people
# report spiritual experiences".
SAY_THAT_VERBS = word_set(
    "report reports reported suggest suggests suggested find finds found show shows "
    "showed shown known know knew maintain maintains maintained conclude concludes "
    "concluded estimate estimates estimated predict predicts predicted reveal reveals "
    "revealed confirm confirms confirmed acknowledge acknowledges acknowledged admit "
    "admits admitted allege alleges alleged concede concedes conceded stress stresses "
    "stressed assert asserts asserted declare declares declared fear fears feared thought "
    "hope hopes hoped complain complains complained"
)
# A source of data speaks through these verbs, "that" or not: "figures showed the number of
# Asians stopped had risen", "separate figures on searches under the 2000 Act showed that".
_DATA_VERBS = word_set(
    "show shows showed shown suggest suggests suggested reveal reveals revealed indicate "
    "indicates indicated found find finds"
)
DATA_NOUNS = word_set(
    "figures statistics data survey surveys poll polls study studies report research "
    "analysis census estimates numbers findings results records"
)
# How far the data noun's phrase may run before its verb ("figures on police searches in
# England and Wales carried out under the Terrorism Act 2000 showed").
_MAX_DATA_PHRASE_WORDS = 20
_MAX_DATA_SPEAKER_WORDS = 6
# Verbs of commitment: the whole clause is the claim and its subject the speaker,
# "the US has pledged to provide $600m".
COMMIT_VERBS = word_set(
    "pledge pledges pledged vow vows vowed promise promises promised urge urges urged "
    "threaten threatens threatened demand demands demanded call calls called"
)
# Verbs of accusing and denying: the clause is the claim and its subject the speaker,
# "the chairman accused the minister of ...", "the government denied the claims".
ACCUSE_VERBS = word_set(
    "accuse accuses accused deny denies denied blame blames blamed criticise criticises "
    "criticised criticize criticizes criticized condemn condemns condemned"
)
# A commitment verb can sit late in a long clause: "As ... – Putin urged the army to ...".
_MAX_COMMIT_WORDS = 40
# Reporting verbs that take the listener as an object: "told reporters the ...".
_OBJECT_VERBS = word_set("tell tells told warn warns warned")
_TELLING = word_set("telling warning")
_ANNOUNCING = word_set("announce announces announced add adds added claim claims claimed")
_ABOUT_OR_TO = word_set("about of against over to")
_MAX_OBJECT_WORDS = 8
_MAX_THING_WORDS = 25
# Past forms without "-ed", for telling a clause from a noun phrase.
PAST_VERBS = word_set(
    "won lost fell rose made took gave came went saw met led left held paid sold bought hit "
    "cut put set ran grew became began broke spent sent built found shot struck drew threw "
    "fought caught brought kept stood fled felt meant knew thought sought taught heard "
    "understood wrote drove chose spoke froze stole hid forgot sat stuck hung sank ate "
    "flew withdrew blew"
)
# The inverted trailing form: ", said study co-author Paul Expert".
_INVERTED_VERBS = word_set(
    "said says added adds wrote writes explained noted argued insisted warned continued told asked "
    "estimates estimated reports reported claims claimed believes believed recalls recalled "
    "complains complained explains replied replies"
)

# One C-speed pass tells most clauses apart from the few worth scanning word by word.
_REPORTING_WORDS = (
    SAY_VERBS | SAY_THAT_VERBS | COMMIT_VERBS | ACCUSE_VERBS | {"according", "put", "puts"}
)
_LOWER_WORD_RE = re.compile(r"[a-z]+")


def _mentions_reporting(text: str) -> bool:
    return not _REPORTING_WORDS.isdisjoint(_LOWER_WORD_RE.findall(text.lower()))


_BE = word_set("be been being is was are were am")
_AUXILIARIES = word_set(
    "has have had is was are were am be been being will would shall should can could may "
    "might must do does did"
)
_VERB_SIDE_ADVERBS = word_set(
    "also now previously reportedly even still later earlier repeatedly personally "
    "publicly already long recently again then once himself herself itself themselves "
    "allegedly privately initially first further separately apparently really always "
    "often never just therefore sometimes"
)
# "The minister merely said", "I strongly believe": a manner adverb stands between the
# speaker and the verb and is no part of the speaker; these are nouns ("a close ally said").
_LY_NOUNS = word_set("family ally assembly rally supply monopoly bully anomaly elderly")
_NEGATED_AUXILIARIES = word_set(
    "don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't isn't wasn't "
    "aren't weren't hasn't haven't hadn't not never"
)
_NEGATED_AUXILIARIES |= {word.replace("'", "’") for word in _NEGATED_AUXILIARIES}
# "I'll say", "we've said": the pronoun is the speaker.
_CONTRACTED_PRONOUN_RE = re.compile(r"^(I|we|you|he|she|they)['’](?:ll|d|ve|re|m)$", re.I)
_TIME_WORDS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight "
    "morning afternoon evening night week weekend month year"
)
_TIME_LEADERS = word_set("on late early last this earlier later")
_BOUNDARY_WORDS = word_set(
    "and or but nor that which who whom whose when while where because as if since after "
    "before although though so than whether until unless with without to by in on into "
    "onto over under about against between through during not never what how why there "
    "despite"
)
_NP_PREPOSITIONS = word_set("of from for at")
_NOUN_DETERMINERS = word_set("the a an its his her their this")
_NOUN_MAKERS = _NOUN_DETERMINERS | word_set(
    "these those our your my two three four five six seven eight nine ten twelve twenty "
    "hundreds thousands dozens several many few"
)
_SETTING_OPENERS = word_set("in on at from during after before since until for with by")
_ROLE_PARTICIPLES = word_set(
    "leading ruling governing outgoing incoming remaining opposing visiting striking "
    "reigning sitting serving acting presiding attending consulting managing founding "
    "dissenting protesting campaigning participating"
)
_DISCOURSE_WORDS = word_set(
    "but and however meanwhile earlier later now yet so still also separately instead "
    "then today yesterday notably indeed moreover furthermore besides nevertheless "
    "nonetheless additionally"
)
_NP_BLOCKERS = word_set(
    "that this these those there here which what it's that's there's what's "
    "it’s that’s there’s what’s"
)
PRONOUNS = word_set("he she it they we i")
# Unions looked up word by word, so built once here, not at every lookup.
REPORTING_VERBS = SAY_VERBS | SAY_THAT_VERBS
_DATA_OR_SAY_VERBS = _DATA_VERBS | SAY_VERBS
# What stands between a subject and its verb: "X has also said", "I don't think".
_BETWEEN_SUBJECT_AND_VERB = _VERB_SIDE_ADVERBS | _AUXILIARIES | _NEGATED_AUXILIARIES
_TIME_PHRASE_WORDS = _TIME_LEADERS | _TIME_WORDS
# "Two years ago", "Earlier this week", "On Monday": a time before a speaker
_TIME_PREFIX_WORDS = _TIME_PHRASE_WORDS | word_set(
    "ago a few one two three four five six seven eight nine ten days weeks months years "
    "the same next previous"
)
_NOT_AN_AGENT = PRONOUNS | _NP_BLOCKERS
_NOT_A_SOURCE = PRONOUNS | _AUXILIARIES | _NP_BLOCKERS
_BOUNDARY_OR_AT = _BOUNDARY_WORDS | {"at"}
_MODALS = word_set("can could would might should will may must shall")
_SUBORDINATORS = word_set("when while if because after before although though since once")

TITLE_WORDS = word_set(
    "mr mrs ms mx dr prof sir lord lady dame president minister chancellor ceo secretary "
    "under-secretary adviser advisor spokesman spokeswoman spokesperson correspondent "
    "co-author author researcher professor director chairman chairwoman chair chief "
    "governor senator leader editor analyst economist physicist scientist king queen "
    "prince princess pope general judge mayor ambassador officer commissioner premier mp "
    "congressman congresswoman rep sen gov founder manager executive coach boss captain"
)
_ORGANISATION_WORDS = word_set(
    "ministry department council bank times news agency office government committee "
    "commission party union university college institute organisation organization "
    "association federation company corporation group fund reuters bbc cnn nato un eu "
    "kremlin parliament congress senate court police army military navy forces journal "
    "post guardian telegraph press service board authority administration embassy network "
    "channel programme program foundation trust inc ltd plc corp"
)
_PLURAL_HEADS = word_set("people police staff media public")
# "the 66-year-old", and as some copy prints it, "the 66 year old"
_EPITHET_RE = re.compile(r"^the\s+\d+[-\s]year[-\s]old$", re.IGNORECASE)
# "65% of the 1,000 people questioned said", "only a third said": a share of a group
# speaks. The share is part of the claim ("34% had received new cards"), and without
# "of ..." the group is the one last polled.
_SHARE_RE = re.compile(
    r"(?:(?:only|just|some|nearly|almost|about|around|roughly|over|under|more\s+than|"
    r"fewer\s+than|less\s+than|another|a\s+further)\s+)?"
    r"(?:\d[\d.,]*\s*(?:%|per\s*cent|percent)|half|a\s+(?:third|quarter|fifth|tenth)|"
    r"(?:two|three|four)\s+(?:thirds|quarters|fifths)|(?:one|two|three|four|five|six|seven|"
    r"eight|nine)\s+in\s+(?:10|ten)|the\s+majority|a\s+majority|most)"
    r"(?:\s+[-\u2013\u2014]\s+\d[\d.,]*\s*%\s+[-\u2013\u2014])?"  # "two thirds - 65% -"
    r"(?:\s+of\s+(?P<group>\S.*))?",
    re.IGNORECASE,
)
_MAX_SHARE_WORDS = 12
_MAX_TIME_PREFIX_WORDS = 4
_OBJECT_PRONOUNS = word_set("them us you")
_SUBJECT_PRONOUNS = PRONOUNS | {"you"}
# "You said ...", "Somebody said ...", "Both said", "him": no one is named.
_NO_ONE_NAMED = word_set(
    "you somebody someone everybody everyone anybody anyone nobody some the a an his her "
    "your their its my our me him us them both many"
)
_PRONOUN_COMPANIONS = word_set(
    "all both myself yourself yourselves himself herself itself ourselves themselves"
)
_IS_OR_HAS_RE = re.compile(r"['’]s$")
_ACCORDING_TO_RE = re.compile(r"^according\s+to\s+", re.IGNORECASE)
_CONTRACTION_RE = re.compile(r"['’](?:ll|d|ve|re|m|s)$", re.IGNORECASE)
_QUANTIFIERS = word_set("more most many some all few both several")
_PERSON_HEADS = word_set("man woman boy girl mother father wife husband son daughter")
_NP_LOWER_WORDS = (
    TITLE_WORDS
    | word_set(
        "the a an senior policy former deputy foreign prime finance study vice acting interim "
        "top local state federal defence defense health home treasury military"
    )
    | word_set("'s")
)

_STRIP_CHARS = "\"'“”‘’()[]{}.,;:!?–—-"
_TOKEN_RE = re.compile(r"\S+")
_SOURCE_OF_RE = re.compile(
    r"^(?:an?|the)\s+(?:(?:latest|new|brief|written|joint|official)\s+)?"
    r"(?:update|statement|report|message|letter|release|press\s+release|briefing|post|"
    r"tweet|note|bulletin|assessment)\s+(?:from|by|of|issued\s+by)\s+",
    re.IGNORECASE,
)
# A full stop inside a sentence ends no name: "according to the U.S. Energy Information
# Administration".
_ACCORDING_RE = re.compile(
    r"(?:^|,\s*|\s)according\s+to\s+(?P<np>(?:[^,.;:\"“”]|\.(?=\s*[A-Za-z])){2,80}?)"
    r"\s*(?=[,;:]|\.(?!\s*[A-Za-z])|$)",
    re.IGNORECASE,
)
_WHAT_CALLED_RE = re.compile(
    r"\bwhat\s+(?P<np>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*|(?:he|she|they|it))\s+"
    r"(?:called|calls|described\s+as|describes\s+as|termed|dubbed)\b"
)
_TITLED_NAME_RE = re.compile(
    r"(?=[MDPSLCGKQJAURpmcsardglejo])"  # the first letters of the titles, as in ``_CUT_RE``
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Dame|President|president|Minister|minister|"
    r"Chancellor|chancellor|CEO|Secretary|secretary|adviser|spokesman|spokeswoman|"
    r"correspondent|co-author|author|researcher|professor|Professor|director|chairman|"
    r"chief|Governor|governor|Senator|senator|leader|editor|analyst|economist|physicist|"
    r"scientist|King|Queen|Prince|Pope|General|Judge|judge|Mayor|mayor|Ambassador|"
    r"officer|Under-Secretary|Rep|Sen)\.?\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str
    content_start: int  # where the claim starts in the clause text
    commits: bool  # "pledged to": the clause itself is the claim
    description: str = ""  # "president of the disciplinary committee", from an appositive


@dataclass(frozen=True, slots=True)
class SegmentAttribution:
    """A comma segment naming the speaker; ``start``/``end`` are sentence offsets."""

    speaker: str
    start: int
    end: int


def _bare(token: str) -> str:
    return token.strip(_STRIP_CHARS).lower()


def _verb(tokens: list[str], index: int) -> str:
    """The word at ``index`` as a verb, or "" if a capital inside a sentence that is not a
    headline makes it part of a name: "The United States of America took ...", "Consumer
    Reports found ...", "Sky News Says ..." in running text."""
    token = tokens[index].strip(_STRIP_CHARS)
    if index and token[:1].isupper() and not is_headline(tokens):
        return ""
    return token.lower()


def is_headline(tokens: list[str]) -> bool:
    """Most longer words capitalised: "Minister Says Taxes Will Rise"."""
    words = [token for token in tokens if len(token.strip(_STRIP_CHARS)) > 3]
    return len(words) > 1 and sum(
        word.strip(_STRIP_CHARS)[0].isupper() for word in words
    ) > 0.7 * len(words)


def _is_verb_like(word: str) -> bool:
    return (
        word in _AUXILIARIES
        or word in SAY_VERBS
        or word in SAY_THAT_VERBS
        or word in COMMIT_VERBS
        or (len(word) > 4 and word.endswith("ed") and word.isalpha())
    )


def _is_adverb(token: str) -> bool:
    """An adverb of the verb: "also", "reportedly", "merely", "strongly"."""
    word = _bare(token)
    if word in _VERB_SIDE_ADVERBS:
        return True
    return (
        len(word) > 4
        and word.endswith("ly")
        and token[:1].islower()
        and word.isalpha()
        and word not in _LY_NOUNS
    )


def _between_subject_and_verb(token: str) -> bool:
    """An adverb or auxiliary of the verb: "has also", "did not", "merely", "only"."""
    word = _bare(token)
    return word in _BETWEEN_SUBJECT_AND_VERB or word == "only" or _is_adverb(token)


def _without_verb_words(phrase: str) -> str:
    """``phrase`` without the adverbs and auxiliaries that end it: "Ross properly"."""
    words = phrase.split()
    while words and _between_subject_and_verb(words[-1]):
        words.pop()
    return " ".join(words)


def _noun_phrase_before(tokens: list[str], verb: int) -> tuple[int, int] | None:
    """``(first, last)`` token indices of the speaker phrase before ``verb``."""
    index = verb - 1
    while index >= 0 and _between_subject_and_verb(tokens[index]):
        if tokens[index][-1] in ",;:":
            return None
        index -= 1
    if index >= 0 and _bare(tokens[index]) in _TIME_WORDS:
        index -= 1
        while index >= 0 and _bare(tokens[index]) in _TIME_PHRASE_WORDS:
            index -= 1
    end = index
    if end >= 0 and _is_subject_pronoun(tokens[end]):
        # A pronoun is a whole subject: "Last week he said", "Two points I think are ...";
        # what stands before it is a setting or another clause, never the speaker's name.
        return end, end
    while index >= 0 and end - index < 10:
        token = tokens[index]
        word = _bare(token)
        if token[-1] in ",;:–—" or token in ("–", "—", "-") or token[0] in '"“”(':
            break
        if word == "and" and _joins_roles(tokens, index):
            index -= 1  # "chairman and chief executive Richard Parsons said"
            continue
        if word in _BOUNDARY_WORDS or word in _NP_BLOCKERS or not word:
            break
        after_determiner = index > 0 and _bare(tokens[index - 1]) in _NOUN_DETERMINERS
        # "The report reveals": after a determiner a reporting word is the noun it names.
        if _is_verb_like(word) and not token[0].isupper() and not after_determiner:
            break
        # "the man running the shop said": a participle ends the speaker, but for the few
        # that name a role ("three leading economists", "the outgoing chairman")
        if word.endswith("ing") and not token[0].isupper() and word not in _ROLE_PARTICIPLES:
            break
        index -= 1
    start = index + 1
    while start <= end and _bare(tokens[start]) in _NP_PREPOSITIONS:
        start += 1
    while start < end and _bare(tokens[start]) in _TIME_WORDS:
        start += 1  # "Earlier this week Mr Brown said": the week is no part of him
    if start > end:
        return None
    return start, end


def _joins_roles(tokens: list[str], index: int) -> bool:
    """Whether the "and" at ``index`` joins two roles of one person: "chairman and chief
    executive"."""
    return (
        0 < index < len(tokens) - 1
        and _bare(tokens[index - 1]) in TITLE_WORDS
        and _bare(tokens[index + 1]) in _NP_LOWER_WORDS
        and tokens[index - 1][-1].isalpha()
    )


def _names_a_noun(before: str) -> bool:
    """Whether the word before a reporting word makes it a noun: a number or a determiner
    ("20 states", "two reports", "its claims", "these findings")."""
    word = _bare(before)
    return word[:1].isdigit() or word in _NOUN_MAKERS


def _is_passive(tokens: list[str], verb: int) -> bool:
    index = verb - 1
    while index >= 0 and _is_adverb(tokens[index]):
        index -= 1
    return index >= 0 and _bare(tokens[index]) in _BE and not _bare(tokens[verb]).endswith("ing")


def clean_speaker(phrase: str) -> str:
    phrase = phrase.strip(_STRIP_CHARS + " ")
    words = phrase.split()
    while words and words[0].lower().strip(",") in _DISCOURSE_WORDS:
        words.pop(0)
    words = _without_time(words)
    words = _pronoun_subject(words)
    if len(words) > 1 and words[-1][:1].isupper() and _IS_OR_HAS_RE.search(words[-1]):
        # "Governor Romney's called for ...": a name's "'s" for "has" or "is", not his
        words[-1] = _IS_OR_HAS_RE.sub("", words[-1])
    phrase = _SOURCE_OF_RE.sub("", " ".join(words)).strip(_STRIP_CHARS + " ")
    phrase = _CONTRACTED_PRONOUN_RE.sub(r"\1", _ACCORDING_TO_RE.sub("", phrase))
    return "" if phrase.lower() in _NO_ONE_NAMED else phrase


def _without_time(words: list[str]) -> list[str]:
    """A phrase less the time it opens with: "Last year MAB", "Earlier this week Mr
    Brown"."""
    for length in range(min(len(words) - 1, _MAX_TIME_PREFIX_WORDS), 0, -1):
        prefix = [word.lower().strip(",") for word in words[:length]]
        if all(word in _TIME_PREFIX_WORDS for word in prefix) and (
            prefix[-1] in _TIME_WORDS or prefix[-1] == "ago"
        ):
            return words[length:]
    return words


def _pronoun_subject(words: list[str]) -> list[str]:
    """A phrase opening with "I", "you", "they" ... is that pronoun ("We all", "They
    both") or, with a verb in it, no speaker at all: "you heard the president", "I put
    out a statement", "It includes". "IT staff" is no pronoun. "(First) let me say" is
    the first person's "I say", "let's say" the first person plural's."""
    lowered = [_bare(word) for word in words[-2:]]
    if lowered == ["let", "me"]:
        return ["I"]
    if lowered[-1:] == ["let's"] or lowered == ["let", "us"]:
        return ["we"]
    if len(words) < 2 or (len(words[0]) > 1 and words[0].isupper()):
        return words
    first = _CONTRACTION_RE.sub("", words[0]).lower()
    if first not in _SUBJECT_PRONOUNS:
        return words
    if all(_bare(word) in _PRONOUN_COMPANIONS for word in words[1:]):
        return words[:1]
    return []


_CLAUSE_OPENERS = word_set(
    "that the a an it he she they we i there this these those what his her their its our "
    "some many most all no much every"
)
_OPENING_WORDS = _CLAUSE_OPENERS | _DISCOURSE_WORDS


def _object_end(tokens: list[str], start: int, verb_word: str) -> int:
    """Skip the listener after "told"/"warned": "told BBC Radio 4's Today programme the US"."""
    if start >= len(tokens) or _bare(tokens[start]) == "that":
        return start
    first = tokens[start]
    if verb_word.startswith("warn") and not first[0].isupper():
        return start
    window = [_bare(token) for token in tokens[start : start + _MAX_OBJECT_WORDS]]
    if "that" in window:
        return start + window.index("that")  # "told one of the parties that ..."
    index = start + 1
    while index < len(tokens) and index - start < _MAX_OBJECT_WORDS:
        word = _bare(tokens[index])
        if word in _CLAUSE_OPENERS or tokens[index][0] in '"“':
            return index
        if tokens[index - 1][-1] in ",:":
            return index
        if _is_finite(word) and word not in REPORTING_VERBS:
            # "told MPs child benefit would rise": the listener is the first name; a
            # reporting word there is as often a noun ("told BBC One's Frost show")
            end = start + 1
            while end < index - 1 and tokens[end][0].isupper():
                end += 1
            return end
        index += 1
    return start if index - start >= _MAX_OBJECT_WORDS else index


def _commits_to_action(tokens: list[str], verb: int) -> bool:
    # "pledged to provide", "urged the military to overthrow"; not "the money pledged by".
    following = [_bare(token) for token in tokens[verb + 1 : verb + 7]]
    if not following or following[0] == "by":
        return False
    if _bare(tokens[verb]).startswith("call"):
        return following[0] == "for"
    return "to" in following


def _data_source(tokens: list[str], spans: list[tuple[int, int]]) -> Attribution | None:
    """ "Separate figures on police searches ... showed that <claim>": the clause opens
    with a phrase headed by a data noun, and a showing verb follows; the figures speak."""
    head = next(
        (index for index, token in enumerate(tokens[:4]) if _bare(token) in DATA_NOUNS), None
    )
    if (
        head is None
        or tokens[head][-1] == ","
        or _bare(tokens[0]) in _SETTING_OPENERS  # "In a report, the committee said"
        or any(_bare(token) in _NOT_A_SOURCE or token[-1] in ",;:" for token in tokens[:head])
    ):
        return None
    for verb in range(head + 1, min(len(tokens) - 1, head + _MAX_DATA_PHRASE_WORDS)):
        token = tokens[verb]
        word = _verb(tokens, verb)
        if token[-1] in ";:" or token[0] in '"“':
            return None
        if word not in _DATA_OR_SAY_VERBS or _is_passive(tokens, verb):
            continue
        after = verb + 1
        if _bare(tokens[after]) == "that":
            after += 1
        elif word in _OBJECT_VERBS or (
            word not in SAY_VERBS and not _clause_follows(tokens[after:])
        ):
            return None
        if after >= len(tokens):
            return None
        # "Figures published last week", "A study published in Nature"; a longer phrase is
        # named by its head: "Separate figures".
        name_end = verb if verb <= _MAX_DATA_SPEAKER_WORDS else head + 1
        while name_end > head + 1 and (
            _bare(tokens[name_end - 1]) in _AUXILIARIES or _is_adverb(tokens[name_end - 1])
        ):
            name_end -= 1
        return Attribution(clean_speaker(" ".join(tokens[:name_end])), spans[after][0], False)
    return None


def _clause_follows(tokens: list[str]) -> bool:
    """ "showed inflation had risen": a subject and a finite verb follow, so the words after
    the verb are a claim, not an object ("showed a rise", "showed signs that ...")."""
    for token in tokens[1:6]:
        word = _bare(token)
        if word in _AUXILIARIES:
            return True
        if word in _BOUNDARY_WORDS or token[-1] in ",;:":
            return False
    return False


def leading_attribution(text: str, *, max_words: int = 16) -> Attribution | None:
    """The speaker and claim of "X said <claim>" or "X has pledged to <claim>"."""
    if not _mentions_reporting(text):
        return None
    spans = [(match.start(), match.end()) for match in _TOKEN_RE.finditer(text)]
    tokens = [text[start:end] for start, end in spans]
    data_source = _data_source(tokens, spans)
    if data_source is not None:
        return data_source
    for verb in range(1, min(len(tokens), _MAX_COMMIT_WORDS)):
        word = _verb(tokens, verb)
        # "his promise to serve", "the call to act": a noun after a determiner
        commits = (
            word in COMMIT_VERBS
            and not _names_a_noun(tokens[verb - 1])
            and _commits_to_action(tokens, verb)
        )
        accuses = word in ACCUSE_VERBS and verb < max_words and not _is_passive(tokens, verb)
        # "was blamed by", and "laid blame on": the blame is a noun there
        if accuses and verb + 1 < len(tokens) and _bare(tokens[verb + 1]) not in ("by", "on"):
            phrase = _noun_phrase_before(tokens, verb)
            if phrase and (not phrase[0] or _is_leading_prefix(tokens[: phrase[0]])):
                speaker = clean_speaker(" ".join(tokens[phrase[0] : phrase[1] + 1]))
                if speaker and speaker.lower() not in _NP_BLOCKERS:
                    return Attribution(speaker, 0, commits=True)
        if not commits and (verb >= max_words or word not in REPORTING_VERBS):
            continue
        if word.endswith("s") and _names_a_noun(tokens[verb - 1]):
            continue  # "The storm struck 20 states", "its claims": a noun, not a verb
        # "Most of the façade was maintained": a share that is acted on says nothing
        share = None if commits or _is_passive(tokens, verb) else _share_before(tokens, verb)
        if share is not None:
            return Attribution(share, 0, commits=False)
        if tokens[verb - 1][-1] == "," and not commits and verb < max_words:
            appositive = _appositive_speaker(tokens, verb) or _role_then_name(tokens, verb)
            if appositive is not None:
                name, description = appositive
                after = _past_setting(tokens, verb + 1)
                if after < len(tokens) and _bare(tokens[after]) == "that":
                    after += 1
                elif word in SAY_THAT_VERBS:
                    continue
                elif word in _OBJECT_VERBS:
                    after = _object_end(tokens, after, word)
                    if after < len(tokens) and _bare(tokens[after]) == "that":
                        after += 1  # "told the BBC that ..."
                if after < len(tokens):
                    return Attribution(name, spans[after][0], False, description)
            continue
        if tokens[verb - 1][-1] in ",;:" or _is_passive(tokens, verb):
            continue
        phrase = _noun_phrase_before(tokens, verb)
        if phrase is None:
            continue
        start, end = phrase
        between = {_bare(token) for token in tokens[end + 1 : verb]}
        if not _NEGATED_AUXILIARIES.isdisjoint(between):
            continue  # "He did not say that ...", "I don't think that ...": not theirs
        if not _MODALS.isdisjoint(between) and _bare(tokens[end]) not in ("i", "we"):
            continue  # "He can say now that ...", "The VP will tell you that ...": not said
        speaker = clean_speaker(" ".join(tokens[start : end + 1]))
        speaker = _without_verb_words(speaker)
        if not speaker or speaker.lower() in _NP_BLOCKERS:
            continue
        if commits and start and _bare(tokens[start - 1]) in _SUBORDINATORS:
            if _is_subject_pronoun(tokens[start]):
                # "X backed the plan when he urged ...": the pronoun is the subject's
                return Attribution(speaker, 0, commits=True)
            continue  # "... caused chaos after Mr Brown threatened to ...": not the subject
        if start and not _is_leading_prefix(tokens[:start]):
            continue
        if commits:
            return Attribution(speaker, 0, commits=True)
        after = _past_setting(tokens, verb + 1)
        if word in SAY_THAT_VERBS or word in SAY_VERBS:
            if after < len(tokens) and _bare(tokens[after]) == "that":
                after += 1
            elif word in SAY_THAT_VERBS:
                continue
            elif _tells_no_words(tokens, verb, after, word):
                # "warned Mr Blair about the dangers", "are telling councils to find sites",
                # "has announced a freeze on fuel duty": an act the outlet tells, not words
                return Attribution(speaker, 0, commits=True)
            elif word in _OBJECT_VERBS:
                after = _past_setting(tokens, _object_end(tokens, after, word))
                if after < len(tokens) and _bare(tokens[after]) == "that":
                    after += 1
        if after >= len(tokens):
            continue
        return Attribution(speaker, spans[after][0], commits=False)
    return None


def _tells_no_words(tokens: list[str], verb: int, after: int, word: str) -> bool:
    """Whether what follows a say verb is no words of the speaker's: a thing announced or
    added ("announced a freeze on fuel duty"), or whom they told or warned and about what
    ("warned MPs about the dangers", "told councils to find sites")."""
    if tokens[verb][-1] == ":" or after >= len(tokens) or tokens[after][0] in '"“':
        return False
    if word in _OBJECT_VERBS or word in _TELLING:
        window = tokens[after : after + _MAX_OBJECT_WORDS]
        if any(_bare(token) == "that" for token in window):
            return False  # "told one of the parties that ..."
        for token in window:
            bare = _bare(token)
            if bare in _CLAUSE_OPENERS or token[0] in '"“' or _is_finite(bare):
                return False  # "told MPs child benefit would rise": a clause follows
            if bare in _ABOUT_OR_TO:
                return True
            if token[-1] in ",;:":
                return False
        return False
    if word not in _ANNOUNCING:
        return False
    first = _bare(tokens[after])
    content = tokens[after : after + _MAX_THING_WORDS + 1]
    return (
        (first in _NOUN_MAKERS or first[:1].isdigit() or first[:1] in "£$€")
        and len(content) <= _MAX_THING_WORDS
        and not any(_is_finite(_bare(token)) for token in content)
    )


def _is_finite(word: str) -> bool:
    return word in _BE or word in _MODALS or word in PAST_VERBS or _is_verb_like(word)


_MAX_NAME_WORDS = 4
_MAX_APPOSITIVE_WORDS = 12
_SETTING_WORDS = word_set("in on at to during after before last yesterday earlier on")
_MAX_SETTING_WORDS = 7
# "said on Monday that", and as often without the "on": "said Wednesday that"
_SETTING_OR_TIME_WORDS = _SETTING_WORDS | _TIME_WORDS


def _past_setting(tokens: list[str], start: int) -> int:
    """Where "that" is, past a setting between the verb and it: "claimed in the Observer
    that ...", "said on Monday that ..."; ``start`` itself when there is none."""
    if start >= len(tokens) or _bare(tokens[start]) not in _SETTING_OR_TIME_WORDS:
        return start
    for index in range(start + 1, min(len(tokens), start + _MAX_SETTING_WORDS + 1)):
        word = _bare(tokens[index])
        if word == "that" and tokens[index - 1][-1] not in ",;:":
            return index
        if tokens[index][-1] in ";:" or tokens[index][0] in '"“' or _is_verb_like(word):
            return start
    return start


def _is_name_token(token: str) -> bool:
    """A word of a name, a comma after it allowed: "Zielinski,", "Smith-Jones", the "van"
    of "Erik van Sebille"."""
    return (token[0].isupper() or token in _NAME_PARTICLES) and token.strip(",").replace(
        "-", ""
    ).isalpha()


def _appositive_speaker(tokens: list[str], verb: int) -> tuple[str, str] | None:
    """ "Maria Lopez, chair of the city council's planning committee, said":
    a name of capitalised words, one comma-fenced description without a verb, the verb."""
    first = 0
    while first < verb and _bare(tokens[first]) in _DISCOURSE_WORDS and tokens[first][-1] != ",":
        first += 1  # "And Menzies Campbell, the party's spokesman, said"
    name_end = next(
        (i for i in range(first, min(verb, first + _MAX_NAME_WORDS)) if tokens[i][-1] == ","), -1
    )
    if name_end < first + 1 or not all(map(_is_name_token, tokens[first : name_end + 1])):
        return None
    description = tokens[name_end + 1 : verb]
    if not description or len(description) > _MAX_APPOSITIVE_WORDS:
        return None
    # "Mr Okafor, 41, from Leith, Edinburgh, said": an age, a home town, a role
    if any(
        _is_verb_like(_bare(token)) or token[0] in '"“' or token[-1] in ";:"
        for token in description
    ) or any(_bare(token) in ("and", "or") for token in description):
        return None
    name = " ".join(tokens[first : name_end + 1]).rstrip(",")
    if _bare(tokens[first]) in _OPENING_WORDS or _bare(tokens[first]) in _SETTING_OPENERS:
        return None  # "In London, John Smith said": a setting, not a name
    return name, " ".join(description).rstrip(",")


def _role_then_name(tokens: list[str], verb: int) -> tuple[str, str] | None:
    """ "The company's chief executive, Anna Berg, said": a role, then the name of
    capitalised words fenced by commas, then the verb."""
    name_start = next(
        (
            i
            for i in range(verb - 2, max(0, verb - 2 - _MAX_NAME_WORDS), -1)
            if tokens[i][-1] == ","
        ),
        None,
    )
    if name_start is None:
        return None
    name = tokens[name_start + 1 : verb]
    role = tokens[: name_start + 1]
    while role and _bare(role[0]) in _DISCOURSE_WORDS and role[0][-1] != ",":
        role = role[1:]  # "But the firm's founder, Ana Ruiz, said"
    if not 2 <= len(name) <= _MAX_NAME_WORDS or not all(map(_is_name_token, name)):
        return None
    if not role or len(role) > _MAX_APPOSITIVE_WORDS:
        return None
    words = [_bare(token) for token in role]
    if any(
        _is_verb_like(word) or word in _BOUNDARY_WORDS or word in _TIME_WORDS for word in words
    ) or any(token[0] in '"“' or token[-1] in ";:" for token in role):
        return None  # "The day before, ...", "Last week, ...": a setting, not a role
    if any(token[-1] == "," for token in role[:-1]):
        return None
    # "the union's organiser", "Chief executive": a role; "In London": no name follows
    if words[0] not in _NOUN_DETERMINERS and not any(
        word.removesuffix("'s") in TITLE_WORDS for word in words
    ):
        return None
    return " ".join(name).rstrip(","), " ".join(role).rstrip(",")


def _share_before(tokens: list[str], verb: int) -> str | None:
    """ "However, only 34% said ...": the share that speaks, past an opening "However,"."""
    for start in range(min(verb, 3)):
        if start and not _is_leading_prefix(tokens[:start]):
            continue
        if verb - start > _MAX_SHARE_WORDS:
            continue
        phrase = " ".join(tokens[start:verb])
        if _SHARE_RE.fullmatch(phrase):
            return phrase
    return None


def share_group(phrase: str) -> str | None:
    """The group of "65% of the people questioned"; "" for a share alone ("only 34%");
    None when ``phrase`` is no share of a group."""
    match = _SHARE_RE.fullmatch(phrase)
    if match is None:
        return None
    group = clean_speaker(match.group("group") or "")
    if group and group.split(maxsplit=1)[0].lower() in _OBJECT_PRONOUNS:
        return ""  # "a third of them said": whoever "them" were, last polled or unknown
    return group


def _is_leading_prefix(tokens: list[str]) -> bool:
    """Words before the speaker that still leave the verb as the clause's main verb:
    "However,", "Meanwhile", or a time: "Last week", "On Monday", "Two years ago"."""
    last = tokens[-1]
    if last[-1] in ",:–—" or last in ("–", "—"):
        return True
    words = [_bare(token) for token in tokens]
    while words and words[0] in _DISCOURSE_WORDS:
        words.pop(0)  # "And on Thursday Mr Blair is saying"
    if not words:
        return True
    return (
        len(words) <= 4
        and all(word in _TIME_PREFIX_WORDS or word.isdigit() for word in words)
        and any(word in _TIME_WORDS or word == "ago" for word in words)
    )


def _is_subject_pronoun(token: str) -> bool:
    """ "he", "I", "you", "they"; not "IT" (the acronym) or "it's"."""
    return _bare(token) in _SUBJECT_PRONOUNS and not (len(token) > 1 and token.isupper())


def according_to(text: str) -> tuple[str, int, int] | None:
    """``(speaker, start, end)`` of an "according to X" phrase in ``text``."""
    if "ccording" not in text:
        return None
    match = _ACCORDING_RE.search(text)
    if match is None or len(match.group("np").split()) > 8:
        return None
    speaker = clean_speaker(match.group("np"))
    if not speaker:
        return None  # "according to you": no one named, and the words stay in the claim
    return speaker, match.start(), match.end()


_PASSIVE_AGENT_RE = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:described|accused|criticised|"
    r"criticized|condemned|branded|labelled|labeled|called|dubbed|blamed|attacked)\b"
    r"[^.;:]{0,100}?\bby\s+(?P<np>(?:the\s+)?[\w'’()-]+(?:\s+[\w'’()-]+){0,6}?)"
    r"\s*(?=[,.;:]|$|\s+(?:after|when|because|for|over|in|on|at|during|as|who|which|and)\b)"
)


def passive_agent(text: str) -> str | None:
    """ "His plan has been described as "reckless" by the union": the union's
    characterisation; "were accused of bias by Muslim groups": the groups' accusation."""
    if " by " not in text:
        return None
    match = _PASSIVE_AGENT_RE.search(text)
    if match is None:
        return None
    agent = clean_speaker(re.sub(r"\s*\([^)]*\)?$", "", match.group("np")))
    if not agent or _bare(agent.split()[0]) in _NOT_AN_AGENT:
        return None
    return agent


def what_called(text: str) -> str | None:
    """ "what chief executive Ana Ruiz called a record year" is Ruiz's claim."""
    match = _WHAT_CALLED_RE.search(text)
    return clean_speaker(match.group("np")) if match else None


_SEGMENT_RE = re.compile(r",[\"”’']?\s+")
_APPOSITIVE_RE = re.compile(
    r"(?:an?|the|who|which|whose|where|himself|herself|one\s+of)\b", re.IGNORECASE
)
_AS_PUT_RE = re.compile(
    r"^as\s+(?P<np>.{1,60}?)\s+(?:put\s+it|puts\s+it|said|says|noted|notes|reported|"
    r"reports|wrote|writes|explained|added)\b",
    re.IGNORECASE,
)
_MAX_TRAILING_WORDS = 8
# "said van Sebille", "said de Klerk": the lower-case word opens the surname
_NAME_PARTICLES = word_set("van von de der den da di du le la bin al el ibn")
_MAX_UNNAMED_WORDS = 5
_MAX_ROLE_WORDS = 3
_DETERMINERS_OF_ROLES = word_set("a an the its their one")
_ROLE_HEADS = TITLE_WORDS | word_set(
    "official officials source sources expert experts statement report study"
)
_MAX_DESCRIPTION_WORDS = 12
_MAX_SETTING_PIECE_WORDS = 4
_MAX_FENCED_CHARS = 160
_RELATIVE_OPENER_RE = re.compile(r"(?:who|which|whose|where)\b", re.IGNORECASE)
_MIN_CLAIM_BEFORE = 3


_TRAILING_OPENERS = word_set(
    "on in at from to during after before late early earlier later last this yesterday "
    "today tonight when while as via through"
)
# "he said of the plan": what the words were about, after "said" alone.
_SAID_OF = word_set("of about")


def _is_trailing_rest(rest: list[str], verb: str, speaker: list[str]) -> bool:
    """What may follow "he said" in a trailing segment: when, where, whom he told, or
    what about ("said of Tuesday's event", where ``speaker`` names someone: "dark things
    said about ..." is no attribution)."""
    if not rest:
        return True
    if verb in _OBJECT_VERBS:
        return len(rest) <= 5 and _bare(rest[0]) != "that"
    first = _bare(rest[0])
    if first in _SAID_OF:
        return verb in ("said", "says") and (
            any(token[0].isupper() for token in speaker)
            or (len(speaker) == 1 and _bare(speaker[0]) in PRONOUNS)
        )
    return first in _TRAILING_OPENERS


def _role_before_name(tokens: list[str]) -> bool:
    """ "market analysts Chart Track", "research firm Gartner": a few lower-case nouns
    that say what the name after them is."""
    for index, token in enumerate(tokens[: _MAX_ROLE_WORDS + 1]):
        if token[0].isupper():
            return index > 0
        word = _bare(token)
        if (
            word in _BOUNDARY_WORDS
            or word in _CLAUSE_OPENERS
            or word in _TRAILING_OPENERS
            or _is_verb_like(word)
            or word.endswith("ing")
            or not token[-1].isalpha()
        ):
            return False
    return False


def _is_unnamed_speaker(tokens: list[str]) -> bool:
    """ "a spokesman", "the company's chief executive", "a senior official": someone
    speaking for a body, named only by the role."""
    return (
        1 < len(tokens) <= _MAX_UNNAMED_WORDS
        and _bare(tokens[0]) in _DETERMINERS_OF_ROLES
        and _bare(tokens[-1]) in _ROLE_HEADS
        and all(token[-1].isalnum() for token in tokens[:-1])
    )


def _segment_speaker(segment: str) -> str | None:
    """The speaker if a whole comma segment is an attribution, else None."""
    text = segment.strip(" \"“”'’").rstrip(".!")
    if not text:
        return None
    as_put = _AS_PUT_RE.match(text)
    if as_put:
        return clean_speaker(_without_verb_words(as_put.group("np")))
    according = _ACCORDING_RE.match(text)
    if according and according.start() == 0:
        return clean_speaker(according.group("np"))
    tokens = text.split()
    if len(tokens) > 16 or any(token[0] in '"“' for token in tokens[1:]):
        return None
    first = _bare(tokens[0])
    if first in _INVERTED_VERBS and 1 < len(tokens) <= 11:
        rest = tokens[1:]
        opens_name = (
            rest[0][0].isupper()
            or _bare(rest[0]) in _NP_LOWER_WORDS
            or (_bare(rest[0]) in _NAME_PARTICLES and len(rest) > 1 and rest[1][0].isupper())
            or _role_before_name(rest)
        )
        if _is_unnamed_speaker(rest):
            return clean_speaker(" ".join(rest))  # '"...," said a spokesman.'
        if (
            opens_name
            and any(token[0].isupper() for token in rest)
            and _bare(rest[0]) not in _CLAUSE_OPENERS
        ):
            # "said Okafor on learning he had been dropped": the speaker ends where a
            # preposition or a participle starts what he said it on.
            for cut, token in enumerate(rest[1:], start=1):
                if not token[0].isupper() and (
                    _bare(token) in _BOUNDARY_WORDS or _bare(token).endswith("ing")
                ):
                    rest = rest[:cut]
                    break
            return clean_speaker(" ".join(rest))
        if len(rest) == 1 and _bare(rest[0]) in PRONOUNS:
            return rest[0]
        return None
    for verb in range(1, min(len(tokens), 10)):
        word = _verb(tokens, verb)
        if word not in SAY_VERBS and word not in SAY_THAT_VERBS:
            continue
        phrase = _noun_phrase_before(tokens, verb)
        if phrase is None or phrase[0] != 0 or _is_passive(tokens, verb):
            return None
        rest = tokens[verb + 1 :]
        speaker = tokens[: phrase[1] + 1]
        if len(rest) > _MAX_TRAILING_WORDS or not _is_trailing_rest(rest, word, speaker):
            return None
        # "..., Apacs' figures show.": data that show speak as "said" would; "..., he
        # showed" or "..., it suggests" is no attribution
        shows = not rest and word in _DATA_VERBS and _bare(tokens[phrase[1]]) in DATA_NOUNS
        if (
            word in SAY_THAT_VERBS
            and word not in ("reported", "reports", "found", "wrote")
            and not shows
        ):
            return None
        return clean_speaker(" ".join(tokens[: phrase[1] + 1]))
    return None


def _ends_with_name(segment: str, speaker: str) -> bool:
    """Whether an attribution segment ends with the speaker's name: "said Rick Egelton",
    not "he said" or "the company announced on Wednesday"."""
    last = segment.rstrip(" .").rsplit(maxsplit=1)[-1:]
    return (
        bool(last)
        and last[0][:1].isupper()
        and _bare(last[0]) not in PRONOUNS
        and speaker.endswith(last[0].rstrip("."))
    )


def _describes_speaker(piece: str, *, closes: bool) -> bool:
    """Whether a comma piece after a speaker's name only says who or where they are: "51",
    "deputy chief economist at BMO", and closing the sentence, "in a statement"."""
    tokens = piece.split()
    if not tokens or len(tokens) > _MAX_DESCRIPTION_WORDS:
        return False
    if len(tokens) == 1 and tokens[0].rstrip(".").isdigit():
        return True  # an age
    first = _bare(tokens[0])
    if first in _TRAILING_OPENERS:
        if not closes or len(tokens) > _MAX_SETTING_PIECE_WORDS:
            return False
    elif not tokens[0][0].islower() or first in _CLAUSE_OPENERS or first in _BOUNDARY_WORDS:
        return False
    return not any(
        token[0] in '"“' or _is_verb_like(word) or word.endswith("ing") or word in PRONOUNS
        for token in tokens
        for word in (_bare(token),)
    )


def _fenced_speaker(rest: str) -> str | None:
    """The speaker of a closing attribution whose name is fenced by commas, as at the
    start of a sentence: '"...," Demetric Mercadel, president of the board, said.'"""
    if len(rest) > _MAX_FENCED_CHARS or "," not in rest:
        return None
    tokens = rest.rstrip(" .!").split()
    if not any(token[-1] == "," for token in tokens[: _MAX_APPOSITIVE_WORDS + 1]):
        return None  # no name fenced by a comma: most segments end here
    for verb in range(2, len(tokens)):
        word = _verb(tokens, verb)
        if word not in SAY_VERBS:
            continue
        appositive = _appositive_speaker(tokens, verb)
        if tokens[verb - 1][-1] == ",":
            appositive = appositive or _role_then_name(tokens, verb)
        after = tokens[verb + 1 :]
        if (
            appositive is None
            or len(after) > _MAX_TRAILING_WORDS
            or not _is_trailing_rest(after, word, tokens[:verb])
        ):
            return None
        return clean_speaker(appositive[0])
    return None


def segment_attributions(sentence: str) -> list[SegmentAttribution]:
    """Comma segments of ``sentence`` that only say who is speaking."""
    if "," not in sentence or not _mentions_reporting(sentence):
        return []
    boundaries = [match for match in _SEGMENT_RE.finditer(sentence)]
    found: list[SegmentAttribution] = []
    # Counted as the boundaries advance, never from the start again: linear in the length.
    depth, counted, words_before = 0, 0, False
    for number, boundary in enumerate(boundaries):
        start = boundary.start()
        depth += sentence.count("(", counted, start) - sentence.count(")", counted, start)
        counted = start
        if depth > 0:
            continue
        segment_end = (
            boundaries[number + 1].start() if number + 1 < len(boundaries) else len(sentence)
        )
        # Once enough words come before a boundary, they do before every later one.
        words_before = words_before or len(sentence[:start].split()) >= _MIN_CLAIM_BEFORE
        if not words_before:
            continue
        speaker = _segment_speaker(sentence[boundary.end() : segment_end])
        if not speaker:
            speaker = _fenced_speaker(sentence[boundary.end() :])
            if speaker:
                found.append(SegmentAttribution(speaker, boundary.start(), len(sentence)))
                break
            continue
        end = segment_end
        described = _ends_with_name(sentence[boundary.end() : segment_end], speaker)
        for later, following in enumerate(boundaries[number + 1 :], start=number + 2):
            if following.start() < end:
                continue
            next_end = sentence.find(",", following.end())
            if described and following.start() == end:
                closes = later == len(boundaries)
                piece_end = len(sentence) if closes else boundaries[later].start()
                if _describes_speaker(sentence[following.end() : piece_end], closes=closes):
                    end = piece_end
                    continue
            if end != segment_end and _RELATIVE_OPENER_RE.match(sentence, following.end()):
                break  # "..., development director at Codemasters, which publishes titles"
            if not _APPOSITIVE_RE.match(sentence, following.end()):
                break
            end = len(sentence) if next_end < 0 else next_end
        if end >= len(sentence.rstrip(' .!"”’')):
            end = len(sentence)
        found.append(SegmentAttribution(speaker, boundary.start(), end))
    return found


def main_subject(text: str) -> str | None:
    """The subject that opens a clause: "Mr Zelenskyy" in "Mr Zelenskyy remains ..."."""
    tokens = text.split()
    index = 0
    while index < len(tokens) and _bare(tokens[index]) in _DISCOURSE_WORDS:
        index += 1
    for position in range(index, min(len(tokens), index + 12)):
        if tokens[position][-1] == "," and _bare(tokens[index]) in _BOUNDARY_OR_AT:
            index = position + 1  # skip a leading adverbial: "At a dinner on Friday night,"
            break
    if index < len(tokens) and _bare(tokens[index]) in _SUBORDINATORS:
        index += 1  # "When the president ran for office, he said ...": the president
    words: list[str] = []
    for token in tokens[index : index + 10]:
        word = _bare(token)
        if word in _BOUNDARY_WORDS or word in _MODALS or _is_subject_pronoun(token):
            break  # "Because I was a senator ...", "Should the President's ...": no name
        if token[0].isupper() or word in _NP_LOWER_WORDS or word.endswith("'s"):
            words.append(token)
            if token[-1] in ",;:":
                break
            continue
        break
    phrase = clean_speaker(" ".join(words))
    if not phrase or not any(
        word[0].isupper() and _bare(word) not in _CLAUSE_OPENERS for word in phrase.split()
    ):
        return None
    return phrase


def speaker_kind(speaker: str, surnames: frozenset[str] | set[str]) -> str:
    """ "person", "group" (they) or "organisation" (it), for resolving pronouns."""
    words = speaker.split()
    lowered = [word.lower().strip(_STRIP_CHARS) for word in words]
    if any(word in TITLE_WORDS for word in lowered):
        return "person"
    if lowered[-1].endswith("-year-old") or not _PERSON_HEADS.isdisjoint(lowered):
        return "person"  # "the 66-year-old", "a man", "his wife Fran"
    if len(words) > 1 and lowered[0] in _QUANTIFIERS:
        return "group"  # "Most Americans", "Some Labour MPs": never one person
    last = lowered[-1].removesuffix("'s").removesuffix("’s")
    if any(word in _ORGANISATION_WORDS for word in lowered):
        return "organisation"
    if len(words[-1]) > 1 and words[-1].isupper():
        return "organisation"  # an acronym: "the IMF", "IHRC"
    if last in surnames or words[-1].strip(_STRIP_CHARS) in surnames:
        return "person"
    if words[-1].islower() and (last.endswith("s") or last in _PLURAL_HEADS):
        return "group"
    if lowered[0] == "the":
        # No one's name takes "the": "The Russians" are a group, "The United States" a thing.
        return "group" if len(words) == 2 and last.endswith("s") else "organisation"
    if 2 <= len(words) <= 3 and all(word[0].isupper() for word in words):
        return "person"
    return "organisation"


_THING_REACH = 4  # sentences


class SpeakerTracker:
    """The speakers named so far in one article, for "he said" and "it said"."""

    def __init__(self, body: str) -> None:
        self.surnames: set[str] = set()
        for match in _TITLED_NAME_RE.finditer(body):
            name = match.group(1).split()[-1]
            self.surnames.add(name.removesuffix("'s").removesuffix("’s"))
        self.last: dict[str, str] = {}
        self.last_any: str | None = None
        self.descriptions: dict[str, str] = {}
        self.polled: str | None = None  # the group of the last "N% of X said"
        self.sentence = 0  # the sentence being read, set by the reader
        self.noted_at: dict[str, int] = {}  # the sentence each kind was last named in

    def note(self, speaker: str) -> None:
        kind = speaker_kind(speaker, self.surnames)
        self.last[kind] = speaker
        self.noted_at[kind] = self.sentence
        self.last_any = speaker
        if kind == "person":
            self.surnames.add(speaker.split()[-1])

    def mention(self, subject: str | None) -> None:
        """A person a sentence is about, for a later "he" that is not a speaker's."""
        if subject and speaker_kind(subject, self.surnames) == "person":
            self.last["person"] = subject
            self.noted_at["person"] = self.sentence

    def resolve(
        self, phrase: str, *, subject: str | None = None, in_quote: bool = False
    ) -> str | None:
        """A named speaker for ``phrase``; pronouns point back, names are kept as written."""
        if not phrase:
            return None
        pronoun = phrase.lower()
        group = share_group(phrase)
        if group is not None:
            if group:
                self.polled = group
                self.note(group)
            return self.polled
        if _EPITHET_RE.match(phrase) and "person" in self.last:
            # "The 66-year-old criticised his fine": the person last named, by his age
            return self.resolve("he", in_quote=in_quote)
        if pronoun not in PRONOUNS:
            self.note(phrase)
            return phrase
        if pronoun in ("i", "we"):
            return self.last_any if in_quote else None
        wanted = {"he": ("person",), "she": ("person",), "it": ("organisation",)}.get(
            pronoun, ("group", "organisation")
        )
        if subject and speaker_kind(subject, self.surnames) in wanted:
            self.note(subject)
            return subject
        for kind in wanted:
            if kind not in self.last:
                continue
            if pronoun != "he" and pronoun != "she":
                # An "it" or "they" reaches a few sentences back, where a "he" in a debate
                # is the opponent throughout: of the speed corpus's "it said" resolved to a
                # speaker named more than 4 sentences before, none was right.
                if self.sentence - self.noted_at[kind] > _THING_REACH:
                    continue
                self.noted_at[kind] = self.sentence  # "It said ... It added ...": a chain
            resolved = self.last[kind]
            self.last_any = resolved
            return resolved
        return None
