"""The corrections a reviewer makes to the engine's claims: Edit claim, Split claim, Merge
with next, Add claim and Not a claim. Each works without JavaScript (a page, then back to
the claim); from the triage queue, with HTMX, Edit claim and Not a claim swap the row."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from factcheck.articles.models import Article
from factcheck.claims import services
from factcheck.claims.forms import (
    AddClaimForm,
    ClaimEditForm,
    NotAClaimForm,
    SpanForm,
    SplitPartsForm,
    SplitPointsForm,
)
from factcheck.claims.models import Claim
from factcheck.claims.workflow import StaleClaim, WorkflowError
from factcheck.forms import VersionForm
from factcheck.reviews.responses import triage_row_response
from factcheck.web import safe_next_url

IN_TRIAGE_ROW = "row"


def _claim(claim_id: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)


def _form_errors_from(form, error: ValidationError) -> None:
    for field, field_errors in error.message_dict.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


def _back_to_claim(request, claim: Claim, message: str):
    """A correction that succeeded: the claim page (a client redirect for HTMX)."""
    messages.success(request, message)
    url = safe_next_url(request, default=claim.get_absolute_url())
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _stale_form(form_class, data, current: Claim, **kwargs):
    """The form as the person filled it, at the claim's current version: they have seen
    the conflict message and the current state, and may send it again knowingly."""
    data = data.copy()
    data["version"] = str(current.version)
    return form_class(data, **kwargs)


# Edit claim -----------------------------------------------------------------------------


def _edit_page(request, claim: Claim, form, *, error: str = "", status=HTTPStatus.OK):
    in_row = request.POST.get("in", request.GET.get("in")) == IN_TRIAGE_ROW
    template = "claims/edit.html" + ("#edit-form" if request.htmx else "")
    context = {
        "claim": claim,
        "form": form,
        "error": error,
        "in_row": in_row,
        "next": safe_next_url(request, default=claim.get_absolute_url()),
    }
    response = render(request, template, context, status=status)
    if request.htmx and in_row and request.method == "POST":
        # The form aims its answer at the row; a form sent back with errors stays in the row.
        retarget(response, f"#triage-edit-{claim.pk}")
        reswap(response, "innerHTML")
    return response


@require_http_methods(["GET", "POST"])
@permission_required("claims.triage_claim", raise_exception=True)
def claim_edit_view(request, claim_id: int):
    claim = _claim(claim_id)
    if request.method == "GET":
        form = ClaimEditForm(initial=ClaimEditForm.initial_for(claim), claim=claim)
        return _edit_page(request, claim, form)
    form = ClaimEditForm(request.POST, claim=claim)
    if not form.is_valid():
        return _edit_page(request, claim, form)
    data = form.cleaned_data
    try:
        claim = services.claim_edit(
            claim=claim,
            user=request.user,
            text=data["text"],
            speaker=data["speaker"],
            claim_type=data["claim_type"],
            start=data["start"],
            end=data["end"],
            version=data["version"],
        )
    except StaleClaim as error:
        current = _claim(claim.pk)
        form = _stale_form(ClaimEditForm, request.POST, current, claim=current)
        return _edit_page(request, current, form, error=str(error), status=HTTPStatus.CONFLICT)
    except WorkflowError as error:
        return _edit_page(request, claim, form, error=str(error), status=HTTPStatus.CONFLICT)
    except ValidationError as error:
        _form_errors_from(form, error)
        return _edit_page(request, claim, form)
    if request.htmx and request.POST.get("in") == IN_TRIAGE_ROW:
        response = triage_row_response(request, _claim(claim.pk), decided="")
        trigger_client_event(response, "claimCorrected", {"claim": claim.pk})
        return response
    return _back_to_claim(request, claim, f"Claim {claim.pk} edited.")


# Not a claim ----------------------------------------------------------------------------


def _not_a_claim_page(request, claim: Claim, form, *, error: str = "", status=HTTPStatus.OK):
    context = {
        "claim": claim,
        "form": form,
        "error": error,
        "next": safe_next_url(request, default=claim.get_absolute_url()),
    }
    return render(request, "claims/not_a_claim.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("claims.triage_claim", raise_exception=True)
def not_a_claim_view(request, claim_id: int):
    claim = _claim(claim_id)
    in_row = request.htmx and request.POST.get("in") == IN_TRIAGE_ROW
    if request.method == "GET":
        form = NotAClaimForm(initial={"version": claim.version})
        return _not_a_claim_page(request, claim, form)
    form = NotAClaimForm(request.POST)
    if not form.is_valid():
        if in_row:
            problems = " ".join(message for errors in form.errors.values() for message in errors)
            response = triage_row_response(request, claim, decided="", error=problems)
            response.status_code = HTTPStatus.OK  # an invalid form, not a conflict
            return response
        return _not_a_claim_page(request, claim, form)
    try:
        claim = services.claim_mark_not_a_claim(
            claim=claim,
            user=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
        )
    except WorkflowError as error:
        current = _claim(claim.pk)
        if in_row:
            return triage_row_response(request, current, decided="", error=str(error))
        form = _stale_form(NotAClaimForm, request.POST, current)
        return _not_a_claim_page(
            request, current, form, error=str(error), status=HTTPStatus.CONFLICT
        )
    except ValidationError as error:
        _form_errors_from(form, error)
        return _not_a_claim_page(request, claim, form)
    if in_row:
        return triage_row_response(request, claim, decided=claim.status)
    return _back_to_claim(request, claim, f"Not a claim ({claim.get_non_claim_reason_display()}).")


# Split claim ----------------------------------------------------------------------------


def _split_page(request, claim, points_form, parts_form=None, *, error="", status=HTTPStatus.OK):
    context = {
        "claim": claim,
        "points_form": points_form,
        "parts_form": parts_form,
        "error": error,
    }
    return render(request, "claims/split.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("claims.triage_claim", raise_exception=True)
def claim_split_view(request, claim_id: int):
    """First the points to split at (a GET that shows the parts the engine proposes), then
    each part's text, speaker and type (the POST that splits)."""
    claim = _claim(claim_id)
    data = request.POST if request.method == "POST" else request.GET
    points_form = SplitPointsForm(data if "points" in data else None, claim=claim)
    if not points_form.is_bound or not points_form.is_valid():
        return _split_page(request, claim, points_form)
    try:
        parts = services.split_parts_propose(claim=claim, points=points_form.cleaned_data["points"])
    except ValidationError as error:
        _form_errors_from(points_form, error)
        return _split_page(request, claim, points_form)
    if request.method == "GET":
        parts_form = SplitPartsForm(initial={"version": claim.version}, parts=parts)
        return _split_page(request, claim, points_form, parts_form)
    parts_form = SplitPartsForm(request.POST, parts=parts)
    if not parts_form.is_valid():
        return _split_page(request, claim, points_form, parts_form)
    try:
        made = services.claim_split(
            claim=claim,
            user=request.user,
            parts=parts_form.cleaned_parts(),
            keep=parts_form.cleaned_data["keep"],
            version=parts_form.cleaned_data["version"],
        )
    except WorkflowError as error:
        current = _claim(claim.pk)
        parts_form = _stale_form(SplitPartsForm, request.POST, current, parts=parts)
        return _split_page(
            request, current, points_form, parts_form, error=str(error),
            status=HTTPStatus.CONFLICT,
        )  # fmt: skip
    except ValidationError as error:
        _form_errors_from(parts_form, error)
        return _split_page(request, claim, points_form, parts_form)
    numbers = ", ".join(str(part.pk) for part in made)
    return _back_to_claim(request, claim, f"Claim split into claims {numbers}.")


