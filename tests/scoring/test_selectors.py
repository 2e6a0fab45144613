import logging

import pytest
from django.urls import reverse

from factcheck.extraction import ENGINE_VERSION
from factcheck.scoring.models import ScorerVersion
from factcheck.scoring.selectors import active_scorer, lexical_model

pytestmark = pytest.mark.django_db


def test_shipped_neural_model_scores_when_nothing_is_chosen(neural_on):
    scorer = active_scorer()
    assert scorer.kind == "neural"
    assert scorer.version == scorer.neural.version
    assert scorer.fallback == ""


def test_factcheck_neural_false_falls_back_to_lexical(settings):
    settings.FACTCHECK_NEURAL = False
    scorer = active_scorer()
    assert (scorer.kind, scorer.version) == ("lexical", ENGINE_VERSION)
    assert scorer.fallback == "FACTCHECK_NEURAL is off"


def test_missing_model_file_falls_back_to_lexical_with_one_log_line(broken_model, caplog):
    with caplog.at_level(logging.ERROR, logger="factcheck.scoring.selectors"):
        first, second = active_scorer(), active_scorer()
    assert first.kind == second.kind == "lexical"
    assert "model.onnx: missing" in first.fallback
    assert [r.getMessage() for r in caplog.records if "model.onnx" in r.getMessage()] == [
        f"Neural check-worthiness model unusable, scoring lexically: {broken_model}/model.onnx: "
        "missing"
    ]


def test_active_lexical_version_wins_over_the_neural_model(neural_on):
    ScorerVersion.objects.create(
        name="lexical", kind="lexical", version=ENGINE_VERSION, threshold=0.43, active=True
    )
    assert active_scorer().kind == "lexical"


def test_an_active_lexical_refit_scores_with_its_own_weights(neural_on):
    ScorerVersion.objects.create(
        name="lexical + 40 decisions",
        kind="lexical",
        version=f"{ENGINE_VERSION}+1",
        head={"weights": {"w:club": -4.0}, "bias": 1.0, "threshold": 0.6},
        threshold=0.6,
        active=True,
    )
    scorer = active_scorer()
    assert (scorer.kind, scorer.version, scorer.threshold) == (
        "lexical",
        f"{ENGINE_VERSION}+1",
        0.6,
    )
    # A lone word has one word and two pair features, so "club" adds -4 / sqrt(3) to the bias
    # of 1; "team", unknown, adds nothing.
    assert scorer.score(["club", "team"]) == [0.2126, 0.7311]


def test_lexical_weights_without_a_bias_are_refused():
    with pytest.raises(ValueError, match="weights by feature and a bias"):
        lexical_model({"weights": {"w:club": -4.0}})


def test_active_scorer_costs_one_query(neural_on, django_assert_num_queries):
    active_scorer()
    with django_assert_num_queries(1):
        active_scorer()


def test_health_names_the_scorer_in_use(client, neural_on):
    scorer = client.get(reverse("health")).json()["scorer"]
    assert scorer["model"] == "neural"


def test_health_reports_a_broken_model_and_stays_200(client, broken_model):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["scorer"]["model"] == "lexical"
    assert "model.onnx: missing" in response.json()["scorer"]["fallback"]


def test_lexical_scores_are_between_0_and_1(settings):
    settings.FACTCHECK_NEURAL = False
    assert all(0 <= s <= 1 for s in active_scorer().score(["", "x" * 100_000, "中文 😀"]))
