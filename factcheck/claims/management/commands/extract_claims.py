import json
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.extraction import extract_documents
from factcheck.extraction.documents import DocumentError, read_jsonl_documents
from factcheck.scoring.selectors import lexical_scorer, shipped_scorer


class Command(BaseCommand):
    help = (
        "Print the claims found in a text, one JSON object per claim per line (the claim "
        "plus 'doc': the path, or the id of the input line). Writes nothing to the "
        "database. PATH is a UTF-8 text file, or - for standard input: a news article, a "
        "transcript (turns starting 'NAME: ' on a line, or the CheckThat! line format "
        "number<TAB>speaker<TAB>text) whose claims are their turn's speaker's, or a press "
        "release whose claims are its issuer's. With --input "
        'jsonl every line is {"id": ..., "text": ...}; the whole input is checked first '
        "and the first bad line stops the run, naming its line number, before anything "
        "is printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="a text file, or - for stdin")
        parser.add_argument(
            "--input",
            choices=["text", "jsonl"],
            default="text",
            help="text: the whole input is one article (default); jsonl: one per line",
        )
        parser.add_argument(
            "--fast",
            action="store_true",
            help="score with the lexical model (default: the shipped neural model when it is "
            "available and FACTCHECK_NEURAL is not false)",
        )

    def handle(self, *args, path: str, input: str, fast: bool, **options):
        source = "stdin" if path == "-" else path
        try:
            raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"{source}: cannot read ({error.strerror})") from error
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{source}: not UTF-8 text (bad byte at position {error.start})"
            ) from error
        if input == "jsonl":
            try:
                documents = read_jsonl_documents(content.splitlines())
            except DocumentError as error:
                raise CommandError(f"{source}: {error}") from error
        else:
            documents = [(path, content)]
        scorer = lexical_scorer() if fast else shipped_scorer()
        if scorer.fallback:
            self.stderr.write(f"scoring lexically: {scorer.fallback}")
        claims = list(extract_documents(documents))
        scores = (
            [claim.score for _, claim in claims]
            if scorer.neural is None
            else scorer.score_claims(
                [(claim.text, claim.sentence, claim.type) for _, claim in claims]
            )
        )
        try:
            for (doc, claim), score in zip(claims, scores, strict=True):
                record = {
                    **claim.to_dict(),
                    "score": score,
                    "checkworthy": score >= scorer.threshold,
                    "model": f"{scorer.kind} {scorer.version}",
                    "doc": doc,
                }
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            self.stdout.flush()
        except BrokenPipeError:
            # The reader stopped early ("extract_claims ... | head"): stop quietly, as
            # command-line tools do. stdout goes to devnull so that the flush at exit
            # does not fail again (the recipe of Python's signal module documentation).
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
