"""The claim page after Next claim: at its top, focus on its heading, the claim in view."""

import re

import pytest
from playwright.sync_api import expect

from factcheck.claims.models import Claim
from tests.browser.steps import log_in
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLAIM = "The ministry said 4,000 shelters had opened in the east since March."


def test_the_claim_page_opens_at_its_top_with_the_claim_in_view_in_its_article(page, reviewer):
    # A long article with the claim near its end: bringing it into view must not scroll
    # the page away from the message and the heading.
    filler = "Officials met again on Tuesday to discuss the plans in detail.\n\n" * 80
    article = ArticleFactory(title="Shelters in the east", body=filler + CLAIM)
    start = article.body.index(CLAIM)
    claim = ClaimFactory(
        article=article,
        start=start,
        end=start + len(CLAIM),
        status=Claim.Status.CHECK_WORTHY,
        score=0.9,
    )

    log_in(page, reviewer, start="/my-claims/")
    page.get_by_role("button", name="Next claim").click()

    expect(page).to_have_url(re.compile(rf"/claims/{claim.pk}/$"))
    heading = page.get_by_role("heading", name=CLAIM, level=1)
    expect(heading).to_be_focused()
    expect(page.get_by_role("status")).to_be_in_viewport()
    expect(heading).to_be_in_viewport()
    assert page.evaluate("window.scrollY") == 0
    article_box = page.get_by_role("region", name="The claim in its article")
    assert article_box.evaluate("box => box.scrollTop") > 0
    expect(article_box.locator(".claim-span.current")).to_be_in_viewport()
