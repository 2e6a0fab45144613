"""Training and evaluating the lexical check-worthiness scorer: the shipped weights, and
their refit on a newsroom's triage decisions (``train_checkworthiness --from-decisions``).

Data: the ClaimBuster dataset by Arslan, Hassan, Li and Tremayne, "A Benchmark Dataset
of Check-worthy Factual Claims", ICWSM 2020, DOI 10.5281/zenodo.3609356, CC BY 4.0.
Its ``crowdsourced.csv`` has one debate sentence a row with a ``Verdict`` of 1
(check-worthy factual), 0 (unimportant factual) or -1 (not factual), and the debate in
``File_id`` (named by date). Sentences of one debate resemble each other, so the model
is tuned on later debates than it learns from, never on a random split.

scikit-learn and numpy are imported inside the functions that need them: the scorer never
needs them, so extraction stays cheap to import.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.extraction.checkworthiness import Model, features, raw_score

CREDIT = (
    "Trained on the ClaimBuster dataset: Arslan, Hassan, Li and Tremayne, "
    '"A Benchmark Dataset of Check-worthy Factual Claims", ICWSM 2020, '
    "DOI 10.5281/zenodo.3609356, CC BY 4.0."
)
DEV_FROM_YEAR = 2012
REGULARISATION_C = 3.0
WEIGHT_DECIMALS = 4
SEED = 0
MIN_FEATURE_COUNT = 2


class LabelledFileError(ValueError):
    """A labelled file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class LabelledText:
    text: str
    checkworthy: bool
    debate: str = ""
    line: int = 0

    @property
    def year(self) -> int:
        return int(self.debate[:4]) if self.debate[:4].isdigit() else 0


@dataclass(frozen=True, slots=True)
class Evaluation:
    threshold: float
    count: int
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0

    @property
    def f1(self) -> float:
        precision, recall = self.precision, self.recall
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def read_labelled(path: Path | str) -> list[LabelledText]:
    """Read a ClaimBuster CSV (``Text``, ``Verdict``) or a ``text<TAB>label`` TSV.

    The format is told by the extension (``.csv`` / ``.tsv``) and, for any other name,
    by the first line: a header with ``Text`` and ``Verdict`` means ClaimBuster CSV.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            first_line = handle.readline()
            handle.seek(0)
            if _is_claimbuster_csv(path, first_line):
                return _read_claimbuster(handle, path)
            return _read_tsv(handle, path)
    except UnicodeDecodeError as error:
        raise LabelledFileError(f"{path}: not UTF-8 text ({error.reason})") from error


def _is_claimbuster_csv(path: Path, first_line: str) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix == ".tsv":
        return False
    header = {name.strip() for name in first_line.split(",")}
    return {"Text", "Verdict"} <= header


def _read_claimbuster(handle, path: Path) -> list[LabelledText]:
    reader = csv.DictReader(handle)
    missing = {"Text", "Verdict"} - set(reader.fieldnames or ())
    if missing:
        raise LabelledFileError(
            f"{path}, line 1: a ClaimBuster CSV needs the columns Text and Verdict; "
            f"missing {', '.join(sorted(missing))}"
        )
    rows = []
    for row in reader:
        line = reader.line_num
        verdict = (row.get("Verdict") or "").strip()
        text = (row.get("Text") or "").strip()
        if None in row or verdict not in {"1", "0", "-1"} or not text:
            raise LabelledFileError(
                f"{path}, line {line}: expected a non-empty Text and a Verdict of 1, 0 or -1"
            )
        rows.append(LabelledText(text, verdict == "1", (row.get("File_id") or "").strip(), line))
    return rows


def _read_tsv(handle, path: Path) -> list[LabelledText]:
    rows = []
    for line, raw in enumerate(handle, start=1):
        stripped = raw.rstrip("\r\n")
        if not stripped.strip():
            continue
        text, separator, label = stripped.rpartition("\t")
        label = label.strip()
        if line == 1 and label.lower() == "label":
            continue
        if not separator or not text.strip() or label not in {"1", "0"}:
            raise LabelledFileError(
                f"{path}, line {line}: expected text, a tab, and a label of 1 or 0"
            )
        rows.append(LabelledText(text.strip(), label == "1", "", line))
    return rows


def evaluate(
    examples: Iterable[LabelledText],
    *,
    threshold: float,
    scorer: Callable[[str], float] = raw_score,
) -> Evaluation:
    """Precision, recall and F1 of the check-worthy class at ``threshold``."""
    return evaluate_scores(
        [(scorer(example.text), example.checkworthy) for example in examples],
        threshold=threshold,
    )


def evaluate_scores(scored: Sequence[tuple[float, bool]], *, threshold: float) -> Evaluation:
    true_positives = false_positives = false_negatives = 0
    for score, checkworthy in scored:
        predicted = score >= threshold
        if predicted and checkworthy:
            true_positives += 1
        elif predicted:
            false_positives += 1
        elif checkworthy:
            false_negatives += 1
    return Evaluation(threshold, len(scored), true_positives, false_positives, false_negatives)


def tune_threshold(scored: Sequence[tuple[float, bool]]) -> Evaluation:
    """The threshold (on a 0.01 grid) with the best F1; the lower one on ties."""
    best = evaluate_scores(scored, threshold=0.5)
    for step in range(5, 96):
        candidate = evaluate_scores(scored, threshold=step / 100)
        if candidate.f1 > best.f1 + 1e-12:
            best = candidate
    return best


def fit(
    examples: Sequence[LabelledText],
    *,
    c: float = REGULARISATION_C,
    min_count: int = MIN_FEATURE_COUNT,
) -> tuple[dict[str, float], float]:
    """Logistic regression with balanced class weights; returns (weights, bias).

    Features seen in fewer than ``min_count`` sentences are left out: they cannot be
    learnt from one example and would only bloat the weights file. Weights are rounded
    and near-zero ones dropped, which keeps the JSON small and makes the output
    byte-for-byte reproducible.
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = [features(example.text) for example in examples]
    seen = Counter(name for vector in vectors for name in vector)
    kept = {name for name, count in seen.items() if count >= min_count}
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(
        [{name: value for name, value in vector.items() if name in kept} for vector in vectors]
    )
    labels = np.array([example.checkworthy for example in examples], dtype=int)
    model = LogisticRegression(
        C=c, class_weight="balanced", max_iter=5000, tol=1e-6, random_state=SEED
    )
    model.fit(matrix, labels)
    weights = {}
    for name, weight in zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True):
        rounded = round(float(weight), WEIGHT_DECIMALS)
        if abs(rounded) >= 10**-WEIGHT_DECIMALS * 5:
            weights[str(name)] = rounded
    return weights, round(float(model.intercept_[0]), WEIGHT_DECIMALS)


