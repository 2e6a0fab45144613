"""The review screens. Each page works without JavaScript; with HTMX the same views
return the fragment that changed and announce it with an HX-Trigger event, so other
panels refresh themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from factcheck.articles.selectors import article_segments
from factcheck.claims.models import Claim
from factcheck.forms import is_id
from factcheck.matching.selectors import attach_suggested_matches, match_panel
from factcheck.reviews import fragments, services
from factcheck.reviews.forms import (
    AssignForm,
    MergeForm,
    NoteForm,
    SendBackForm,
    SourceForm,
    TriageFilterForm,
    TriageForm,
    VerdictForm,
    VersionForm,
)
from factcheck.reviews.models import Source, Verdict
from factcheck.reviews.selectors import (
    Cursor,
    TriageFilters,
    approval_queue,
    claim_timeline,
    claims_for_page,
    my_claims,
    status_counts,
    status_counts_and_stamp,
    triage_queue,
)

Status = Claim.Status
QUEUE_PAGE_SIZE = 25
SKIPPED_SESSION_KEY = "triage_skipped"
SKIPPED_REMEMBERED = 500
CONFLICT = 409


def _next_url(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


def _page(request, rows, cursor_of) -> tuple[list, str]:
    """One page of a queue read with a cursor, and the link to the next page ("" if none).

    Keyset paging: a deep page costs what the first one does."""
    rows, next_cursor = _rows_and_cursor(rows, cursor_of)
    return rows, _more_url(request, next_cursor)


def _rows_and_cursor(rows, cursor_of) -> tuple[list, object]:
    """A page of rows, and where the next page starts (None if there is none)."""
    rows = list(rows[: QUEUE_PAGE_SIZE + 1])
    if len(rows) <= QUEUE_PAGE_SIZE:
        return rows, None
    rows = rows[:QUEUE_PAGE_SIZE]
    return rows, cursor_of(rows[-1])


def _more_url(request, next_cursor) -> str:
    if next_cursor is None:
        return ""
    query = request.GET.copy()
    query["after"] = str(next_cursor)
    return f"?{query.urlencode()}"


# Triage ---------------------------------------------------------------------------------


@require_GET
@permission_required("claims.triage_claim", raise_exception=True)
def triage_view(request):
    filter_form = TriageFilterForm(request.GET)
    filters = filter_form.filters()
    after = Cursor.parse(request.GET.get("after", ""))
    skipped = request.session.get(SKIPPED_SESSION_KEY, [])
    counts, stamp = status_counts_and_stamp()

    def load():
        rows, next_cursor = _rows_and_cursor(
            triage_queue(filters=filters, after=after, exclude=skipped),
            lambda claim: Cursor(score=claim.score, id=claim.pk),
        )
        return attach_suggested_matches(rows), next_cursor

    if after is None and filters == TriageFilters():
        rows, next_cursor = fragments.triage_first_page(
            request, stamp=stamp, skipped=skipped, load=load
        )
    else:
        claims, next_cursor = load()
        rows = fragments.triage_rows(request, claims)
    return render(
        request,
        "reviews/triage.html",
        {
            "filter_form": filter_form,
            "filters": fragments.triage_filters(request, filter_form),
            "rows": rows,
            "counts": counts,
            "more_url": _more_url(request, next_cursor),
            "is_first_page": after is None,
            "skipped": len(skipped),
        },
    )


@require_GET
@permission_required("claims.triage_claim", raise_exception=True)
def triage_counts_view(request):
    if not request.htmx:
        return redirect("reviews:triage")
    return render(request, "reviews/triage.html#counts", {"counts": status_counts()})


def _remember_skip(request, claim: Claim) -> None:
    skipped = [pk for pk in request.session.get(SKIPPED_SESSION_KEY, []) if pk != claim.pk]
    request.session[SKIPPED_SESSION_KEY] = [*skipped, claim.pk][-SKIPPED_REMEMBERED:]


def _triage_row_response(request, claim: Claim, *, decided: str, error: str = ""):
    if request.htmx:
        response = HttpResponse(
            fragments.triage_row(request, claim, decided=decided, error=error),
            status=CONFLICT if error else 200,
        )
        if not error:
            trigger_client_event(response, "claimTriaged", {"claim": claim.pk})
        return response
    if error:
        messages.error(request, error)
    elif decided:
        messages.success(
            request, f"{claim.get_status_display() if decided != 'skip' else 'Skipped'}: {claim}"
        )
    return redirect(_next_url(request, reverse("reviews:triage")))


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_decide_view(request, claim_id: int):
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    form = TriageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose Check-worthy, Not check-worthy or Skip.")
    decision = form.cleaned_data["decision"]
    if decision == "skip":
        _remember_skip(request, claim)
        return _triage_row_response(request, claim, decided="skip")
    try:
        claim = services.claim_triage(
            claim=claim,
            user=request.user,
            decision=decision,
            version=form.cleaned_data["version"],
        )
    except services.WorkflowError as error:
        return _triage_row_response(request, claim, decided="", error=str(error))
    return _triage_row_response(request, claim, decided=decision)


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_undo_view(request, claim_id: int):
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    if claim.pk in request.session.get(SKIPPED_SESSION_KEY, []) and claim.status == "new":
        request.session[SKIPPED_SESSION_KEY] = [
            pk for pk in request.session[SKIPPED_SESSION_KEY] if pk != claim.pk
        ]
        return _triage_row_response(request, claim, decided="")
    try:
        claim = services.claim_undo_triage(
            claim=claim, user=request.user, version=form.cleaned_data["version"]
        )
    except services.WorkflowError as error:
        return _triage_row_response(request, claim, decided="", error=str(error))
    return _triage_row_response(request, claim, decided="")


# My claims and the approval queue -------------------------------------------------------


@require_GET
@permission_required("claims.research_claim", raise_exception=True)
def my_claims_view(request):
    after = Cursor.parse(request.GET.get("after", ""))
    claims, more_url = _page(
        request,
        my_claims(user=request.user, after=after),
        lambda claim: Cursor(score=claim.score, id=claim.pk),
    )
    return render(request, "reviews/my_claims.html", {"claims": claims, "more_url": more_url})


@require_POST
@permission_required("claims.research_claim", raise_exception=True)
def take_next_view(request):
    claim = services.claim_take_next(user=request.user)
    if claim is None:
        messages.info(request, "No check-worthy claim is waiting: every one has been taken.")
        url = reverse("reviews:my_claims")
    else:
        messages.success(request, f"Claim {claim.pk} is yours to research.")
        url = claim.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_GET
@permission_required("reviews.approve_verdict", raise_exception=True)
def approvals_view(request):
    after = request.GET.get("after", "")
    verdicts, more_url = _page(
        request,
        approval_queue(after_id=int(after) if is_id(after) else None),
        lambda verdict: verdict.pk,
    )
    return render(
        request,
        "reviews/approvals.html",
        {
            "verdicts": verdicts,
            "rows": fragments.approval_rows(request, verdicts),
            "more_url": more_url,
        },
    )


# The claim page -------------------------------------------------------------------------

PANELS = {"summary", "match", "sources", "verdict", "timeline", "notes"}


def _claim(claim_id: int) -> Claim:
    return get_object_or_404(claims_for_page(), pk=claim_id)


def _claim_context(request, claim: Claim, **overrides) -> dict:
    user = request.user
    sources = list(claim.sources.all())
    events = list(claim_timeline(claim=claim))
    context = {
        "claim": claim,
        "segments": article_segments(claim.article.body, [claim]),
        "sources": sources,
        "verdicts": list(claim.verdicts.all()),
        "events": events,
        # Called by the template only when the panel that shows them is rendered.
        "source_items": lambda: fragments.claim_source_items(request, claim, sources),
        "timeline_items": lambda: fragments.claim_timeline_items(request, claim, events),
        "source_form": SourceForm(claim=claim),
        "note_form": NoteForm(),
        "verdict_form": VerdictForm(claim=claim, initial={"version": claim.version}),
        "assign_form": AssignForm(initial={"version": claim.version}),
        "merge_form": MergeForm(initial={"version": claim.version}),
        "version_form": VersionForm(initial={"version": claim.version}),
        "can_take": claim.status == Status.CHECK_WORTHY and user.has_perm("claims.research_claim"),
        "can_research": user.has_perm("claims.research_claim")
        and (
            (claim.status == Status.IN_RESEARCH and claim.assignee_id == user.pk)
            or claim.status == Status.PUBLISHED
        ),
        "can_assign": claim.status in services.ASSIGNABLE and user.has_perm("claims.assign_claim"),
        "can_merge": claim.status in services.MERGEABLE and user.has_perm("claims.assign_claim"),
        **match_panel(claim=claim, user=user),
        "error": "",
    }
    context.update(overrides)
    return context


def _claim_response(request, claim: Claim, panel: str, *, error: str = "", **overrides):
    """After an action: the changed panel for HTMX, else the whole page or a redirect."""
    failed = bool(error) or any(
        form.errors for form in overrides.values() if hasattr(form, "errors")
    )
    if request.htmx:
        claim = _claim(claim.pk)
        context = _claim_context(request, claim, error=error, **overrides)
        response = render(
            request,
            f"reviews/claim_detail.html#{panel}",
            context,
            status=CONFLICT if error else 200,
        )
        if not failed:
            trigger_client_event(response, "claimChanged", {"claim": claim.pk})
        return response
    if failed:
        claim = _claim(claim.pk)
        if error:
            messages.error(request, error)
        return render(
            request,
            "reviews/claim_detail.html",
            _claim_context(request, claim, **overrides),
            status=CONFLICT if error else 200,
        )
    return redirect(claim)


@require_GET
@permission_required("claims.view_claim", raise_exception=True)
def claim_detail_view(request, claim_id: int):
    claim = _claim(claim_id)
    return render(request, "reviews/claim_detail.html", _claim_context(request, claim))


@require_GET
@permission_required("claims.view_claim", raise_exception=True)
def claim_panel_view(request, claim_id: int, panel: str):
    if panel not in PANELS:
        raise Http404("No such panel.")
    claim = _claim(claim_id)
    if not request.htmx:
        return redirect(claim)
    return render(request, f"reviews/claim_detail.html#{panel}", _claim_context(request, claim))


def _version(request) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


def _claim_action(request, claim_id: int, panel: str, action) -> object:
    claim = _claim(claim_id)
    version = _version(request)
    if version is None:
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        action(claim, version)
    except services.WorkflowError as error:
        return _claim_response(request, claim, panel, error=str(error))
    return _claim_response(request, claim, panel)


@require_POST
@permission_required("claims.research_claim", raise_exception=True)
def take_view(request, claim_id: int):
    return _claim_action(
        request,
        claim_id,
        "summary",
        lambda claim, version: services.claim_take(claim=claim, user=request.user, version=version),
    )


@require_POST
@permission_required("claims.assign_claim", raise_exception=True)
def assign_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _claim_response(request, claim, "summary", assign_form=form)
    try:
        services.claim_assign(
            claim=claim,
            user=request.user,
            assignee=form.cleaned_data["assignee"],
            version=form.cleaned_data["version"],
        )
    except services.WorkflowError as error:
        return _claim_response(request, claim, "summary", error=str(error))
    return _claim_response(request, claim, "summary")


@require_POST
@permission_required("claims.assign_claim", raise_exception=True)
def merge_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _claim_response(request, claim, "summary", merge_form=form)
    try:
        services.claim_merge(
            claim=claim,
            canonical=form.cleaned_data["canonical"],
            user=request.user,
            version=form.cleaned_data["version"],
        )
    except services.WorkflowError as error:
        return _claim_response(request, claim, "summary", error=str(error))
    return _claim_response(request, claim, "summary")


def _form_errors_from(form, error: ValidationError) -> None:
    for field, field_errors in error.message_dict.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


@require_POST
@permission_required("reviews.add_source", raise_exception=True)
def source_add_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = SourceForm(request.POST, claim=claim)
    if form.is_valid():
        try:
            services.source_add(claim=claim, user=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            return _claim_response(request, claim, "sources", error=str(error))
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            return _claim_response(request, claim, "sources")
    return _claim_response(request, claim, "sources", source_form=form)


def _own_source(request, claim_id: int, source_id: int) -> Source:
    return get_object_or_404(Source, pk=source_id, claim_id=claim_id, added_by=request.user)


@permission_required("reviews.change_source", raise_exception=True)
def source_edit_view(request, claim_id: int, source_id: int):
    source = _own_source(request, claim_id, source_id)
    claim = _claim(claim_id)
    if request.method == "GET":
        if not request.htmx:
            return render(
                request,
                "reviews/source_edit.html",
                {
                    "claim": claim,
                    "source": source,
                    "form": SourceForm(instance=source, claim=claim),
                },
            )
        return render(
            request,
            "reviews/source_edit.html#source-form",
            {"claim": claim, "source": source, "form": SourceForm(instance=source, claim=claim)},
        )
    if request.method != "POST":
        return HttpResponseBadRequest()
    form = SourceForm(request.POST, instance=source, claim=claim)
    if form.is_valid():
        try:
            services.source_update(source=source, user=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            return _whole_sources_panel(
                request, _claim_response(request, claim, "sources", error=str(error))
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            return _whole_sources_panel(request, _claim_response(request, claim, "sources"))
    template = "reviews/source_edit.html" + ("#source-form" if request.htmx else "")
    return render(request, template, {"claim": claim, "source": source, "form": form})


def _whole_sources_panel(request, response):
    """The edit form sits inside its source's item: the panel that answers it replaces the
    panel's content, not the item's."""
    if request.htmx:
        retarget(response, "#claim-sources")
        reswap(response, "innerHTML")
    return response


@require_POST
@permission_required("reviews.delete_source", raise_exception=True)
def source_delete_view(request, claim_id: int, source_id: int):
    source = _own_source(request, claim_id, source_id)
    claim = source.claim
    try:
        services.source_delete(source=source, user=request.user)
    except services.WorkflowError as error:
        return _claim_response(request, claim, "sources", error=str(error))
    return _claim_response(request, claim, "sources")


@require_POST
@permission_required("claims.research_claim", raise_exception=True)
def note_add_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _claim_response(request, claim, "notes", note_form=form)
    services.note_add(claim=claim, user=request.user, text=form.cleaned_data["text"])
    return _claim_response(request, claim, "notes")


@require_POST
@permission_required("reviews.add_verdict", raise_exception=True)
def verdict_propose_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = VerdictForm(request.POST, claim=claim)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.verdict_propose(
                claim=claim,
                user=request.user,
                rating=data["rating"],
                summary=data["summary"],
                sources=list(data["sources"]),
                version=data["version"],
            )
        except services.WorkflowError as error:
            return _claim_response(request, claim, "verdict", error=str(error))
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            return _claim_response(request, claim, "verdict")
    return _claim_response(request, claim, "verdict", verdict_form=form)


def _verdict_action(request, verdict_id: int, action):
    verdict = get_object_or_404(
        Verdict.objects.select_related("claim", "rating", "author"), pk=verdict_id
    )
    version = _version(request)
    if version is None:
        return HttpResponseBadRequest("The claim's version is missing.")
    error = ""
    try:
        action(verdict, version)
    except services.WorkflowError as failure:
        error = str(failure)
    except ValidationError as failure:
        error = " ".join(failure.messages)
    if request.htmx:
        verdict.refresh_from_db()
        verdict.claim.refresh_from_db()
        response = render(
            request,
            "reviews/approvals.html#approval-row",
            {"verdict": verdict, "error": error, "send_back_form": SendBackForm()},
            status=CONFLICT if error else 200,
        )
        if not error:
            trigger_client_event(response, "verdictDecided", {"verdict": verdict.pk})
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{verdict.get_status_display()}: {verdict.claim}")
    return redirect(_next_url(request, reverse("reviews:approvals")))


@require_POST
@permission_required("reviews.approve_verdict", raise_exception=True)
def verdict_approve_view(request, verdict_id: int):
    return _verdict_action(
        request,
        verdict_id,
        lambda verdict, version: services.verdict_approve(
            verdict=verdict, user=request.user, version=version
        ),
    )


@require_POST
@permission_required("reviews.approve_verdict", raise_exception=True)
def verdict_send_back_view(request, verdict_id: int):
    form = SendBackForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _verdict_action(
        request,
        verdict_id,
        lambda verdict, version: services.verdict_send_back(
            verdict=verdict, user=request.user, note=note, version=version
        ),
    )
