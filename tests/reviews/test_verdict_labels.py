"""A verdict keeps the rating's words it was published with: renaming a rating later
relabels neither the verdict nor its exports."""

import json

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.reports.formats import FORMATS, export_verdicts
from factcheck.reports.selectors import VerdictSelection
from factcheck.reviews import services
from factcheck.reviews.models import Rating, Verdict
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unproven():
    return Rating.objects.get(label="Unproven")  # of the default scale


def propose(claim, reviewer, rating):
    return services.verdict_propose(
        claim=claim, user=reviewer, rating=rating, summary="No data.", no_source_reason="None."
    )


def exported(fmt: str) -> str:
    return "".join(export_verdicts(fmt=FORMATS[fmt], selection=VerdictSelection()))


def rename(staff_client, rating: Rating, label: str) -> None:
    url = reverse("admin:reviews_rating_change", args=[rating.pk])
    response = staff_client.post(
        url,
        {
            "label": label, "slug": rating.slug, "position": rating.position,
            "rating_value": rating.rating_value or "", "colour": rating.colour,
            "description": rating.description,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_renaming_a_rating_keeps_the_label_a_published_verdict_went_out_with(
    staff_client, reviewer, editor, unproven
):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    services.verdict_approve(verdict=propose(claim, reviewer, unproven), user=editor)

    rename(staff_client, unproven, "Unverified")

    page = staff_client.get(claim.get_absolute_url()).text
    assert '<span class="rating"><svg class="swatch"' in page  # its colour beside it
    assert "</svg> Unproven</span>" in page
    assert "</svg> Unverified</span>" not in page
    review = json.loads(exported("claimreview"))
    reviews = review if isinstance(review, list) else review.get("@graph", [review])
    assert [item["reviewRating"]["alternateName"] for item in reviews] == ["Unproven"]
    assert "Unproven" in exported("csv")
    assert "Unverified" not in exported("json")


def test_a_verdict_approved_after_a_rename_is_published_with_the_new_label(
    staff_client, reviewer, editor, unproven
):
    claim = ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    verdict = propose(claim, reviewer, unproven)
    rename(staff_client, unproven, "Unverified")

    verdict = services.verdict_approve(verdict=Verdict.objects.get(pk=verdict.pk), user=editor)

    verdict.refresh_from_db()
    assert verdict.rating_label == "Unverified"
