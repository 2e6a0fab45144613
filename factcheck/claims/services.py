"""Writes that create or refresh an article's claims from the extraction engine, and the
corrections reviewers make to them."""

from dataclasses import asdict, dataclass
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from factcheck.articles.models import Article
from factcheck.articles.parsing import content_hash, normalise_text
from factcheck.claims.models import Claim, span_lies_in_sentence
from factcheck.claims.workflow import (
    WorkflowError,
    claim_lock,
    claim_move,
    correction_require,
    event_record,
    permission_require,
)
from factcheck.extraction import ENGINE_VERSION, extract_claims, propose_claim, sentence_around
from factcheck.extraction.figures import find_figures
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
        speaker_description=(extracted.speaker_description or "")[:300],
        quote=extracted.quote or "",
        claim_type=str(extracted.type),
        figures=extracted.to_dict()["figures"],
        score=min(max(extracted.score, 0.0), 1.0),
        score_reasons=list(extracted.reasons),
        extractor_version=ENGINE_VERSION,
        score_model=Claim.ScoreModel.LEXICAL,
        score_model_version=ENGINE_VERSION,
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


# Corrections ----------------------------------------------------------------------------
#
# One service per correction. Each locks the claim, checks its version (a stale one is
# refused with the current state) and who may correct it, and records what changed as
# events, from -> to. The engine's claims are kept in ``engine_claims`` the first time.

Status = Claim.Status
MAX_TEXT = 5000
MAX_SPEAKER = Claim._meta.get_field("speaker").max_length
MAX_NOTE = Claim._meta.get_field("non_claim_note").max_length
NOT_A_CLAIM_FROM = {Status.NEW, Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY, Status.IN_RESEARCH}
# What a claim merged away may carry: nothing a person attached to it.
MERGEABLE_NEXT = {Status.NEW, Status.CHECK_WORTHY, Status.NOT_CHECK_WORTHY, Status.NOT_A_CLAIM}
_SPAN_EDGE = " \t\n\r,;:"


@dataclass(frozen=True)
class ClaimPart:
    """One part of a claim being split: the words of ``body[start:end]``, said as ``text``."""

    start: int
    end: int
    text: str
    speaker: str
    claim_type: str


def _clean_text(text: str, *, field: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: "Write the claim: its text cannot be empty."})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {field: f"A claim is at most {MAX_TEXT:,} characters; this is {len(text):,}."}
        )
    return text


def _clean_speaker(speaker: str, *, field: str = "speaker") -> str:
    speaker = (speaker or "").strip()
    if len(speaker) > MAX_SPEAKER:
        raise ValidationError(
            {field: f"A speaker is at most {MAX_SPEAKER} characters; this is {len(speaker):,}."}
        )
    return speaker


def _clean_type(claim_type: str, *, field: str = "claim_type") -> str:
    if claim_type not in Claim.Type.values:
        raise ValidationError({field: f"{claim_type!r} is not a claim type."})
    return claim_type


