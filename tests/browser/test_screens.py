"""Screens a person meets on a phone and with a screen reader: nothing scrolls sideways at
390 px, all text stands out from its background by at least 4.5:1 (decided rows too), and
the status counts are announced only when they change."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim
from tests.browser.steps import log_in
from tests.browser.test_triage import AID, GUNS, SHELTER, claim_in
from tests.factories import ARTICLE_BODY, ArticleFactory, SourceFactory, VerdictFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}

# A function of the page listing text below 4.5:1 against its background.
LOW_CONTRAST = (Path(__file__).parent / "low_contrast.js").read_text()


@pytest.fixture
def workday(reviewer, editor):
    """A queue with claims in each state a screen shows."""
    article = ArticleFactory(title="Ukraine arms its residents", body=ARTICLE_BODY)
    new = claim_in(article, GUNS, score=0.9, speaker="Ukraine")
    researching = claim_in(article, AID, score=0.7, speaker="the US")
    researching.status, researching.assignee = Claim.Status.AWAITING_APPROVAL, reviewer
    researching.save()
    sources = [
        SourceFactory(claim=researching, added_by=reviewer, title=title, stance=stance)
        for title, stance in [
            ("Ministry statement", "context"),
            ("Pledge transcript", "supports"),
            ("Budget line", "refutes"),
        ]
    ]
    VerdictFactory(claim=researching, author=reviewer).sources.add(*sources)
    claim_in(article, SHELTER, score=0.3)
    return {"new": new, "awaiting": researching, "article": article}


def decide_first(page: Page) -> None:
    queue = page.get_by_role("list", name="New claims, most check-worthy first")
    queue.get_by_role("button", name=re.compile("^Not check-worthy: ")).first.click()
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    expect(page.locator(".triage-row.decided:not(.htmx-settling)")).to_have_count(1)


def pages_of(workday) -> list[str]:
    return [
        "/triage/",
        workday["new"].get_absolute_url(),
        workday["awaiting"].get_absolute_url(),
        "/my-claims/",
        "/approvals/",
        "/articles/",
        workday["article"].get_absolute_url(),
        "/reports/",
    ]


def test_at_phone_width_no_screen_scrolls_sideways(page, editor, workday, screenshot):
    page.set_viewport_size(PHONE)
    log_in(page, editor, start="/triage/")
    decide_first(page)
    screenshot(page, "triage")
    for url in pages_of(workday):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        wide = page.evaluate("document.scrollingElement.scrollWidth")
        assert wide <= PHONE["width"], f"{url} is {wide} px wide"
    page.goto(workday["new"].get_absolute_url())
    heading = page.get_by_role("heading", level=1)
    box = heading.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(page, "claim")


def test_all_text_has_a_contrast_of_at_least_4_5_to_1_decided_rows_included(page, editor, workday):
    log_in(page, editor, start="/triage/")
    decide_first(page)
    assert page.evaluate(LOW_CONTRAST) == []
    for url in pages_of(workday)[1:]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate(LOW_CONTRAST) == [], url


def test_the_status_counts_are_announced_only_when_they_change(page, reviewer, workday):
    log_in(page, reviewer, start="/triage/")
    news = page.locator("#status-counts-news")
    expect(news).to_have_attribute("aria-live", "polite")
    expect(page.locator("#status-counts")).not_to_have_attribute("aria-live", "polite")
    expect(news).to_have_text("")

    decide_first(page)
    expect(news).to_have_text(re.compile(r"^Claims by status: 1 New, 0 Check-worthy, 1 Not"))
    page.evaluate("window.announced = []")
    page.evaluate(
        """new MutationObserver(() => window.announced.push(document
            .getElementById('status-counts-news').textContent))
          .observe(document.getElementById('status-counts-news'),
                   {childList: true, characterData: true, subtree: true})"""
    )
    # A refresh that brings the same counts says nothing.
    with page.expect_response(re.compile("/triage/counts/")):
        page.evaluate("htmx.trigger(document.body, 'claimTriaged')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.announced") == []


def test_at_phone_width_the_menu_folds_behind_a_button_that_opens_it(page, editor, workday):
    page.set_viewport_size(PHONE)
    log_in(page, editor, start="/triage/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_hidden()
    page.locator(".site-menu > summary").click()
    expect(menu.get_by_role("link", name="Articles")).to_be_visible()
    for url in [
        "/triage/",
        workday["new"].get_absolute_url(),
        "/my-claims/",
        workday["article"].get_absolute_url(),
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
        wide = page.evaluate("document.scrollingElement.scrollWidth")
        assert wide <= PHONE["width"], f"{url} is {wide} px wide"


def test_on_a_wide_screen_the_menu_stands_open_without_a_button(page, editor, workday):
    log_in(page, editor, start="/triage/")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles")
    ).to_be_visible()
    expect(page.locator(".site-menu > summary")).to_be_hidden()


def test_sources_show_their_stance_by_word_and_by_colour(page, reviewer, workday):
    log_in(page, reviewer, start="/triage/")
    page.goto(workday["awaiting"].get_absolute_url())
    badges = {
        word: page.locator(".badge", has_text=re.compile(f"^{word}$")).first
        for word in ["Supports", "Refutes", "Context"]
    }
    for badge in badges.values():
        expect(badge).to_be_visible()
    colours = {
        badge.evaluate("b => getComputedStyle(b).backgroundColor") for badge in badges.values()
    }
    assert len(colours) == 3, colours


def test_ratings_show_their_colour_beside_their_words_on_screen(page, reviewer, workday):
    log_in(page, reviewer, start="/triage/")
    page.goto(workday["awaiting"].get_absolute_url())
    swatch = page.locator(".verdict .rating .swatch rect").first
    rating = workday["awaiting"].verdicts.get().rating
    assert swatch.get_attribute("fill") == rating.colour
