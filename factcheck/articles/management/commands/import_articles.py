from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.articles.services import articles_import_files


class Command(BaseCommand):
    help = (
        "Import article files in the seed format (first line: date YYYY-MM-DD 'Title': subtitle, "
        "then the body) and extract their claims. A folder imports every .txt file in it. "
        "Importing the same article again changes nothing. A file that cannot be read is "
        "reported by name and nothing of it is written; the others still import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args, paths: list[Path], **options):
        report = articles_import_files(paths=paths, source=" ".join(map(str, paths)))
        for result in report.files:
            if result.error:
                self.stderr.write(self.style.ERROR(f"error: {result.error}"))
            elif result.created:
                self.stdout.write(
                    f"imported {result.name}: {result.article.title!r}, {result.claims} claims"
                )
            else:
                self.stdout.write(f"already imported {result.name}: {result.article.title!r}")
        batch = report.batch
        self.stdout.write(
            f"{batch.articles_created} imported, {batch.duplicates_skipped} already there, "
            f"{len(report.errors)} failed, {batch.claims_found} claims found."
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} of {len(report.files)} files failed.")
