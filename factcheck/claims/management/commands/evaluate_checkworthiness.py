from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.extraction.checkworthiness import (
    DEFAULT_THRESHOLD,
    Model,
    raw_score,
    score_in_context,
)
from factcheck.extraction.neural import MODEL_DIR, NeuralModelError, NeuralScorer
from factcheck.extraction.ranking import mean_average_precision, read_checkthat
from factcheck.extraction.training import (
    LabelledFileError,
    evaluate_scores,
    fit,
    read_labelled,
    tune_threshold,
)

TEST_YEARS = (2012, 2016)
THRESHOLD_YEAR = 2008  # the newest fit debates: the threshold is tuned on them


class Command(BaseCommand):
    help = (
        "Report precision, recall, F1 of the check-worthy class and mean average precision "
        "per debate for a labelled file: a ClaimBuster CSV (columns Text and Verdict; 1 is "
        "check-worthy, 0 and -1 are not) or a TSV of text, a tab, and 1 or 0. "
        "--split-by-year fits the lexical model on debates before 2012 (threshold tuned on "
        "2008, fit on the others) and measures both models on 2012 and 2016; the neural "
        "model must then be one trained before 2012 (--neural-dir)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, metavar="PATH")
        parser.add_argument("--model", choices=["lexical", "neural", "both"], default="lexical")
        parser.add_argument("--neural-dir", type=Path, default=MODEL_DIR)
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="score at or above which a sentence counts as check-worthy (default: the "
            f"model's own; lexical {DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--end-to-end",
            action="store_true",
            help="score each sentence as the engine does: the best score of the claims "
            "extract_claims finds in it, 0 when it finds none (default: the scorer alone "
            "on the whole sentence)",
        )
        parser.add_argument("--split-by-year", action="store_true")
        parser.add_argument(
            "--checkthat", type=Path, metavar="DIR", help="also MAP on CheckThat! 2020 debates"
        )

    def handle(self, *args, path: Path, model: str, threshold: float | None, **options):
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise CommandError(f"--threshold must be between 0 and 1, not {threshold}")
        try:
            examples = read_labelled(path)
            checkthat = read_checkthat(options["checkthat"]) if options["checkthat"] else []
        except (LabelledFileError, OSError) as error:
            raise CommandError(str(error)) from error
        if not examples:
            raise CommandError(f"{path}: no labelled sentences")
        split = options["split_by_year"]
        tune = [e for e in examples if e.year == THRESHOLD_YEAR]
        if split:
            fit_part = [
                e for e in examples if 0 < e.year < TEST_YEARS[0] and e.year != THRESHOLD_YEAR
            ]
            test = [e for e in examples if e.year in TEST_YEARS]
            if not (fit_part and tune and test):
                raise CommandError(
                    f"{path}: --split-by-year needs debates before {THRESHOLD_YEAR}, of "
                    f"{THRESHOLD_YEAR} and of {' and '.join(map(str, TEST_YEARS))}"
                )
        else:
            test = examples
        scorers = {}
        if model in {"lexical", "both"}:
            scorers["lexical"] = self._lexical(fit_part if split else None)
        if model in {"neural", "both"}:
            scorers["neural"] = self._neural(options["neural_dir"], split)
        end_to_end = options["end_to_end"]
        mode = "end to end" if end_to_end else "sentence scorer"
        if split:
            mode += ", fit before 2012, measured on 2012 and 2016"
        for name, (score_texts, own_threshold) in scorers.items():
            score = _end_to_end(score_texts) if end_to_end else score_texts
            if split:
                tuned = tune_threshold(
                    list(
                        zip(
                            score([e.text for e in tune]),
                            [e.checkworthy for e in tune],
                            strict=True,
                        )
                    )
                )
                own_threshold = tuned.threshold
            chosen = own_threshold if threshold is None else threshold
            scores = score([e.text for e in test])
            result = evaluate_scores(
                list(zip(scores, [e.checkworthy for e in test], strict=True)), threshold=chosen
            )
            ranking, debates = mean_average_precision(test, scores)
            positives = result.true_positives + result.false_negatives
            self.stdout.write(
                f"{name}: {result.count} sentences, {positives} check-worthy, threshold "
                f"{chosen:.2f} ({mode})\n"
                f"precision {result.precision:.3f}\n"
                f"recall    {result.recall:.3f}\n"
                f"F1        {result.f1:.3f}\n"
                f"MAP       {ranking:.3f} over {debates} debates"
            )
            if checkthat:
                ranking, debates = mean_average_precision(
                    checkthat, score([e.text for e in checkthat])
                )
                self.stdout.write(f"CheckThat MAP {ranking:.3f} over {debates} debates")

    def _lexical(self, fit_part):
        if fit_part is None:
            return (lambda texts: [raw_score(text) for text in texts]), DEFAULT_THRESHOLD
        weights, bias = fit(fit_part)
        model = Model(weights, bias)
        return (lambda texts: [model.score(text) for text in texts]), DEFAULT_THRESHOLD

    def _neural(self, directory: Path, split: bool):
        try:
            scorer = NeuralScorer.load(directory)
        except NeuralModelError as error:
            raise CommandError(str(error)) from error
        before = (scorer.meta.get("training") or {}).get("before_year")
        if split and not (before and before <= TEST_YEARS[0]):
            raise CommandError(
                f"{directory}: trained on debates up to {before or 'every year'}; "
                f"--split-by-year needs a model trained before {TEST_YEARS[0]} "
                "(neural_training --before-year 2012)"
            )
        return scorer.score, scorer.head.threshold


def _end_to_end(score_texts):
    """Score a sentence by the best of its claims' scores, each claim scored as the
    workbench scores it (at least as well as its sentence); 0 when the engine finds none."""
    from factcheck.extraction.pipeline import extract_claims

    def score(texts):
        claims = [
            [(claim.text, claim.sentence, claim.type) for claim in extract_claims(text)]
            for text in texts
        ]
        flat = score_in_context(score_texts, [pair for group in claims for pair in group])
        scores, at = [], 0
        for group in claims:
            scores.append(max(flat[at : at + len(group)], default=0.0))
            at += len(group)
        return scores

    return score
