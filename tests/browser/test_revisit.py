"""Revisiting decisions in the browser: a skipped claim put back, a decided one returned to
New from its queue and from its page, each in place and without a console error."""

import re

import pytest
from playwright.sync_api import expect

from factcheck.claims.models import Claim
from factcheck.reviews.models import Event
from tests.browser.steps import log_in
from tests.browser.test_triage import AID, GUNS, SHELTER, claim_in, row_of
from tests.factories import ARTICLE_BODY, ArticleFactory


@pytest.fixture
def new_claims(db):
    article = ArticleFactory(title="Ukraine arms its residents", body=ARTICLE_BODY)
    return [
        claim_in(article, text, score=score)
        for text, score in [(GUNS, 0.9), (AID, 0.7), (SHELTER, 0.3)]
    ]


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reviewer_puts_back_a_skipped_claim_and_returns_a_decided_one_to_new(
    page,
    reviewer,
    new_claims,
    screenshot,
):
    guns, aid, _shelter = new_claims
    log_in(page, reviewer, start="/triage/")
    row_of(page, guns).get_by_role("button", name="Skip:").click()
    expect(row_of(page, guns).get_by_text("Skipped", exact=True)).to_be_visible()
    row_of(page, aid).get_by_role("button", name="Not check-worthy:").click()
    expect(row_of(page, aid).get_by_role("button", name="Undo")).to_be_visible()

    page.get_by_role("navigation", name="Queues").get_by_role(
        "link", name=re.compile("^Skipped")
    ).click()
    skipped = page.get_by_role("list", name="Skipped claims, most check-worthy first")
    expect(skipped.get_by_role("listitem")).to_have_count(1)
    page.evaluate("window.stillTheSamePage = true")
    skipped.get_by_role("button", name="Put back:").click()
    expect(skipped.get_by_text("Back in the queue")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "put-back")

    page.get_by_role("link", name="Not check-worthy", exact=True).click()
    decided = page.get_by_role("list", name="Not check-worthy claims, most check-worthy first")
    decided.get_by_role("button", name="Return to New:").click()
    expect(decided.get_by_text("Returned to New")).to_be_visible()

    page.get_by_role("link", name="New", exact=True).click()
    new = page.get_by_role("list", name="New claims, most check-worthy first")
    expect(new.get_by_role("listitem")).to_have_count(3)


def test_reviewer_returns_a_claim_to_new_from_its_page(page, reviewer, new_claims):
    guns = new_claims[0]
    log_in(page, reviewer, start="/triage/")
    row_of(page, guns).get_by_role("button", name=re.compile("^Check-worthy:")).click()
    expect(row_of(page, guns).get_by_role("button", name="Undo")).to_be_visible()

    page.goto(guns.get_absolute_url())
    page.get_by_role("button", name="Return to New").click()

    expect(page.locator("#claim-summary").get_by_text("New", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Return to New")).to_have_count(0)
    expect(page.locator("#claim-timeline")).to_contain_text("returned it to New")


def test_reviewer_selects_a_run_of_claims_and_decides_them_at_once(page, reviewer, new_claims):
    guns, aid, shelter = new_claims
    log_in(page, reviewer, start="/triage/")

    def box(claim):
        return page.get_by_role(
            "checkbox", name=re.compile("^Select: " + re.escape(claim.text[:40]))
        )

    box(guns).click()
    box(shelter).click(modifiers=["Shift"])
    expect(box(aid)).to_be_checked()
    expect(page.locator("#bulk-count")).to_have_text("3 selected")
    # v, the selection key, toggles the focused row's box; no decision key is pressed.
    page.keyboard.press("v")
    expect(page.locator("#bulk-count")).to_have_text("2 selected")
    page.keyboard.press("v")
    expect(page.locator("#bulk-count")).to_have_text("3 selected")

    page.get_by_role("button", name="Not check-worthy: selected").click()

    expect(page.get_by_text("3 claims: Not check-worthy.")).to_be_visible()
    assert set(Claim.objects.values_list("status", flat=True)) == {"not_check_worthy"}
    assert Event.objects.filter(action="triage").count() == 3
