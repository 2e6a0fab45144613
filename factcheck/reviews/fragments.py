"""The triage queue's rows, rendered once and cached by what they show.

Rendering a row with Django's templates costs about 0.4 ms, most of a queue page, and the
same rows come back on every reload and to every reviewer. A row is cached under a digest
of everything it shows and of the templates that draw it: when the claim, its article or
its suggested match changes, or a template is edited, the key changes with it, so a stale
row is never served and nothing needs invalidating; old entries age out of the cache.

What differs per request, the CSRF token and the page to come back to, is rendered as a
placeholder input and filled in for each response. A placeholder starts with "<", which
escaped user text can never contain, so only the inputs themselves are ever replaced.
Decided rows (a response to a decision) go through the same filling, uncached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.core.cache import cache as default_cache
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from factcheck.claims.models import Claim

ROW_TEMPLATE = "reviews/triage.html#row"
# Every template a row is drawn from: their sources are part of each row's key.
ROW_TEMPLATES = (
    "reviews/triage.html",
    "matching/triage_suggestion.html",
    "matching/triage_matched.html",
)
CACHE_SECONDS = 60 * 60
_KEY_PREFIX = "triage-row"

_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
_NEXT_INPUT = '<input type="hidden" name="next" value="{}">'
_CSRF_HOLE = "csrf-placeholder"
_NEXT_HOLE = "next-placeholder"
_CSRF_PLACEHOLDER = _CSRF_INPUT.format(_CSRF_HOLE)
_NEXT_PLACEHOLDER = _NEXT_INPUT.format(_NEXT_HOLE)


def triage_rows(request, claims: Iterable[Claim]) -> list[SafeString]:
    """The rows of a queue page, in order; claims need ``article`` and ``suggested_match``
    (``attach_suggested_matches``). Rows not in the cache are rendered and stored."""
    claims = list(claims)
    keys = [_row_key(claim) for claim in claims]
    found = default_cache.get_many(keys)
    rendered = {}
    for key, claim in zip(keys, claims, strict=True):
        if key not in found:
            rendered[key] = found[key] = _render(claim)
    if rendered:
        default_cache.set_many(rendered, CACHE_SECONDS)
    fill = _filler(request)
    return [fill(found[key]) for key in keys]


def triage_row(request, claim: Claim, *, decided: str = "", error: str = "", match=None):
    """One row as it stands after a decision (or a refused one): not cached."""
    html = _render(claim, decided=decided, error=error, match=match)
    return _filler(request)(html)


def _render(claim: Claim, **context) -> str:
    return render_to_string(
        ROW_TEMPLATE,
        {"claim": claim, "csrf_token": _CSRF_HOLE, "next": _NEXT_HOLE, **context},
    )


def _filler(request):
    csrf_input = format_html(_CSRF_INPUT, get_token(request))
    next_input = format_html(_NEXT_INPUT, request.get_full_path())

    def fill(html: str) -> SafeString:
        # The template engine escaped the row; the inputs were built by format_html.
        html = html.replace(_CSRF_PLACEHOLDER, csrf_input)
        return mark_safe(html.replace(_NEXT_PLACEHOLDER, next_input))

    return fill


def _row_key(claim: Claim) -> str:
    """A digest of everything the row shows: any change to it is a new key."""
    match = getattr(claim, "suggested_match", None)
    shown_match = None
    if match is not None:
        verdict = getattr(match, "candidate_verdict", None)
        shown_match = (
            match.pk,
            match.score,
            match.candidate_id,
            match.candidate.text,
            (verdict.rating.label, verdict.rating.colour) if verdict else None,
        )
    shown = (
        claim.pk,
        claim.version,
        claim.status,
        claim.text,
        claim.score,
        claim.speaker,
        claim.claim_type,
        claim.figures,
        claim.score_reasons,
        claim.canonical_id,
        claim.article_id,
        claim.article.title,
        shown_match,
        get_language(),
        _templates_digest(),
    )
    return f"{_KEY_PREFIX}:{hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()}"


def _templates_digest() -> str:
    # With DEBUG, templates are re-read on change: so is their digest.
    if settings.DEBUG:
        return _digest_of_sources()
    return _cached_digest_of_sources()


def _digest_of_sources() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for name in ROW_TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()


_cached_digest_of_sources = cache(_digest_of_sources)