def clean_span(body: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` as a claim's span in ``body``: inside it, in order, and trimmed of
    the spaces and punctuation at its edges (the highlight covers words)."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValidationError({"start": "Give the span as two whole numbers."})
    if start < 0 or end > len(body):
        raise ValidationError(
            {"start": f"The span must lie inside the article's text (0 to {len(body):,})."}
        )
    if end <= start:
        raise ValidationError({"end": "The span must end after it starts."})
    words = body[start:end]
    trimmed = words.lstrip(_SPAN_EDGE)
    start += len(words) - len(trimmed)
    end = start + len(trimmed.rstrip(_SPAN_EDGE))
    if end <= start:
        raise ValidationError({"start": "The span holds no words, only spaces or punctuation."})
    return start, end


def _figures(text: str) -> list[dict]:
    return [asdict(figure) for figure in find_figures(text)]


def _engine_record(claim: Claim) -> list[dict]:
    return claim.engine_claims if claim.engine_claims is not None else [claim.as_engine_claim()]


def _span_taken(article_id: int, start: int, end: int, *, exclude: list[int] = ()) -> Claim | None:
    return (
        Claim.objects.filter(article_id=article_id, start=start, end=end)
        .exclude(pk__in=exclude)
        .first()
    )


def _save(claim: Claim, fields: list[str]) -> Claim:
    """Write a locked claim's corrected fields and count the change in its version."""
    claim.version = F("version") + 1
    claim.updated_at = timezone.now()
    if "speaker" in fields:
        claim.speaker_identity = None  # found again for the new name below
        fields = [*fields, "speaker_identity"]
    try:
        with transaction.atomic():
            claim.save(update_fields=[*fields, "version", "updated_at"])
    except IntegrityError:
        raise ValidationError(
            {"start": "Another claim of this article already has exactly this span."}
        ) from None
    if "speaker" in fields:
        claims_link_speakers(claims=Claim.objects.filter(pk=claim.pk))
    claim.refresh_from_db()
    return claim


EDITABLE = {"text": "Text", "speaker": "Speaker", "claim_type": "Type"}


@transaction.atomic
def claim_edit(
    *,
    claim: Claim,
    user,
    text: str,
    speaker: str,
    claim_type: str,
    start: int | None = None,
    end: int | None = None,
    version: int | None,
) -> Claim:
    """Edit claim: its text, speaker and type (figures worked out again from the text), and
    its span only if the reviewer moves it."""
    claim = claim_lock(claim, version=version)
    correction_require(user, claim)
    new = {
        "text": _clean_text(text),
        "speaker": _clean_speaker(speaker),
        "claim_type": _clean_type(claim_type),
    }
    body = claim.article.body
    if start is None and end is None:
        start, end = claim.start, claim.end
    else:
        start, end = clean_span(body, start, end)
    changed = [name for name, value in new.items() if getattr(claim, name) != value]
    moved = (start, end) != (claim.start, claim.end)
    if not changed and not moved:
        return claim
    if moved and _span_taken(claim.article_id, start, end, exclude=[claim.pk]):
        raise ValidationError({"start": "Another claim of this article has exactly this span."})
    engine_claims = _engine_record(claim)
    before = {name: getattr(claim, name) for name in changed}
    old_span = (claim.start, claim.end)
    for name in changed:
        setattr(claim, name, new[name])
    fields = [*changed, "figures", "engine_claims"]
    claim.figures = _figures(claim.text)
    claim.engine_claims = engine_claims
    if moved:
        claim.start, claim.end = start, end
        claim.sentence = sentence_around(body, start, end)
        claim.span_needs_check = False
        fields += ["start", "end", "sentence", "span_needs_check"]
    claim = _save(claim, fields)
    for name in changed:
        event_record(
            claim=claim,
            user=user,
            action=Event.Action.EDIT,
            from_value=before[name],
            to_value=new[name],
            note=EDITABLE[name],
        )
    if moved:
        event_record(
            claim=claim,
            user=user,
            action=Event.Action.EDIT,
            from_value=f"{old_span[0]}–{old_span[1]}",
            to_value=f"{start}–{end}",
            note="Span in the article",
        )
    return claim


@transaction.atomic
def claim_mark_not_a_claim(
    *, claim: Claim, user, reason: str, note: str = "", version: int | None
) -> Claim:
    """Not a claim: the engine took a byline, a caption, a question... for a claim. It leaves
    the queues, and re-extraction does not bring it back."""
    if reason not in Claim.NonClaimReason.values:
        raise ValidationError({"reason": "Choose why it is not a claim."})
    note = (note or "").strip()
    if reason == Claim.NonClaimReason.OTHER and not note:
        raise ValidationError({"note": "Say why it is not a claim."})
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": f"Keep the note to {MAX_NOTE} characters."})
    claim = claim_lock(claim, version=version)
    correction_require(user, claim)
    label = Claim.NonClaimReason(reason).label
    return claim_move(
        claim,
        user=user,
        version=version,
        allowed_from=NOT_A_CLAIM_FROM,
        to=Status.NOT_A_CLAIM,
        action=Event.Action.NOT_A_CLAIM,
        note=f"{label}: {note}" if note else label,
        non_claim_reason=reason,
        non_claim_note=note,
        assignee=None,
    )


def overlapping_claims(*, article: Article, start: int, end: int):
    """The article's claims that share characters with ``body[start:end]``."""
    return article.claims.filter(start__lt=end, end__gt=start).order_by("start", "id")


def claim_proposal(*, article: Article, start: int, end: int):
    """What the engine proposes for a span a reviewer selected (checked like a claim's)."""
    start, end = clean_span(article.body, start, end)
    return propose_claim(article.body, start, end)


@transaction.atomic
def claim_add(
    *,
    article: Article,
    user,
    start: int,
    end: int,
    text: str,
    speaker: str,
    claim_type: str,
) -> Claim:
    """Add claim: a claim the engine missed, made from exactly the span selected in the
    article. Overlapping another claim is allowed (the form warns); the same span is not."""
    permission_require(user, "claims.triage_claim")
    article = Article.objects.select_for_update().get(pk=article.pk)
    start, end = clean_span(article.body, start, end)
    text, speaker = _clean_text(text), _clean_speaker(speaker)
    claim_type = _clean_type(claim_type)
    taken = _span_taken(article.pk, start, end)
    if taken:
        raise ValidationError({"start": f"Claim {taken.pk} already has exactly this span."})
    proposal = propose_claim(article.body, start, end, speaker=speaker or None)
    claim = Claim.objects.create(
        article=article,
        text=text,
        sentence=proposal.sentence,
        start=start,
        end=end,
        speaker=speaker,
        claim_type=claim_type,
        figures=_figures(text),
        score=min(max(proposal.score, 0.0), 1.0),
        score_reasons=list(proposal.reasons),
        engine_claims=[],
    )
    claims_link_speakers(claims=Claim.objects.filter(pk=claim.pk))
    event_record(
        claim=claim,
        user=user,
        action=Event.Action.ADD,
        to_value=text,
        note=f"Characters {start}–{end} of the article",
    )
    return claim


def split_parts_propose(*, claim: Claim, points: list[int]) -> list[ClaimPart]:
    """The parts ``claim`` falls into at ``points`` (offsets in the body, inside its span),
    each with the engine's text, speaker and type for it."""
    body = claim.article.body
    points = sorted(set(points))
    if not points:
        raise ValidationError({"points": "Choose where to split the claim."})
    if any(not claim.start < point < claim.end for point in points):
        raise ValidationError(
            {"points": "Split points must lie inside the claim's span, between its words."}
        )
    parts = []
    edges = [claim.start, *points, claim.end]
    for start, end in pairwise(edges):
        try:
            start, end = clean_span(body, start, end)
        except ValidationError:
            raise ValidationError(
                {"points": "Each part must hold words: move the split points apart."}
            ) from None
        proposal = propose_claim(body, start, end)
        parts.append(
            ClaimPart(
                start=start,
                end=end,
                text=proposal.text,
                speaker=proposal.speaker or claim.speaker,
                claim_type=str(proposal.type),
            )
        )
    return parts


@transaction.atomic
def claim_split(
    *, claim: Claim, user, parts: list[ClaimPart], keep: int, version: int | None
) -> list[Claim]:
    """Split claim: one claim becomes ``parts`` (their spans inside its span, in order, not
    overlapping). The part at index ``keep`` stays this claim, with its sources, verdicts
    and events; the others are new claims, back in triage."""
    claim = claim_lock(claim, version=version)
    correction_require(user, claim)
    body = claim.article.body
    if len(parts) < 2:
        raise ValidationError({"points": "A split makes at least two parts."})
    if not 0 <= keep < len(parts):
        raise ValidationError({"keep": "Choose the part that keeps the sources and verdicts."})
    cleaned = []
    previous_end = claim.start
    for number, part in enumerate(parts, start=1):
        start, end = clean_span(body, part.start, part.end)
        if start < previous_end or end > claim.end:
            raise ValidationError(
                {"points": "The parts must lie inside the claim's span, in order."}
            )
        previous_end = end
        field = f"part-{number}"
        cleaned.append(
            ClaimPart(
                start=start,
                end=end,
                text=_clean_text(part.text, field=field),
                speaker=_clean_speaker(part.speaker, field=field),
                claim_type=_clean_type(part.claim_type, field=field),
            )
        )
    engine_claims = _engine_record(claim)
    before = claim.text
    kept = cleaned[keep]
    for other in [part for index, part in enumerate(cleaned) if index != keep]:
        if _span_taken(claim.article_id, other.start, other.end, exclude=[claim.pk]):
            raise ValidationError({"points": "Another claim already has one of these spans."})
    claim.text, claim.speaker, claim.claim_type = kept.text, kept.speaker, kept.claim_type
    claim.start, claim.end = kept.start, kept.end
    claim.figures = _figures(kept.text)
    claim.engine_claims = engine_claims
    claim.span_needs_check = False
    claim = _save(
        claim,
        ["text", "speaker", "claim_type", "start", "end", "figures", "engine_claims",
         "span_needs_check"],
    )  # fmt: skip
    result = []
    for index, part in enumerate(cleaned):
        if index == keep:
            result.append(claim)
            continue
        proposal = propose_claim(body, part.start, part.end, speaker=part.speaker or None)
        new = Claim.objects.create(
            article=claim.article,
            text=part.text,
            sentence=claim.sentence,
            start=part.start,
            end=part.end,
            speaker=part.speaker,
            claim_type=part.claim_type,
            figures=_figures(part.text),
            score=min(max(proposal.score, 0.0), 1.0),
            score_reasons=list(proposal.reasons),
            engine_claims=engine_claims,
            extractor_version=claim.extractor_version,
        )
        claims_link_speakers(claims=Claim.objects.filter(pk=new.pk))
        event_record(
            claim=new,
            user=user,
            action=Event.Action.SPLIT,
            from_value=before,
            to_value=new.text,
            note=f"Split from claim {claim.pk}",
        )
        result.append(new)
    event_record(
        claim=claim,
        user=user,
        action=Event.Action.SPLIT,
        from_value=before,
        to_value=" | ".join(part.text for part in cleaned),
        note="Parts: " + ", ".join(f"claim {part.pk}" for part in result),
    )
    return result


def next_claim(claim: Claim) -> Claim | None:
    """The claim after ``claim`` in its article's reading order."""
    return (
        claim.article.claims.filter(
            Q(start__gt=claim.start) | Q(start=claim.start, end__gt=claim.end)
        )
        .order_by("start", "end", "id")
        .first()
    )


@transaction.atomic
def claim_merge_next(*, claim: Claim, user, version: int | None) -> Claim:
    """Merge with next: this claim and the next one of its sentence are really one. The next
    one goes (its events come here); it must carry no sources or verdicts."""
    claim = claim_lock(claim, version=version)
    following = next_claim(claim)
    if following is None or following.sentence != claim.sentence:
        raise WorkflowError("There is no next claim in this claim's sentence to merge with.")
    rows = Claim.objects.select_for_update().filter(pk__in=[claim.pk, following.pk])
    following = {row.pk: row for row in rows.order_by("pk")}[following.pk]
    correction_require(user, claim)
    correction_require(user, following)
    if following.status not in MERGEABLE_NEXT or following.assignee_id:
        raise WorkflowError(
            f"The next claim is {following.get_status_display()}: only a claim nobody is "
            "researching can be merged into this one."
        )
    if following.sources.exists() or following.verdicts.exists() or following.duplicates.exists():
        raise WorkflowError(
            "The next claim has sources, verdicts or duplicates of its own; it cannot be "
            "merged away."
        )
    body = claim.article.body
    start, end = min(claim.start, following.start), max(claim.end, following.end)
    before = claim.text
    merged = propose_claim(body, start, end, speaker=claim.speaker or following.speaker or None)
    engine_claims = _engine_record(claim) + _engine_record(following)
    Event.objects.filter(claim=following).update(claim=claim)
    following_id, following_text = following.pk, following.text
    following.delete()
    claim.start, claim.end = start, end
    claim.text = merged.text
    claim.figures = _figures(merged.text)
    claim.engine_claims = engine_claims
    claim.span_needs_check = False
    claim = _save(claim, ["start", "end", "text", "figures", "engine_claims", "span_needs_check"])
    event_record(
        claim=claim,
        user=user,
        action=Event.Action.MERGE_NEXT,
        from_value=f"{before} + {following_text}",
        to_value=claim.text,
        note=f"Merged with claim {following_id}",
    )
    return claim
