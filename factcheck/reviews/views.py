"""The review screens. Each page works without JavaScript; with HTMX the same views return
the fragment that changed and announce what changed with an HX-Trigger event, so the other
panels that show it refresh themselves."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from factcheck.accounts.selectors import keyboard_shortcuts_on
from factcheck.articles.selectors import article_segments, article_titles
from factcheck.claims.forms import NotAClaimForm
from factcheck.claims.models import Claim
from factcheck.claims.services import NOT_A_CLAIM_FROM
from factcheck.claims.workflow import WorkflowError, correction_allowed
from factcheck.forms import VersionForm, is_id
from factcheck.matching.selectors import attach_suggested_matches, match_panel
from factcheck.reviews import services
from factcheck.reviews.forms import (
    ApproveForm,
    AssignForm,
    BulkTriageForm,
    MergeForm,
    NoteForm,
    SavedSearchForm,
    SendBackForm,
    SourceForm,
    TriageFilterForm,
    TriageForm,
    UnpublishForm,
    VerdictForm,
)
from factcheck.reviews.models import Draft, SavedSearch, Source, Verdict
from factcheck.reviews.responses import triage_row_response
from factcheck.reviews.selectors import (
    Cursor,
    TriageView,
    approval_queue,
    claim_drafts,
    claim_sources,
    claim_timeline,
    claim_verdicts,
    claims_for_page,
    latest_verdicts,
    my_claims,
    saved_searches,
    sent_back_verdict,
    status_counts,
    triage_queue,
)
from factcheck.web import answer_status, more_url, queue_page, safe_next_url

Status = Claim.Status
SKIPPED_SESSION_KEY = "triage_skipped"
SKIPPED_REMEMBERED = 500


def _score_cursor(claim: Claim) -> Cursor:
    return Cursor(score=claim.score, id=claim.pk)


# Triage ---------------------------------------------------------------------------------


@require_GET
@permission_required("claims.triage_claim", raise_exception=True)
def triage_view(request):
    filter_form = TriageFilterForm(request.GET)
    after = Cursor.parse(request.GET.get("after", ""))
    skipped = request.session.get(SKIPPED_SESSION_KEY, [])
    view = filter_form.queue_view()
    claims, next_cursor = queue_page(
        triage_queue(filters=filter_form.filters(), after=after, exclude=skipped, view=view),
        cursor_of=_score_cursor,
    )
    for claim in claims:
        claim.reopen_refusal = services.claim_reopen_refusal(claim=claim, user=request.user)
    return render(
        request,
        "reviews/triage.html",
        {
            "filter_form": filter_form,
            "view": view,
            "view_label": TriageView(view).label,
            "views": TriageView,
            "claims": attach_suggested_matches(claims),
            "counts": status_counts(),
            "more_url": more_url(request, next_cursor),
            "is_first_page": after is None,
            "skipped": len(skipped),
            "next": request.get_full_path(),
            "keyboard_shortcuts": keyboard_shortcuts_on(user=request.user),
            "saved_searches": saved_searches(owner=request.user),
            "save_form": SavedSearchForm(initial={"query": _filters_query(request)}),
        },
    )


def _filters_query(request) -> str:
    """The triage filters in use, without the page: what a saved search keeps."""
    query = request.GET.copy()
    query.pop("after", None)
    return query.urlencode()


@require_http_methods(["POST"])
@permission_required("claims.triage_claim", raise_exception=True)
def saved_search_create_view(request):
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            saved = services.saved_search_create(owner=request.user, **form.cleaned_data)
        except services.DuplicateSavedSearch:
            form.add_error("name", "You already have a saved search of that name: pick another.")
        else:
            messages.success(request, f"Saved the filters as “{saved.name}”.")
            return redirect(f"{reverse('reviews:triage')}?{saved.query}")
    # What was typed stays in the form, beside what was wrong with it.
    return render(
        request,
        "reviews/saved_search_form.html",
        {"save_form": form, "saved_searches": saved_searches(owner=request.user)},
        status=HTTPStatus.BAD_REQUEST,
    )


@require_GET
@permission_required("claims.triage_claim", raise_exception=True)
def saved_search_open_view(request, saved_search_id: int):
    saved = get_object_or_404(SavedSearch, pk=saved_search_id, owner=request.user)
    return redirect(f"{reverse('reviews:triage')}?{saved.query}")


@require_http_methods(["POST"])
@permission_required("claims.triage_claim", raise_exception=True)
def saved_search_delete_view(request, saved_search_id: int):
    if not services.saved_search_delete(owner=request.user, saved_search_id=saved_search_id):
        raise Http404("No such saved search.")  # another's is not told apart from none
    messages.success(request, "Deleted the saved search.")
    return redirect("reviews:triage")


@require_GET
@permission_required("claims.triage_claim", raise_exception=True)
def article_titles_view(request):
    """The Article filter's autocomplete: titles matching what is typed, as options."""
    typed = TriageFilterForm(request.GET).filters().article  # what the filter would use
    return render(
        request, "reviews/triage.html#article-titles", {"titles": article_titles(typed=typed)}
    )


