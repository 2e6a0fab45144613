"""A claim's span stays on its words: normalised text at import, honest admin saves, and
re-anchoring when the body really changes."""

import io
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.articles.services import articles_import_files
from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.claims.services import article_update, claims_extract_for_article
from factcheck.reviews.models import Event
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def spans_are_intact() -> bool:
    try:
        call_command("check_claim_spans", stdout=io.StringIO())
    except CommandError:
        return False
    return True


@pytest.fixture
def article(tmp_path) -> Article:
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    articles_import_files(paths=[tmp_path / "seed.txt"])
    return Article.objects.get()


def change_form(staff_client, article: Article) -> dict:
    """The article's change form as a browser sends it back: textareas with CRLF."""
    response = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None:
                data[field.html_name] = str(value).replace("\n", "\r\n")
    return data


def admin_save(staff_client, article: Article, **changes):
    data = change_form(staff_client, article) | changes
    url = reverse("admin:articles_article_change", args=[article.pk])
    return staff_client.post(url, data, follow=True)


def words(claim: Claim) -> str:
    return claim.article.body[claim.start : claim.end]


# Import ---------------------------------------------------------------------------------


def test_an_import_stores_the_body_with_lf_line_endings_and_composed_accents(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Café owners said 40 homes flooded.")
    (tmp_path / "story.txt").write_bytes(
        f"Flood story\r\n\r\n{decomposed}\r\n\r\nThe council promised £2m.".encode()
    )
    articles_import_files(paths=[tmp_path / "story.txt"])
    body = Article.objects.get().body
    assert "\r" not in body
    assert body == unicodedata.normalize("NFC", body)
    assert "Café" in body
    assert spans_are_intact()


def test_every_claim_of_an_import_lies_in_its_sentence(article):
    assert article.claims.count() > 10
    assert spans_are_intact()


def test_re_extraction_keeps_every_span_intact(article):
    claims_extract_for_article(article=article)
    assert spans_are_intact()


# The admin ------------------------------------------------------------------------------


def test_changing_only_the_author_in_the_admin_leaves_the_body_and_the_claims_alone(
    staff_client, article
):
    before = list(article.claims.values_list("pk", "start", "end"))
    body = article.body
    response = admin_save(staff_client, article, author="A. N. Editor")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.author == "A. N. Editor"
    assert article.body == body
    assert list(article.claims.values_list("pk", "start", "end")) == before
    assert Event.objects.get(action=Event.Action.ADMIN_CHANGE).note == "Changed: author"
    assert spans_are_intact()


def test_a_typo_fixed_in_the_body_moves_a_reviewed_claim_after_it_to_its_words(
    staff_client, article
):
    claims = list(article.claims.order_by("start"))
    first, later = claims[0], claims[-1]
    later.status = Claim.Status.CHECK_WORTHY
    later.save()
    later_words = words(later)
    typo_at = first.start + 1  # inside the first claim: its span must grow by one
    body = article.body[:typo_at] + "x" + article.body[typo_at:]

    response = admin_save(staff_client, article, body=body.replace("\n", "\r\n"))

    assert "1 reviewed claims found again in it" in response.text
    old_start = later.start
    later.refresh_from_db()
    assert later.start == old_start + 1
    assert words(later) == later_words
    assert not later.span_needs_check
    assert spans_are_intact()
    # The untouched claims were extracted again from the new text.
    assert not Claim.objects.filter(pk=first.pk).exists()
    assert article.claims.count() == len(claims)


def test_a_body_change_that_removes_a_reviewed_claims_words_marks_it_to_check(
    staff_client, article
):
    claim = article.claims.order_by("start")[3]
    claim.status = Claim.Status.CHECK_WORTHY
    claim.save()
    body = article.body.replace(words(claim), "Nothing to see here")

    response = admin_save(staff_client, article, body=body)

    assert "1 reviewed claims not found again" in response.text
    claim.refresh_from_db()
    assert claim.span_needs_check
    assert claim.events.get().action == Event.Action.TEXT_CHANGED
    page = staff_client.get(claim.get_absolute_url())
    assert "Text changed, check the span" in page.text
    article_page = staff_client.get(article.get_absolute_url())
    assert f'id="claim-{claim.pk}"' not in article_page.text
    # The data check names it, and only it.
    with pytest.raises(CommandError, match="1 claims"):
        call_command("check_claim_spans", stdout=io.StringIO())


def test_the_admin_refuses_a_body_that_would_duplicate_another_article(staff_client, article):
    other = ArticleFactory(title="Other", body="Some other text.")
    response = admin_save(staff_client, other, title=article.title, body=article.body)
    assert "Another article already has this title and text" in response.text
    other.refresh_from_db()
    assert other.body == "Some other text."


def test_articles_are_not_typed_into_the_admin(staff_client):
    response = staff_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 403


def test_a_failure_halfway_through_a_body_change_leaves_article_and_claims_as_they_were(
    article, staff, monkeypatch
):
    before = list(article.claims.values_list("pk", "start", "end", "text"))
    body = article.body

    def fail(*args, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(services, "matches_find_for_claims", fail)
    with pytest.raises(RuntimeError):
        article_update(article=article, user=staff, body="New first line.\n\n" + body)
    article.refresh_from_db()
    assert article.body == body
    assert list(article.claims.values_list("pk", "start", "end", "text")) == before


def test_a_body_change_by_the_service_moves_claims_after_an_inserted_paragraph(article, staff):
    article.claims.update(status=Claim.Status.CHECK_WORTHY)
    before = {claim.pk: words(claim) for claim in article.claims.all()}
    change = article_update(
        article=article, user=staff, body="A new first paragraph.\n\n" + article.body
    )
    assert change.reanchored == len(before)
    assert change.to_check == 0
    after = {claim.pk: words(claim) for claim in article.claims.filter(pk__in=before)}
    assert after == before
    assert article.claims.filter(text__startswith="A new first paragraph").exists()
    assert spans_are_intact()


def test_an_unchanged_body_is_not_a_change(article, staff):
    assert (
        article_update(article=article, user=staff, body=article.body.replace("\n", "\r\n")) is None
    )


def test_check_claim_spans_reports_a_claim_moved_off_its_words(article):
    claim = article.claims.order_by("start")[1]
    Claim.objects.filter(pk=claim.pk).update(start=claim.start + 3, end=claim.end + 3)
    with pytest.raises(CommandError, match="1 claims"):
        call_command("check_claim_spans", stdout=io.StringIO())
