"""Ranking measures of a check-worthiness score: average precision per debate, and their
mean (MAP), the CLEF CheckThat! measure; and reading CheckThat! 2020 debate files
(``line<TAB>speaker<TAB>text<TAB>label``, one debate a file)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from factcheck.extraction.training import LabelledFileError, LabelledText


def average_precision(scored: Sequence[tuple[float, bool]]) -> float:
    """Mean of the precision at each check-worthy sentence, ranked by score (ties: in the
    given order, so a constant score earns nothing by luck of the order)."""
    ranked = sorted(enumerate(scored), key=lambda item: (-item[1][0], item[0]))
    hits, total = 0, 0.0
    for rank, (_, (_, label)) in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def mean_average_precision(
    examples: Iterable[LabelledText], scores: Sequence[float]
) -> tuple[float, int]:
    """(MAP over the debates with a check-worthy sentence, how many debates)."""
    debates: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for example, score in zip(examples, scores, strict=True):
        debates[example.debate].append((score, example.checkworthy))
    precisions = [
        average_precision(scored)
        for scored in debates.values()
        if any(label for _, label in scored)
    ]
    return (sum(precisions) / len(precisions) if precisions else 0.0), len(precisions)


def read_checkthat(directory: Path | str) -> list[LabelledText]:
    """Every sentence of every ``*.tsv`` debate in ``directory``, the file name its debate."""
    rows = []
    paths = sorted(Path(directory).glob("*.tsv"))
    if not paths:
        raise LabelledFileError(f"{directory}: no .tsv debate files")
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                parts = raw.rstrip("\r\n").split("\t")
                if len(parts) != 4 or parts[3].strip() not in {"0", "1"}:
                    raise LabelledFileError(
                        f"{path}, line {number}: expected line, speaker, text and a label "
                        "of 0 or 1, separated by tabs"
                    )
                rows.append(LabelledText(parts[2].strip(), parts[3].strip() == "1", path.stem))
    return rows
