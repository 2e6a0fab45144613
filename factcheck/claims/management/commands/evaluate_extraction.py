import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.extraction import extract_claims
from factcheck.extraction.evaluation import document_from_judged_sentence, score_documents


def _predict(text: str) -> list[dict]:
    return [claim.to_dict() for claim in extract_claims(text)]


class Command(BaseCommand):
    help = (
        "Score the engine's claim splitting, speakers and non-claims against FILE and print "
        "split recall, speaker accuracy and non-claims extracted. FILE is the JSON Lines of "
        "export_training_data (the reviewers' claims of each judged sentence are the "
        "answers; the engine reads each sentence on its own), or annotated articles "
        '({"id", "text", "claims": [{"keys", ...}], "non_claims"}).'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file: str, **options):
        try:
            lines = Path(file).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(f"{file}: cannot read ({error.strerror})") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text (bad byte at {error.start})") from error
        documents = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if "sentence" in record:
                    record = document_from_judged_sentence(record)
                elif not isinstance(record.get("text"), str):
                    raise KeyError("text")
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise CommandError(
                    f"{file}, line {number}: not a judged sentence or annotated article "
                    f"({error.__class__.__name__}: {error})"
                ) from error
            documents.append(record)
        self.stdout.write(str(score_documents(documents, _predict)))
