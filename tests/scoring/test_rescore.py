import importlib

import pytest
from django.apps import apps as django_apps
from django.db.models import F

from factcheck.articles.services import articles_import_files
from factcheck.claims.models import Claim
from factcheck.extraction.checkworthiness import Model
from factcheck.scoring import services
from factcheck.scoring.selectors import ActiveScorer, active_scorer
from factcheck.scoring.services import claims_rescore
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Unemployment fell to 4.2 percent last year, the ministry said. "
    "Officials said 12,000 homes were built in 2023."
)


def test_import_rescores_its_open_claims_with_the_neural_model(
    neural_on, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "article.txt"
    path.write_text(f"Jobs figures\n{BODY}\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        articles_import_files(paths=[path])
    version = active_scorer().version
    assert Claim.objects.exists()
    assert set(Claim.objects.values_list("score_model", "score_model_version")) == {
        ("neural", version)
    }


def test_imports_keep_the_lexical_score_when_neural_is_off(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_NEURAL = False
    path = tmp_path / "article.txt"
    path.write_text(f"Jobs figures\n{BODY}\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        articles_import_files(paths=[path])
    assert set(Claim.objects.values_list("score_model", flat=True)) == {"lexical"}


def test_rescoring_leaves_claims_a_reviewer_has_moved_on(neural_on):
    open_claim = ClaimFactory(score=0.5)
    triaged = ClaimFactory(score=0.5, status=Claim.Status.CHECK_WORTHY)
    assert claims_rescore() == 1
    open_claim.refresh_from_db()
    triaged.refresh_from_db()
    assert open_claim.score_model == "neural"
    assert (triaged.score_model, triaged.score) == ("lexical", 0.5)


def test_rescoring_does_not_overwrite_a_claim_edited_meanwhile(neural_on, monkeypatch):
    claim = ClaimFactory(score=0.5)
    real = services.active_scorer

    def edited_while_scoring():
        scorer = real()

        class Racing:
            kind, version = scorer.kind, scorer.version

            def score_claims(self, claims):
                Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1)
                return scorer.score_claims(claims)

        return Racing()

    monkeypatch.setattr(services, "active_scorer", edited_while_scoring)
    assert claims_rescore() == 0
    claim.refresh_from_db()
    assert (claim.score_model, claim.score) == ("lexical", 0.5)


def test_a_claim_cut_from_a_sentence_is_rescored_at_least_as_well_as_its_sentence(monkeypatch):
    # A deterministic refit stands in for the model: only "unemployment" is worth checking.
    model = Model({"w:unemployment": 4.0}, bias=-2.0)
    refit = ActiveScorer(kind="lexical", version="refit-1", threshold=0.5, lexical=model)
    monkeypatch.setattr(services, "active_scorer", lambda: refit)
    sentence = "Unemployment fell to 4.2 percent, the lowest in years."
    fragment = ClaimFactory(text="the lowest in years", sentence=sentence)
    unrelated = ClaimFactory(text="the lowest in years", sentence="")
    strong = ClaimFactory(text="unemployment fell to 4.2 percent", sentence="It fell.")
    quoted = ClaimFactory(
        text="the lowest in years", sentence=sentence, claim_type=Claim.Type.QUOTE
    )
    assert claims_rescore() == 4
    for claim in (fragment, unrelated, strong, quoted):
        claim.refresh_from_db()
    assert fragment.score == round(model.score(sentence), 4)
    assert quoted.score == unrelated.score  # a direct quotation scores on its own words
    assert unrelated.score == round(model.score("the lowest in years"), 4) < fragment.score
    assert strong.score == round(model.score(strong.text), 4) > round(model.score("It fell."), 4)


def test_rescoring_twice_changes_nothing_the_second_time(neural_on):
    ClaimFactory.create_batch(3)
    assert claims_rescore() == 3
    assert claims_rescore() == 0


def test_rescoring_takes_two_queries_a_batch(neural_on, django_assert_num_queries):
    ClaimFactory.create_batch(5)
    with django_assert_num_queries(1 + 2 * 3 + 1):
        claims_rescore(batch_size=2)


def test_open_claims_scored_before_the_sentence_rule_are_rescored_once_migrated(neural_on):
    migration = importlib.import_module("factcheck.claims.migrations.0011_rescore_in_context")
    version = active_scorer().version
    before_rule = ClaimFactory(score_model="neural", score_model_version=version)
    refit = ClaimFactory(score_model="lexical", score_model_version="2026.12.6+20261206")
    at_import = ClaimFactory(score_model="lexical", score_model_version="2026.12.6")
    triaged = ClaimFactory(
        score_model="neural", score_model_version=version, status=Claim.Status.CHECK_WORTHY
    )
    migration.mark_for_rescoring(django_apps, None)
    assert claims_rescore() == 3  # the two marked, and the import-time one as ever
    for claim in (before_rule, refit, at_import, triaged):
        claim.refresh_from_db()
    assert {before_rule.score_model_version, refit.score_model_version} == {version}
    assert (triaged.score_model_version, triaged.status) == (version, "check_worthy")


def test_open_quotations_scored_before_the_quotation_rule_are_rescored_once_migrated(neural_on):
    migration = importlib.import_module("factcheck.claims.migrations.0012_rescore_quotations")
    version = active_scorer().version
    quoted = ClaimFactory(
        claim_type=Claim.Type.QUOTE, score_model="neural", score_model_version=version
    )
    reported = ClaimFactory(
        claim_type=Claim.Type.EVENT, score_model="neural", score_model_version=version
    )
    triaged = ClaimFactory(
        claim_type=Claim.Type.QUOTE,
        score_model="neural",
        score_model_version=version,
        status=Claim.Status.CHECK_WORTHY,
    )
    migration.mark_for_rescoring(django_apps, None)
    for claim in (quoted, reported, triaged):
        claim.refresh_from_db()
    assert [claim.score_model_version for claim in (quoted, reported, triaged)] == [
        "",
        version,
        version,
    ]
    assert claims_rescore() == 1
    quoted.refresh_from_db()
    assert quoted.score_model_version == version
