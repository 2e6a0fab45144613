"""Parts of the triage page rendered once and cached by what they show.

Rendering a queue row with Django's templates costs about 0.4 ms, and the filter form
about 1.5 ms, most of a queue page; the same rows and the unfiltered form come back on every
reload and to every reviewer. Each fragment is cached under a digest of all it shows, of
the language, of the templates that draw it and of the URLs and names it takes from code:
when a claim, its article or its suggested match changes, or a template or a route is
changed, the key changes with it, so a stale fragment is never served and nothing needs
invalidating; old entries age out.

What differs per request, the CSRF token and the page to come back to, is rendered as a
placeholder input and filled in for each response. A placeholder starts with "<", which
escaped user text can never contain, so only the inputs themselves are ever replaced.
A row answering a decision goes through the same filling, uncached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from functools import cache

import django
from django.conf import settings
from django.core.cache import cache as default_cache
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event, Source, Verdict

CACHE_SECONDS = 60 * 60

_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
_NEXT_INPUT = '<input type="hidden" name="next" value="{}">'
_CSRF_HOLE = "csrf-placeholder"
_NEXT_HOLE = "next-placeholder"
_CSRF_PLACEHOLDER = _CSRF_INPUT.format(_CSRF_HOLE)
_NEXT_PLACEHOLDER = _NEXT_INPUT.format(_NEXT_HOLE)


class CachedFragment:
    """A template partial, cached under a digest of what it shows.

    ``shown`` passed with each context must hold every value the partial displays that
    is not fixed by the templates: that is the whole contract, and the tests hold each
    fragment to it."""

    def __init__(self, template_name: str, *, drawn_from: Sequence[str]):
        self.template_name = template_name
        self.name = template_name.replace("#", ":")
        # Every template the partial includes: their sources are part of each key.
        self.drawn_from = tuple(drawn_from)
        self._digest = cache(self._digest_of_sources)

    def render_many(self, request, items: Sequence[tuple[Hashable, dict]]) -> list[SafeString]:
        """Each ``(shown, context)`` rendered, in order; those not cached are rendered and
        stored with one round trip to the cache each way."""
        return fill_in(request, self.cached_many(items))

    def cached_many(self, items: Sequence[tuple[Hashable, dict]]) -> list[str]:
        """As ``render_many``, with the per-request inputs left as placeholders: what may be
        kept and filled in later (``fill_in``)."""
        salt = self._salt()
        keys = [self._key(shown, salt) for shown, _ in items]
        found = default_cache.get_many(keys)
        rendered = {}
        for key, (_, context) in zip(keys, items, strict=True):
            if key not in found:
                rendered[key] = found[key] = self._render(context)
        if rendered:
            default_cache.set_many(rendered, CACHE_SECONDS)
        return [found[key] for key in keys]

    def key_for(self, shown: Hashable) -> str:
        """A cache key for something made of this fragment: it changes with ``shown`` and
        with all that every key of the fragment holds (templates, code, language)."""
        return self._key(shown, self._salt())

    def render(self, request, shown: Hashable, context: dict) -> SafeString:
        [html] = self.render_many(request, [(shown, context)])
        return html

    def render_uncached(self, request, context: dict) -> SafeString:
        return _filler(request)(self._render(context))

    def _render(self, context: dict) -> str:
        return render_to_string(
            self.template_name, {"csrf_token": _CSRF_HOLE, "next": _NEXT_HOLE, **context}
        )

    def _salt(self) -> str:
        """What every key of this fragment shares in a request: language, time zone (dates
        are shown in it), templates, code."""
        # With DEBUG, templates are re-read when edited: so is their digest.
        sources = self._digest_of_sources() if settings.DEBUG else self._digest()
        return repr((get_language(), get_current_timezone_name(), sources, _code_shown()))

    def _key(self, shown: Hashable, salt: str) -> str:
        material = f"{salt}{shown!r}".encode()
        return f"{self.name}:{hashlib.blake2b(material, digest_size=16).hexdigest()}"

    def _digest_of_sources(self) -> str:
        digest = hashlib.blake2b(django.get_version().encode(), digest_size=8)
        for name in self.drawn_from:
            digest.update(get_template(name).template.source.encode())
        return digest.hexdigest()


@cache
def _code_shown() -> tuple:
    """What the fragments show that comes from code, not from templates or data: the URLs
    they link to and the names of types and statuses. A deploy that changes any of it
    makes new keys, however long the shared cache keeps the old ones."""
    return (
        *(
            tuple(str(label) for label in choices.labels)
            for choices in (Claim.Type, Claim.Status, Event.Action, Source.Stance, Verdict.Status)
        ),
        *(
            reverse(name, args=[0])
            for name in (
                "reviews:claim",
                "articles:detail",
                "reviews:triage_decide",
                "reviews:triage_undo",
                "matching:confirm",
                "matching:reject",
                "reviews:approve",
                "reviews:send_back",
            )
        ),
        *(reverse(name, args=[0, 0]) for name in ("reviews:source_edit", "reviews:source_delete")),
        reverse("reviews:triage"),
    )


def fill_in(request, fragments: Sequence[str]) -> list[SafeString]:
    """Fragments kept with their placeholders (``cached_many``), filled in for ``request``."""
    fill = _filler(request)
    return [fill(html) for html in fragments]


def _filler(request):
    """What fills placeholders in for ``request``: made once per request, since each
    ``get_token`` call masks the token afresh, which costs more than the filling."""
    fill = getattr(request, "_fragment_filler", None)
    if fill is not None:
        return fill
    csrf_input = format_html(_CSRF_INPUT, get_token(request))
    next_input = format_html(_NEXT_INPUT, request.get_full_path())

    def fill(html: str) -> SafeString:
        # The template engine escaped the fragment; the inputs were built by format_html.
        html = html.replace(_CSRF_PLACEHOLDER, csrf_input)
        return mark_safe(html.replace(_NEXT_PLACEHOLDER, next_input))

    request._fragment_filler = fill
    return fill


# The triage page -------------------------------------------------------------------------

TRIAGE_ROW = CachedFragment(
    "reviews/triage.html#row",
    drawn_from=(
        "reviews/triage.html",
        "matching/triage_suggestion.html",
        "matching/triage_matched.html",
    ),
)
# The filter form as the queue opens, without filters: the page most often loaded. A
# filtered form is rendered afresh, so that arbitrary query strings cannot fill the cache.
# Django's own widget templates change only with Django's version, which is in the key.
TRIAGE_FILTERS = CachedFragment("reviews/triage.html#filters", drawn_from=("reviews/triage.html",))


def triage_rows(request, claims: Sequence[Claim]) -> list[SafeString]:
    """The rows of a queue page, in order; claims need ``article`` and ``suggested_match``
    (``attach_suggested_matches``)."""
    return TRIAGE_ROW.render_many(
        request, [(_row_shown(claim), {"claim": claim}) for claim in claims]
    )


# The first page of the queue as it opens, unfiltered, is what every reviewer loads. Its rows
# are kept under the queue's stamp, which any write that could change them replaces: a
# stamp's page is never stale, and is kept a minute so that stamps replaced by busy
# triaging do not pile up.
FIRST_PAGE_SECONDS = 60


def triage_first_page(
    request, *, stamp: str | None, skipped: Sequence[int], load
) -> tuple[list[SafeString], object]:
    """The rows of the unfiltered queue's first page and the cursor of the next page.

    ``load()`` reads the page: its claims, as ``triage_rows`` takes them, and the next
    page's cursor. Its result is kept under ``stamp`` (``selectors.status_counts_and_stamp``,
    read before ``load`` could run) and the reviewer's skipped claims, so that the page
    costs no query until the stamp changes. Without a stamp, ``load`` runs every time."""
    if stamp is None:
        claims, next_cursor = load()
        return triage_rows(request, claims), next_cursor
    key = TRIAGE_ROW.key_for(("first page", stamp, tuple(skipped)))
    page = default_cache.get(key)
    if page is None:
        claims, next_cursor = load()
        rows = TRIAGE_ROW.cached_many([(_row_shown(claim), {"claim": claim}) for claim in claims])
        page = (rows, next_cursor)
        default_cache.set(key, page, FIRST_PAGE_SECONDS)
    rows, next_cursor = page
    return fill_in(request, rows), next_cursor


def triage_row(request, claim: Claim, *, decided: str = "", error: str = "", match=None):
    """One row as it stands after a decision (or a refused one): not cached."""
    context = {"claim": claim, "decided": decided, "error": error, "match": match}
    return TRIAGE_ROW.render_uncached(request, context)


def triage_filters(request, filter_form) -> SafeString:
    context = {"filter_form": filter_form}
    if any(filter_form.data.get(name) for name in filter_form.fields):
        return TRIAGE_FILTERS.render_uncached(request, context)
    return TRIAGE_FILTERS.render(request, "no filters", context)


def _row_shown(claim: Claim) -> tuple:
    """Everything a row shows."""
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
    return (
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
    )


# The approval queue --------------------------------------------------------------------------

APPROVAL_ROW = CachedFragment(
    "reviews/approvals.html#approval-row", drawn_from=("reviews/approvals.html",)
)


def approval_rows(request, verdicts: Sequence[Verdict]) -> list[SafeString]:
    """The rows of an approval queue page, in order (``approval_queue``'s verdicts)."""
    user = request.user
    return APPROVAL_ROW.render_many(
        request,
        [
            (_approval_shown(verdict, user), {"verdict": verdict, "user": user})
            for verdict in verdicts
        ],
    )


def _approval_shown(verdict: Verdict, user) -> tuple:
    """Everything a row shows; whose queue it is counts only as whether they proposed it."""
    claim = verdict.claim
    return (
        verdict.pk,
        verdict.status,
        verdict.summary,
        verdict.created_at,
        verdict.rating.label,
        verdict.author.get_username(),
        verdict.author_id == user.pk,
        tuple((source.url, source.title, source.stance) for source in verdict.sources.all()),
        claim.pk,
        claim.version,
        claim.text,
        claim.speaker,
        claim.article.title,
    )


# The claim page ----------------------------------------------------------------------------

# Its two long lists: a claim under research gathers dozens of sources and a long timeline,
# whose dates alone cost Django's date filter more than all of the page's queries.
CLAIM_SOURCES = CachedFragment(
    "reviews/claim_detail.html#source-items", drawn_from=("reviews/claim_detail.html",)
)
CLAIM_TIMELINE = CachedFragment(
    "reviews/claim_detail.html#timeline-items", drawn_from=("reviews/claim_detail.html",)
)


def claim_source_items(request, claim: Claim, sources: Sequence[Source]) -> SafeString:
    """The items of the Sources list; sources need ``added_by``. Whose page it is counts:
    only the person who added a source may edit or remove it."""
    shown = (
        claim.pk,
        request.user.pk,
        tuple(
            (
                source.pk,
                source.url,
                source.title,
                source.stance,
                source.publisher,
                source.excerpt,
                source.archive_url,
                source.added_at,
                source.added_by_id,
                source.added_by.get_username() if source.added_by else None,
            )
            for source in sources
        ),
    )
    context = {"claim": claim, "sources": sources, "user": request.user}
    return CLAIM_SOURCES.render(request, shown, context)


def claim_timeline_items(request, claim: Claim, events: Sequence[Event]) -> SafeString:
    """The items of the Timeline; events need ``actor``."""
    shown = (
        claim.pk,
        claim.created_at,
        tuple(
            (
                event.pk,
                event.created_at,
                event.action,
                event.from_value,
                event.to_value,
                event.note,
                event.actor_id,
                event.actor.get_username() if event.actor else None,
            )
            for event in events
        ),
    )
    return CLAIM_TIMELINE.render(request, shown, {"claim": claim, "events": events})
