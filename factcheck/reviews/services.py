"""The review workflow: every claim status change, source, note and verdict.

Each function checks the actor's permission, refuses a move the workflow does not
allow, writes with a version check so that two people acting on one claim never
overwrite each other, and records an Event in the same transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from factcheck.claims.models import Claim
from factcheck.claims.workflow import (
    StaleClaim,
    WorkflowError,
    claim_move,
    event_record,
    permission_require,
)
from factcheck.reviews.models import Draft, Event, Rating, SavedSearch, Source, Verdict

Status = Claim.Status


TRIAGE_DECISIONS = {Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY}
# Decisions taken in the triage queue that its Undo takes back.
UNDOABLE = {Event.Action.TRIAGE: TRIAGE_DECISIONS, Event.Action.NOT_A_CLAIM: {Status.NOT_A_CLAIM}}
ASSIGNABLE = {Status.CHECK_WORTHY, Status.IN_RESEARCH}
REOPENABLE = {Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY, Status.NOT_A_CLAIM}
# The events that decide a claim out of New, whose date says who may return it.
DECIDING = [Event.Action.TRIAGE, Event.Action.NOT_A_CLAIM]
MERGEABLE = {Status.NEW, Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY, Status.IN_RESEARCH}


@transaction.atomic
def claim_triage(*, claim: Claim, user, decision: str, version: int | None = None) -> Claim:
    """Decide whether a new claim is worth checking."""
    permission_require(user, "claims.triage_claim")
    if decision not in TRIAGE_DECISIONS:
        raise WorkflowError(f"Unknown triage decision {decision!r}.")
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.NEW},
        to=decision,
        action=Event.Action.TRIAGE,
    )


@transaction.atomic
def claim_undo_triage(*, claim: Claim, user, version: int | None = None) -> Claim:
    """Take back one's own triage decision while nobody has acted on the claim since."""
    permission_require(user, "claims.triage_claim")
    last = claim.events.order_by("-created_at", "-id").first()
    if (
        last is None
        or last.action not in UNDOABLE
        or last.from_value != Status.NEW
        or last.actor_id != user.pk
    ):
        raise WorkflowError("Only your own latest triage decision can be undone.")
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from=UNDOABLE[last.action],
        to=Status.NEW,
        action=Event.Action.UNDO_TRIAGE,
        non_claim_reason="",
        non_claim_note="",
    )


BULK_TRIAGE_MAX = 100


@transaction.atomic
def claims_triage_bulk(
    *, claims: list[tuple[Claim, int | None]], user, decision: str
) -> tuple[list[Claim], list[tuple[Claim, str]]]:
    """Decide several new claims at once (``claims``: each with the version its reviewer
    saw). Each is triaged on its own, with its own event; one someone changed meanwhile is
    refused with the reason and the others are still decided."""
    permission_require(user, "claims.triage_claim")
    if len(claims) > BULK_TRIAGE_MAX:
        raise WorkflowError(f"Decide at most {BULK_TRIAGE_MAX} claims at once.")
    decided, refused = [], []
    for claim, version in claims:
        try:
            with transaction.atomic():
                decided.append(
                    claim_triage(claim=claim, user=user, decision=decision, version=version)
                )
        except WorkflowError as error:
            refused.append((claim, str(error)))
    return decided, refused


def claim_reopen_refusal(*, claim: Claim, user) -> str:
    """Why ``user`` may not return ``claim`` to New ("" if they may): a reviewer may on the
    day it was decided, an editor at any time."""
    if not user.has_perm("claims.triage_claim"):
        return "You do not have permission to triage claims."
    if claim.status not in REOPENABLE:
        return (
            f"This claim is {claim.get_status_display()}; only a claim decided Check-worthy, "
            "Not check-worthy or Not a claim can be returned to New."
        )
    if user.has_perm("claims.assign_claim"):
        return ""
    # A queue of decided claims reads when each was decided with the page.
    if hasattr(claim, "decided_at"):
        decided_at = claim.decided_at
    else:
        decided_at = claim.events.filter(action__in=DECIDING).aggregate(at=Max("created_at"))["at"]
    if decided_at is None or timezone.localdate(decided_at) != timezone.localdate():
        when = f" on {date_format(timezone.localdate(decided_at))}" if decided_at else ""
        return (
            f"This claim was decided{when}, before today: only an editor can return it to New now."
        )
    return ""


