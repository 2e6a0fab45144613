"""Find the numbers in a claim and normalise them.

"$600m" -> 600000000 USD, "18,000 guns" -> 18000 guns, "50%" -> 50 %, "two axes" -> 2
axes, "a third" -> 0.3333 fraction. A bare year from 1800 to 2099 ("in 2014") is kept
as a figure with unit "year", so a checker sees dates too, but it alone does not make a
claim a quantity claim (see ``classify``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from factcheck.extraction.types import Figure
from factcheck.extraction.words import word_set

_CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
_CURRENCY_PREFIXES = {"us$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
}
_CURRENCY_CODES = word_set("USD GBP EUR JPY CNY INR RUB CHF CAD AUD")
_SCALES = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
    "trillions": 1_000_000_000_000,
}
_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_FRACTIONS = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "tenth": 0.1,
    "tenths": 0.1,
}
_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE_WORD = r"hundred|thousand|million|billion|trillion"

_FIGURE_RE = re.compile(
    r"""
    (?<![\w.,/@#+-])
    (?:
        (?P<prefix>(?:US|A|C|HK|NZ)?[$£€¥₹]|(?:USD|GBP|EUR|JPY|CNY|INR|RUB|CHF|CAD|AUD)\s?)?
        (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?![\w,]*\d)
        (?:\s?(?P<scale>bn|mn|tn|[kmb](?![\w'])|thousand|millions?|billions?|trillions?)\b)?
        (?:\s?(?P<percent>%|per\s?cent\b|percent\b))?
      |
        (?P<fraction>(?:an?|one|two|three|four)[\s-](?:half|thirds?|quarters?|fifths?|tenths?)\b
            |half\b)
      |
        (?P<words>(?:(?:"""
    + _NUMBER_WORD
    + r"""|"""
    + _SCALE_WORD
    + r""")(?:[\s-]+(?:and[\s-]+)?|\b))+)
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING_RE = re.compile(
    r"\s*(?P<word>[A-Za-z][A-Za-z-]*)(?:\s+(?P<second>[A-Za-z][A-Za-z-]*))?", re.ASCII
)
_RANGE_JOINER_RE = re.compile(r"\s*(?:or|to|and|-|–)\s*")
_YEAR_RE = re.compile(r"(?:18|19|20)\d\d")

# Words that follow a number without being what it counts.
_NOT_UNITS = word_set(
    "a an the of and or to in on at for from by with than per as is are was were be been "
    "has have had will would could can may might that which who this these those its it "
    "their his her our more less over under about around nearly almost some times percent "
    "cent"
)
_ADJECTIVE_SUFFIXES = ("y", "ful", "al", "ive", "ous", "ic", "ed", "ing", "ish", "less")
_IRREGULAR_PLURALS = word_set("people children men women police staff troops")
_MONTHS = word_set(
    "jan january feb february mar march apr april may jun june jul july aug august sep "
    "sept september oct october nov november dec december"
)
_MONTH_BEFORE_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.?\s*$")
# How far before a number its month is looked for: a month's name and the space after it,
# never the whole text before (that made a text of many figures quadratic).
_MONTH_LOOK_BACK = 40


def _words_value(words: str) -> int | None:
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", words.lower()):
        if word in ("", "and"):
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _unit_after(text: str, end: int) -> str:
    match = _TRAILING_RE.match(text, end)
    if match is None:
        return ""
    word = match.group("word")
    if word.lower() in _NOT_UNITS or word[0].isupper():
        return ""
    second = match.group("second")
    if (
        second
        and word.lower().endswith(_ADJECTIVE_SUFFIXES)
        and second.lower() not in _NOT_UNITS
        and not second[0].isupper()
    ):
        return second.lower()
    return word.lower()


def _decimal(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None


def _numeric_figure(text: str, match: re.Match[str]) -> Figure | None:
    value = _decimal(match.group("number"))
    if value is None:
        return None
    prefix = (match.group("prefix") or "").strip()
    scale = (match.group("scale") or "").lower()
    percent = match.group("percent")
    currency = ""
    if prefix:
        currency = _CURRENCY_PREFIXES.get(prefix.lower()) or _CURRENCY_SYMBOLS.get(prefix[-1], "")
        if prefix.upper() in _CURRENCY_CODES:
            currency = prefix.upper()
    if scale in ("k", "m", "b") and not currency:
        # "5m" is five million only with money; "5 m" after a bare number is metres.
        return Figure(text=match.group(0), value=float(value), unit=scale)
    if scale:
        value *= _SCALES[scale]
    unit = ""
    if percent:
        unit = "%"
    elif not currency:
        after = _unit_after(text, match.end())
        if after in _CURRENCY_WORDS:
            currency = _CURRENCY_WORDS[after]
        elif not scale and _YEAR_RE.fullmatch(match.group("number")) and not _looks_counted(after):
            unit = "year"
        else:
            unit = after
    month = _MONTH_BEFORE_RE.search(text, max(0, match.start() - _MONTH_LOOK_BACK), match.start())
    if not unit and month and month.group(1).lower() in _MONTHS and value <= 31:
        unit = "day"
    return Figure(text=match.group(0), value=float(value), unit=unit, currency=currency)


def _looks_counted(after: str) -> bool:
    # "2014 people" counts people; "in 2014 the war began" names a year.
    return after in _IRREGULAR_PLURALS or (after.endswith("s") and not after.endswith("ss"))


def _fraction_figure(match: re.Match[str]) -> Figure:
    phrase = match.group("fraction")
    words = re.split(r"[\s-]+", phrase.lower())
    numerator = 1 if words[0] in ("a", "an", "half") else _UNITS[words[0]]
    value = _FRACTIONS[words[-1]] * numerator
    return Figure(text=phrase, value=round(value, 4), unit="fraction")


def _word_figure(text: str, match: re.Match[str]) -> Figure | None:
    phrase = match.group("words").strip(" -")
    phrase = re.sub(r"[\s-]+and$", "", phrase)
    value = _words_value(phrase)
    if value is None:
        return None
    unit = _unit_after(text, match.start("words") + len(phrase))
    if phrase.lower() == "one" and not unit:
        return None  # "one of", "no one": a pronoun, not a count
    return Figure(text=phrase, value=float(value), unit=unit)


_DIGIT_RE = re.compile(r"\d")
_LOWER_WORD_RE = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_FRACTIONS) | frozenset(_SCALE_WORD.split("|"))


def find_figures(text: str) -> tuple[Figure, ...]:
    # Most text has no number at all; two C-speed checks spare it the big regex.
    if not _DIGIT_RE.search(text) and _NUMBER_WORDS.isdisjoint(
        _LOWER_WORD_RE.findall(text.lower())
    ):
        return ()
    figures: list[Figure] = []
    previous_end = -1
    for match in _FIGURE_RE.finditer(text):
        if match.group("number") is not None:
            figure = _numeric_figure(text, match)
        elif match.group("fraction") is not None:
            figure = _fraction_figure(match)
        else:
            figure = _word_figure(text, match)
        if figure is None:
            continue
        previous = figures[-1] if figures else None
        if (
            previous is not None
            and not previous.unit
            and figure.unit not in ("", "year")
            and _RANGE_JOINER_RE.fullmatch(text, previous_end, match.start())
        ):
            # "20 or 30 years", "five or six regulators": the unit is shared.
            figures[-1] = Figure(previous.text, previous.value, figure.unit, previous.currency)
        figures.append(figure)
        previous_end = match.end()
    return tuple(figures)
