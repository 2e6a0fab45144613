"""Every workflow transition, and every refusal: wrong role, wrong state, own verdict,
stale version. Each allowed move writes an event."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.claims import workflow
from factcheck.claims.models import Claim
from factcheck.reviews import services
from factcheck.reviews.models import Event, Rating, Verdict
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory, SourceFactory

pytestmark = pytest.mark.django_db
Status = Claim.Status


@pytest.fixture
def rating():
    return Rating.objects.get(slug="false")


def claim_in(status, **fields):
    return ClaimFactory(status=status, **fields)


def last_event(claim):
    return claim.events.order_by("-id").first()


# Triage -----------------------------------------------------------------------------


@pytest.mark.parametrize("decision", [Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY])
def test_reviewer_triages_a_new_claim_and_an_event_records_it(reviewer, decision):
    claim = claim_in(Status.NEW)

    claim = services.claim_triage(claim=claim, user=reviewer, decision=decision, version=1)

    assert claim.status == decision
    assert claim.version == 2
    event = last_event(claim)
    assert (event.actor, event.action, event.from_value, event.to_value) == (
        reviewer, "triage", "new", decision,
    )  # fmt: skip


def test_a_user_without_a_role_cannot_triage(outsider):
    claim = claim_in(Status.NEW)
    with pytest.raises(PermissionDenied):
        services.claim_triage(claim=claim, user=outsider, decision=Status.CHECK_WORTHY)
    assert not Event.objects.exists()


def test_triage_refuses_a_claim_that_is_no_longer_new(reviewer):
    claim = claim_in(Status.IN_RESEARCH)
    with pytest.raises(workflow.WorkflowError, match="In research"):
        services.claim_triage(claim=claim, user=reviewer, decision=Status.CHECK_WORTHY)


def test_triage_refuses_an_unknown_decision(reviewer):
    with pytest.raises(workflow.WorkflowError, match="Unknown"):
        services.claim_triage(claim=claim_in(Status.NEW), user=reviewer, decision="published")


def test_a_stale_version_is_refused_with_the_current_state_and_nothing_changes(reviewer, editor):
    claim = claim_in(Status.NEW)
    services.claim_triage(claim=claim, user=editor, decision=Status.NOT_CHECK_WORTHY, version=1)
    stale = Claim.objects.get(pk=claim.pk)
    stale.status, stale.version = Status.NEW, 1  # what the reviewer's page still shows

    with pytest.raises(workflow.StaleClaim, match="it is now Not check-worthy") as conflict:
        services.claim_triage(claim=stale, user=reviewer, decision=Status.CHECK_WORTHY, version=1)

    assert conflict.value.claim.status == Status.NOT_CHECK_WORTHY
    claim.refresh_from_db()
    assert claim.status == Status.NOT_CHECK_WORTHY
    assert claim.events.count() == 1


def test_a_reviewer_can_undo_their_own_last_triage_decision(reviewer):
    claim = services.claim_triage(
        claim=claim_in(Status.NEW), user=reviewer, decision=Status.CHECK_WORTHY
    )

    claim = services.claim_undo_triage(claim=claim, user=reviewer, version=claim.version)

    assert claim.status == Status.NEW
    assert last_event(claim).action == "undo_triage"


def test_nobody_undoes_someone_elses_decision(reviewer, editor):
    claim = services.claim_triage(
        claim=claim_in(Status.NEW), user=editor, decision=Status.CHECK_WORTHY
    )
    with pytest.raises(workflow.WorkflowError, match="your own"):
        services.claim_undo_triage(claim=claim, user=reviewer)


def test_undo_is_refused_once_someone_has_acted_since(reviewer):
    claim = services.claim_triage(
        claim=claim_in(Status.NEW), user=reviewer, decision=Status.CHECK_WORTHY
    )
    claim = services.claim_take(claim=claim, user=reviewer)
    with pytest.raises(workflow.WorkflowError):
        services.claim_undo_triage(claim=claim, user=reviewer)


# Taking and assigning -----------------------------------------------------------------


def test_taking_a_check_worthy_claim_puts_it_in_research_with_me(reviewer):
    claim = services.claim_take(claim=claim_in(Status.CHECK_WORTHY), user=reviewer)
    assert (claim.status, claim.assignee) == (Status.IN_RESEARCH, reviewer)
    assert last_event(claim).action == "take"


def test_a_claim_someone_took_cannot_be_taken_again(reviewer):
    claim = claim_in(Status.CHECK_WORTHY)
    stale = Claim.objects.get(pk=claim.pk)
    services.claim_take(claim=claim, user=ReviewerFactory())
    with pytest.raises(workflow.StaleClaim):
        services.claim_take(claim=stale, user=reviewer, version=stale.version)


def test_next_claim_hands_out_the_most_pressing_untaken_claim(reviewer):
    claim_in(Status.CHECK_WORTHY, score=0.3)
    best = claim_in(Status.CHECK_WORTHY, score=0.9, start=30, end=40)
    claim_in(Status.NEW, score=1.0, start=50, end=60)

    assert services.claim_take_next(user=reviewer) == best
    assert services.claim_take_next(user=ReviewerFactory()).score == 0.3
    assert services.claim_take_next(user=ReviewerFactory()) is None


def test_an_editor_assigns_and_reassigns_a_claim(editor, reviewer):
    other = ReviewerFactory()
    claim = services.claim_assign(
        claim=claim_in(Status.CHECK_WORTHY), user=editor, assignee=reviewer
    )
    assert (claim.status, claim.assignee) == (Status.IN_RESEARCH, reviewer)

    claim = services.claim_assign(claim=claim, user=editor, assignee=other)

    assert claim.assignee == other
    assert last_event(claim).note == f"Assigned to {other} (was {reviewer})"


def test_a_reviewer_cannot_assign(reviewer):
    with pytest.raises(PermissionDenied):
        services.claim_assign(claim=claim_in(Status.CHECK_WORTHY), user=reviewer, assignee=reviewer)


def test_claims_are_assigned_only_to_people_who_can_research(editor, outsider):
    with pytest.raises(workflow.WorkflowError, match="cannot research"):
        services.claim_assign(claim=claim_in(Status.CHECK_WORTHY), user=editor, assignee=outsider)


def test_an_editor_merges_a_claim_into_its_canonical_claim(editor):
    canonical = claim_in(Status.CHECK_WORTHY)
    duplicate = claim_in(Status.NEW)

    duplicate = services.claim_merge(claim=duplicate, canonical=canonical, user=editor)

    assert (duplicate.status, duplicate.canonical) == (Status.DUPLICATE, canonical)
    with pytest.raises(workflow.WorkflowError, match="itself"):
        services.claim_merge(claim=canonical, canonical=canonical, user=editor)


def test_merging_into_a_duplicate_points_at_its_canonical_claim(editor):
    canonical = claim_in(Status.CHECK_WORTHY)
    first = services.claim_merge(claim=claim_in(Status.NEW), canonical=canonical, user=editor)
    second = services.claim_merge(claim=claim_in(Status.NEW), canonical=first, user=editor)
    assert second.canonical == canonical


# Sources and notes --------------------------------------------------------------------


def test_the_researcher_adds_a_source_and_a_duplicate_url_is_refused(reviewer):
    claim = claim_in(Status.IN_RESEARCH, assignee=reviewer)
    source = services.source_add(
        claim=claim, user=reviewer, url="https://gov.ua/guns", title="Ministry statement"
    )
    assert source.added_by == reviewer
    assert last_event(claim).action == "source_added"
    with pytest.raises(ValidationError, match="already attached"):
        services.source_add(claim=claim, user=reviewer, url="https://gov.ua/guns")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.org/a", "not a url", ""])
def test_a_source_url_must_be_a_web_address(reviewer, url):
    claim = claim_in(Status.IN_RESEARCH, assignee=reviewer)
    with pytest.raises(ValidationError):
        services.source_add(claim=claim, user=reviewer, url=url)
    assert not claim.sources.exists()


def test_sources_are_added_only_while_a_claim_is_in_research(reviewer):
    with pytest.raises(workflow.WorkflowError, match="in research"):
        services.source_add(claim=claim_in(Status.NEW), user=reviewer, url="https://a.org")


def test_only_the_person_who_added_a_source_changes_or_removes_it(reviewer):
    source = SourceFactory(claim=claim_in(Status.IN_RESEARCH, assignee=reviewer))
    with pytest.raises(PermissionDenied):
        services.source_update(source=source, user=reviewer, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.source_delete(source=source, user=reviewer)

    services.source_update(source=source, user=source.added_by, title="Better title")
    services.source_delete(source=source, user=source.added_by)
    assert not source.claim.sources.exists()
    assert [e.action for e in source.claim.events.all()] == ["source_changed", "source_removed"]


def test_a_note_needs_text(reviewer):
    claim = claim_in(Status.IN_RESEARCH)
    with pytest.raises(ValidationError):
        services.note_add(claim=claim, user=reviewer, text="   ")
    assert services.note_add(claim=claim, user=reviewer, text="Called the ministry").note


# Verdicts -----------------------------------------------------------------------------


def propose(claim, user, rating, **kwargs):
    if not kwargs.get("sources"):
        kwargs.setdefault("no_source_reason", "The figure is in the ministry's own release.")
    return services.verdict_propose(
        claim=claim, user=user, rating=rating, summary="Ministry figures say 10,000.", **kwargs
    )


def test_the_researcher_proposes_a_verdict_on_their_sources(reviewer, rating):
    claim = claim_in(Status.IN_RESEARCH, assignee=reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer)

    verdict = propose(claim, reviewer, rating, sources=[source])

    claim.refresh_from_db()
    assert claim.status == Status.AWAITING_APPROVAL
    assert verdict.status == Verdict.Status.AWAITING_APPROVAL
    assert list(verdict.sources.all()) == [source]
    assert last_event(claim).action == "propose_verdict"


def test_only_the_assigned_researcher_proposes_a_verdict(reviewer, rating):
    claim = claim_in(Status.IN_RESEARCH, assignee=ReviewerFactory())
    with pytest.raises(PermissionDenied):
        propose(claim, reviewer, rating)


def test_a_verdict_cannot_rest_on_another_claims_source(reviewer, rating):
    claim = claim_in(Status.IN_RESEARCH, assignee=reviewer)
    with pytest.raises(ValidationError, match="this claim's sources"):
        propose(claim, reviewer, rating, sources=[SourceFactory()])
    claim.refresh_from_db()
    assert claim.status == Status.IN_RESEARCH


def test_a_verdict_needs_a_summary(reviewer, rating):
    claim = claim_in(Status.IN_RESEARCH, assignee=reviewer)
    with pytest.raises(ValidationError):
        services.verdict_propose(claim=claim, user=reviewer, rating=rating, summary=" ")


def awaiting(reviewer, rating):
    claim = claim_in(Status.IN_RESEARCH, assignee=reviewer)
    return propose(claim, reviewer, rating)


def test_an_editor_approves_and_publishes(reviewer, editor, rating):
    verdict = services.verdict_approve(verdict=awaiting(reviewer, rating), user=editor)

    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PUBLISHED
    assert verdict.approved_by == editor
    assert verdict.approved_at is not None
    assert verdict.claim.status == Status.PUBLISHED
    assert last_event(verdict.claim).action == "approve"


def test_editor_cannot_approve_own_verdict(editor, rating):
    claim = claim_in(Status.IN_RESEARCH, assignee=editor)
    verdict = propose(claim, editor, rating)
    with pytest.raises(PermissionDenied, match="another editor"):
        services.verdict_approve(verdict=verdict, user=editor)


def test_a_reviewer_cannot_approve(reviewer, rating):
    verdict = awaiting(ReviewerFactory(), rating)
    with pytest.raises(PermissionDenied):
        services.verdict_approve(verdict=verdict, user=reviewer)


def test_send_back_needs_a_note_and_returns_the_claim_to_research(reviewer, editor, rating):
    verdict = awaiting(reviewer, rating)
    with pytest.raises(ValidationError):
        services.verdict_send_back(verdict=verdict, user=editor, note="")

    services.verdict_send_back(verdict=verdict, user=editor, note="Which ministry?")

    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SENT_BACK
    assert verdict.claim.status == Status.IN_RESEARCH
    assert last_event(verdict.claim).note == "Which ministry?"


def test_an_approved_verdict_cannot_be_approved_or_sent_back_again(reviewer, editor, rating):
    verdict = services.verdict_approve(verdict=awaiting(reviewer, rating), user=editor)
    with pytest.raises(workflow.WorkflowError, match="not awaiting approval"):
        services.verdict_approve(verdict=verdict, user=EditorFactory())
    with pytest.raises(workflow.WorkflowError):
        services.verdict_send_back(verdict=verdict, user=EditorFactory(), note="no")


def test_an_approved_correction_replaces_the_published_verdict_which_stays_in_history(
    reviewer, editor, rating
):
    first = services.verdict_approve(verdict=awaiting(reviewer, rating), user=editor)
    claim = Claim.objects.get(pk=first.claim_id)
    true = Rating.objects.get(slug="true")

    correction = services.verdict_propose(
        claim=claim,
        user=reviewer,
        rating=true,
        summary="New figures came out.",
        no_source_reason="The ministry's new release.",
        correction_note="The ministry revised its figure.",
    )
    assert correction.corrects == first
    first.refresh_from_db()
    assert first.status == Verdict.Status.PUBLISHED  # untouched while the correction waits
    services.verdict_approve(verdict=correction, user=EditorFactory())

    assert list(claim.verdicts.values_list("status", "rating__slug").order_by("id")) == [
        ("corrected", "false"),
        ("published", "true"),
    ]
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    assert (last_event(claim).action, last_event(claim).note) == (
        "correct",
        "The ministry revised its figure.",
    )


def test_a_correction_says_what_it_changes(reviewer, editor, rating):
    first = services.verdict_approve(verdict=awaiting(reviewer, rating), user=editor)
    claim = Claim.objects.get(pk=first.claim_id)
    with pytest.raises(ValidationError, match="what the correction changes"):
        propose(claim, reviewer, rating, correction_note="  ")


def test_a_correction_sent_back_leaves_the_claim_published(reviewer, editor, rating):
    first = services.verdict_approve(verdict=awaiting(reviewer, rating), user=editor)
    claim = Claim.objects.get(pk=first.claim_id)
    correction = propose(claim, reviewer, rating, correction_note="New figures.")

    services.verdict_send_back(verdict=correction, user=editor, note="Not convincing")

    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED


def test_a_failed_transition_writes_nothing(reviewer, rating):
    claim = claim_in(Status.NEW)
    with pytest.raises(workflow.WorkflowError):
        propose(claim, reviewer, rating)
    assert not Event.objects.exists()
    assert not Verdict.objects.exists()


def test_a_claim_cannot_be_merged_into_its_own_duplicate(editor):
    canonical = claim_in(Status.CHECK_WORTHY)
    duplicate = services.claim_merge(claim=claim_in(Status.NEW), canonical=canonical, user=editor)
    with pytest.raises(workflow.WorkflowError, match="already a duplicate of this one"):
        services.claim_merge(claim=canonical, canonical=duplicate, user=editor)
    canonical.refresh_from_db()
    assert canonical.status == Status.CHECK_WORTHY
