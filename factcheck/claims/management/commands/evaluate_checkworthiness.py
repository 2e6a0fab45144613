from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.extraction.checkworthiness import DEFAULT_THRESHOLD, raw_score
from factcheck.extraction.training import (
    LabelledFileError,
    end_to_end_score,
    evaluate,
    read_labelled,
)


class Command(BaseCommand):
    help = (
        "Report precision, recall and F1 of the check-worthy class for a labelled file: a "
        "ClaimBuster CSV (columns Text and Verdict; 1 is check-worthy, 0 and -1 are not) or "
        "a TSV of text, a tab, and 1 or 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"score at or above which a sentence counts as check-worthy "
            f"(default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--end-to-end",
            action="store_true",
            help="score each sentence as the engine does: the best score of the claims "
            "extract_claims finds in it, 0 when it finds none (default: the scorer alone "
            "on the whole sentence)",
        )

    def handle(self, *args, path: Path, threshold: float, end_to_end: bool, **options):
        if not 0.0 <= threshold <= 1.0:
            raise CommandError(f"--threshold must be between 0 and 1, not {threshold}")
        try:
            examples = read_labelled(path)
        except (LabelledFileError, OSError) as error:
            raise CommandError(str(error)) from error
        if not examples:
            raise CommandError(f"{path}: no labelled sentences")
        scorer = end_to_end_score if end_to_end else raw_score
        result = evaluate(examples, threshold=threshold, scorer=scorer)
        positives = result.true_positives + result.false_negatives
        mode = "end to end" if end_to_end else "sentence scorer"
        self.stdout.write(
            f"{result.count} sentences, {positives} check-worthy, threshold {threshold:.2f} "
            f"({mode})\n"
            f"precision {result.precision:.3f}\n"
            f"recall    {result.recall:.3f}\n"
            f"F1        {result.f1:.3f}"
        )
