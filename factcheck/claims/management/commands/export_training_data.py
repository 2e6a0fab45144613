import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from factcheck.claims.selectors import judged_sentences


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since {value!r}: give a date as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Write the sentences reviewers judged as JSON Lines, one record per sentence: the "
        "sentence, its article id and date, the label (check_worthy, not_check_worthy, "
        "not_a_claim with its reason) and the engine's claims beside the reviewer's (text, "
        "span, speaker, type). What check-worthiness training and evaluate_extraction read."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=str, help="only what was judged on or after YYYY-MM-DD")
        parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")

    def handle(self, *args, since: str | None, output: str | None, **options):
        records = judged_sentences(since=_date(since) if since else None)
        if output is None:
            count = _write(records, self.stdout.write)
        else:
            try:
                with open(output, "w", encoding="utf-8") as handle:
                    count = _write(records, lambda line: handle.write(line + "\n"))
            except OSError as error:
                raise CommandError(f"{output}: cannot write ({error.strerror})") from error
        self.stderr.write(f"{count} judged sentences written to {output or 'stdout'}.")


def _write(records, write) -> int:
    count = 0
    for record in records:
        write(json.dumps(record, ensure_ascii=False))
        count += 1
    return count
