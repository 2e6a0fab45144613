"""Correcting the engine in the browser: Add claim from text selected in the article, Edit
claim from the triage queue by keyboard, Split claim."""

import pytest
from playwright.sync_api import Page, expect

from factcheck.claims.models import Claim
from tests.browser.steps import log_in
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUNS = "18,000 guns had been given to residents to defend against Russia"
SHELTER = "Residents have been told to find shelter"
SENTENCE = ARTICLE_BODY[: ARTICLE_BODY.index(".") + 1]


@pytest.fixture
def article(db):
    article = ArticleFactory(title="Ukraine arms its residents", body=ARTICLE_BODY)
    start = ARTICLE_BODY.index(GUNS)
    ClaimFactory(article=article, start=start, end=start + len(GUNS), text=GUNS,
                 sentence=SENTENCE, speaker="Ukraine", score=0.9)  # fmt: skip
    return article


def add_the_selection(page: Page, screenshot) -> Claim:
    expect(page.get_by_role("heading", name="Add claim")).to_be_visible()
    expect(page.locator(".new-claim-span")).to_have_text(SHELTER)
    screenshot(page, "proposal")
    page.get_by_role("button", name="Add claim").click()
    expect(page.get_by_text("added.")).to_be_visible()
    return Claim.objects.get(text__startswith="Residents")


def test_a_phrase_selected_by_keyboard_becomes_a_claim_highlighted_at_that_span(
    page, reviewer, article, screenshot
):
    log_in(page, reviewer, start=article.get_absolute_url())
    text = page.get_by_role("region", name="Article text")
    text.focus()
    start = ARTICLE_BODY.index(SHELTER)
    for _ in range(start):
        page.keyboard.press("ArrowRight")
    for _ in range(len(SHELTER)):
        page.keyboard.press("Shift+ArrowRight")
    screenshot(page, "selected")
    page.keyboard.press("a")

    claim = add_the_selection(page, screenshot)

    assert (claim.start, claim.end) == (start, start + len(SHELTER))
    expect(page.locator(".claim-span.current")).to_have_text(SHELTER)
    screenshot(page, "highlighted")


def test_a_phrase_selected_with_the_mouse_becomes_a_claim(page, reviewer, article, screenshot):
    log_in(page, reviewer, start=article.get_absolute_url())
    start = ARTICLE_BODY.index(SHELTER)
    # Where the phrase's first and last characters are drawn, to drag across them.
    box = page.evaluate(
        """([start, end]) => {
            const node = [...document.querySelector('.article-text').childNodes]
                .find((child) => child.nodeType === 3 && child.textContent.includes('Residents'));
            const offset = node.textContent.indexOf('Residents');
            const range = document.createRange();
            range.setStart(node, offset); range.setEnd(node, offset + 1);
            const first = range.getBoundingClientRect();
            const length = end - start;
            range.setStart(node, offset + length - 1);
            range.setEnd(node, offset + length);
            const last = range.getBoundingClientRect();
            const middle = (rect) => rect.top + rect.height / 2;
            return [first.left + 1, middle(first), last.right - 1, middle(last)];
        }""",
        [start, start + len(SHELTER)],
    )
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=10)
    page.mouse.up()
    page.get_by_role("button", name="Add claim").click()

    claim = add_the_selection(page, screenshot)

    assert (claim.start, claim.end) == (start, start + len(SHELTER))
    expect(page.locator(".claim-span.current")).to_have_text(SHELTER)


def test_reviewer_edits_a_speaker_from_the_triage_queue_by_keyboard(
    page, reviewer, article, screenshot
):
    claim = article.claims.get()
    log_in(page, reviewer, start="/triage/")
    page.keyboard.press("j")
    page.keyboard.press("e")
    form = page.get_by_role("form", name=f"Edit claim {claim.pk}")
    expect(form.get_by_label("Claim")).to_be_focused()
    page.keyboard.press("Tab")
    expect(form.get_by_label("Speaker")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Ukraine's government")
    screenshot(page, "editing")
    page.keyboard.press("Enter")

    row = page.locator(f"#triage-row-{claim.pk}")
    expect(row.get_by_text("Ukraine's government", exact=True)).to_be_visible()
    expect(form).to_have_count(0)
    screenshot(page, "edited")
    claim.refresh_from_db()
    assert claim.speaker == "Ukraine's government"
    assert claim.original_speaker == "Ukraine"


def test_reviewer_splits_the_seed_sentence_found_as_one_claim(page, reviewer, screenshot):
    article = ArticleFactory(body=ARTICLE_BODY)
    claim = ClaimFactory(article=article, start=0, end=len(SENTENCE) - 1, text=SENTENCE,
                         sentence=SENTENCE, speaker="Ukraine")  # fmt: skip
    log_in(page, reviewer, start=claim.get_absolute_url())
    page.get_by_role("link", name="Split claim").click()
    page.get_by_label("Russia, | while").check()
    page.get_by_role("button", name="Show the parts").click()
    expect(page.get_by_label("Part 2: speaker")).to_have_value("the US")
    screenshot(page, "parts")
    page.get_by_role("button", name="Split claim").click()

    expect(page.get_by_text("Claim split into claims")).to_be_visible()
    guns, aid = Claim.objects.order_by("start")
    assert guns.pk == claim.pk and guns.speaker == "Ukraine" and "18,000" in guns.text
    assert aid.speaker == "the US" and aid.figures[0]["value"] == 600_000_000
    assert ARTICLE_BODY[aid.start : aid.end].endswith("military assistance")
