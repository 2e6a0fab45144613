"""The neural check-worthiness scorer: a MiniLM encoder fine-tuned on ClaimBuster, run on
the CPU by onnxruntime, and a logistic head over its pooled embedding.

The head lives in ``model.json`` apart from the encoder so that a newsroom's decisions can
refit it (``fit_head``) with numpy and scikit-learn alone, no torch.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).with_name("checkworthiness_minilm")
ENCODER_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "model.json"
HASHED_FILES = (ENCODER_FILE, TOKENIZER_FILE)
BATCH_SIZE = 32
DEFAULT_L2 = 1.0


class NeuralModelError(RuntimeError):
    """The neural model cannot be used; the message names the file at fault."""


@dataclass(frozen=True, slots=True)
class Head:
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def as_json(self) -> dict:
        return {"weights": list(self.weights), "bias": self.bias, "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> Head:
        try:
            weights = tuple(float(value) for value in data["weights"])
            bias, threshold = float(data["bias"]), float(data["threshold"])
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"a head needs weights, bias and threshold ({error})") from error
        if not weights or not all(map(math.isfinite, (*weights, bias, threshold))):
            raise ValueError("a head needs finite weights, bias and threshold")
        return cls(weights, bias, threshold)

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        if embeddings.shape[1] != len(self.weights):
            raise ValueError(
                f"the head has {len(self.weights)} weights for embeddings of "
                f"{embeddings.shape[1]} dimensions"
            )
        logits = embeddings @ np.asarray(self.weights, dtype=np.float64) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -60.0, 60.0)))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_meta(directory: Path) -> dict:
    path = directory / META_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise NeuralModelError(f"{path}: missing") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NeuralModelError(f"{path}: cannot be read ({error})") from error
    if not isinstance(meta, dict):
        raise NeuralModelError(f"{path}: not a JSON object")
    return meta


class NeuralScorer:
    name = "neural"

    def __init__(self, *, session, tokenizer, head: Head, version: str, meta: dict):
        self._session = session
        self._tokenizer = tokenizer
        self._input_names = {item.name for item in session.get_inputs()}
        self.head = head
        self.version = version
        self.meta = meta

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, *, threads: int | None = None) -> NeuralScorer:
        import onnxruntime
        from tokenizers import Tokenizer

        directory = Path(directory)
        meta = read_meta(directory)
        meta_path = directory / META_FILE
        hashes = meta.get("sha256") or {}
        for name in HASHED_FILES:
            path = directory / name
            if not path.is_file():
                raise NeuralModelError(f"{path}: missing")
            if file_sha256(path) != hashes.get(name):
                raise NeuralModelError(f"{path}: corrupt (its sha256 differs from {meta_path})")
        try:
            head = Head.from_json(meta.get("head") or {})
            max_length = int(meta["max_length"])
            version = str(meta["version"])
        except (KeyError, TypeError, ValueError) as error:
            raise NeuralModelError(f"{meta_path}: {error}") from error
        try:
            tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        except Exception as error:  # tokenizers raises bare Exceptions on a bad file
            raise NeuralModelError(f"{directory / TOKENIZER_FILE}: {error}") from error
        tokenizer.enable_truncation(max_length)
        tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        try:
            session = onnxruntime.InferenceSession(
                str(directory / ENCODER_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime's own error types, not importable stably
            raise NeuralModelError(f"{directory / ENCODER_FILE}: {error}") from error
        return cls(session=session, tokenizer=tokenizer, head=head, version=version, meta=meta)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        # A lone surrogate cannot be encoded as UTF-8, so it cannot reach the tokenizer.
        texts = [str(text).encode("utf-8", "replace").decode("utf-8") for text in texts]
        dimensions = self._session.get_outputs()[0].shape[-1]
        result = np.zeros((len(texts), dimensions if isinstance(dimensions, int) else 0))
        # Sentences of like length batch together, so little of each batch is padding.
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        for start in range(0, len(order), BATCH_SIZE):
            indices = order[start : start + BATCH_SIZE]
            encodings = self._tokenizer.encode_batch([texts[index] for index in indices])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            }
            if "token_type_ids" in self._input_names:
                feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
            (pooled,) = self._session.run(None, feed)
            if result.shape[1] != pooled.shape[1]:
                result = np.zeros((len(texts), pooled.shape[1]))
            result[indices] = pooled
        return result

    def score(self, texts: Sequence[str], *, head: Head | None = None) -> list[float]:
        if not texts:
            return []
        probabilities = (head or self.head).probabilities(self.embed(texts))
        return [round(float(value), 4) for value in probabilities]


def tune_threshold(probabilities: Sequence[float], labels: Sequence[bool]) -> float:
    """The threshold with the best F1 of the check-worthy class (ties: the lower one)."""
    pairs = sorted(zip(probabilities, labels, strict=True), reverse=True)
    positives = sum(label for _, label in pairs)
    best_f1, best, true_positives = -1.0, 0.5, 0
    for rank, (probability, label) in enumerate(pairs, start=1):
        true_positives += label
        f1 = 2 * true_positives / (rank + positives) if positives else 0.0
        if f1 > best_f1:
            best_f1, best = f1, probability
    return round(float(best), 4)


def fit_head(embeddings: np.ndarray, labels: Sequence[bool], *, l2: float = DEFAULT_L2) -> Head:
    """A logistic head over frozen embeddings, its threshold tuned for F1 on
    cross-validated probabilities (on the fit itself when there are too few of a class)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    labels = [bool(label) for label in labels]
    embeddings = np.asarray(embeddings, dtype=np.float64)
    if len(labels) != len(embeddings):
        raise ValueError(f"{len(embeddings)} embeddings for {len(labels)} labels")
    positives = sum(labels)
    if positives == 0 or positives == len(labels):
        only = "check-worthy" if positives else "not check-worthy"
        raise ValueError(
            f"all {len(labels)} examples are {only}: a head needs both classes to learn from"
        )
    model = LogisticRegression(C=1.0 / l2, class_weight="balanced", max_iter=2000)
    folds = min(5, positives, len(labels) - positives)
    if folds >= 2:
        probabilities = cross_val_predict(
            model, embeddings, labels, cv=folds, method="predict_proba"
        )[:, 1]
    model.fit(embeddings, labels)
    if folds < 2:
        probabilities = model.predict_proba(embeddings)[:, 1]
    return Head(
        weights=tuple(round(float(value), 6) for value in model.coef_[0]),
        bias=round(float(model.intercept_[0]), 6),
        threshold=tune_threshold(probabilities, labels),
    )