@require_GET
@permission_required("claims.triage_claim", raise_exception=True)
def triage_counts_view(request):
    if not request.htmx:
        return redirect("reviews:triage")
    return render(request, "reviews/triage.html#counts", {"counts": status_counts()})


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_decide_view(request, claim_id: int):
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    form = TriageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose Check-worthy, Not check-worthy or Skip.")
    decision = form.cleaned_data["decision"]
    if decision == "skip":
        skipped = [pk for pk in request.session.get(SKIPPED_SESSION_KEY, []) if pk != claim.pk]
        request.session[SKIPPED_SESSION_KEY] = [*skipped, claim.pk][-SKIPPED_REMEMBERED:]
        return triage_row_response(request, claim, decided="skip")
    try:
        claim = services.claim_triage(
            claim=claim,
            user=request.user,
            decision=decision,
            version=form.cleaned_data["version"],
        )
    except WorkflowError as error:
        return triage_row_response(request, claim, decided="", error=str(error))
    return triage_row_response(request, claim, decided=decision)


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_undo_view(request, claim_id: int):
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    skipped = request.session.get(SKIPPED_SESSION_KEY, [])
    if claim.pk in skipped and claim.status == Status.NEW:
        request.session[SKIPPED_SESSION_KEY] = [pk for pk in skipped if pk != claim.pk]
        return triage_row_response(request, claim, decided="")
    try:
        claim = services.claim_undo_triage(
            claim=claim, user=request.user, version=form.cleaned_data["version"]
        )
    except WorkflowError as error:
        return triage_row_response(request, claim, decided="", error=str(error))
    return triage_row_response(request, claim, decided="")


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_bulk_view(request):
    """The selected claims of the queue decided at once; back to the queue with what was
    decided and what was refused."""
    back = safe_next_url(request, default=reverse("reviews:triage"))
    form = BulkTriageForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("__all__", ["Choose a decision."])))
        return redirect(back)
    versions = form.cleaned_data["versions"]
    claims = Claim.objects.in_bulk(list(versions))
    decision = form.cleaned_data["decision"]
    decided, refused = services.claims_triage_bulk(
        claims=[(claims[pk], version) for pk, version in versions.items() if pk in claims],
        user=request.user,
        decision=decision,
    )
    if decided:
        label = Status(decision).label
        messages.success(
            request, f"{len(decided)} claim{'s' if len(decided) != 1 else ''}: {label}."
        )
    for claim, reason in refused:
        messages.error(request, f"Claim {claim.pk} was not decided: {reason}")
    return redirect(back)


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_put_back_view(request, claim_id: int):
    """A skipped claim goes back into this reviewer's queue of new claims."""
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    skipped = request.session.get(SKIPPED_SESSION_KEY, [])
    request.session[SKIPPED_SESSION_KEY] = [pk for pk in skipped if pk != claim.pk]
    return triage_row_response(request, claim, decided="put_back")


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def triage_reopen_view(request, claim_id: int):
    """A decided claim, listed in its queue, returned to New."""
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        claim = services.claim_reopen(
            claim=claim, user=request.user, version=form.cleaned_data["version"]
        )
    except WorkflowError as error:
        return triage_row_response(request, claim, decided="", error=str(error))
    return triage_row_response(request, claim, decided="reopened")


