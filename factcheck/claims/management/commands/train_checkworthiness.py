from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.extraction.checkworthiness import WEIGHTS_PATH
from factcheck.extraction.training import CREDIT, LabelledFileError, read_labelled, train


class Command(BaseCommand):
    help = (
        "Train the check-worthiness scorer on a ClaimBuster crowdsourced CSV and write its "
        "weights. The threshold is tuned for F1 on debates from 2012 on, with the model fit "
        "on earlier ones; the weights written are then fit on every debate. Same input, "
        "same file. Needs the 'train' extra (scikit-learn). " + CREDIT
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH_TO_CROWDSOURCED_CSV")
        parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)

    def handle(self, *args, path: Path, out: Path, **options):
        try:
            examples = read_labelled(path)
        except (LabelledFileError, OSError) as error:
            raise CommandError(str(error)) from error
        try:
            report = train(examples)
        except ImportError as error:
            raise CommandError(
                f"{error}; install the training extra: pip install -e '.[train]'"
            ) from error
        out.write_text(report.as_json(), encoding="utf-8")
        if report.dev:
            dev = report.dev
            self.stdout.write(
                f"dev set ({report.dev_count} sentences, fit on {report.train_count}): "
                f"precision {dev.precision:.3f}, recall {dev.recall:.3f}, F1 {dev.f1:.3f} "
                f"at threshold {dev.threshold:.2f}"
            )
        else:
            self.stdout.write(
                "no debate years to split on: threshold tuned on the training data itself"
            )
        self.stdout.write(
            f"wrote {len(report.weights)} weights, threshold {report.threshold:.2f}, to {out}"
        )
