from django.core.management.base import BaseCommand, CommandError

from factcheck.claims.selectors import claims_with_broken_spans


class Command(BaseCommand):
    help = (
        "Report every claim whose span (body[start:end]) no longer lies in its sentence, so "
        "that its highlight in the article is wrong. Exits with status 1 if any."
    )

    def handle(self, *args, **options):
        broken = 0
        for claim, words in claims_with_broken_spans():
            broken += 1
            self.stdout.write(
                f"claim {claim.pk} (article {claim.article_id}, {claim.start}-{claim.end}) "
                f"covers {words[:60]!r}, not a part of {claim.sentence[:60]!r}"
            )
        if broken:
            raise CommandError(f"{broken} claims have a span that does not match their sentence.")
        self.stdout.write("Every claim's span lies in its sentence.")