# My claims and the approval queue -------------------------------------------------------


@require_GET
@permission_required("claims.research_claim", raise_exception=True)
def my_claims_view(request):
    after = Cursor.parse(request.GET.get("after", ""))
    claims, next_cursor = queue_page(
        my_claims(user=request.user, after=after), cursor_of=_score_cursor
    )
    verdicts = latest_verdicts([claim.pk for claim in claims])
    rows = [(claim, verdicts.get(claim.pk)) for claim in claims]
    return render(
        request,
        "reviews/my_claims.html",
        {"claims": claims, "rows": rows, "more_url": more_url(request, next_cursor)},
    )


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
    verdicts, next_cursor = queue_page(
        approval_queue(after_id=int(after) if is_id(after) else None),
        cursor_of=lambda verdict: verdict.pk,
    )
    return render(
        request,
        "reviews/approvals.html",
        {"verdicts": verdicts, "more_url": more_url(request, next_cursor)},
    )


def _approval_row_response(request, verdict: Verdict, *, error: str = ""):
    if request.htmx:
        verdict.refresh_from_db()
        verdict.claim.refresh_from_db()
        response = render(
            request,
            "reviews/approvals.html#approval-row",
            {"verdict": verdict, "error": error},
            status=answer_status(error),
        )
        if not error:
            trigger_client_event(response, "verdictDecided", {"verdict": verdict.pk})
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{verdict.get_status_display()}: {verdict.claim}")
    return redirect(safe_next_url(request, default=reverse("reviews:approvals")))


def _verdict(verdict_id: int) -> Verdict:
    return get_object_or_404(
        Verdict.objects.select_related("claim", "rating", "author"), pk=verdict_id
    )


@require_POST
@permission_required("reviews.approve_verdict", raise_exception=True)
def verdict_approve_view(request, verdict_id: int):
    """Approve takes two presses: the first asks to confirm (a form of its own, so it works
    without JavaScript), the second, carrying ``confirm``, publishes."""
    verdict = _verdict(verdict_id)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    if not form.cleaned_data["confirm"]:
        if verdict.author_id == request.user.pk:
            raise PermissionDenied("You proposed this verdict; another editor must approve it.")
        if verdict.status != Verdict.Status.AWAITING_APPROVAL:
            return _approval_row_response(
                request, verdict, error=f"This verdict is {verdict.get_status_display()}."
            )
        context = {"verdict": verdict, "confirming": True, "version": form.cleaned_data["version"]}
        if request.htmx:
            return render(request, "reviews/approvals.html#approval-row", context)
        return render(request, "reviews/approve_confirm.html", context)
    try:
        services.verdict_approve(
            verdict=verdict, user=request.user, version=form.cleaned_data["version"]
        )
    except WorkflowError as error:
        return _approval_row_response(request, verdict, error=str(error))
    except ValidationError as error:
        return _approval_row_response(request, verdict, error=" ".join(error.messages))
    return _approval_row_response(request, verdict)


@require_POST
@permission_required("reviews.approve_verdict", raise_exception=True)
def verdict_send_back_view(request, verdict_id: int):
    verdict = _verdict(verdict_id)
    version_form, form = VersionForm(request.POST), SendBackForm(request.POST)
    if not version_form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        services.verdict_send_back(
            verdict=verdict,
            user=request.user,
            note=form.cleaned_data["note"] if form.is_valid() else "",
            version=version_form.cleaned_data["version"],
        )
    except WorkflowError as error:
        return _approval_row_response(request, verdict, error=str(error))
    except ValidationError as error:
        return _approval_row_response(request, verdict, error=" ".join(error.messages))
    return _approval_row_response(request, verdict)


