"""What a speaker's name says by itself: its key for matching, its surname, its kind.

Pure functions, no Django: the rules here decide which names are one speaker.
"""

import re
import unicodedata


def _words(text: str) -> frozenset[str]:
    """A word list written as text: easier to read and extend than a column of strings."""
    return frozenset(text.split())


HONORIFICS = _words(
    "mr mrs ms miss dr prof sir dame lord lady president prime minister chancellor "
    "senator sen rep gov governor general gen secretary mayor king queen prince princess "
    "pope rev"
)
ORGANISATION_WORDS = _words(
    "ministry department office council committee commission agency government police army "
    "navy force forces party union bank fund authority court parliament congress senate "
    "assembly embassy service services institute university college school hospital "
    "company corporation group association federation league board bureau organisation "
    "organization foundation trust network news times post guardian reuters inc ltd llc "
    "plc co nato un eu who imf"
)
# Countries named as speakers in news copy ("Ukraine said", "the US pledged"); the long
# tail is an organisation or a person by the other rules, which is the safe side.
COUNTRIES = _words(
    "afghanistan albania algeria argentina armenia australia austria azerbaijan belarus "
    "belgium bolivia bosnia brazil bulgaria canada chile china colombia croatia cuba cyprus "
    "czechia denmark egypt estonia ethiopia finland france georgia germany ghana greece "
    "hungary iceland india indonesia iran iraq ireland israel italy japan jordan kazakhstan "
    "kenya kosovo kuwait latvia lebanon libya lithuania luxembourg malaysia mexico moldova "
    "montenegro morocco netherlands nigeria norway pakistan palestine peru philippines "
    "poland portugal qatar romania russia serbia singapore slovakia slovenia somalia spain "
    "sudan sweden switzerland syria taiwan thailand tunisia turkey uganda ukraine uk usa us "
    "venezuela vietnam yemen zimbabwe britain america"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def name_key(name: str) -> str:
    """The name as matching compares it: case, accents, "the", titles and punctuation
    dropped ("Mr Zelenskyy" and "zelenskyy" are one key; "Zelenskyy" and "Zelensky" not)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    words = _WORD.findall(folded.replace("’", "'"))
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1] if key else ""


def is_surname_only(name: str) -> bool:
    """ "Mr Zelenskyy", "Zelenskyy": a name that points at a person without saying which."""
    return len(name_key(name).split()) == 1 and guess_kind(name) == "person"


def guess_kind(name: str) -> str:
    key = name_key(name)
    words = key.split()
    if not words:
        return "organisation"
    if key in COUNTRIES or (key.endswith("'s government") and words[0] in COUNTRIES):
        return "country"
    raw = name.strip()
    if set(words) & ORGANISATION_WORDS or (raw.isupper() and len(raw) <= 8):
        return "organisation"
    return "person"