@transaction.atomic
def claim_reopen(*, claim: Claim, user, version: int | None = None) -> Claim:
    """Return a Check-worthy, Not check-worthy or Not a claim claim to New, to be triaged
    again (a Not a claim's reason goes with it)."""
    permission_require(user, "claims.triage_claim")
    if version is not None and version != claim.version:
        raise StaleClaim(claim)
    refusal = claim_reopen_refusal(claim=claim, user=user)
    if refusal:
        raise WorkflowError(refusal)
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from=REOPENABLE,
        to=Status.NEW,
        action=Event.Action.REOPEN,
        non_claim_reason="",
        non_claim_note="",
    )


@transaction.atomic
def claim_take(*, claim: Claim, user, version: int | None = None) -> Claim:
    """Start researching a check-worthy claim nobody has taken."""
    permission_require(user, "claims.research_claim")
    if claim.assignee_id and claim.assignee_id != user.pk:
        raise StaleClaim(claim)
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.CHECK_WORTHY},
        to=Status.IN_RESEARCH,
        action=Event.Action.TAKE,
        assignee=user,
    )


def claim_take_next(*, user) -> Claim | None:
    """Hand the user the most pressing check-worthy claim nobody else has.

    Two reviewers asking at once never get the same claim: each attempt is a conditional
    update, and the loser of a race moves on to the next candidate.
    """
    permission_require(user, "claims.research_claim")
    candidates = Claim.objects.filter(status=Status.CHECK_WORTHY, assignee__isnull=True).order_by(
        "-priority", "-score", "id"
    )
    for _ in range(20):
        claim = candidates.first()
        if claim is None:
            return None
        try:
            return claim_take(claim=claim, user=user, version=claim.version)
        except StaleClaim:
            continue
    return None


@transaction.atomic
def claim_assign(*, claim: Claim, user, assignee, version: int | None = None) -> Claim:
    """An editor gives a check-worthy or in-research claim to a reviewer."""
    permission_require(user, "claims.assign_claim")
    if not assignee.has_perm("claims.research_claim"):
        raise WorkflowError(f"{assignee} cannot research claims.")
    if claim.status == Status.IN_RESEARCH and claim.assignee_id == assignee.pk:
        raise WorkflowError(f"This claim is already with {assignee}.")
    previous = claim.assignee
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from=ASSIGNABLE,
        to=Status.IN_RESEARCH,
        action=Event.Action.ASSIGN,
        note=f"Assigned to {assignee}" + (f" (was {previous})" if previous else ""),
        assignee=assignee,
    )


@transaction.atomic
def claims_hand_over(*, holder, assignee, user) -> int:
    """Give every claim ``holder`` researches to ``assignee`` (a reviewer leaving, or
    deactivated): one assignment event per claim. Returns how many moved."""
    permission_require(user, "claims.assign_claim")
    if assignee.pk == holder.pk:
        raise WorkflowError(f"{holder} already holds these claims.")
    claims = Claim.objects.filter(assignee=holder, status=Status.IN_RESEARCH).order_by("pk")
    moved = 0
    for claim in claims.select_for_update():
        claim_assign(claim=claim, user=user, assignee=assignee)
        moved += 1
    return moved