# The claim page -------------------------------------------------------------------------
#
# The page is made of panels; each has a context of its own, so that a panel's refresh
# reads only what that panel shows. An action answers with its own panel and announces
# what it changed (claimMoved, sourcesChanged, verdictProposed, noteAdded; matching sends
# matchDecided): the panels that show it listen for that event, the one that acted does not.


def _claim(claim_id: int) -> Claim:
    return get_object_or_404(claims_for_page(), pk=claim_id)


def _can_research(user, claim: Claim) -> bool:
    return user.has_perm("claims.research_claim") and (
        (claim.status == Status.IN_RESEARCH and claim.assignee_id == user.pk)
        or claim.status == Status.PUBLISHED
    )


def _summary_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    user = request.user
    can_correct = correction_allowed(user, claim)
    return {
        "can_correct": can_correct,
        "can_mark_not_a_claim": can_correct and claim.status in NOT_A_CLAIM_FROM,
        "not_a_claim_form": NotAClaimForm(initial={"version": claim.version}),
        "can_reopen": not services.claim_reopen_refusal(claim=claim, user=user),
        "can_take": claim.status == Status.CHECK_WORTHY and user.has_perm("claims.research_claim"),
        "can_assign": claim.status in services.ASSIGNABLE and user.has_perm("claims.assign_claim"),
        "can_merge": claim.status in services.MERGEABLE and user.has_perm("claims.assign_claim"),
        "can_unmerge": claim.status == Status.DUPLICATE
        and user.has_perm("claims.assign_claim")
        and services.claim_unmerge_to(claim=claim) is not None,
        "assign_form": forms.get("assign_form") or AssignForm(initial={"version": claim.version}),
        "merge_form": forms.get("merge_form") or MergeForm(initial={"version": claim.version}),
    }


def _match_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    return match_panel(claim=claim, user=request.user)


# A form starts from what its reviewer left typed in it (the draft), never empty again.
def _sources_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    sources = list(claim_sources(claim=claim))
    editing = drafts.get(Draft.Form.SOURCE_EDIT, {})
    for source in sources:
        # A source its reviewer was editing opens at its edit form again, as they left it.
        source.edit_form = (
            _source_edit_form(claim, source, initial=editing[source.pk])
            if source.pk in editing
            else None
        )
    return {
        "sources": sources,
        "can_research": _can_research(request.user, claim),
        "source_form": forms.get("source_form")
        or SourceForm(claim=claim, initial=drafts.get(Draft.Form.SOURCE)),
    }


def _verdict_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    verdicts = list(claim_verdicts(claim=claim))
    sent_back = sent_back_verdict(verdicts=verdicts)
    # After a send-back the new verdict starts from the one sent back, unless typed over.
    draft = drafts.get(Draft.Form.VERDICT) or (sent_back and VerdictForm.initial_from(sent_back))
    return {
        "verdicts": verdicts,
        "sent_back": sent_back,
        "can_unpublish": claim.status == Status.PUBLISHED
        and request.user.has_perm("reviews.approve_verdict"),
        "unpublish_form": forms.get("unpublish_form")
        or UnpublishForm(initial={"version": claim.version}),
        "can_research": _can_research(request.user, claim),
        "verdict_form": forms.get("verdict_form")
        or VerdictForm(claim=claim, initial={**(draft or {}), "version": claim.version}),
    }


def _verdict_sources_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    """The sources a verdict may rest on, refreshed when they change without touching the
    rating and summary being typed beside them: the boxes ticked on screen stay ticked."""
    ticked = [value for value in request.GET.getlist("sources") if is_id(value)]
    return {"verdict_form": VerdictForm(claim=claim, initial={"sources": ticked})}


