import json
import shutil

import numpy as np
import pytest

from factcheck.extraction.neural import (
    ENCODER_FILE,
    META_FILE,
    MODEL_DIR,
    TOKENIZER_FILE,
    Head,
    NeuralModelError,
    NeuralScorer,
    fit_head,
    tune_threshold,
)


@pytest.fixture(scope="module")
def scorer():
    return NeuralScorer.load(threads=1)


@pytest.fixture
def model_copy(tmp_path):
    directory = tmp_path / "model"
    shutil.copytree(MODEL_DIR, directory)
    return directory


def test_shipped_model_loads_with_its_version_and_head(scorer):
    assert scorer.name == "neural"
    assert scorer.version
    assert 0.0 < scorer.head.threshold < 1.0
    assert len(scorer.head.weights) == 384


def test_shipped_model_files_stay_within_30_mb():
    size = sum(path.stat().st_size for path in MODEL_DIR.iterdir())
    assert size <= 30 * 1024 * 1024


def test_checkworthy_sentence_scores_above_chit_chat(scorer):
    factual, chat = scorer.score(
        [
            "Unemployment fell to 4.2 percent, the lowest level in 20 years.",
            "Thank you very much, it is good to be here tonight.",
        ]
    )
    assert factual > chat


@pytest.mark.parametrize(
    "text",
    ["", " ", "x" * 100_000, "word " * 20_000, "Ünïcödé — 中文 😀 \u200b\x00 ﷽", "\ud800"],
    ids=["empty", "space", "100k chars", "20k words", "unicode", "lone surrogate"],
)
def test_any_sentence_scores_between_0_and_1(scorer, text):
    (score,) = scorer.score([text])
    assert 0.0 <= score <= 1.0


def test_scores_barely_depend_on_the_batch(scorer):
    # int8 activations are quantised with one range per batch: a few thousandths move.
    texts = [f"The deficit grew by {n} billion dollars." for n in range(40)] + ["Hello."]
    together = scorer.score(texts)
    alone = [scorer.score([text])[0] for text in (texts[0], texts[-1])]
    assert together[0] == pytest.approx(alone[0], abs=0.03)
    assert together[-1] == pytest.approx(alone[1], abs=0.03)


def test_no_sentences_no_scores(scorer):
    assert scorer.score([]) == []


def test_embed_gives_one_row_per_sentence(scorer):
    assert scorer.embed(["One.", "Two sentences here."]).shape == (2, 384)


@pytest.mark.parametrize("name", [ENCODER_FILE, TOKENIZER_FILE, META_FILE])
def test_missing_model_file_is_named(model_copy, name):
    (model_copy / name).unlink()
    with pytest.raises(NeuralModelError, match=name):
        NeuralScorer.load(model_copy)


@pytest.mark.parametrize("name", [ENCODER_FILE, TOKENIZER_FILE])
def test_corrupt_model_file_is_named(model_copy, name):
    path = model_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(NeuralModelError, match=f"{name}: corrupt"):
        NeuralScorer.load(model_copy)


def test_unreadable_model_json_is_named(model_copy):
    (model_copy / META_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(NeuralModelError, match=META_FILE):
        NeuralScorer.load(model_copy)


def test_model_json_without_a_head_is_named(model_copy):
    meta = json.loads((model_copy / META_FILE).read_text())
    del meta["head"]
    (model_copy / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(NeuralModelError, match=META_FILE):
        NeuralScorer.load(model_copy)


def test_head_round_trips_through_json():
    head = Head((0.5, -1.0), 0.25, 0.4)
    assert Head.from_json(json.loads(json.dumps(head.as_json()))) == head


def test_head_refuses_non_finite_weights():
    with pytest.raises(ValueError, match="finite"):
        Head.from_json({"weights": [float("nan")], "bias": 0, "threshold": 0.5})


def test_fit_head_learns_a_separable_direction():
    rng = np.random.default_rng(0)
    positives = rng.normal(1.0, 0.3, (30, 4))
    negatives = rng.normal(-1.0, 0.3, (30, 4))
    head = fit_head(np.vstack([positives, negatives]), [True] * 30 + [False] * 30)
    probabilities = head.probabilities(np.vstack([positives[:1], negatives[:1]]))
    assert probabilities[0] >= head.threshold > probabilities[1]


@pytest.mark.parametrize("label", [True, False])
def test_fit_head_refuses_one_class_and_says_why(label):
    with pytest.raises(ValueError, match="both classes"):
        fit_head(np.zeros((5, 3)), [label] * 5)


def test_another_head_rescores_the_same_embeddings(scorer):
    flat = Head((0.0,) * 384, 2.0, 0.5)
    assert scorer.score(["Anything at all."], head=flat) == [pytest.approx(0.8808, abs=1e-4)]


def test_threshold_is_tuned_for_f1():
    assert tune_threshold([0.9, 0.8, 0.3, 0.2], [True, True, False, False]) == 0.8
