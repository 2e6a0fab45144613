"""Suggested matches, decided with one key from the triage queue or the claim page, and the
similar-claims search. With HTMX the view returns the fragment that changed and announces it,
as the review screens do; without it, a redirect back with a message."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from factcheck.claims.models import Claim
from factcheck.claims.workflow import WorkflowError
from factcheck.matching import services
from factcheck.matching.forms import MatchDecisionForm, SimilarSearchForm
from factcheck.matching.models import ClaimMatch
from factcheck.matching.selectors import attach_suggested_matches, match_panel, similar_claims
from factcheck.reviews.responses import triage_row_response
from factcheck.web import answer_status, safe_next_url

SIMILAR_LIMIT = 20


def _match(match_id: int) -> ClaimMatch:
    return get_object_or_404(
        ClaimMatch.objects.select_related("claim__article", "candidate"), pk=match_id
    )


def _decided(request, match: ClaimMatch, *, where: str, error: str = ""):
    """The match decided (or refused): the triage row or the claim page's match panel."""
    claim = Claim.objects.select_related("article", "canonical").get(pk=match.claim_id)
    match.refresh_from_db()
    if request.htmx and where == "triage":
        attach_suggested_matches([claim])
        decided = "matched" if claim.status == Claim.Status.DUPLICATE and not error else ""
        return triage_row_response(request, claim, decided=decided, error=error, match=match)
    if request.htmx:
        response = render(
            request,
            "reviews/claim_detail.html#match",
            {"claim": claim, "error": error, **match_panel(claim=claim, user=request.user)},
            status=answer_status(error),
        )
        if not error:
            trigger_client_event(response, "matchDecided", {"claim": claim.pk})
        return response
    if error:
        messages.error(request, error)
    elif match.status == ClaimMatch.Status.CONFIRMED:
        messages.success(request, f"Same claim as claim {claim.canonical_id}: {claim}")
    else:
        messages.success(request, f"Not the same claim: {claim}")
    default = reverse("reviews:triage") if where == "triage" else claim.get_absolute_url()
    return redirect(safe_next_url(request, default=default))


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def match_confirm_view(request, match_id: int):
    match = _match(match_id)
    form = MatchDecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    where = form.cleaned_data["where"] or "claim"
    try:
        services.match_confirm(match=match, user=request.user, version=form.cleaned_data["version"])
    except WorkflowError as error:
        return _decided(request, match, where=where, error=str(error))
    return _decided(request, match, where=where)


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def match_reject_view(request, match_id: int):
    match = _match(match_id)
    form = MatchDecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    where = form.cleaned_data["where"] or "claim"
    try:
        services.match_reject(match=match, user=request.user, version=form.cleaned_data["version"])
    except WorkflowError as error:
        return _decided(request, match, where=where, error=str(error))
    return _decided(request, match, where=where)


@require_GET
@permission_required("claims.view_claim", raise_exception=True)
def similar_view(request, claim_id: int | None = None):
    claim = (
        get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
        if claim_id
        else None
    )
    form = SimilarSearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    if claim is not None:
        results = similar_claims(claim=claim, limit=SIMILAR_LIMIT)
    elif text:
        results = similar_claims(text=text, limit=SIMILAR_LIMIT)
    else:
        results = []
    context = {"claim": claim, "form": form, "results": results, "searched": bool(claim or text)}
    template = "matching/similar.html" + ("#results" if request.htmx else "")
    return render(request, template, context)
