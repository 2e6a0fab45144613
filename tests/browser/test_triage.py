"""Triage by keyboard, as a reviewer does it all day."""

import re

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim
from tests.browser.steps import log_in
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory

pytestmark = [
    pytest.mark.browser,
    # The rating scale and the roles come from data migrations: restore them after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUNS = "18,000 guns had been given to residents to defend against Russia"
AID = "the US has pledged to provide $600m in military assistance"
SHELTER = "Residents have been told to find shelter"


def claim_in(article, text: str, *, score: float, speaker: str = "") -> Claim:
    start = article.body.index(text)
    return ClaimFactory(
        article=article, start=start, end=start + len(text), score=score, speaker=speaker
    )


@pytest.fixture
def new_claims(db) -> list[Claim]:
    """Three new claims, in the order the queue shows them: most check-worthy first."""
    article = ArticleFactory(title="Ukraine arms its residents", body=ARTICLE_BODY)
    return [
        claim_in(article, GUNS, score=0.9, speaker="Ukraine"),
        claim_in(article, AID, score=0.7, speaker="the US"),
        claim_in(article, SHELTER, score=0.3),
    ]


def counts_read(page: Page, new: int, check_worthy: int, not_check_worthy: int) -> None:
    expect(page.get_by_role("list", name="Claims by status").get_by_role("listitem")).to_have_text(
        [
            f"{new} New",
            f"{check_worthy} Check-worthy",
            f"{not_check_worthy} Not check-worthy",
            "0 Not a claim",
            "0 In research",
            "0 Awaiting approval",
            "0 Published",
        ]
    )


def queue_rows(page: Page):
    return page.get_by_role("list", name="New claims, most check-worthy first").get_by_role(
        "listitem"
    )


def row_of(page: Page, claim: Claim):
    return queue_rows(page).filter(has=page.get_by_role("link", name=claim.text, exact=True))


def shows_decision(row, badge: str) -> None:
    """A decided row shows its decision and an Undo button instead of the three decisions."""
    expect(row.get_by_text(badge, exact=True)).to_be_visible()
    expect(row.get_by_role("button", name="Undo")).to_be_visible()
    expect(row.get_by_role("button", name="Check-worthy")).to_have_count(0)


def shows_choices(row) -> None:
    for decision in ("Check-worthy", "Not check-worthy", "Skip"):
        name = re.compile(f"^{re.escape(decision)}: ")
        expect(row.get_by_role("button", name=name)).to_be_visible()
    expect(row.get_by_role("button", name="Undo")).to_have_count(0)


def test_reviewer_triages_the_queue_by_keyboard(page, reviewer, new_claims, screenshot):
    guns, aid, shelter = new_claims
    log_in(page, reviewer, start="/triage/", screenshot=screenshot)

    expect(page.get_by_role("heading", name="Triage", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Triage", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(queue_rows(page)).to_have_count(3)
    expect(queue_rows(page).first).to_contain_text(guns.text)
    expect(queue_rows(page).last).to_contain_text(shelter.text)
    counts_read(page, new=3, check_worthy=0, not_check_worthy=0)
    # Focus starts on the page's heading; a decision key acts on the first claim.
    expect(page.get_by_role("heading", name="Triage", level=1)).to_be_focused()
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"
    # Lost on a full page load: proves every decision below is swapped in place by htmx.
    page.evaluate("window.stillTheSamePage = true")
    screenshot(page, "queue")

    page.keyboard.press("c")
    shows_decision(row_of(page, guns), "Check-worthy")
    expect(queue_rows(page)).to_have_count(3)
    expect(queue_rows(page).first).to_contain_text("Check-worthy")
    counts_read(page, new=2, check_worthy=1, not_check_worthy=0)
    expect(row_of(page, aid)).to_be_focused()
    screenshot(page, "check-worthy")

    page.keyboard.press("x")
    shows_decision(row_of(page, aid), "Not check-worthy")
    counts_read(page, new=1, check_worthy=1, not_check_worthy=1)
    expect(row_of(page, shelter)).to_be_focused()

    page.keyboard.press("u")
    shows_choices(row_of(page, aid))
    counts_read(page, new=2, check_worthy=1, not_check_worthy=0)
    expect(row_of(page, aid)).to_be_focused()

    page.keyboard.press("s")
    shows_decision(row_of(page, aid), "Skipped")
    counts_read(page, new=2, check_worthy=1, not_check_worthy=0)
    expect(row_of(page, shelter)).to_be_focused()
    screenshot(page, "skipped")

    page.keyboard.press("k")
    expect(row_of(page, aid)).to_be_focused()
    page.keyboard.press("k")
    expect(row_of(page, guns)).to_be_focused()
    page.keyboard.press("k")
    expect(row_of(page, guns)).to_be_focused()
    page.keyboard.press("j")
    expect(row_of(page, aid)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(row_of(page, shelter)).to_be_focused()

    help_button = page.get_by_role("button", name="Keyboard shortcuts (?)")
    page.keyboard.press("?")
    expect(page.get_by_role("region", name="Keyboard shortcuts")).to_be_visible()
    expect(help_button).to_have_attribute("aria-expanded", "true")
    screenshot(page, "shortcuts")
    page.keyboard.press("?")
    expect(page.get_by_role("region", name="Keyboard shortcuts")).to_be_hidden()
    expect(help_button).to_have_attribute("aria-expanded", "false")

    assert page.evaluate("window.stillTheSamePage") is True
    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert statuses == {guns.pk: "check_worthy", aid.pk: "new", shelter.pk: "new"}


def test_shortcuts_never_fire_while_typing_in_a_field(page, reviewer, new_claims, screenshot):
    guns, aid, _ = new_claims
    log_in(page, reviewer, start="/triage/")
    expect(page.get_by_role("heading", name="Triage", level=1)).to_be_focused()

    search = page.get_by_label("Search claims")
    search.click()
    page.keyboard.type("cxsu?")
    expect(search).to_have_value("cxsu?")
    expect(page.get_by_role("region", name="Keyboard shortcuts")).to_be_hidden()
    screenshot(page, "typing")

    # Had any letter decided a claim, its request went out before this one: leaving the
    # field and deciding by keyboard must act on the first claim, and on it alone.
    row_of(page, guns).focus()
    page.keyboard.press("x")
    shows_decision(row_of(page, guns), "Not check-worthy")
    counts_read(page, new=2, check_worthy=0, not_check_worthy=1)
    shows_choices(row_of(page, aid))
    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert list(statuses.values()).count("new") == 2
    assert statuses[guns.pk] == "not_check_worthy"


def test_keys_pressed_while_a_row_updates_are_applied_in_order_to_the_next_rows(
    page, reviewer, new_claims
):
    guns, aid, shelter = new_claims
    log_in(page, reviewer, start="/triage/")
    page.evaluate("window.stillTheSamePage = true")

    # Faster than any row can update: the second and third keys arrive mid-update.
    page.keyboard.press("c")
    page.keyboard.press("c")
    page.keyboard.press("x")

    shows_decision(row_of(page, guns), "Check-worthy")
    shows_decision(row_of(page, aid), "Check-worthy")
    shows_decision(row_of(page, shelter), "Not check-worthy")
    counts_read(page, new=0, check_worthy=2, not_check_worthy=1)
    assert page.evaluate("window.stillTheSamePage") is True
    assert [claim.status for claim in Claim.objects.order_by("-score")] == [
        Claim.Status.CHECK_WORTHY,
        Claim.Status.CHECK_WORTHY,
        Claim.Status.NOT_CHECK_WORTHY,
    ]


def test_single_key_shortcuts_can_be_turned_off_and_on_again(page, reviewer, new_claims):
    guns, _, _ = new_claims
    log_in(page, reviewer, start="/triage/")
    page.get_by_role("button", name="Keyboard shortcuts (?)").click()
    page.get_by_role("button", name="Turn keyboard shortcuts off").click()

    expect(page.get_by_role("status")).to_have_text("Keyboard shortcuts are off.")
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.keyboard.press("?")
    expect(page.get_by_role("region", name="Keyboard shortcuts")).to_be_hidden()
    shows_choices(row_of(page, guns))
    assert Claim.objects.get(pk=guns.pk).status == Claim.Status.NEW

    page.get_by_role("button", name="Keyboard shortcuts (off)").click()
    page.get_by_role("button", name="Turn keyboard shortcuts on").click()
    expect(page.get_by_role("status")).to_have_text("Keyboard shortcuts are on.")
    page.keyboard.press("c")
    shows_decision(row_of(page, guns), "Check-worthy")
