import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.extraction import ENGINE_VERSION
from factcheck.reviews.models import Event
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.selectors import active_scorer
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:scoring_scorerversion_changelist")


@pytest.fixture
def versions(neural_on):
    neural = ScorerVersion.objects.create(
        name="neural (shipped)",
        kind="neural",
        version=active_scorer().version,
        threshold=0.4,
        evaluation={"f1": 0.71},
        active=True,
    )
    lexical = ScorerVersion.objects.create(
        name="lexical (shipped)", kind="lexical", version=ENGINE_VERSION, threshold=0.43
    )
    return neural, lexical


def activate(client, version):
    return client.post(
        CHANGELIST, {"action": "activate", "_selected_action": [version.pk]}, follow=True
    )


def test_admin_lists_versions_with_their_evaluation(staff_client, versions):
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    assert b"0.71" in response.content


def test_switching_back_to_lexical_rescores_open_claims_and_is_audited(
    staff_client, staff, versions, django_capture_on_commit_callbacks
):
    neural, lexical = versions
    claim = ClaimFactory(score_model="neural", score_model_version=neural.version)
    with django_capture_on_commit_callbacks(execute=True):
        response = activate(staff_client, lexical)
    assert b"is active" in response.content
    assert list(ScorerVersion.objects.filter(active=True)) == [lexical]
    claim.refresh_from_db()
    assert (claim.score_model, claim.score_model_version) == ("lexical", ENGINE_VERSION)
    event = Event.objects.get(action=Event.Action.ADMIN_CHANGE)
    assert (event.actor, event.note) == (staff, "Activated")


def test_switching_to_neural_again_rescores_with_it(
    staff_client, versions, django_capture_on_commit_callbacks
):
    neural, lexical = versions
    ScorerVersion.objects.update(active=False)
    ScorerVersion.objects.filter(pk=lexical.pk).update(active=True)
    ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        activate(staff_client, neural)
    assert set(Claim.objects.values_list("score_model", flat=True)) == {"neural"}


def test_activating_two_at_once_is_refused(staff_client, versions):
    response = staff_client.post(
        CHANGELIST,
        {"action": "activate", "_selected_action": [v.pk for v in versions]},
        follow=True,
    )
    assert b"Choose one model" in response.content
    assert ScorerVersion.objects.get(active=True) == versions[0]


def test_the_database_allows_one_active_version(versions):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ScorerVersion.objects.filter(pk=versions[1].pk).update(active=True)


def test_a_reviewer_cannot_open_the_scorer_admin(reviewer_client):
    assert reviewer_client.get(CHANGELIST).status_code == 302
