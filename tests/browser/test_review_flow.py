"""A claim from the triage queue to a published verdict: a reviewer researches, an editor
approves, and each sees the claim's state change on screen."""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim
from factcheck.reviews.models import Verdict
from tests.browser.steps import log_in, log_out
from tests.factories import (
    ARTICLE_BODY,
    ArticleFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = [
    pytest.mark.browser,
    # The rating scale and the roles come from data migrations: restore them after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUNS = "18,000 guns had been given to residents to defend against Russia"
AID = "the US has pledged to provide $600m in military assistance"
SOURCE_TITLE = "Ministry of Defence statement"


def claim_in(article, text: str, **fields) -> Claim:
    start = article.body.index(text)
    return ClaimFactory(article=article, start=start, end=start + len(text), **fields)


@pytest.fixture
def article():
    return ArticleFactory(title="Ukraine arms its residents", body=ARTICLE_BODY)


def claim_summary(page: Page, claim: Claim):
    return page.get_by_role("region", name=claim.text, exact=True)


def claim_status(page: Page, claim: Claim):
    return claim_summary(page, claim).locator("dt:text-is('Status') + dd")


def claim_assignee(page: Page, claim: Claim):
    return claim_summary(page, claim).locator("dt:text-is('Assignee') + dd")


def main_nav(page: Page, name: str):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def test_reviewer_researches_a_claim_and_an_editor_publishes_the_verdict(
    open_page, reviewer, editor, article, screenshot
):
    claim = claim_in(article, GUNS, speaker="Ukraine", score=0.9)
    # Another claim whose verdict the editor wrote: theirs to see, never to approve.
    own = claim_in(article, AID, speaker="the US", status=Claim.Status.AWAITING_APPROVAL)
    VerdictFactory(claim=own, author=editor)

    page = open_page()
    log_in(page, reviewer)
    expect(page.get_by_role("heading", name="Triage", level=1)).to_be_visible()
    page.keyboard.press("c")
    triaged = page.get_by_role("list", name="New claims, most check-worthy first")
    expect(triaged.get_by_role("listitem").get_by_text("Check-worthy", exact=True)).to_be_visible()

    main_nav(page, "My claims").click()
    expect(page.get_by_role("heading", name="My claims")).to_be_visible()
    expect(page.get_by_text("You have no claims.")).to_be_visible()
    screenshot(page, "my-claims-empty")
    page.get_by_role("button", name="Next claim").click()

    expect(page).to_have_url(re.compile(rf"/claims/{claim.pk}/$"))
    expect(page.get_by_role("heading", name=claim.text, level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(f"Claim {claim.pk} is yours to research.")
    expect(claim_status(page, claim)).to_have_text("In research")
    expect(claim_assignee(page, claim)).to_have_text(reviewer.username)
    expect(page.get_by_role("button", name="Take this claim")).to_have_count(0)
    screenshot(page, "claim-taken")

    sources = page.get_by_role("region", name="Sources")
    add_source = sources.get_by_role("form", name="Add source")
    add_source.get_by_label("URL", exact=True).fill("https://www.gov.ua/news/weapons-for-residents")
    add_source.get_by_label("Title").fill(SOURCE_TITLE)
    add_source.get_by_label("Publisher").fill("Government of Ukraine")
    add_source.get_by_label("Quoted excerpt").fill("18,000 automatic rifles were handed out.")
    add_source.get_by_label("Stance").select_option(label="Supports")
    add_source.get_by_role("button", name="Add source").click()

    added = sources.get_by_role("listitem").filter(has_text=SOURCE_TITLE)
    expect(added.get_by_role("link", name=SOURCE_TITLE, exact=True)).to_be_visible()
    expect(added.get_by_text("Supports", exact=True)).to_be_visible()
    expect(sources.get_by_text("No sources yet.")).to_have_count(0)
    expect(sources.get_by_label("URL", exact=True)).to_have_value("")

    verdict = page.get_by_role("region", name="Verdict")
    propose = verdict.get_by_role("form", name="Propose verdict")
    # The verdict panel refreshed itself on sourcesChanged: the new source is there to cite.
    propose.get_by_role("checkbox", name=SOURCE_TITLE).check()
    propose.get_by_label("Rating").select_option(label="Mostly true")
    propose.get_by_label("Summary").fill("The ministry's own figure is 18,000 rifles.")
    screenshot(page, "source-added")
    propose.get_by_role("button", name="Propose verdict").click()

    proposed = verdict.get_by_role("article")
    expect(proposed).to_have_count(1)
    expect(proposed).to_contain_text("Mostly true")
    expect(proposed.get_by_text("Awaiting approval", exact=True)).to_be_visible()
    expect(proposed).to_contain_text(f"Rests on: {SOURCE_TITLE}")
    expect(verdict.get_by_role("form", name="Propose verdict")).to_have_count(0)
    expect(claim_status(page, claim)).to_have_text("Awaiting approval")
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_role("listitem").filter(has_text="proposed a verdict")).to_have_count(1)
    screenshot(page, "verdict-proposed")

    main_nav(page, "My claims").click()
    mine = page.get_by_role("row").filter(has=page.get_by_role("link", name=claim.text, exact=True))
    expect(mine.get_by_role("cell", name="Awaiting approval", exact=True)).to_be_visible()
    expect(main_nav(page, "Approval queue")).to_have_count(0)
    log_out(page)

    log_in(page, editor)
    main_nav(page, "Approval queue").click()
    expect(page.get_by_role("heading", name="Approval queue")).to_be_visible()
    queue = page.get_by_role("list", name="Verdicts awaiting approval")
    expect(queue.get_by_role("listitem").filter(has_text="Proposed by")).to_have_count(2)
    theirs = queue.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=claim.text, exact=True)
    )
    editors_own = queue.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=own.text, exact=True)
    )
    expect(theirs).to_contain_text(f"Proposed by {reviewer.username}")
    expect(theirs).to_contain_text("Mostly true")
    expect(theirs.get_by_role("link", name=SOURCE_TITLE, exact=True)).to_be_visible()
    expect(editors_own).to_contain_text(
        "You proposed this verdict: another editor must approve it."
    )
    expect(editors_own.get_by_role("button")).to_have_count(0)
    screenshot(page, "approval-queue")

    expect(theirs).to_contain_text("Rests on 1 source")
    theirs.get_by_role("button", name=re.compile(r"^Approve: ")).click()
    expect(theirs.get_by_text("Publish this verdict?")).to_be_visible()
    expect(theirs.get_by_role("button", name=re.compile(r"^Yes, approve: "))).to_be_focused()
    expect(theirs.get_by_text("Awaiting approval", exact=True)).to_be_visible()
    theirs.get_by_role("button", name=re.compile(r"^Yes, approve: ")).click()
    expect(theirs.get_by_text("Published", exact=True)).to_be_visible()
    expect(theirs.get_by_role("button")).to_have_count(0)
    expect(theirs).to_be_focused()  # focus stays in the queue, not lost to the page
    screenshot(page, "approved")

    theirs.get_by_role("link", name=claim.text, exact=True).click()
    expect(page.get_by_role("heading", name=claim.text, level=1)).to_be_visible()
    expect(claim_status(page, claim)).to_have_text("Published")
    published = page.get_by_role("region", name="Verdict").get_by_role("article")
    expect(published.get_by_text("Published", exact=True)).to_be_visible()
    expect(published).to_contain_text("Mostly true")
    expect(published).to_contain_text(f"approved by {editor.username}")
    timeline = page.get_by_role("region", name="Timeline")
    for step in ("triaged", "took the claim", "added a source", "proposed a verdict"):
        expect(timeline.get_by_role("listitem").filter(has_text=step)).to_have_count(1)
    expect(
        timeline.get_by_role("listitem").filter(has_text="approved the verdict")
    ).to_contain_text(editor.username)
    screenshot(page, "published")

    verdict_row = Verdict.objects.get(claim=claim)
    assert (verdict_row.status, verdict_row.author, verdict_row.approved_by) == (
        Verdict.Status.PUBLISHED,
        reviewer,
        editor,
    )
    assert Verdict.objects.get(claim=own).status == Verdict.Status.AWAITING_APPROVAL


