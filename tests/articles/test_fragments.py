"""The article page's marked text and claim list are cached by what they show."""

import pytest
from django.test.signals import template_rendered
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.reviews.models import Verdict
from tests.factories import ArticleFactory, ClaimFactory, EditorFactory, VerdictFactory

pytestmark = pytest.mark.django_db
BODY = "Alpha said one. Beta said two.\n\nGamma said three."


@pytest.fixture
def rendered_bodies():
    rendered = []

    def record(sender, template, context, **kwargs):
        if (
            template.origin.template_name == "articles/article_detail.html"
            and template.name == "body"
        ):
            rendered.append(context["article"].pk)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


@pytest.fixture
def article():
    article = ArticleFactory(body=BODY)
    ClaimFactory(article=article, start=0, end=15, text="Alpha said one.")
    ClaimFactory(article=article, start=16, end=30, text="Beta said two.")
    return article


def page(client, article) -> str:
    return client.get(article.get_absolute_url()).text


def body_of(html: str) -> str:
    return html[html.index('<section class="article-body"') : html.index("</aside>")]


def test_a_reload_serves_the_marked_text_without_rendering_it_again(
    reviewer_client, article, rendered_bodies
):
    first = page(reviewer_client, article)
    second = page(reviewer_client, article)

    assert rendered_bodies == [article.pk]
    assert body_of(first) == body_of(second)
    assert "2 claims" in second and 'id="claim-item-' in second


def test_a_claims_new_status_shows_at_once(reviewer_client, article):
    claim = article.claims.get(start=0)
    assert "status-check_worthy" not in page(reviewer_client, article)

    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.CHECK_WORTHY)

    assert "status-check_worthy" in page(reviewer_client, article)


def test_a_verdict_published_on_the_canonical_claim_shows_at_once(reviewer_client, article):
    claim = article.claims.get(start=0)
    canonical = ClaimFactory(status=Claim.Status.PUBLISHED)
    Claim.objects.filter(pk=claim.pk).update(canonical=canonical)
    verdict = VerdictFactory(claim=canonical, status=Verdict.Status.AWAITING_APPROVAL)
    assert "Verdict from" not in page(reviewer_client, article)

    Verdict.objects.filter(pk=verdict.pk).update(
        status=Verdict.Status.PUBLISHED, approved_by=EditorFactory(), approved_at=timezone.now()
    )

    assert f'Verdict from <a href="/claims/{canonical.pk}/">' in page(reviewer_client, article)