def _notes_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    return {"note_form": forms.get("note_form") or NoteForm(initial=drafts.get(Draft.Form.NOTE))}


def _timeline_panel(request, claim: Claim, drafts: dict, **forms) -> dict:
    return {"events": list(claim_timeline(claim=claim))}


PANELS = {
    "summary": _summary_panel,
    "match": _match_panel,
    "sources": _sources_panel,
    "verdict": _verdict_panel,
    "notes": _notes_panel,
    "timeline": _timeline_panel,
}
# Parts of a panel that refresh on their own; on the page, their panel renders them.
PANEL_PARTS = {"verdict-sources": _verdict_sources_panel}
DRAFTED = {"sources", "verdict", "notes"}


def _claim_page(request, claim: Claim, *, error: str = "", status=HTTPStatus.OK, **forms):
    context = {
        "claim": claim,
        "segments": article_segments(claim.article.body, [claim]),
        "error": error,
    }
    drafts = claim_drafts(claim=claim, user=request.user)
    for panel in PANELS.values():
        context.update(panel(request, claim, drafts, **forms))
    return render(request, "reviews/claim_detail.html", context, status=status)


def _panel(request, claim: Claim, panel: str, *, error: str = "", status=HTTPStatus.OK, **forms):
    drafts = claim_drafts(claim=claim, user=request.user) if panel in DRAFTED else {}
    context = {
        "claim": claim,
        "error": error,
        **(PANELS | PANEL_PARTS)[panel](request, claim, drafts, **forms),
    }
    return render(request, f"reviews/claim_detail.html#{panel}", context, status=status)


def _acted(request, claim: Claim, panel: str, *, changed: str):
    """A claim action that succeeded: its panel announcing ``changed`` for HTMX, else the
    claim page again (post/redirect/get)."""
    if not request.htmx:
        return redirect(claim)
    response = _panel(request, _claim(claim.pk), panel)
    trigger_client_event(response, changed, {"claim": claim.pk})
    return response


def _refused(request, claim: Claim, panel: str, *, error: str = "", **forms):
    """A claim action refused, by the workflow (``error``, 409) or by its form (200, the
    form's errors): the panel, or the page, with the current state."""
    status = answer_status(error)
    claim = _claim(claim.pk)
    if request.htmx:
        return _panel(request, claim, panel, error=error, status=status, **forms)
    if error:
        messages.error(request, error)
    return _claim_page(request, claim, status=status, **forms)


@require_GET
@permission_required("claims.view_claim", raise_exception=True)
def claim_detail_view(request, claim_id: int):
    return _claim_page(request, _claim(claim_id))


@require_GET
@permission_required("claims.view_claim", raise_exception=True)
def claim_panel_view(request, claim_id: int, panel: str):
    if panel not in PANELS and panel not in PANEL_PARTS:
        raise Http404("No such panel.")
    claim = _claim(claim_id)
    if not request.htmx:
        return redirect(claim)
    return _panel(request, claim, panel)


@require_POST
@permission_required("claims.research_claim", raise_exception=True)
def take_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        services.claim_take(claim=claim, user=request.user, version=form.cleaned_data["version"])
    except WorkflowError as error:
        return _refused(request, claim, "summary", error=str(error))
    return _acted(request, claim, "summary", changed="claimMoved")


@require_POST
@permission_required("claims.triage_claim", raise_exception=True)
def reopen_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        services.claim_reopen(claim=claim, user=request.user, version=form.cleaned_data["version"])
    except WorkflowError as error:
        return _refused(request, claim, "summary", error=str(error))
    if not request.htmx:
        messages.success(request, f"Claim {claim.pk} is New again, to be triaged.")
    return _acted(request, claim, "summary", changed="claimMoved")


@require_POST
@permission_required("claims.assign_claim", raise_exception=True)
def assign_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, "summary", assign_form=form)
    try:
        services.claim_assign(
            claim=claim,
            user=request.user,
            assignee=form.cleaned_data["assignee"],
            version=form.cleaned_data["version"],
        )
    except WorkflowError as error:
        return _refused(request, claim, "summary", error=str(error))
    return _acted(request, claim, "summary", changed="claimMoved")


