"""manage.py export_verdicts: the Reports screen's selection and formats, from the shell."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from factcheck.claims.models import Claim
from factcheck.reports.formats import CSV_COLUMNS
from tests.factories import ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("export_verdicts", *args, stdout=out)
    return out.getvalue()


def test_exports_published_verdicts_as_csv_to_standard_output(publish):
    verdict = publish()
    VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL))
    rows = list(csv.reader(io.StringIO(run("--format", "csv"), newline="")))
    assert rows[0] == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == [str(verdict.pk)]


@pytest.mark.parametrize("name", ["json", "jsonl", "claimreview"])
def test_writes_each_format_to_a_file(publish, tmp_path, name, capsys):
    publish()
    target = tmp_path / f"out.{name}"
    assert run("--format", name, "-o", str(target)) == ""
    text = target.read_text(encoding="utf-8")
    records = (
        [json.loads(line) for line in text.splitlines()] if name == "jsonl" else json.loads(text)
    )
    assert len(records) == 1


def test_selects_as_the_screen_does(publish):
    wanted = publish(rating="false", approved_at=datetime(2024, 6, 1, 12, tzinfo=UTC))
    publish(rating="false", approved_at=datetime(2023, 6, 1, tzinfo=UTC))
    publish(rating="true", approved_at=datetime(2024, 6, 1, tzinfo=UTC))
    pending = VerdictFactory(claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL))

    def ids(*args):
        return [record["verdict_id"] for record in json.loads(run("--format", "json", *args))]

    assert ids("--since", "2024-01-01", "--until", "2024-12-31", "--rating", "false") == [wanted.pk]
    assert ids("--article", str(wanted.claim.article_id)) == [wanted.pk]
    assert ids("--status", "awaiting_approval") == [pending.pk]
    assert len(ids("--status", "published", "--status", "awaiting_approval")) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-02-01", "--until", "2024-01-01"], "--until: The end date is before"),
        (["--since", "01/02/2024"], "--since: Enter a date as YYYY-MM-DD"),
        (["--article", "4242"], "--article: There is no article number 4242"),
        (["--article", "x"], "--article: “x” is not an article number"),
        (["--rating", "nope"], "--rating: There is no rating “nope”"),
        (["--status", "awaiting_approval"], "ClaimReview markup is for published verdicts only"),
    ],
)
def test_bad_options_are_a_clear_error(db, args, message):
    fmt = "claimreview" if "awaiting_approval" in args else "csv"
    with pytest.raises(CommandError, match=message):
        run("--format", fmt, *args)


def test_an_unknown_format_is_refused(db):
    with pytest.raises(CommandError, match="invalid choice: 'xml'"):
        run("--format", "xml")


def test_an_unwritable_output_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No such file or directory"):
        run("--format", "csv", "-o", str(tmp_path / "missing" / "out.csv"))
