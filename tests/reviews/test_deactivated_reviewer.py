import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event
from factcheck.reviews.services import claims_hand_over
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory, VerdictFactory

pytestmark = pytest.mark.django_db

Status = Claim.Status
CHANGELIST = reverse("admin:auth_user_changelist")


def _researching(holder, count=2):
    return [ClaimFactory(status=Status.IN_RESEARCH, assignee=holder) for _ in range(count)]


def _hand_over(client, holders, **data):
    return client.post(
        CHANGELIST,
        {"action": "hand_over_claims", "_selected_action": [h.pk for h in holders], **data},
    )


def test_deactivating_a_reviewer_who_holds_claims_warns_and_names_the_action(staff_client):
    holder = ReviewerFactory(username="hugo")
    _researching(holder)
    change = reverse("admin:auth_user_change", args=[holder.pk])
    form = staff_client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.pop("is_active")
    data.update(
        date_joined_0=holder.date_joined.strftime("%Y-%m-%d"),
        date_joined_1=holder.date_joined.strftime("%H:%M:%S"),
    )
    data = {key: value for key, value in data.items() if key not in {"date_joined", "last_login"}}

    response = staff_client.post(change, data, follow=True)

    holder.refresh_from_db()
    assert not holder.is_active
    warnings = [m.message for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "hugo is deactivated and still holds 2 claim(s) in research. Tick hugo in the user "
        'list and choose "Hand the claims they research to another reviewer".'
    ]


def test_the_hand_over_step_lists_what_each_holds_before_anything_moves(staff_client):
    holder = ReviewerFactory(username="hugo", is_active=False)
    _researching(holder, count=3)

    response = _hand_over(staff_client, [holder])

    assert response.status_code == 200
    assert "hugo (deactivated): 3 claims in research" in response.text
    assert Claim.objects.filter(assignee=holder).count() == 3


def test_handing_over_gives_every_claim_to_the_reviewer_chosen_with_an_event_each(staff_client):
    holder = ReviewerFactory(username="hugo", is_active=False)
    claims = _researching(holder)
    finished = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=holder)
    taker = ReviewerFactory(username="tara")

    response = _hand_over(staff_client, [holder], assignee=taker.pk, apply="1", follow=True)

    assert response.status_code == 302
    for claim in claims:
        claim.refresh_from_db()
        assert (claim.assignee, claim.status) == (taker, Status.IN_RESEARCH)
    notes = Event.objects.filter(action=Event.Action.ASSIGN).values_list("note", flat=True)
    assert list(notes) == ["Assigned to tara (was hugo)"] * 2
    finished.refresh_from_db()
    assert finished.assignee == holder  # a proposed verdict stays its author's


@pytest.mark.parametrize("assignee", ["", "abc", "9" * 30, "-1"])
def test_a_bad_choice_of_reviewer_shows_the_step_again_and_moves_nothing(staff_client, assignee):
    holder = ReviewerFactory(username="hugo", is_active=False)
    _researching(holder)

    response = _hand_over(staff_client, [holder], assignee=assignee, apply="1")

    assert response.status_code == 200
    assert "errorlist" in response.text
    assert Claim.objects.filter(assignee=holder).count() == 2
    assert not Event.objects.filter(action=Event.Action.ASSIGN).exists()


def test_an_inactive_reviewer_cannot_be_chosen_to_take_claims(staff_client):
    holder = ReviewerFactory(username="hugo", is_active=False)
    _researching(holder)
    gone = ReviewerFactory(username="gone", is_active=False)

    response = _hand_over(staff_client, [holder], assignee=gone.pk, apply="1")

    assert "errorlist" in response.text
    assert Claim.objects.filter(assignee=holder).count() == 2


def test_a_failure_halfway_through_a_hand_over_moves_no_claim(monkeypatch, editor):
    holder = ReviewerFactory(username="hugo")
    _researching(holder, count=3)
    taker = ReviewerFactory(username="tara")
    from factcheck.reviews import services

    real_assign, calls = services.claim_assign, []

    def failing_second(**kwargs):
        calls.append(kwargs["claim"].pk)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_assign(**kwargs)

    monkeypatch.setattr(services, "claim_assign", failing_second)

    with pytest.raises(RuntimeError):
        claims_hand_over(holder=holder, assignee=taker, user=editor)

    assert Claim.objects.filter(assignee=holder).count() == 3
    assert not Event.objects.filter(action=Event.Action.ASSIGN).exists()


def test_the_approval_queue_and_the_claim_page_say_when_a_person_is_deactivated(editor_client):
    author = ReviewerFactory(username="hugo")
    verdict = VerdictFactory(author=author, claim__status=Status.AWAITING_APPROVAL,
                             claim__assignee=author)  # fmt: skip
    get_user_model().objects.filter(pk=author.pk).update(is_active=False)

    approvals = editor_client.get(reverse("reviews:approvals")).text
    page = editor_client.get(verdict.claim.get_absolute_url()).text

    assert "Proposed by hugo <strong>(deactivated)</strong>" in approvals
    assert "hugo <strong>(deactivated: assign it to someone else)</strong>" in page


def test_a_reviewer_cannot_hand_over_claims(client):
    reviewer = ReviewerFactory(username="rita", is_staff=True)
    EditorFactory(username="eddie")
    client.force_login(reviewer)

    assert _hand_over(client, [reviewer]).status_code in (302, 403)