def test_reviewer_takes_a_claim_from_its_page(page, reviewer, article, screenshot):
    claim = claim_in(article, GUNS, speaker="Ukraine", status=Claim.Status.CHECK_WORTHY)
    log_in(page, reviewer, start=claim.get_absolute_url())

    expect(page.get_by_role("heading", name=claim.text, level=1)).to_be_visible()
    expect(claim_status(page, claim)).to_have_text("Check-worthy")
    expect(claim_assignee(page, claim)).to_have_text("Nobody")
    expect(page.get_by_role("form", name="Add source")).to_have_count(0)
    expect(
        page.get_by_role("region", name="The claim in its article").get_by_role("mark")
    ).to_have_text(claim.text)
    screenshot(page, "check-worthy")
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("button", name="Take this claim").click()

    expect(claim_status(page, claim)).to_have_text("In research")
    expect(claim_assignee(page, claim)).to_have_text(reviewer.username)
    expect(page.get_by_role("button", name="Take this claim")).to_have_count(0)
    # The other panels refresh themselves on claimMoved: the research forms appear.
    expect(page.get_by_role("form", name="Add source")).to_be_visible()
    expect(page.get_by_role("form", name="Propose verdict")).to_be_visible()
    expect(
        page.get_by_role("region", name="Timeline")
        .get_by_role("listitem")
        .filter(has_text="took the claim")
    ).to_contain_text(reviewer.username)
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot(page, "taken")

    main_nav(page, "My claims").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=claim.text, exact=True))
    expect(row.get_by_role("cell", name="In research", exact=True)).to_be_visible()
    screenshot(page, "my-claims")