@transaction.atomic
def claim_merge(*, claim: Claim, canonical: Claim, user, version: int | None = None) -> Claim:
    """Mark ``claim`` as a duplicate of ``canonical``: it is checked once, there."""
    permission_require(user, "claims.assign_claim")
    if canonical.pk == claim.pk:
        raise WorkflowError("A claim cannot be a duplicate of itself.")
    # Both rows locked, in id order, and read again: two editors merging 18 into 19 and 19
    # into 18 at the same instant must not both succeed (each would hide the other).
    locked = Claim.objects.select_for_update().filter(pk__in=[claim.pk, canonical.pk])
    rows = {row.pk: row for row in locked.order_by("pk")}
    if canonical.pk not in rows:
        raise WorkflowError("There is no such claim to merge into.")
    canonical = rows[canonical.pk]
    if canonical.status == Status.DUPLICATE:
        canonical = Claim.objects.select_for_update().get(pk=canonical.canonical_id)
    if canonical.pk == claim.pk:
        raise WorkflowError("That claim is already a duplicate of this one.")
    if canonical.status == Status.DUPLICATE:
        raise WorkflowError(f"Claim {canonical.pk} is itself a duplicate; merge into its claim.")
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from=MERGEABLE,
        to=Status.DUPLICATE,
        action=Event.Action.MERGE,
        note=f"Duplicate of claim {canonical.pk}",
        canonical=canonical,
        assignee=None,
    )


def claim_unmerge_to(*, claim: Claim) -> str | None:
    """The status a merged claim returns to when its merge is undone: the one it was merged
    from (Check-worthy for a claim that was in research, as the merge let its reviewer
    go). None if it is no duplicate, or one that a match linked (Not the same undoes those)."""
    if claim.status != Status.DUPLICATE:
        return None
    merged = claim.events.filter(to_value=Status.DUPLICATE).order_by("-created_at", "-id").first()
    if merged is None or merged.action != Event.Action.MERGE:
        return None
    was = merged.from_value
    return Status.CHECK_WORTHY if was == Status.IN_RESEARCH else was


@transaction.atomic
def claim_unmerge(*, claim: Claim, user, version: int | None = None) -> Claim:
    """Undo a merge: the claim is checked on its own again."""
    permission_require(user, "claims.assign_claim")
    to = claim_unmerge_to(claim=claim)
    if to is None:
        raise WorkflowError(
            "Only a merge can be undone here; a claim linked by a match is unlinked with "
            "Not the same."
            if claim.status == Status.DUPLICATE
            else f"This claim is {claim.get_status_display()}, not a duplicate."
        )
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.DUPLICATE},
        to=to,
        action=Event.Action.UNMERGE,
        note=f"Was a duplicate of claim {claim.canonical_id}",
        canonical=None,
    )


def _require_researcher(claim: Claim, user) -> None:
    """Sources and verdicts come from the claim's researcher, or, once it is published,
    from any reviewer proposing a correction."""
    permission_require(user, "claims.research_claim")
    if claim.status == Status.IN_RESEARCH:
        if claim.assignee_id != user.pk:
            raise PermissionDenied("Only the reviewer researching this claim can do this.")
    elif claim.status != Status.PUBLISHED:
        raise WorkflowError(
            f"Sources and verdicts are added while a claim is in research; "
            f"this one is {claim.get_status_display()}."
        )


@transaction.atomic
def source_add(*, claim: Claim, user, **fields) -> Source:
    _require_researcher(claim, user)
    permission_require(user, "reviews.add_source")
    source = Source(claim=claim, added_by=user, **fields)
    source.full_clean()
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        raise ValidationError({"url": "This source is already attached to the claim."}) from None
    event_record(claim=claim, user=user, action=Event.Action.SOURCE_ADDED, to_value=source.url)
    draft_clear(claim=claim, user=user, form=Draft.Form.SOURCE)
    return source


def _require_own_source(source: Source, user, permission: str) -> None:
    permission_require(user, permission)
    if source.added_by_id != user.pk:
        raise PermissionDenied("Only the person who added a source can change or remove it.")
    if source.verdicts.exclude(status=Verdict.Status.SENT_BACK).exists():
        raise WorkflowError("A verdict rests on this source; it can no longer be changed.")


@transaction.atomic
def source_update(*, source: Source, user, **fields) -> Source:
    _require_own_source(source, user, "reviews.change_source")
    for name, value in fields.items():
        setattr(source, name, value)
    source.full_clean()
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        raise ValidationError({"url": "This source is already attached to the claim."}) from None
    event_record(
        claim=source.claim, user=user, action=Event.Action.SOURCE_CHANGED, to_value=source.url
    )
    draft_clear(claim=source.claim, user=user, form=Draft.Form.SOURCE_EDIT, source=source)
    return source


