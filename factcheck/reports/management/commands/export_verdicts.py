from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from factcheck.reports.formats import FORMATS, export_verdicts, selection_for
from factcheck.reports.forms import DownloadForm
from factcheck.reviews.models import Verdict


class Command(BaseCommand):
    help = (
        "Export verdicts as CSV, JSON, JSON Lines or ClaimReview JSON-LD, selected as on the "
        "Reports screen: published verdicts unless --status says otherwise. A verdict's date "
        "is when it was approved if published, else when it was proposed. Writes to standard "
        "output unless -o names a file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument(
            "--article", action="append", default=[], metavar="ID", help="repeat for several"
        )
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on")
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day")
        parser.add_argument(
            "--rating", action="append", default=[], metavar="SLUG", help="repeat for several"
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            choices=Verdict.Status.values,
            help="repeat for several; published by default",
        )
        parser.add_argument(
            "--include-matches",
            action="store_true",
            help="after each verdict, a row for every claim linked to its claim, with its verdict",
        )
        parser.add_argument("-o", "--output", type=Path, metavar="FILE")

    def handle(self, *args, **options):
        form = DownloadForm(self._query(options), may_export_unpublished=True)
        if not form.is_valid():
            raise CommandError(
                " ".join(
                    f"--{field}: {message}" if field != "__all__" else message
                    for field, messages in form.errors.items()
                    for message in messages
                )
            )
        fmt = FORMATS[form.cleaned_data["format"]]
        selection = form.selection()
        if selection_for(fmt, selection).statuses != selection.statuses:
            raise CommandError(
                "--format claimreview: ClaimReview markup is for published verdicts only; "
                "leave out --status or use --status published."
            )
        pieces = export_verdicts(fmt=fmt, selection=selection)
        if options["output"] is None:
            for piece in pieces:
                self.stdout.write(piece, ending="")
            return
        try:
            with options["output"].open("w", encoding="utf-8", newline="") as output:
                for piece in pieces:
                    output.write(piece)
        except OSError as error:
            raise CommandError(f"{options['output']}: {error.strerror}") from None
        self.stderr.write(f"Wrote {fmt.label} to {options['output']}.")

    @staticmethod
    def _query(options) -> QueryDict:
        query = QueryDict(mutable=True)
        query["format"] = options["format"]
        for name in ("since", "until"):
            if options[name]:
                query[name] = options[name]
        query.setlist("article", options["article"])
        query.setlist("rating", options["rating"])
        query.setlist("status", options["status"])
        if options["include_matches"]:
            query["include_matches"] = "on"
        return query
