"""The one selection behind the Reports screen, its downloads and export_verdicts."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.reports.selectors import VerdictSelection, report_verdicts, verdicts_by_rating
from factcheck.reviews.models import Verdict
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def selected(**selection) -> list[Verdict]:
    return list(report_verdicts(selection=VerdictSelection(**selection)))


def awaiting(**fields) -> Verdict:
    return VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL), **fields)


def test_published_verdicts_only_by_default(publish):
    published = publish()
    awaiting()
    assert selected() == [published]


def test_other_statuses_when_asked(publish):
    published, pending = publish(), awaiting()
    sent_back = VerdictFactory(status=Verdict.Status.SENT_BACK)
    assert set(selected(statuses=("awaiting_approval", "sent_back"))) == {pending, sent_back}
    assert set(selected(statuses=("published", "awaiting_approval"))) == {published, pending}


def test_claims_come_in_article_text_order_articles_newest_first(publish, article_with_claims):
    _, old_claims = article_with_claims(published_on=date(2022, 1, 1))
    _, new_claims = article_with_claims(published_on=date(2023, 1, 1))
    for claim in [*old_claims, *new_claims]:
        publish(claim)

    claims = [verdict.claim for verdict in selected()]

    assert claims == sorted(new_claims, key=lambda c: c.start) + sorted(
        old_claims, key=lambda c: c.start
    )


def test_a_correction_follows_the_verdict_it_corrects(publish):
    claim = ClaimFactory(status=Claim.Status.PUBLISHED)
    first = publish(claim, rating="true")
    correction = publish(claim, rating="false")
    assert selected() == [first, correction]


def test_articles_narrow_the_selection(publish):
    wanted, other = publish(), publish()
    assert selected(articles=(wanted.claim.article_id,)) == [wanted]
    assert other not in selected(articles=(wanted.claim.article_id,))


def test_ratings_narrow_the_selection(publish):
    false, true = publish(rating="false"), publish(rating="true")
    assert selected(ratings=("false",)) == [false]
    assert set(selected(ratings=("false", "true"))) == {false, true}


def test_a_published_verdict_is_dated_by_its_approval(publish):
    verdict = publish(approved_at=datetime(2024, 3, 10, 23, 30, tzinfo=UTC))
    Verdict.objects.filter(pk=verdict.pk).update(created_at=datetime(2024, 1, 1, tzinfo=UTC))

    assert selected(since=date(2024, 3, 10), until=date(2024, 3, 10)) == [verdict]
    assert selected(since=date(2024, 3, 11)) == []
    assert selected(until=date(2024, 3, 9)) == []
    assert selected(since=date(2024, 1, 1), until=date(2024, 1, 1)) == []


def test_an_unpublished_verdict_is_dated_by_its_proposal(publish):
    verdict = awaiting()
    Verdict.objects.filter(pk=verdict.pk).update(created_at=datetime(2024, 5, 2, 8, tzinfo=UTC))
    statuses = ("awaiting_approval",)
    assert selected(statuses=statuses, since=date(2024, 5, 2), until=date(2024, 5, 2)) == [verdict]
    assert selected(statuses=statuses, until=date(2024, 5, 1)) == []


def test_days_are_whole_days_in_the_site_time_zone(publish, settings):
    settings.TIME_ZONE = "Europe/Kyiv"  # UTC+2 in winter
    with timezone.override("Europe/Kyiv"):
        late = publish(approved_at=datetime(2024, 1, 31, 23, 0, tzinfo=UTC))  # 1 Feb in Kyiv
        assert selected(since=date(2024, 2, 1), until=date(2024, 2, 1)) == [late]
        assert selected(until=date(2024, 1, 31)) == []


def test_verdicts_by_rating_counts_the_selection_on_the_whole_scale(publish):
    publish(rating="false")
    publish(rating="false")
    publish(rating="true")
    awaiting()

    counts = {
        row.rating.slug: (row.count, row.share)
        for row in verdicts_by_rating(selection=VerdictSelection())
    }

    assert counts["false"] == (2, 1.0)
    assert counts["true"] == (1, 0.5)
    assert counts["unproven"] == (0, 0.0)
    assert list(counts)[:5] == ["false", "mostly-false", "half-true", "mostly-true", "true"]


def test_an_empty_selection_counts_nothing():
    assert all(row.count == 0 for row in verdicts_by_rating(selection=VerdictSelection()))
    assert ArticleFactory() and selected() == []