# Merge with next ------------------------------------------------------------------------


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def claim_merge_next_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        claim = services.claim_merge_next(
            claim=claim, user=request.user, version=form.cleaned_data["version"]
        )
    except WorkflowError as error:
        return render(
            request,
            "claims/conflict.html",
            {"claim": _claim(claim.pk), "error": str(error)},
            status=HTTPStatus.CONFLICT,
        )
    return _back_to_claim(request, claim, f"Merged with the next claim: {claim}")


# Add claim ------------------------------------------------------------------------------


def _add_page(request, article, span_form, form=None, *, overlapping=(), status=HTTPStatus.OK):
    span = form.initial if form is not None and not form.is_bound else {}
    if form is not None and form.is_bound and form.is_valid():
        span = form.cleaned_data
    words = article.body[span["start"] : span["end"]] if "start" in span else ""
    context = {
        "words": words,
        "article": article,
        "span_form": span_form,
        "form": form,
        "overlapping": list(overlapping),
    }
    return render(request, "claims/add.html", context, status=status)


@require_http_methods(["GET", "POST"])
@permission_required("claims.triage_claim", raise_exception=True)
def claim_add_view(request, article_id: int):
    """Add claim from a span of the article: the offsets (typed, or sent by selecting text
    in the article), then the engine's proposal to correct and save."""
    article = get_object_or_404(Article, pk=article_id)
    if request.method == "GET":
        span_form = SpanForm(request.GET if "start" in request.GET else None)
        if not span_form.is_bound or not span_form.is_valid():
            return _add_page(request, article, span_form)
        start, end = span_form.cleaned_data["start"], span_form.cleaned_data["end"]
        try:
            proposal = services.claim_proposal(article=article, start=start, end=end)
        except ValidationError as error:
            _form_errors_from(span_form, error)
            return _add_page(request, article, span_form)
        initial = {
            "start": proposal.start,
            "end": proposal.end,
            "text": proposal.text,
            "speaker": proposal.speaker or "",
            "claim_type": str(proposal.type),
        }
        return _add_page(
            request,
            article,
            span_form,
            AddClaimForm(initial=initial),
            overlapping=services.overlapping_claims(
                article=article, start=proposal.start, end=proposal.end
            ),
        )
    form = AddClaimForm(request.POST)
    span_form = SpanForm(request.POST)
    if not form.is_valid():
        return _add_page(request, article, span_form, form)
    data = form.cleaned_data
    try:
        claim = services.claim_add(
            article=article,
            user=request.user,
            start=data["start"],
            end=data["end"],
            text=data["text"],
            speaker=data["speaker"],
            claim_type=data["claim_type"],
        )
    except ValidationError as error:
        _form_errors_from(form, error)
        return _add_page(request, article, span_form, form)
    return _back_to_claim(request, claim, f"Claim {claim.pk} added.")
