"""A write path that fails halfway leaves the database as it was.

Each case runs one way in (a form, an admin page, a command, a task) while the database
refuses the second write of the request: the first write is then either undone with the
rest, or nothing of it is left. The injection is at the database connection, so it holds
whatever the code between the two writes is.
"""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from factcheck.articles.models import Article, ImportBatch
from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.matching.tasks import match_batch_task
from factcheck.reviews.models import Rating
from factcheck.reviews.services import claim_merge, verdict_approve
from tests.factories import (
    ARTICLE_BODY,
    ArticleFactory,
    ClaimFactory,
    ReviewerFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db
Status = Claim.Status
APPS = {"auth", "accounts", "articles", "claims", "reviews", "matching", "workers"}
WRITES = ("INSERT", "UPDATE", "DELETE")


class Halfway(Exception):
    """The database gave out after the first write."""


class FailSecondWrite:
    def __init__(self):
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes += 1
            if self.writes == 2:
                raise Halfway(sql[:80])
        return execute(sql, params, many, context)


def snapshot() -> dict:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in APPS
    }


def claim(status=Status.NEW, **fields):
    return ClaimFactory(status=status, **fields)


# Each case: (what it is, set up -> the write, as a function of the editor's client).
def cases():
    def triage(_):
        c = claim()
        return lambda client, **_: client.post(
            reverse("reviews:triage_decide", args=[c.pk]),
            {"decision": Status.CHECK_WORTHY, "version": c.version},
        )

    def take(_):
        c = claim(Status.CHECK_WORTHY)
        return lambda client, **_: client.post(
            reverse("reviews:take", args=[c.pk]), {"version": c.version}
        )

    def assign(_):
        c, reviewer = claim(Status.CHECK_WORTHY), ReviewerFactory()
        return lambda client, **_: client.post(
            reverse("reviews:assign", args=[c.pk]), {"assignee": reviewer.pk, "version": c.version}
        )

    def merge(_):
        c, canonical = claim(Status.CHECK_WORTHY), claim(Status.CHECK_WORTHY)
        return lambda client, **_: client.post(
            reverse("reviews:merge", args=[c.pk]), {"canonical": canonical.pk, "version": c.version}
        )

    def source(editor):
        c = claim(Status.IN_RESEARCH, assignee=editor)
        return lambda client, **_: client.post(
            reverse("reviews:source_add", args=[c.pk]),
            {"url": "https://example.org/a", "title": "A", "stance": "supports"},
        )

    def note(editor):
        c = claim(Status.IN_RESEARCH, assignee=editor)
        return lambda client, **_: client.post(
            reverse("reviews:note_add", args=[c.pk]), {"text": "Called the ministry."}
        )

    def propose(editor):
        c = claim(Status.IN_RESEARCH, assignee=editor)
        rating = Rating.objects.first()
        return lambda client, **_: client.post(
            reverse("reviews:verdict_propose", args=[c.pk]),
            {
                "rating": rating.pk,
                "summary": "As stated.",
                "version": c.version,
                "no_source_reason": "The ministry's own figure.",
            },
        )

    def approve(_):
        verdict = VerdictFactory(claim=claim(Status.AWAITING_APPROVAL), status="awaiting_approval")
        return lambda client, **_: client.post(
            reverse("reviews:approve", args=[verdict.pk]),
            {"version": verdict.claim.version, "confirm": "on"},
        )

    def send_back(_):
        verdict = VerdictFactory(claim=claim(Status.AWAITING_APPROVAL), status="awaiting_approval")
        return lambda client, **_: client.post(
            reverse("reviews:send_back", args=[verdict.pk]),
            {"note": "Name the source.", "version": verdict.claim.version},
        )

    def reopen(_):
        c = claim(Status.NOT_CHECK_WORTHY)
        return lambda client, **_: client.post(
            reverse("reviews:reopen", args=[c.pk]), {"version": c.version}
        )

    def unmerge(editor):
        c = claim_merge(claim=claim(), canonical=claim(Status.CHECK_WORTHY), user=editor)
        return lambda client, **_: client.post(
            reverse("reviews:unmerge", args=[c.pk]), {"version": c.version}
        )

    def bulk_triage(_):
        first, second = claim(), claim()
        return lambda client, **_: client.post(
            reverse("reviews:triage_bulk"),
            {"decision": Status.CHECK_WORTHY, "claims": [first.pk, second.pk],
             f"version_{first.pk}": first.version, f"version_{second.pk}": second.version},
        )  # fmt: skip

    def approve_correction(editor):
        published = VerdictFactory(
            claim=claim(Status.AWAITING_APPROVAL), status="awaiting_approval"
        )
        published = verdict_approve(verdict=published, user=editor)
        c = Claim.objects.get(pk=published.claim_id)
        correction = VerdictFactory(claim=c, corrects=published, correction_note="Revised.")
        Claim.objects.filter(pk=c.pk).update(status=Status.AWAITING_APPROVAL)
        return lambda client, **_: client.post(
            reverse("reviews:approve", args=[correction.pk]),
            {"version": c.version, "confirm": "on"},
        )

    def unpublish(editor):
        verdict = VerdictFactory(claim=claim(Status.AWAITING_APPROVAL), status="awaiting_approval")
        verdict = verdict_approve(verdict=verdict, user=editor)
        return lambda client, **_: client.post(
            reverse("reviews:unpublish", args=[verdict.pk]),
            {"reason": "Retracted.", "version": Claim.objects.get(pk=verdict.claim_id).version},
        )

    def confirm_match(_):
        match = ClaimMatch.objects.create(claim=claim(), candidate=claim(), score=0.8)
        return lambda client, **_: client.post(
            reverse("matching:confirm", args=[match.pk]), {"version": match.claim.version}
        )

    def upload(_):
        return lambda client, **_: client.post(
            reverse("articles:import"),
            {"files": [SimpleUploadedFile("a.txt", b"A\n\n" + ARTICLE_BODY.encode()),
                       SimpleUploadedFile("b.txt", b"B\n\nThe US pledged $600m, it said.")]},
        )  # fmt: skip

    def admin_body_change(_):
        article = ArticleFactory()
        claim(article=article)
        return lambda client, **_: client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            {**_article_form(article), "body": article.body.replace("Russia", "Moscow")},
        )

    def admin_hand_over(_):
        holder, taker = ReviewerFactory(), ReviewerFactory()
        claim(Status.IN_RESEARCH, assignee=holder)
        claim(Status.IN_RESEARCH, assignee=holder)
        return lambda client, **_: client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "hand_over_claims", "_selected_action": [holder.pk],
             "assignee": taker.pk, "apply": "1"},
        )  # fmt: skip

    def edit_claim(_):
        c = claim(speaker="Ukraine")
        return lambda client, **_: client.post(
            reverse("claims:edit", args=[c.pk]),
            {"text": "Edited", "speaker": "Kyiv", "claim_type": "other",
             "article": c.article_id, "version": c.version},
        )  # fmt: skip

    def not_a_claim(_):
        c = claim()
        return lambda client, **_: client.post(
            reverse("claims:not_a_claim", args=[c.pk]), {"reason": "byline", "version": 1}
        )

    def split_claim(_):
        sentence = ARTICLE_BODY[: ARTICLE_BODY.index(".") + 1]
        c = claim(article=ArticleFactory(), end=len(sentence) - 1, text=sentence,
                  sentence=sentence)  # fmt: skip
        point = ARTICLE_BODY.index("while")
        return lambda client, **_: client.post(
            reverse("claims:split", args=[c.pk]),
            {"points": point, "version": 1, "keep": 0,
             "part-1-text": "Guns", "part-1-speaker": "", "part-1-claim_type": "other",
             "part-2-text": "Aid", "part-2-speaker": "", "part-2-claim_type": "other"},
        )  # fmt: skip

    def merge_with_next(_):
        article = ArticleFactory()
        claim(
            article=article, start=0, end=77, sentence=ARTICLE_BODY[: ARTICLE_BODY.index(".") + 1]
        )
        c = Claim.objects.get(article=article)
        claim(article=article, start=85, end=143, sentence=c.sentence)
        return lambda client, **_: client.post(
            reverse("claims:merge_next", args=[c.pk]), {"version": 1}
        )

    def add_claim(_):
        article = ArticleFactory()
        return lambda client, **_: client.post(
            reverse("claims:add", args=[article.pk]),
            {"start": 146, "end": 186, "text": "Residents told to shelter", "speaker": "",
             "claim_type": "other"},
        )  # fmt: skip

    def demo_users(_):
        return lambda **_: call_command("create_demo_users", verbosity=0)

    def match_task(_):
        batch = ImportBatch.objects.create(source="test", status=ImportBatch.Status.DONE)
        claim(Status.CHECK_WORTHY)
        for _ in range(2):
            claim(article=ArticleFactory(batch=batch, body=ARTICLE_BODY + " "))
        return lambda **_: match_batch_task.call(batch_id=batch.pk)

    return {name: fn for name, fn in locals().items() if callable(fn) and not name.startswith("_")}