@dataclass(frozen=True, slots=True)
class TrainingReport:
    weights: dict[str, float]
    bias: float
    threshold: float
    train_count: int
    dev_count: int
    dev: Evaluation | None

    def as_json(self) -> str:
        metadata = {
            "credit": CREDIT,
            "model": f"logistic regression, balanced classes, C={REGULARISATION_C:g}",
            "threshold_tuned_on": f"debates from {DEV_FROM_YEAR} on, model fit on earlier",
            "dev_f1": round(self.dev.f1, 4) if self.dev else None,
            "dev_precision": round(self.dev.precision, 4) if self.dev else None,
            "dev_recall": round(self.dev.recall, 4) if self.dev else None,
            "trained_on_sentences": self.train_count + self.dev_count,
        }
        document = {
            "format": 1,
            "metadata": metadata,
            "threshold": self.threshold,
            "bias": self.bias,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(document, indent=0, sort_keys=False, ensure_ascii=False) + "\n"


def score_with(weights: dict[str, float], bias: float) -> Callable[[str], float]:
    return Model(weights, bias).score


def end_to_end_score(text: str) -> float:
    """A sentence's score as the engine gives it: the best score of the claims
    ``extract_claims`` finds in it, or 0 when it finds none (a sentence the engine
    drops, as a question or an opinion, is one it does not put before a checker)."""
    from factcheck.extraction.pipeline import extract_claims

    return max((claim.score for claim in extract_claims(text)), default=0.0)


def train(
    examples: Sequence[LabelledText],
    *,
    dev_from_year: int = DEV_FROM_YEAR,
    c: float = REGULARISATION_C,
) -> TrainingReport:
    """Fit on debates before ``dev_from_year``, tune the threshold for F1 on the later
    ones, then refit on everything with the same settings and keep that threshold.

    Examples without a year (or when no split leaves both sides non-empty) are all
    used for fitting and the threshold is tuned on the training data itself.
    """
    earlier = [example for example in examples if 0 < example.year < dev_from_year]
    later = [example for example in examples if example.year >= dev_from_year]
    if earlier and later and len(earlier) + len(later) == len(examples):
        weights, bias = fit(earlier, c=c)
        scorer = score_with(weights, bias)
        dev = tune_threshold([(scorer(example.text), example.checkworthy) for example in later])
        train_count, dev_count = len(earlier), len(later)
    else:
        weights, bias = fit(examples, c=c)
        scorer = score_with(weights, bias)
        dev = None
        threshold = tune_threshold(
            [(scorer(example.text), example.checkworthy) for example in examples]
        ).threshold
        train_count, dev_count = len(examples), 0
    if dev is not None:
        threshold = dev.threshold
        weights, bias = fit(examples, c=c)
    return TrainingReport(weights, bias, threshold, train_count, dev_count, dev)
