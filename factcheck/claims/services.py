"""Writes that create or refresh an article's claims from the extraction engine."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from factcheck.articles.models import Article
from factcheck.articles.parsing import content_hash, normalise_text
from factcheck.claims.models import Claim, span_lies_in_sentence
from factcheck.claims.workflow import event_record
from factcheck.extraction import ENGINE_VERSION, extract_claims
from factcheck.extraction.sentences import split_sentences
from factcheck.matching.services import matches_find_for_claims
from factcheck.reviews.models import Event
from factcheck.speakers.services import claims_link_speakers


def claim_from_extracted(article: Article, extracted) -> Claim:
    return Claim(
        article=article,
        text=extracted.text,
        sentence=extracted.sentence,
        start=extracted.start,
        end=extracted.end,
        speaker=extracted.speaker or "",
        claim_type=str(extracted.type),
        figures=extracted.to_dict()["figures"],
        score=min(max(extracted.score, 0.0), 1.0),
        score_reasons=list(extracted.reasons),
        extractor_version=ENGINE_VERSION,
    )


def _touched_claims(article: Article):
    """Claims a person has worked on: re-extraction must never lose them."""
    from factcheck.reviews.models import Source, Verdict

    return article.claims.filter(
        ~Q(status=Claim.Status.NEW)
        | Q(assignee__isnull=False)
        | Q(duplicates__isnull=False)
        | Exists(Source.objects.filter(claim=OuterRef("pk")))
        | Exists(Verdict.objects.filter(claim=OuterRef("pk")))
        | Exists(Event.objects.filter(claim=OuterRef("pk")))
    ).distinct()


@transaction.atomic
def claims_extract_for_article(*, article: Article) -> list[Claim]:
    """(Re-)extract an article's claims with the current engine.

    Untouched claims are replaced; every claim a reviewer has touched is kept with its
    sources, verdicts and events, and a new claim overlapping a kept one is dropped.
    """
    return _extract_around(article, kept=list(_touched_claims(article).only("start", "end")))


def _extract_around(article: Article, *, kept: list[Claim]) -> list[Claim]:
    article.claims.exclude(pk__in=[claim.pk for claim in kept]).delete()

    def overlaps_kept(start: int, end: int) -> bool:
        return any(start < claim.end and claim.start < end for claim in kept)

    new_claims = [
        claim_from_extracted(article, extracted)
        for extracted in extract_claims(article.body)
        if not overlaps_kept(extracted.start, extracted.end)
    ]
    Claim.objects.bulk_create(new_claims)
    claims_link_speakers(claims=article.claims.all())
    article.extractor_version = ENGINE_VERSION
    article.save(update_fields=["extractor_version"])
    matches_find_for_claims(claims=new_claims)
    return new_claims


@dataclass(frozen=True)
class BodyChange:
    """What changing an article's text did to its claims."""

    reanchored: int = 0
    to_check: int = 0
    extracted: int = 0

    def describe(self) -> str:
        parts = [f"{self.extracted} claims extracted again from the new text"]
        if self.reanchored:
            parts.append(f"{self.reanchored} reviewed claims found again in it")
        if self.to_check:
            parts.append(
                f"{self.to_check} reviewed claims not found again: marked "
                "“text changed, check the span”"
            )
        return "; ".join(parts) + "."


ARTICLE_TEXT_FIELDS = ("title", "subtitle", "author", "caption", "body")


@transaction.atomic
def article_update(*, article: Article, user, **fields) -> BodyChange | None:
    """Change an article's fields; text is stored normalised, as the importer stores it.

    A body that really changed moves each reviewed claim to where its words are now (or
    marks it for a person to check) and extracts the other claims again, so that no
    claim is left highlighting the wrong characters. Returns what happened to the claims,
    or None when the body did not change.
    """
    stored = Article.objects.select_for_update().get(pk=article.pk)
    for name, value in fields.items():
        if name in ARTICLE_TEXT_FIELDS and isinstance(value, str):
            value = normalise_text(value)
        setattr(article, name, value)
    if not article.body.strip():
        raise ValidationError({"body": "An article needs a body."})
    article.content_hash = content_hash(article.title, article.body)
    if Article.objects.filter(content_hash=article.content_hash).exclude(pk=article.pk).exists():
        raise ValidationError("Another article already has this title and text.")
    article.save()
    if article.body == stored.body:
        return None
    return _follow_body_change(article, old_body=stored.body, user=user)


def _follow_body_change(article: Article, *, old_body: str, user) -> BodyChange:
    new_body = article.body
    # The edit lies between what the two bodies share at their start and at their end.
    prefix = _common_prefix(old_body, new_body)
    suffix = _common_prefix(old_body[prefix:][::-1], new_body[prefix:][::-1])
    edit = _Edit(prefix=prefix, old_end=len(old_body) - suffix, shift=len(new_body) - len(old_body))
    sentences = split_sentences(new_body)
    found, lost = [], []
    touched = Claim.objects.filter(pk__in=_touched_claims(article).values("pk"))
    for claim in touched.select_for_update().order_by("pk"):
        (found if _find_again(claim, old_body, new_body, edit, sentences) else lost).append(claim)
    for claim in lost:
        if claim.span_needs_check:
            continue  # already marked by an earlier change
        claim.span_needs_check = True
        event_record(
            claim=claim,
            user=user,
            action=Event.Action.TEXT_CHANGED,
            note="The article's text changed and this claim's words were not found again: "
            "check the span.",
        )
    # New claims keep clear of every kept span (a marked one's too, so none collides with
    # its old offsets), and spans move only once the claims they could meet are gone.
    extracted = _extract_around(article, kept=found + lost)
    Claim.objects.bulk_update(found + lost, ["start", "end", "sentence", "span_needs_check"])
    return BodyChange(reanchored=len(found), to_check=len(lost), extracted=len(extracted))


@dataclass(frozen=True)
class _Edit:
    """Where two versions of a body differ: old ``[prefix, old_end)`` became new text."""

    prefix: int
    old_end: int
    shift: int


def _common_prefix(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def _find_again(claim: Claim, old_body: str, new_body: str, edit: _Edit, sentences) -> bool:
    """Move ``claim`` to where its words are in the new body, nearest its old place."""
    if not claim.span_fits(old_body):
        return False
    words = old_body[claim.start : claim.end]
    if claim.end <= edit.prefix:
        places = [claim.start]
    elif claim.start >= edit.old_end:
        places = [claim.start + edit.shift]
    else:
        places = []
        at = new_body.find(words)
        while at != -1:
            places.append(at)
            at = new_body.find(words, at + 1)
        places.sort(key=lambda place: abs(place - claim.start))
    for start in places:
        end = start + len(words)
        sentence = claim.sentence
        if not span_lies_in_sentence(new_body, start=start, end=end, sentence=sentence):
            # The words are there but their sentence changed: take the sentence they are in now.
            around = next((s for s in sentences if s.start <= start and end <= s.end), None)
            if around is None:
                continue
            sentence = new_body[around.start : around.end]
        claim.start, claim.end, claim.sentence = start, end, sentence
        claim.span_needs_check = False
        return True
    return False