def test_a_panel_swapped_by_its_form_keeps_listening_for_changes(
    page, page_problems, reviewer, article
):
    """A change announced the moment a panel has been swapped (before htmx settles it) still
    refreshes that panel: the panel stays on the page and only its contents are swapped."""
    claim = claim_in(article, GUNS, status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    log_in(page, reviewer)
    page.goto(claim.get_absolute_url())
    sources = page.get_by_role("region", name="Sources")
    expect(sources.get_by_role("form", name="Add source")).to_be_visible()
    page.evaluate(
        """() => {
          window.sourceRefreshes = 0;
          document.body.addEventListener("htmx:beforeRequest", (event) => {
            const { elt, requestConfig } = event.detail;
            if (elt.id === "claim-sources" && requestConfig.verb === "get") {
              window.sourceRefreshes += 1;
            }
          });
          document.body.addEventListener("htmx:afterSwap", (event) => {
            if (event.detail.target.id === "claim-sources" && !window.announced) {
              window.announced = true;
              window.sourceRefreshes = 0;  // count only what this announcement starts
              htmx.trigger(document.body, "claimMoved");
            }
          });
        }"""
    )

    add_source = sources.get_by_role("form", name="Add source")
    add_source.get_by_label("URL", exact=True).fill("https://www.gov.ua/news/weapons")
    add_source.get_by_role("button", name="Add source").click()

    expect(
        sources.get_by_role("link", name="https://www.gov.ua/news/weapons", exact=True)
    ).to_be_visible()
    # Polled from here: page.wait_for_function would evaluate a string, which the CSP forbids.
    deadline = time.monotonic() + 5
    while not page.evaluate("window.announced && window.sourceRefreshes > 0"):
        assert time.monotonic() < deadline, "the swapped panel missed the announced change"
        page.wait_for_timeout(50)


def test_a_refused_source_edit_shows_its_reason_in_the_sources_panel(
    page, page_problems, reviewer, article
):
    """The edit form replaces its source's item; the answer, here a conflict, replaces the
    panel's contents instead of landing inside the item."""
    page_problems.expect_console_errors(
        "Failed to load resource: the server responded with a status of 409"
    )
    claim = claim_in(article, GUNS, status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    source = SourceFactory(claim=claim, added_by=reviewer, title=SOURCE_TITLE)
    log_in(page, reviewer)
    page.goto(claim.get_absolute_url())
    sources = page.get_by_role("region", name="Sources")
    sources.get_by_role("link", name=f"Edit source {SOURCE_TITLE}").click()
    edit = sources.get_by_role("form", name="Edit source")
    edit.get_by_label("Title").fill("Renamed in the meantime")
    # Meanwhile the reviewer's verdict comes to rest on the source.
    VerdictFactory(claim=claim, author=reviewer).sources.add(source)

    edit.get_by_role("button", name="Save source").click()

    expect(sources.get_by_role("alert")).to_have_text(
        "A verdict rests on this source; it can no longer be changed."
    )
    expect(page.locator(f"#source-{source.pk} h2")).to_have_count(0)
    expect(page.get_by_role("heading", name="Sources")).to_have_count(1)
    expect(sources.get_by_role("link", name=SOURCE_TITLE, exact=True)).to_be_visible()


def test_a_verdict_being_typed_survives_adding_a_source_a_note_and_a_reload(
    page, page_problems, reviewer, article
):
    claim = claim_in(article, GUNS, status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    log_in(page, reviewer)
    page.goto(claim.get_absolute_url())
    verdict = page.get_by_role("form", name="Propose verdict")
    verdict.get_by_label("Rating").select_option(label="Mostly true")
    verdict.get_by_label("Summary").fill("The ministry's own figure is 18,000 rifles.")

    add_source = page.get_by_role("form", name="Add source")
    add_source.get_by_label("URL", exact=True).fill("https://www.gov.ua/news/weapons")
    add_source.get_by_label("Title").fill(SOURCE_TITLE)
    add_source.get_by_role("button", name="Add source").click()
    # The new source is there to tick, and what was typed beside it is untouched.
    verdict.get_by_role("checkbox", name=SOURCE_TITLE).check()
    expect(verdict.get_by_label("Summary")).to_have_value(
        "The ministry's own figure is 18,000 rifles."
    )
    expect(verdict.get_by_label("Rating").locator("option:checked")).to_have_text("Mostly true")

    notes = page.get_by_role("region", name="Notes")
    notes.get_by_label("Note").fill("Asked the ministry for the list.")
    notes.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("region", name="Timeline")).to_contain_text("Asked the ministry")
    page.get_by_role("region", name="Sources").get_by_label("Title").fill("Half-typed source")
    page.wait_for_timeout(1200)  # a pause in typing: the drafts are saved

    page.reload()
    verdict = page.get_by_role("form", name="Propose verdict")
    expect(verdict.get_by_label("Summary")).to_have_value(
        "The ministry's own figure is 18,000 rifles."
    )
    expect(verdict.get_by_label("Rating").locator("option:checked")).to_have_text("Mostly true")
    expect(verdict.get_by_role("checkbox", name=SOURCE_TITLE)).to_be_checked()
    expect(page.get_by_role("region", name="Sources").get_by_label("Title")).to_have_value(
        "Half-typed source"
    )

    verdict.get_by_role("button", name="Propose verdict").click()
    expect(page.get_by_role("form", name="Add source")).to_have_count(0)
    page.reload()
    assert not claim.drafts.filter(form="verdict").exists()


def test_a_source_being_edited_survives_a_reload_and_cancel_forgets_it(
    page, page_problems, reviewer, article
):
    claim = claim_in(article, GUNS, status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    SourceFactory(claim=claim, added_by=reviewer, title=SOURCE_TITLE)
    log_in(page, reviewer)
    page.goto(claim.get_absolute_url())
    sources = page.get_by_role("region", name="Sources")
    sources.get_by_role("link", name=f"Edit source {SOURCE_TITLE}").click()
    edit = sources.get_by_role("form", name="Edit source")
    # The form came in by htmx: type once htmx has wired its draft saver, as a person would.
    page.wait_for_function(
        "() => document.querySelector('form[aria-label=\"Edit source\"] [data-draft]')"
        "?.['htmx-internal-data']?.initHash"
    )
    edit.get_by_label("Title").fill("Ministry of Defence statement, corrected")
    page.wait_for_timeout(1200)  # a pause in typing: the draft is saved

    page.reload()
    edit = sources.get_by_role("form", name="Edit source")
    expect(edit.get_by_label("Title")).to_have_value("Ministry of Defence statement, corrected")

    edit.get_by_role("button", name="Cancel").click()
    expect(sources.get_by_role("form", name="Edit source")).to_have_count(0)
    expect(sources.get_by_role("link", name=SOURCE_TITLE, exact=True)).to_be_visible()
    page.reload()
    expect(sources.get_by_role("form", name="Edit source")).to_have_count(0)


def test_sources_and_notes_added_quickly_ten_times_log_no_console_error(
    page, page_problems, reviewer, article
):
    claim = claim_in(article, GUNS, status=Claim.Status.IN_RESEARCH, assignee=reviewer)
    log_in(page, reviewer)
    page.goto(claim.get_absolute_url())
    notes = page.get_by_role("region", name="Notes")
    add_source = page.get_by_role("form", name="Add source")
    # Dragging a box's corner gives it a style attribute; a swap must not copy it back onto
    # the new box, which the Content-Security-Policy refuses.
    for box in [notes.get_by_label("Note"), add_source.get_by_label("Title")]:
        box.evaluate("box => { box.style.height = '6em' }")

    sources = page.get_by_role("region", name="Sources")
    for n in range(10):
        add_source.get_by_label("URL", exact=True).fill(f"https://example.org/report-{n}")
        add_source.get_by_label("Title").fill(f"Report {n}")
        add_source.get_by_role("button", name="Add source").click()
        notes.get_by_label("Note").fill(f"Note {n}")
        notes.get_by_role("button", name="Add note").click()
        # As fast as a person can: each is on screen before the next is typed.
        expect(sources.get_by_role("link", name=f"Report {n}", exact=True)).to_be_visible()
        expect(notes.get_by_label("Note")).to_have_value("")

    expect(page.get_by_role("region", name="Timeline")).to_contain_text("Note 9")
    verdict = page.get_by_role("form", name="Propose verdict")
    expect(verdict.get_by_role("checkbox")).to_have_count(10)
    verdict.get_by_label("Rating").select_option(label="Mostly true")
    verdict.get_by_label("Summary").fill("Ten reports agree.")
    verdict.get_by_role("checkbox").first.check()
    verdict.get_by_role("button", name="Propose verdict").click()
    expect(page.get_by_role("form", name="Add source")).to_have_count(0)
    assert claim.sources.count() == 10