def _article_form(article):
    return {
        "title": article.title,
        "body": article.body,
        "url": article.url or "",
        "outlet": article.outlet or "",
        "author": article.author or "",
        "subtitle": getattr(article, "subtitle", "") or "",
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "claims-TOTAL_FORMS": 0,
        "claims-INITIAL_FORMS": 0,
    }


CASES = cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_write_that_fails_halfway_leaves_the_database_as_it_was(
    name, staff_client, staff, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    write = CASES[name](staff)
    before = snapshot()
    fail = FailSecondWrite()

    staff_client.raise_request_exception = True
    with pytest.raises(Halfway), connection.execute_wrapper(fail):
        write(client=staff_client, tmp_path=tmp_path)

    assert snapshot() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_that_fails_halfway_keeps_whole_articles_and_says_it_stopped(
    tmp_path, monkeypatch
):
    """Imports commit article by article with their claims, on purpose (a crash keeps what
    was imported, importing again skips it): no article is ever left without its claims,
    and the batch says it stopped, and why."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}\n\n{ARTICLE_BODY}{name}.")

    # The failure comes right after the claims are written (by COPY on PostgreSQL, which no
    # execute wrapper sees), before their speakers are linked, in the same transaction.
    def fail(**kwargs):
        raise Halfway("after the claims")

    monkeypatch.setattr("factcheck.articles.services.claims_link_speakers", fail)
    with pytest.raises(Halfway):
        call_command("import_articles", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                     "--processes", "1", verbosity=0)  # fmt: skip

    assert not Article.objects.filter(claims=None).exists()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert "The import stopped: Halfway" in batch.errors[-1]
