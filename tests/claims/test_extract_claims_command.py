import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

GUNS = (
    "Ukraine said 18,000 guns had been given to residents to defend against Russia, "
    "while the US has pledged to provide $600m in military assistance."
)


def printed(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_text_file_prints_one_json_object_per_claim_with_the_path_as_doc(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(GUNS, encoding="utf-8")
    call_command("extract_claims", str(path))
    claims = printed(capsys)
    assert [claim["speaker"] for claim in claims] == ["Ukraine", "the US"]
    assert {claim["doc"] for claim in claims} == {str(path)}
    assert claims[1]["figures"] == [
        {"text": "$600m", "value": 600000000.0, "unit": "", "currency": "USD"}
    ]
    assert GUNS[claims[0]["start"] : claims[0]["end"]].endswith("defend against Russia")


def test_jsonl_from_stdin_uses_each_line_id_as_doc(monkeypatch, capsys):
    lines = [
        json.dumps({"id": "one", "text": GUNS}),
        "",
        json.dumps({"id": 2, "text": "Prices rose by 5% in May."}),
    ]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    call_command("extract_claims", "-", "--input", "jsonl")
    assert [claim["doc"] for claim in printed(capsys)] == ["one", "one", "2"]


@pytest.mark.django_db
def test_command_writes_nothing_to_the_database(tmp_path, capsys, django_assert_num_queries):
    path = tmp_path / "article.txt"
    path.write_text(GUNS, encoding="utf-8")
    with django_assert_num_queries(0):
        call_command("extract_claims", str(path))


def test_bad_jsonl_line_stops_the_run_naming_the_line_before_printing(monkeypatch, capsys):
    lines = [json.dumps({"id": "ok", "text": GUNS}), "{not json"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    with pytest.raises(CommandError, match="line 2: not valid JSON"):
        call_command("extract_claims", "-", "--input", "jsonl")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["a list"]', "line 1: expected a JSON object"),
        ('{"text": "no id"}', "line 1: missing or invalid 'id'"),
        ('{"id": 1, "text": 5}', "line 1: 'text' must be a string"),
    ],
)
def test_jsonl_line_without_id_or_text_is_a_clear_error(tmp_path, line, message):
    path = tmp_path / "docs.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("extract_claims", str(path), "--input", "jsonl")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"missing\.txt: cannot read"):
        call_command("extract_claims", str(tmp_path / "missing.txt"))


def test_undecodable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 prices rose by 5%.".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1\.txt: not UTF-8 text"):
        call_command("extract_claims", str(path))


def test_fast_scores_lexically(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(GUNS, encoding="utf-8")
    call_command("extract_claims", str(path), "--fast")
    claims = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert claims and all(c["model"].startswith("lexical ") for c in claims)
    assert all(c["checkworthy"] == (c["score"] >= 0.43) for c in claims)


def test_a_reader_that_stops_early_ends_the_run_without_a_traceback():
    # "extract_claims article.txt | head -1": far more output than a pipe holds.
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    run = subprocess.Popen(
        [sys.executable, str(manage), "extract_claims", "-", "--fast"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    run.stdin.write(" ".join([GUNS] * 2000).encode())
    run.stdin.close()
    assert json.loads(run.stdout.readline())["speaker"] == "Ukraine"
    run.stdout.close()
    stderr = run.stderr.read().decode()
    assert run.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