@transaction.atomic
def source_delete(*, source: Source, user) -> None:
    _require_own_source(source, user, "reviews.delete_source")
    event_record(
        claim=source.claim, user=user, action=Event.Action.SOURCE_REMOVED, from_value=source.url
    )
    source.delete()


@transaction.atomic
def note_add(*, claim: Claim, user, text: str) -> Event:
    permission_require(user, "claims.research_claim")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the note first."})
    draft_clear(claim=claim, user=user, form=Draft.Form.NOTE)
    return event_record(claim=claim, user=user, action=Event.Action.NOTE, note=text)


@transaction.atomic
def verdict_propose(
    *,
    claim: Claim,
    user,
    rating: Rating,
    summary: str,
    sources=(),
    no_source_reason: str = "",
    correction_note: str = "",
    version: int | None = None,
) -> Verdict:
    """Propose a verdict for approval. On a published claim this is a correction, saying
    what it changes (``correction_note``): the published verdict stands until the new one is
    approved, and then stays in the claim's history. A verdict rests on sources, or says why
    it needs none (``no_source_reason``), for the editor to judge."""
    _require_researcher(claim, user)
    permission_require(user, "reviews.add_verdict")
    if version is not None and version != claim.version:
        raise StaleClaim(claim)  # before what the form lacks: it may be someone else's doing
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": "Say in a sentence or two what the evidence shows."})
    no_source_reason = "" if sources else no_source_reason.strip()
    if not sources and not no_source_reason:
        raise ValidationError(
            {
                "no_source_reason": "Tick the sources this verdict rests on, or say why it "
                "needs none (“No source needed: …”)."
            }
        )
    foreign = [source for source in sources if source.claim_id != claim.pk]
    if foreign:
        raise ValidationError({"sources": "A verdict can only rest on this claim's sources."})
    corrects = None
    if claim.status == Status.PUBLISHED:
        corrects = claim.verdicts.filter(status=Verdict.Status.PUBLISHED).order_by("-id").first()
        correction_note = correction_note.strip()
        if not correction_note:
            raise ValidationError(
                {"correction_note": "Say what the correction changes: readers see it with it."}
            )
    claim = claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.IN_RESEARCH, Status.PUBLISHED},
        to=Status.AWAITING_APPROVAL,
        action=Event.Action.PROPOSE_VERDICT,
        note=f"{rating.label}: {summary}",
    )
    verdict = Verdict(
        claim=claim,
        rating=rating,
        summary=summary,
        no_source_reason=no_source_reason,
        corrects=corrects,
        correction_note=correction_note if corrects else "",
        author=user,
    )
    verdict.label_rating()
    verdict.save()
    verdict.sources.set(sources)
    draft_clear(claim=claim, user=user, form=Draft.Form.VERDICT)
    return verdict


def _awaiting(verdict: Verdict, user) -> None:
    permission_require(user, "reviews.approve_verdict")
    if verdict.status != Verdict.Status.AWAITING_APPROVAL:
        raise WorkflowError(
            f"This verdict is {verdict.get_status_display()}, not awaiting approval."
        )


@transaction.atomic
def verdict_approve(*, verdict: Verdict, user, version: int | None = None) -> Verdict:
    """Publish a verdict. Nobody approves a verdict they proposed."""
    _awaiting(verdict, user)
    if verdict.author_id == user.pk:
        raise PermissionDenied("You proposed this verdict; another editor must approve it.")
    claim_move(
        verdict.claim,
        user=user,
        version=version,
        allowed_from={Status.AWAITING_APPROVAL},
        to=Status.PUBLISHED,
        action=Event.Action.CORRECT if verdict.corrects_id else Event.Action.APPROVE,
        note=verdict.correction_note,
    )
    if verdict.corrects_id:
        # The correction replaces what it corrects: one published verdict per claim.
        Verdict.objects.filter(pk=verdict.corrects_id, status=Verdict.Status.PUBLISHED).update(
            status=Verdict.Status.CORRECTED
        )
    verdict.status = Verdict.Status.PUBLISHED
    verdict.approved_by = user
    verdict.approved_at = timezone.now()
    verdict.label_rating()
    verdict.save(
        update_fields=["status", "approved_by", "approved_at", "rating_label", "rating_value"]
    )
    return verdict


