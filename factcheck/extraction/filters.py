"""What is not a claim: page furniture, questions, commands, slogans and bare opinion.

Two tables of rules, each rule a reason, a predicate and examples (and look-alikes it
must let through), so that every pattern is named and tested in one place:
``PARAGRAPH_RULES`` drop whole paragraphs that are captions, bylines, datelines or
sign-offs, and ``CLAIM_RULES`` judge one sentence or clause once attribution has been
taken off it. The first rule that applies gives the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from factcheck.extraction.speakers import is_headline
from factcheck.extraction.words import word_set

# A lookahead on the first character of every alternative, as in ``split._CUT_RE``, lets
# a search reject most positions at once: these run on every sentence.
_CREDIT_RE = re.compile(
    r"(?=[PICVREA/])"
    r"(?:\b(?:Picture|Pictures|Photo|Photos|Photograph|Image|Images|Credit|Illustration|Video)"
    r"(?:\s+credit)?\s*:\s*\S"
    # "(Photo by Jane Roe/Getty Images)", "REUTERS/Russell Cheyne", "AP Photo/Jane Roe"
    r"|\b(?:Photo(?:graph)?|Image|Picture)s?\s+(?:by|courtesy\s+of)\s+[A-Z]"
    r"|\b(?:REUTERS|AFP|EPA|AP\s+Photo|PA\s+Wire)\s*/\s*[A-Z]"
    r"|/\s*(?:Getty\s+Images|Shutterstock|Alamy|AFP|Reuters|AP)\b)"
)
_FURNITURE_RE = re.compile(
    r"""^(?:
        By\s+[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|and|&|de|van|von|der|la)){0,6}
            (?:\s*[,|–—-]\s*[\w\s]{0,60})?$
      | date\s+\d{4}-\d{2}-\d{2}\b.*
      | Originally\s+published\b.*
      | (?:This|The\s+original)\s+(?:article|story|post|piece|report)\s+(?:was\s+|has\s+been\s+)?
            (?:originally\s+|first\s+)?(?:appeared|published|provided|posted)\b.*
      | To\s+contact\s+the\s+(?:reporters?|writers?|editors?|authors?)\b.*
      | (?:Correction|Clarification|Editor['’]?s\s+note)\s*:.*
      | (?:Sources?|Notes?|Graphic|Chart)\s*:.*
      | (?:Copyright|©|\(c\)).*
      | \[[^\]]*\]
      | (?:Read|See|Watch|Listen)\s+(?:more|also|the\s+full)\b.*
      | (?:Related|More|Also\s+on\s+\w+|Watch|Video|Photos|Gallery|Listen|Live)\s*:.*
      | \(?(?:Reporting|Writing|Editing|Additional\s+reporting)\s+by\b.*
      | Updated?\s*:?\s*\d.*
      | (?:Published|Last\s+updated)\s*:.*
      | .*View\s+full\s+size\s+image.*
    )$""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
# "Follow Sam Okafor on Twitter", "Click here", "Sign up for our newsletter": a verb aimed
# at the reader and something to follow or click; "Like many countries, ..." is prose.
_PROMPT_RE = re.compile(
    r"^(?:Follow|Like|Subscribe|Sign\s+up|Share|Click|Tap|Email|Contact|Join|Download)\b"
    r"(?=.*(?:\b(?:Twitter|Facebook|Instagram|Google|LinkedIn|YouTube|TikTok|newsletter|here|"
    r"us|the\s+(?:author|reporter|writer))\b|@))",
    re.IGNORECASE | re.DOTALL,
)
_PROMPT_MAX_WORDS = 25
# "Matt Friedman may be reached at mfriedman@example.com": how to reach the writer.
_EMAIL_RE = re.compile(r"[\w.-]+@[\w-]+\.\w")
_REACHED_RE = re.compile(r"\b(?:may|can)\s+be\s+reached\s+at\b")
# "Twitter's chief (far left) and Cameron Diaz present the prize": where someone stands
# in the picture is said only in a caption.
_PICTURE_PLACE_RE = re.compile(
    r"\((?:(?:far|second\s+from|third\s+from|from)\s+)?(?:left|right|centre|center|top|bottom)"
    r"(?:\s+to\s+right)?\)|\((?:L|R|C|L-R|L\s+to\s+R)\)"
)
# "Image 1 of 30", "Slide 4/12": a gallery's counter.
_GALLERY_RE = re.compile(r"(?=[ips])\b(?:Image|Photo|Picture|Slide)\s+\d+\s*(?:of|/)\s*\d+\b", re.I)
_SIGN_OFF_RE = re.compile(
    r"(?=[amcs])\b(?:all\s+rights\s+reserved|may\s+not\s+be\s+(?:re)?published|contributed\s+to\s+this\s+"
    r"(?:report|story|article)|(?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\b[^.]*"
    r"\bnewsletter)\b",
    re.IGNORECASE,
)
_TERMINAL_RE = re.compile(r"[.!?…:\"'”’)\]]\s*$")
_WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")
_DIGIT_RE = re.compile(r"\d")

_IMPERATIVE_VERBS = word_set(
    "listen look follow read click subscribe share watch see imagine consider remember "
    "note sign join download email contact call visit please let don't do try take tell "
    "stop go come check find get give keep make vote support donate help register"
)
_NOT_AFTER_IMPERATIVE = word_set("is was are were has had have will would said")
_SLOGAN_RE = re.compile(
    r"^(?:glory\s+to|long\s+live|god\s+bless|thank\s+you|thanks|hello|hi|hey|good\s+"
    r"(?:morning|afternoon|evening|night|luck|bye)|goodbye|bye|welcome|happy|merry|"
    r"congratulations|cheers|victory\s+to|death\s+to|down\s+with|power\s+to|viva|hail|"
    r"slava|amen|hooray|hurrah|bravo|shame\s+on|no\s+to|yes\s+to|stop\s+the|free)\b",
    re.IGNORECASE,
)
_SLOGAN_MAX_WORDS = 6
_OPINION_RE = re.compile(
    r"^(?:(?:and|but|so|well|frankly|honestly|personally)[,\s]+)*"
    r"(?:I|we)\s+(?:\w+ly\s+)?(?:(?:do|did)\s+not\s+|(?:don|didn)['’]t\s+)?"
    r"(?:think|believe|feel|hope|wish|guess|suppose|reckon|"
    r"want|would\s+like|love|hate|like|am\s+(?:sure|certain|convinced|confident|proud|"
    r"glad|happy|here)|must|should|will|shall|need|can|cannot|can't|won't)\b",
    re.IGNORECASE,
)
# The speaker's own intent as the main clause ("We can win this", "..., and we must act");
# not a first person inside a description ("the only way I can afford a phone").
_FIRST_PERSON_MODAL_RE = re.compile(
    r"(?=[,;:abstiw])(?:^|[,;:]\s+|\b(?:and|but|so|that)\s+)(?:I|we)\s+(?:\w+ly\s+)?"
    r"(?:can|could|should|must|need\s+to|want\s+to|hope)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_MAX_WORDS = 40
_NORMATIVE_RE = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:I|we|you|they|you\s+all|we\s+all)\s+(?:all\s+)?"
    r"(?:should|must|ought\s+to|need\s+to|have\s+to|had\s+better)\b",
    re.IGNORECASE,
)
# "more needs to be done", "firms needed to do more": a call for action, whoever's
_CALL_FOR_ACTION_RE = re.compile(
    r"(?=[mnso])"
    r"\b(?:more\s+(?:needs|needed|has|had|must|should)\s+(?:to\s+)?be\s+done"
    r"|(?:need|needs|needed|must|should|ought\s+to)\s+(?:to\s+)?do\s+(?:much\s+|far\s+)?more)\b",
    re.IGNORECASE,
)
_WHAT_IS_NEEDED_RE = re.compile(
    r"^(?:(?:and|but|so)\s+)?what\s+(?:is|was|are|were)\s+(?:needed|required|necessary)\b",
    re.IGNORECASE,
)
# "It is vital to establish whether ...", "it's time for a new approach", "It's important
# that we act": an extraposed judgement of what should happen. None of the 84 sentences of
# the ClaimBuster and CheckThat! debates that this rule drops is labelled check-worthy.
# "It is important to note that ..." is a frame for a fact, not a judgement, and stays.
_EVALUATIVE_FRAME_RE = re.compile(
    r"""^(?:(?:and|but|so|however|now)[,\s]+)*
    it(?:\s+is|['’]s|\s+was|(?:\s+wi|['’])ll\s+be|\s+would\s+be)\s+
    (?:(?:very|so|also|therefore|just|equally|still|now|more|(?-i:[a-z]+ly))\s+)?
    (?!(?:\w+,?\s+)(?:(?:for\s+(?:[\w'’]+\s+){1,4}?)?to|(?:that\s+)?(?:we|I|you|they|people))
       \s+(?:\w+\s+)?(?:note|remember|recall|point|stress|emphasi[sz]|understand|recogni[sz]|
       know|realis|realiz|say|said|tell|told|mention|admit|acknowledg|explain)[a-z]*\b)
    (?:(?:high\s+|about\s+)?time\s+(?:now\s+)?(?:to|for|that|the|we|they|you|I)\b
    | (?:vital|important|essential|crucial|imperative|critical|urgent),?\s+
      (?:(?:not\s+)?to\s+(?:not\s+)?(?!(?:the|a|an|this|that|these|those|its|his|her|their|
                   our|my|your|us|me|him|them|both|all|each|every|life|any)\b)
         (?-i:[a-z]+)\b(?<!s)(?<!ing)(?<!al)(?<!ity)(?<!ion)(?<!ment)(?<!ness)
      | for\s+(?:[\w'’]+\s+){1,4}?to\s+(?-i:[a-z])
      | that\s
      | (?:we|they|you|I)\b))""",
    re.IGNORECASE | re.VERBOSE,
)
# "..., as fraudsters will turn to the internet", "because prices rise", "now that prices
# have risen": a reason with a subject and verb of its own is a claim, whatever judgement
# it backs.
_REASON_CLAUSE_RE = re.compile(
    r"(?=[absgn])\b(?:(?:now|given)\s+that|because)\b"
    r"|\b(?:as|since)\s+(?!(?:well|much|many|soon|long|far|part|if|a|an)\b)"
    r"[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:will|would|are|is|were|was|have|has|had|can|could|"
    r"(?-i:[a-z]+s))\b",
    re.IGNORECASE,
)
_CONDITIONAL_RE = re.compile(r"^(?:(?:and|but|so)\s+)?(?:if|unless|imagine)\b", re.IGNORECASE)
# "How wonderful ...", "What a day": not "How the money was spent is not known".
_EXCLAMATIVE_RE = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:how\s+(?!(?:the|a|an|this|that|these|those|it|he|she|they|we|"
    r"i|you|his|her|its|their|our|my|your|to|many|much)\b)|what\s+an?\s)",
    re.IGNORECASE,
)
# "A spokesman could not comment on ...", "the club declined to comment": that nothing was
# said is no claim to check.
_NO_COMMENT_RE = re.compile(
    r"(?=[cwdrnu])\b(?:(?:could|would|did|will|can)\s*(?:not|n['’]t)\s+comment|(?:declined|refused|"
    r"declines|refuses)\s+to\s+comment|(?:not\s+be|not\s+been|unavailable)\s+(?:available\s+)?"
    r"(?:for\s+comment|reached\s+for\s+comment)|did\s+not\s+(?:immediately\s+)?respond\s+to\s+"
    r"(?:a\s+)?requests?\s+for\s+comment)\b",
    re.IGNORECASE,
)
_HEADING_MAX_WORDS = 6
_SHORT_WORD_LENGTH = 3
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 20
_CAPTION_MAX_WORDS = 60
MIN_CLAIM_WORDS = 3


@dataclass(frozen=True)
class Text:
    """What a rule looks at: the text without edge quotes, its words, and whether the
    engine found a figure in it (a figure often makes a claim of a frame that is not)."""

    bare: str
    has_figures: bool = False
    opens_body: bool = False  # the first paragraph, often the story's own headline

    @classmethod
    def of(cls, text: str, *, has_figures: bool = False, opens_body: bool = False) -> Text:
        return cls(text.strip().strip("\"'“”‘’ "), has_figures, opens_body)

    @cached_property
    def words(self) -> list[str]:
        # Read only when a rule asks: most paragraphs are judged by a pattern alone.
        return _WORD_RE.findall(self.bare)


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    applies: Callable[[Text], bool]
    examples: tuple[str, ...]
    keeps: tuple[str, ...] = ()  # look-alikes that are claims, which the rule lets through


def _is_imperative(text: Text) -> bool:
    # "Listen." / "Follow us on Twitter": a base-form verb opening the sentence.
    words = text.words
    if not words or words[0].lower() not in _IMPERATIVE_VERBS or words[0].isupper():
        return False
    # "Share of the vote fell", "Contact tracing has found": a noun that is also a verb,
    # before "of" or a finite verb of which it is the subject.
    following = {word.lower() for word in words[1:3]}
    return following.isdisjoint(_NOT_AFTER_IMPERATIVE) and words[1:2] != ["of"]


def _is_furniture(text: Text) -> bool:
    return bool(_FURNITURE_RE.match(text.bare)) or (
        bool(_PROMPT_RE.match(text.bare) or _is_contact(text.bare))
        and len(text.words) <= _PROMPT_MAX_WORDS
    )


def _is_contact(bare: str) -> bool:
    # The "in" tests, at C speed, spare nearly every sentence the searches.
    return ("@" in bare and bool(_EMAIL_RE.search(bare))) or (
        "reached" in bare and bool(_REACHED_RE.search(bare))
    )


def _is_caption(text: Text) -> bool:
    return bool(
        _CREDIT_RE.search(text.bare)
        or _GALLERY_RE.search(text.bare)
        or _PICTURE_PLACE_RE.search(text.bare)
    )


def _is_heading(text: Text) -> bool:
    # A short line without final punctuation is a heading ("Magic mushrooms").
    return (
        not _TERMINAL_RE.search(text.bare)
        and not _DIGIT_RE.search(text.bare)
        and len(text.words) <= _HEADING_MAX_WORDS
    )


def _is_title_line(text: Text) -> bool:
    # "Swallow Allegedly Offered Access To Senate Majority Leader Harry Reid": a line in
    # title case with no full stop is a subheading or a link to another story.
    if text.bare.endswith((".", "!")) or len(text.words) > _TITLE_MAX_WORDS:
        return False
    long_words = [word for word in text.words if len(word) > _SHORT_WORD_LENGTH]
    return len(long_words) >= _TITLE_MIN_WORDS and is_headline(text.words)


def _is_first_person_intent(text: Text) -> bool:
    if text.has_figures:
        return False
    return bool(
        _OPINION_RE.match(text.bare)
        or (_FIRST_PERSON_MODAL_RE.search(text.bare) and len(text.words) < _FIRST_PERSON_MAX_WORDS)
    )


PARAGRAPH_RULES: tuple[Rule, ...] = (
    Rule(
        "page furniture",
        _is_furniture,
        (
            "By Will Taylor",
            "Follow us on Twitter for the latest updates.",
            "Click here to watch the video.",
            "Follow Valley Science @valleyscience, Facebook & Google+.",
            "READ MORE: Five things we learnt from the budget",
            "Related: The history of the euro",
            "Reporting by Jane Roe; Editing by Sam Hill",
            "Copyright 2014 LiveScience, a TechMediaNetwork company. All rights reserved.",
            "This article originally appeared on Valley News.",
            "This story was provided by SpaceNews, dedicated to the space industry.",
            "To contact the reporter on this story: Sam Hill in Atlanta at shill@example.com",
            "Sam Hill may be reached at shill@example.com. Follow him on Twitter @samhill.",
            "Correction: This post has been updated with a revised total of 3.9 million.",
            "SOURCE: Aviation Safety Network",
        ),
        keeps=(
            "Byelections were held in 12 seats.",
            "More than 300 people were hurt.",
            "Like many countries, Britain has cut its aid budget by 10%.",
            "Contact tracing has found 300 new cases.",
            "This story has been told by 40 witnesses since 2010.",
            "Sources close to the minister said 300 jobs would go.",
            "The hackers stole 3,000 passwords from staff at the firm.",
        ),
    ),
    Rule(
        # A credit or a counter marks a caption; in a flattened body it may sit inside a
        # long paragraph, and then only its own sentence goes (see ``CLAIM_RULES``).
        "caption",
        lambda text: _is_caption(text) and len(text.words) <= _CAPTION_MAX_WORDS,
        (
            "The president visits troops, he said. Picture: Alamy",
            "A nurse walks past the hospital. REUTERS/Russell Cheyne",
            "Maria Lopez at the conference (Photo by Jane Roe/Getty Images)",
            "Image 1 of 30",
            "The chief executive (far left) and the actress present the prize to two biologists.",
            "Ministers (L-R) Ana Ruiz, Tom Ashby and Jo Berg at the summit in May.",
        ),
        keeps=(
            "The photographer sold 30 images to the agency.",
            "The party (which left the coalition in 2010) won 12 seats.",
        ),
    ),
    Rule(
        "heading",
        _is_heading,
        ("Making connections", "The week in pictures"),
        keeps=("Sales rose 5%", "Troops entered the city."),
    ),
    Rule(
        # The story's own headline, when the body opens with it, is a claim like any other.
        "subheading or link",
        lambda text: not text.opens_body and _is_title_line(text),
        (
            "Swallow Allegedly Offered Access To Senate Majority Leader Harry Reid",
            "Analysts Aren't Feeling Great About Commodities In 2015 (Think Advisor)",
            "Mark Shurtleff Allegedly Had A Fixer Who Threatened To 'Bust People Up'",
        ),
        keeps=(
            "The United States Department of Homeland Security Hired 4,000 Staff In 2014.",
            "Jobs growth still slow in the US",
        ),
    ),
)

CLAIM_RULES: tuple[Rule, ...] = (
    Rule("empty", lambda text: not text.bare, ("", '""')),
    Rule(
        "page furniture",
        lambda text: bool(
            _is_furniture(text) or _is_caption(text) or _SIGN_OFF_RE.search(text.bare)
        ),
        (
            "Follow Sam Okafor on Twitter and Google+.",
            "Originally published on The Valley Times.",
            "[In Pictures: The 10 Oldest Bridges in Europe]",
            "Credit: J. Rivera/Getty Images View full size image",
            "Read more: The history of the euro",
            "Image 3 of 12",
            "This material may not be published, broadcast, rewritten or redistributed.",
            "The Associated Press contributed to this report.",
            "Sign up for our daily newsletter to get the news in your inbox.",
        ),
        keeps=(
            "Ebola has killed 7,000 people, the WHO said.",
            "Scam emails land in 3 million inboxes a day.",
        ),
    ),
    Rule(
        "question",
        lambda text: text.bare.rstrip("\"'”’) ").endswith("?"),
        ("Is the government telling the truth about the deficit?", "Who pays for it?"),
    ),
    Rule(
        "too short",
        lambda text: len(text.words) < MIN_CLAIM_WORDS,
        ("Listen.", "Yes, absolutely."),
    ),
    Rule(
        "imperative",
        _is_imperative,
        ("Look at the figures.", "Remember to vote on Thursday.", "Try the new app today."),
        keeps=("Share of the vote fell to 40% in May.",),
    ),
    Rule(
        "greeting or slogan",
        lambda text: bool(_SLOGAN_RE.match(text.bare)) and len(text.words) <= _SLOGAN_MAX_WORDS,
        ("Glory to Ukraine.", "Thank you all very much.", "Happy new year to all."),
        keeps=("Free school meals were cut for 40,000 pupils.",),
    ),
    Rule(
        "no comment",
        lambda text: bool(_NO_COMMENT_RE.search(text.bare)),
        (
            "A ministry spokeswoman could not comment on the talks.",
            "The club declined to comment on reports of a £30m bid.",
            "The company did not immediately respond to a request for comment.",
            "he would not comment on the activities of the security services",
        ),
        keeps=(
            "The minister's comments on the 40% rise were condemned by unions.",
            "Viewers left 2,000 comments on the broadcaster's website.",
        ),
    ),
    Rule(
        "hypothetical",
        lambda text: bool(_CONDITIONAL_RE.match(text.bare)) and not text.has_figures,
        ("If the talks fail, nobody knows what happens next.",),
    ),
    Rule(
        "exclamation",
        lambda text: bool(_EXCLAMATIVE_RE.match(text.bare)) and not text.has_figures,
        ("How wonderful it is to be back in Leeds.",),
        keeps=("How the money was spent is not known.",),
    ),
    Rule(
        "what someone ought to do",
        lambda text: bool(
            _WHAT_IS_NEEDED_RE.match(text.bare)
            or (
                _EVALUATIVE_FRAME_RE.match(text.bare)
                and not _REASON_CLAUSE_RE.search(text.bare)
                and not text.has_figures
            )
            or (
                (_NORMATIVE_RE.match(text.bare) or _CALL_FOR_ACTION_RE.search(text.bare))
                and not text.has_figures
            )
        ),
        (
            "We should all be proud of our nurses.",
            "what was needed was a single plan, with every member state signed up",
            "more needed to be done to repair old buses rather than scrap them",
            "landlords and tenants needed to do more to ensure homes stay warm",
            "it was vital to establish whether ministers approved the transfer",
            "It's vital we avoid huge teams.",
            "It's time for a fresh start.",
            "But it is important that we learn what has been effective.",
            "It is now time to move forward.",
            "It's high time the government acted.",
            "It'll be vital to keep costs down.",
            "It’s important not to panic.",
        ),
        keeps=(
            "The council needed 300 more staff to do the work.",
            "It is important to note that unemployment has fallen for six months.",
            "it's time for us to say that Medicare is in the same condition as pensions",
            "it's important to tell you that we did come in during some tough times",
            "It's time for a plan that creates 5 million new jobs.",
            "It is important to monitor online sales, as fraudsters will turn to the internet.",
            "It was time-consuming work for the volunteers.",
            "It is vital for healthy bones and teeth.",
            "It is crucial to the economy of the island.",
            "It was necessary for the plane to land in Dublin after the fault.",
            "It is important for the British public to note that unemployment has fallen.",
            "It is important to act now, as inflation rises.",
            "It is critical to national security, the Pentagon said.",
            "It is vital to farmers in the region.",
            "It is time we admitted that child poverty has risen.",
        ),
    ),
    Rule(
        "first-person opinion or intent",
        _is_first_person_intent,
        (
            "I think we've seen a deterioration of values.",
            "But we can win this fight.",
            "I don't think most people do.",
        ),
        keeps=(
            "This is the only way I can afford to have a phone.",
            "We cut taxes for 20 million families.",
        ),
    ),
)


def is_furniture_paragraph(paragraph: str, *, opens_body: bool = False) -> bool:
    """A caption, byline, dateline, sign-off or heading: never part of the claims."""
    return paragraph_reason(paragraph, opens_body=opens_body) is not None


def paragraph_reason(paragraph: str, *, opens_body: bool = False) -> str | None:
    text = Text.of(paragraph, opens_body=opens_body)
    return next((rule.reason for rule in PARAGRAPH_RULES if rule.applies(text)), None)


def is_opinion_frame(text: str) -> bool:
    """ "I think ...", checked before attribution takes "I think" off the claim."""
    return bool(_OPINION_RE.match(text.strip().strip("\"'“”‘’ ")))


def non_claim_reason(text: str, *, has_figures: bool) -> str | None:
    """Why ``text`` (a sentence or clause, attribution removed) is not a claim, or None."""
    judged = Text.of(text, has_figures=has_figures)
    return next((rule.reason for rule in CLAIM_RULES if rule.applies(judged)), None)
