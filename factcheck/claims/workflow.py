"""The claim workflow's core: a status move with its version check and audit event.

Every app that moves a claim (reviews, matching) goes through ``claim_move``, so a move is
checked, versioned and audited the same way wherever it starts.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event

Status = Claim.Status


class WorkflowError(Exception):
    """A move the workflow refuses; the message is for the person who tried it."""


class StaleClaim(WorkflowError):
    """Someone else changed the claim since the actor loaded it."""

    def __init__(self, claim: Claim):
        self.claim = claim
        super().__init__(
            f"Someone else changed this claim while you were looking at it: it is now "
            f"{claim.get_status_display()}"
            + (f", with {claim.assignee}" if claim.assignee_id else "")
            + ". Nothing you did was saved; check its current state and try again."
        )


def permission_require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to do this ({permission}).")


def event_record(
    *,
    claim: Claim | None,
    user,
    action: Event.Action,
    from_value: object = "",
    to_value: object = "",
    note: str = "",
) -> Event:
    """Append one event to the audit trail."""
    return Event.objects.create(
        claim=claim,
        actor=user,
        action=action,
        from_value=str(from_value)[:200],
        to_value=str(to_value)[:200],
        note=note,
    )


def claim_move(
    claim: Claim,
    *,
    user,
    version: int | None,
    allowed_from: set[str],
    to: str,
    action: Event.Action,
    note: str = "",
    **changes,
) -> Claim:
    """Move ``claim`` to status ``to`` if it is in ``allowed_from`` and still at ``version``,
    and record the move as an event.

    Callers check the actor's permission first and run it inside their transaction. The
    update is one conditional UPDATE: of two concurrent moves exactly one matches.
    """
    if version is not None and version != claim.version:
        raise StaleClaim(claim)
    if claim.status not in allowed_from:
        raise WorkflowError(
            f"This claim is {claim.get_status_display()}; it cannot be moved to "
            f"{Status(to).label} from there."
        )
    expected = claim.version if version is None else version
    updated = Claim.objects.filter(pk=claim.pk, version=expected, status=claim.status).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        claim.refresh_from_db()
        raise StaleClaim(claim)
    from_status = claim.status
    claim.refresh_from_db()
    event_record(
        claim=claim, user=user, action=action, from_value=from_status, to_value=to, note=note
    )
    return claim


def claim_lock(claim: Claim, *, version: int | None) -> Claim:
    """The claim's row, locked until the transaction ends and read again; refused as stale
    if someone changed it since ``version``."""
    current = Claim.objects.select_for_update().filter(pk=claim.pk).first()
    if current is None:
        raise WorkflowError("This claim is no longer there: it was merged into another one.")
    if version is not None and version != current.version:
        raise StaleClaim(current)
    return current


def correction_require(user, claim: Claim) -> None:
    """Reviewers correct claims that are New or assigned to them, editors any claim not yet
    Published; nobody changes a Published claim (its verdict is public)."""
    permission_require(user, "claims.triage_claim")
    if claim.status == Status.PUBLISHED:
        raise WorkflowError(
            "This claim is Published: its verdict is public, so the claim cannot be "
            "corrected. An editor must send it back first."
        )
    if user.has_perm("claims.assign_claim"):
        return
    if claim.status != Status.NEW and claim.assignee_id != user.pk:
        raise PermissionDenied(
            "Reviewers correct claims that are New or assigned to them; ask an editor."
        )


def correction_allowed(user, claim: Claim) -> bool:
    """Whether ``correction_require`` would let ``user`` correct ``claim`` (for screens)."""
    try:
        correction_require(user, claim)
    except (PermissionDenied, WorkflowError):
        return False
    return True