@require_POST
@permission_required("claims.assign_claim", raise_exception=True)
def merge_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, "summary", merge_form=form)
    try:
        services.claim_merge(
            claim=claim,
            canonical=form.cleaned_data["canonical"],
            user=request.user,
            version=form.cleaned_data["version"],
        )
    except WorkflowError as error:
        return _refused(request, claim, "summary", error=str(error))
    return _acted(request, claim, "summary", changed="claimMoved")


@require_POST
@permission_required("claims.assign_claim", raise_exception=True)
def unmerge_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("The claim's version is missing.")
    try:
        services.claim_unmerge(claim=claim, user=request.user, version=form.cleaned_data["version"])
    except WorkflowError as error:
        return _refused(request, claim, "summary", error=str(error))
    if not request.htmx:
        messages.success(request, f"Merge undone: claim {claim.pk} is checked on its own again.")
    return _acted(request, claim, "summary", changed="claimMoved")


def _form_errors_from(form, error: ValidationError) -> None:
    for field, field_errors in error.message_dict.items():
        for message in field_errors:
            form.add_error(field if field in form.fields else None, message)


@require_POST
@permission_required("reviews.add_source", raise_exception=True)
def source_add_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = SourceForm(request.POST, claim=claim)
    if not form.is_valid():
        return _refused(request, claim, "sources", source_form=form)
    try:
        services.source_add(claim=claim, user=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return _refused(request, claim, "sources", error=str(error))
    except ValidationError as error:
        _form_errors_from(form, error)
        return _refused(request, claim, "sources", source_form=form)
    return _acted(request, claim, "sources", changed="sourcesChanged")


def _own_source(request, claim_id: int, source_id: int) -> Source:
    return get_object_or_404(Source, pk=source_id, claim_id=claim_id, added_by=request.user)


def _source_edit_form(claim: Claim, source: Source, **kwargs) -> SourceForm:
    # Ids of its own: it sits on the claim page beside the Add source form and other edits.
    return SourceForm(instance=source, claim=claim, auto_id=f"id_source_{source.pk}_%s", **kwargs)


def _source_form_page(request, claim: Claim, source: Source, form: SourceForm):
    template = "reviews/source_edit.html" + ("#source-form" if request.htmx else "")
    return render(request, template, {"claim": claim, "source": source, "form": form})


def _in_sources_panel(request, response):
    """The edit form sits inside its source's item: the panel that answers it replaces the
    panel's content, not the item's."""
    if request.htmx:
        retarget(response, "#claim-sources")
        reswap(response, "innerHTML")
    return response


@require_http_methods(["GET", "POST"])
@permission_required("reviews.change_source", raise_exception=True)
def source_edit_view(request, claim_id: int, source_id: int):
    source = _own_source(request, claim_id, source_id)
    claim = _claim(claim_id)
    if request.method == "GET":
        draft = claim_drafts(claim=claim, user=request.user)[Draft.Form.SOURCE_EDIT]
        form = _source_edit_form(claim, source, initial=draft.get(source.pk))
        return _source_form_page(request, claim, source, form)
    form = _source_edit_form(claim, source, data=request.POST)
    if not form.is_valid():
        return _source_form_page(request, claim, source, form)
    try:
        services.source_update(source=source, user=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return _in_sources_panel(request, _refused(request, claim, "sources", error=str(error)))
    except ValidationError as error:
        _form_errors_from(form, error)
        return _source_form_page(request, claim, source, form)
    return _in_sources_panel(request, _acted(request, claim, "sources", changed="sourcesChanged"))


@require_POST
@permission_required("reviews.change_source", raise_exception=True)
def source_edit_cancel_view(request, claim_id: int, source_id: int):
    """Close a source's edit form, forgetting what was typed in it."""
    source = _own_source(request, claim_id, source_id)
    claim = _claim(claim_id)
    services.draft_clear(claim=claim, user=request.user, form=Draft.Form.SOURCE_EDIT, source=source)
    if not request.htmx:
        return redirect(claim)
    return _in_sources_panel(request, _panel(request, claim, "sources"))


@require_POST
@permission_required("reviews.change_source", raise_exception=True)
def source_draft_save_view(request, claim_id: int, source_id: int):
    """What is typed in a source's edit form, kept as ``draft_save_view`` keeps the others'."""
    source = _own_source(request, claim_id, source_id)
    try:
        services.draft_save(
            claim=source.claim,
            user=request.user,
            form=Draft.Form.SOURCE_EDIT,
            data=request.POST,
            source=source,
        )
    except WorkflowError as error:
        return HttpResponse(str(error), status=HTTPStatus.CONFLICT, content_type="text/plain")
    return HttpResponse(status=HTTPStatus.NO_CONTENT)


@require_POST
@permission_required("reviews.delete_source", raise_exception=True)
def source_delete_view(request, claim_id: int, source_id: int):
    source = _own_source(request, claim_id, source_id)
    claim = _claim(claim_id)
    try:
        services.source_delete(source=source, user=request.user)
    except WorkflowError as error:
        return _refused(request, claim, "sources", error=str(error))
    return _acted(request, claim, "sources", changed="sourcesChanged")


@require_POST
@permission_required("claims.research_claim", raise_exception=True)
def note_add_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, "notes", note_form=form)
    services.note_add(claim=claim, user=request.user, text=form.cleaned_data["text"])
    return _acted(request, claim, "notes", changed="noteAdded")


@require_POST
@permission_required("reviews.add_verdict", raise_exception=True)
def verdict_propose_view(request, claim_id: int):
    claim = _claim(claim_id)
    form = VerdictForm(request.POST, claim=claim)
    if not form.is_valid():
        return _refused(request, claim, "verdict", verdict_form=form)
    data = form.cleaned_data
    try:
        services.verdict_propose(
            claim=claim,
            user=request.user,
            rating=data["rating"],
            summary=data["summary"],
            sources=list(data["sources"]),
            no_source_reason=data["no_source_reason"],
            correction_note=data.get("correction_note", ""),
            version=data["version"],
        )
    except WorkflowError as error:
        return _refused(request, claim, "verdict", error=str(error))
    except ValidationError as error:
        _form_errors_from(form, error)
        return _refused(request, claim, "verdict", verdict_form=form)
    return _acted(request, claim, "verdict", changed="verdictProposed")


@require_POST
@permission_required("reviews.approve_verdict", raise_exception=True)
def verdict_unpublish_view(request, verdict_id: int):
    verdict = _verdict(verdict_id)
    claim = _claim(verdict.claim_id)
    form = UnpublishForm(request.POST)
    if not form.is_valid():
        return _refused(request, claim, "verdict", unpublish_form=form)
    try:
        services.verdict_unpublish(
            verdict=verdict,
            user=request.user,
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
        )
    except WorkflowError as error:
        return _refused(request, claim, "verdict", error=str(error))
    if not request.htmx:
        messages.success(request, "The verdict is unpublished: no export carries it now.")
    return _acted(request, claim, "verdict", changed="verdictWithdrawn")


@require_POST
@permission_required("claims.research_claim", raise_exception=True)
def draft_save_view(request, claim_id: int, form: str):
    """Keep what is typed in one of the claim's forms (sent as it is typed, and as the page
    is left). Nothing to show: 204."""
    if form not in Draft.Form.values or form == Draft.Form.SOURCE_EDIT:
        raise Http404("No such form.")
    claim = get_object_or_404(Claim, pk=claim_id)
    services.draft_save(claim=claim, user=request.user, form=form, data=request.POST)
    return HttpResponse(status=HTTPStatus.NO_CONTENT)
