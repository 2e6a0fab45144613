from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.extraction.checkworthiness import DEFAULT_THRESHOLD
from factcheck.extraction.training import LabelledFileError, evaluate, read_labelled


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

    def handle(self, *args, path: Path, threshold: float, **options):
        if not 0.0 <= threshold <= 1.0:
            raise CommandError(f"--threshold must be between 0 and 1, not {threshold}")
        try:
            examples = read_labelled(path)
        except (LabelledFileError, OSError) as error:
            raise CommandError(str(error)) from error
        if not examples:
            raise CommandError(f"{path}: no labelled sentences")
        result = evaluate(examples, threshold=threshold)
        positives = result.true_positives + result.false_negatives
        self.stdout.write(
            f"{result.count} sentences, {positives} check-worthy, threshold {threshold:.2f}\n"
            f"precision {result.precision:.3f}\n"
            f"recall    {result.recall:.3f}\n"
            f"F1        {result.f1:.3f}"
        )
