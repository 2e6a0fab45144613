"""The seed articles' claims, held to a snapshot so that every rule change shows as a diff.

After a change that is meant to alter the claims, rewrite the snapshot and read its diff:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/extraction/test_golden.py
"""

import difflib
import json
import os
from pathlib import Path

import pytest

from factcheck.extraction import extract_claims

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).with_name("golden")


def claim_lines(body: str) -> list[str]:
    lines = []
    for claim in extract_claims(body):
        record = {
            "start": claim.start,
            "end": claim.end,
            "type": str(claim.type),
            "score": round(claim.score, 2),
            "speaker": claim.speaker,
            "speaker_description": claim.speaker_description,
            "text": claim.text,
            "quote": claim.quote,
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return lines


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.stem for seed in SEEDS])
def test_seed_claims_match_the_snapshot(seed):
    golden = GOLDEN / f"{seed.stem}.jsonl"
    actual = claim_lines(seed.read_text(encoding="utf-8"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text("".join(actual), encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(expected, actual, "snapshot", "now"))
    assert not diff, f"claims changed; if meant, UPDATE_GOLDEN=1 and commit:\n{diff}"
