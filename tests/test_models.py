"""The database keeps the data honest even when code forgets to."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews.models import Event, Rating, Source, Verdict
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EditorFactory,
    EventFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_two_articles_with_the_same_content_hash_are_refused():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Copy", body="x", content_hash=article.content_hash)


def test_an_article_needs_a_body_and_a_sha256_hash():
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="t", body="", content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="t", body="b", content_hash="short")


@pytest.mark.parametrize(
    "bad",
    [
        {"start": 10, "end": 10},
        {"start": 10, "end": 5},
        {"score": 1.5},
        {"score": -0.1},
        {"status": "approved-by-magic"},
        {"claim_type": "gossip"},
        {"status": Claim.Status.DUPLICATE},
    ],
    ids=[
        "empty-span",
        "reversed-span",
        "score-over-1",
        "score-negative",
        "status",
        "type",
        "duplicate-without-canonical",
    ],
)
def test_claim_check_constraints_refuse_bad_values(bad):
    article = ArticleFactory()
    fields = {"article": article, "text": "t", "sentence": "s", "start": 0, "end": 5, **bad}
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(**fields)


def test_two_claims_on_the_same_span_of_one_article_are_refused():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=claim.article, start=claim.start, end=claim.end)


def test_a_claim_fits_its_body_only_while_its_span_lies_inside_its_sentence():
    body = "First one. The mayor said 40 homes flooded. Last one."
    sentence = "The mayor said 40 homes flooded."
    start = body.index("40 homes")

    def fits(start: int, end: int, body: str = body) -> bool:
        return Claim(start=start, end=end, sentence=sentence).span_fits(body)

    assert fits(start, start + len("40 homes flooded"))
    assert fits(body.index(sentence), body.index(sentence) + len(sentence))
    assert not fits(start + 3, start + 3 + len("40 homes flooded"))  # off by three: past it
    assert not fits(0, len("First one"))  # another sentence's words
    assert not fits(start, start + 500)  # past the end of the body
    assert not fits(start, start + len("40 homes"), body=body.replace("mayor", "major"))


def test_a_source_url_must_be_http_or_https():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(claim=claim, url="javascript:alert(1)")
    source = Source(claim=claim, url="ftp://example.org/file")
    with pytest.raises(ValidationError):
        source.full_clean()


def test_the_same_source_url_twice_on_one_claim_is_refused():
    source = SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(claim=source.claim, url=source.url)


def test_nobody_approves_their_own_verdict():
    verdict = VerdictFactory()
    verdict.approved_by = verdict.author
    with pytest.raises(IntegrityError), transaction.atomic():
        verdict.save()


def test_a_published_verdict_must_say_who_approved_it_and_when():
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(status=Verdict.Status.PUBLISHED)


def test_a_claim_has_at_most_one_verdict_awaiting_approval():
    verdict = VerdictFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictFactory(claim=verdict.claim)
    VerdictFactory(claim=verdict.claim, status=Verdict.Status.SENT_BACK)


def test_published_verdict_with_an_approver_is_accepted():
    verdict = VerdictFactory(
        status=Verdict.Status.PUBLISHED, approved_by=EditorFactory(), approved_at=timezone.now()
    )
    assert verdict.pk


def test_events_are_append_only():
    event = EventFactory()
    event.note = "rewritten history"
    with pytest.raises(ValidationError, match="append-only"):
        event.save()
    assert Event.objects.get().note == ""


@pytest.mark.parametrize("action", [*Event.Action.values, "an_action_since_removed"])
def test_an_event_reads_as_its_action_label_or_as_stored(action):
    event = Event(action=action)
    django_display = Event._meta.get_field("action").flatchoices
    assert str(event.get_action_display()) == str(dict(django_display).get(action, action))


def test_the_default_rating_scale_exists_with_claimreview_values():
    values = dict(Rating.objects.values_list("slug", "rating_value"))
    assert values["false"] == 1
    assert values["true"] == 5
    assert values["unproven"] is None
    assert list(Rating.objects.values_list("slug", flat=True))[:2] == ["false", "mostly-false"]


def test_a_claim_others_duplicate_cannot_be_deleted_alone_but_its_article_can():
    canonical = ClaimFactory()
    duplicate = ClaimFactory(status=Claim.Status.DUPLICATE, canonical=canonical)
    with pytest.raises(RestrictedError):
        canonical.delete()
    duplicate.article.delete()
    canonical.delete()
    assert not Claim.objects.exists()
