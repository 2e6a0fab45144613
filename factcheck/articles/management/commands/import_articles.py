from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.articles.services import Outcome, RecordResult, articles_import_files


class Command(BaseCommand):
    help = (
        "Import article files and extract their claims: the seed format (first line: date "
        "YYYY-MM-DD 'Title': subtitle), plain text (.txt, title on line 1), JSON (.json, one "
        "article or a list), JSON Lines (.jsonl), CSV (.csv, a header row naming title, body, "
        "url, outlet, author, published_date), HTML pages (.html) and zips of them. A folder "
        "imports every such file in it. Importing the same article again changes nothing; a "
        "changed text is imported as a new version. A bad file or record is reported by name "
        "and line, and nothing of it is written; the others still import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="Processes extracting claims (default: FACTCHECK_IMPORT_PROCESSES, 0 = one "
            "per core).",
        )

    def handle(self, *args, paths: list[Path], processes: int | None, **options):
        verbose = options["verbosity"] >= 1

        def show(result: RecordResult) -> None:
            if result.outcome == Outcome.ERROR:
                self.stderr.write(self.style.ERROR(f"error: {result.describe()}"))
            elif verbose:
                self.stdout.write(result.describe())

        report = articles_import_files(
            paths=paths, source=" ".join(map(str, paths)), on_result=show, processes=processes
        )
        batch = report.batch
        self.stdout.write(
            f"{batch.articles_created} imported ({batch.new_versions} new versions), "
            f"{batch.duplicates_skipped} already there, {len(report.errors)} failed, "
            f"{batch.claims_found} claims found. Import batch #{batch.pk}."
        )
        if report.errors:
            raise CommandError(
                f"{report.files_failed} of {batch.files_total} files failed "
                f"({len(report.errors)} errors)."
            )
