"""How claims read on screen and in the admin."""

from functools import lru_cache

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from factcheck.claims.models import NonClaimReason

register = template.Library()

_MAX_PLACES = 6


@register.filter
def score(value: float | None) -> str:
    """A score in [0, 1] with two decimals, and as many more as it takes for one near 1 or 0
    to stand apart from its neighbours: 0.9996 reads 0.9996, never 1.00 (digits are cut,
    not rounded, so only a true 1 reads 1.00)."""
    if value is None:
        return ""
    value = float(value)
    if not 0 < value < 1:
        return f"{value:.2f}"
    fixed = f"{value:.{_MAX_PLACES + 2}f}"
    if not fixed.startswith("0."):  # within 1e-8 of 1
        return "0." + "9" * _MAX_PLACES
    digits = fixed[2:]
    lead = digits[0]
    repeated = len(digits) - len(digits.lstrip(lead)) if lead in "09" else 0
    return "0." + digits[: min(max(2, repeated + 1), _MAX_PLACES)]


@register.filter
def figure(found: dict) -> str:
    """A stored figure as a reader says it: "$600m = 600,000,000 USD"; a year as itself."""
    text = found.get("text", "")
    if found.get("unit") == "year":
        return f"{text} (year)"
    value = found.get("value")
    if value is None:
        return text
    said = " ".join(
        part
        for part in (floatformat(value, "-4g"), found.get("currency"), found.get("unit"))
        if part
    )
    return f"{text} = {said}"


@register.simple_tag
def row_non_claim_reasons() -> SafeString:
    """The reasons a triage row offers for "Not a claim", as ``<option>``s ("Other" needs a
    note, which only the claim's own form has room for). A template loop over the choices
    in each of a page's 25 rows cost an eighth of the page."""
    return _non_claim_options(get_language())


@lru_cache(maxsize=8)
def _non_claim_options(language: str) -> SafeString:
    # The same in every row of every page: the choices are code, their labels change only
    # with the language, which is the key. Building them took 7% of the triage page.
    return format_html_join(
        "",
        '<option value="{}">{}</option>',
        (choice for choice in NonClaimReason.choices if choice[0] != NonClaimReason.OTHER),
    )
