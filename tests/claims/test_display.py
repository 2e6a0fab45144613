"""Scores and figures as a checker reads them: enough digits to rank, years as years."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.claims.templatetags.claims import figure, score
from tests.factories import ClaimFactory


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.5, "0.50"),
        (0.934, "0.93"),
        (0.996, "0.996"),
        (0.9996, "0.9996"),
        (0.99961, "0.9996"),
        (0.999999999, "0.999999"),
        (0.0004, "0.0004"),
        (1.0, "1.00"),
        (0.0, "0.00"),
        (None, ""),
    ],
)
def test_a_score_shows_enough_digits_to_tell_it_from_its_neighbours(value, shown):
    assert score(value) == shown


def test_scores_near_one_never_read_alike_when_they_differ():
    values = [0.991, 0.995, 0.9991, 0.9995, 0.99991, 0.99999]
    shown = [score(value) for value in values]
    assert len(set(shown)) == len(values)
    assert "1.00" not in shown
    assert [float(text) for text in shown] == sorted(float(text) for text in shown)


def test_a_year_reads_as_a_year_and_an_amount_with_its_value():
    assert figure({"text": "2014", "value": 2014, "unit": "year"}) == "2014 (year)"
    money = {"text": "$600m", "value": 600_000_000, "currency": "USD", "unit": ""}
    assert figure(money) == "$600m = 600,000,000 USD"
    assert figure({"text": "18,000 guns", "value": 18000, "unit": "guns"}) == (
        "18,000 guns = 18,000 guns"
    )


@pytest.mark.django_db
def test_the_claim_page_shows_the_year_and_a_rankable_score(reviewer_client):
    claim = ClaimFactory(
        score=0.99962,
        figures=[{"text": "2014", "value": 2014, "currency": "", "unit": "year"}],
    )
    response = reviewer_client.get(reverse("reviews:claim", args=[claim.pk]))
    assert response.status_code == 200
    assert "2014 (year)" in response.text
    assert "2,014" not in response.text
    assert "0.9996" in response.text


@pytest.mark.django_db
def test_the_triage_queue_ranks_saturated_scores_visibly(reviewer_client):
    ClaimFactory(score=0.9991)
    ClaimFactory(score=0.9997)
    response = reviewer_client.get(reverse("reviews:triage"))
    assert response.text.index("0.9997") < response.text.index("0.9991")
    assert "1.00" not in response.text


def _row_reasons(html: str, claim) -> str:
    row = html[html.index(f'id="triage-row-{claim.pk}"') :]
    return row[row.index('<select name="reason"') : row.index("</select>")]


_OFFERED = "".join(
    f'<option value="{value}">{label}</option>'
    for value, label in Claim.NonClaimReason.choices
    if value != Claim.NonClaimReason.OTHER
)


@pytest.mark.django_db
def test_each_triage_row_offers_every_reason_but_other_for_not_a_claim(reviewer_client):
    first, second = ClaimFactory(), ClaimFactory()
    page = reviewer_client.get(reverse("reviews:triage")).text
    for claim in (first, second):
        assert _row_reasons(page, claim).endswith(
            f'<option value="">Why not a claim</option>{_OFFERED}'
        )


@pytest.mark.django_db
def test_a_row_swapped_in_by_htmx_after_undo_offers_the_same_reasons(reviewer_client):
    claim = ClaimFactory()
    htmx = {"HX-Request": "true"}
    reviewer_client.post(
        reverse("reviews:triage_decide", args=[claim.pk]),
        {"decision": "check_worthy", "version": claim.version},
        headers=htmx,
    )
    claim.refresh_from_db()
    row = reviewer_client.post(
        reverse("reviews:triage_undo", args=[claim.pk]), {"version": claim.version}, headers=htmx
    )
    assert row.status_code == 200
    assert "<html" not in row.text
    assert _row_reasons(row.text, claim).endswith(
        f'<option value="">Why not a claim</option>{_OFFERED}'
    )