@transaction.atomic
def verdict_send_back(*, verdict: Verdict, user, note: str, version: int | None = None) -> Verdict:
    """Return a verdict to its author with a note saying what is missing."""
    _awaiting(verdict, user)
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Say what needs to change before it can be approved."})
    claim = verdict.claim
    back_to = Status.IN_RESEARCH
    if claim.verdicts.filter(status=Verdict.Status.PUBLISHED).exists():
        back_to = Status.PUBLISHED  # a correction sent back leaves the published verdict standing
    claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.AWAITING_APPROVAL},
        to=back_to,
        action=Event.Action.SEND_BACK,
        note=note,
    )
    verdict.status = Verdict.Status.SENT_BACK
    verdict.save(update_fields=["status"])
    return verdict


@transaction.atomic
def verdict_unpublish(
    *, verdict: Verdict, user, reason: str, version: int | None = None
) -> Verdict:
    """Withdraw a published verdict from every export, saying why. Its claim goes back to
    research with its reviewer (or to Check-worthy if it has none), to be checked again."""
    permission_require(user, "reviews.approve_verdict")
    if verdict.status != Verdict.Status.PUBLISHED:
        raise WorkflowError(f"This verdict is {verdict.get_status_display()}, not published.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the verdict is unpublished."})
    claim = verdict.claim
    if claim.status == Status.AWAITING_APPROVAL:
        raise WorkflowError(
            "A correction of this verdict is awaiting approval: approve it or send it back first."
        )
    claim_move(
        claim,
        user=user,
        version=version,
        allowed_from={Status.PUBLISHED},
        to=Status.IN_RESEARCH if claim.assignee_id else Status.CHECK_WORTHY,
        action=Event.Action.UNPUBLISH,
        note=reason,
    )
    verdict.status = Verdict.Status.WITHDRAWN
    verdict.withdrawn_at = timezone.now()
    verdict.withdrawn_by = user
    verdict.withdrawal_reason = reason
    verdict.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return verdict


def draft_save(
    *, claim: Claim, user, form: str, data, source: Source | None = None
) -> Draft | None:
    """Keep what ``user`` has typed so far into ``form`` of ``claim`` (``data``: the form's
    raw values, a QueryDict or a dict of lists; ``source``: the source an edit form is
    of). Only the form's own fields are kept; a form with nothing typed in it leaves no
    draft."""
    permission_require(user, "claims.research_claim")
    form = Draft.Form(form)
    if (form == Draft.Form.SOURCE_EDIT) != (source is not None):
        raise ValueError("a source edit draft needs its source, and only it has one")
    if source is not None:
        _require_own_source(source, user, "reviews.change_source")
    kept = {}
    for name in Draft.FIELDS[form]:
        values = [value for value in data.getlist(name) if value.strip()]
        if values:
            kept[name] = values if name in Draft.MULTIPLE else values[-1]
    if not kept:
        draft_clear(claim=claim, user=user, form=form, source=source)
        return None
    draft, _ = Draft.objects.update_or_create(
        claim=claim, author=user, form=form, source=source, defaults={"data": kept}
    )
    return draft


def draft_clear(*, claim: Claim, user, form: str, source: Source | None = None) -> None:
    Draft.objects.filter(claim=claim, author=user, form=form, source=source).delete()


class DuplicateSavedSearch(Exception):
    """The reviewer already has a saved search of that name."""


def saved_search_create(*, owner, name: str, query: str) -> SavedSearch:
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(owner=owner, name=name, query=query)
    except IntegrityError:  # the unique (owner, name) constraint, also under a race
        raise DuplicateSavedSearch(name) from None


def saved_search_delete(*, owner, saved_search_id: int) -> bool:
    """Delete one of the owner's saved searches; another's is as if it did not exist."""
    deleted, _ = SavedSearch.objects.filter(owner=owner, pk=saved_search_id).delete()
    return bool(deleted)
