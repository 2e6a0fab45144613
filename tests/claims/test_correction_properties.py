"""Random corrections never leave a claim half-written: each either succeeds with exact,
non-empty offsets inside the body, or is refused with a message and changes nothing.

Every example runs in a savepoint that is rolled back, so examples do not see each other.
"""

from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.extraction import propose_claim
from factcheck.reviews.models import Event
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db
EXAMPLES = 60
examples = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
bodies = st.one_of(
    st.just(ARTICLE_BODY),
    st.text(alphabet=st.sampled_from(list("ab .,\n“”$5%😀")), min_size=1, max_size=120),
)
offsets = st.integers(min_value=-5, max_value=200)
words = st.one_of(st.text(max_size=40), st.just(""), st.just("  "), st.just("x" * 6000))
types = st.sampled_from([*Claim.Type.values, "gossip"])


def in_savepoint(check):
    with transaction.atomic():
        check()
        transaction.set_rollback(True)


def writes() -> tuple[int, int]:
    return Claim.objects.count(), Event.objects.count()


@examples
@given(body=bodies, start=offsets, end=offsets)
def test_the_engine_proposes_a_claim_for_any_span_inside_a_body(body, start, end):
    if not 0 <= start < end <= len(body):
        return
    proposal = propose_claim(body, start, end)
    assert 0.0 <= proposal.score <= 1.0
    assert (proposal.start, proposal.end) == (start, end)


@examples
@given(body=bodies, start=offsets, end=offsets, text=words, speaker=words, claim_type=types)
def test_add_claim_saves_an_exact_span_or_writes_nothing(
    reviewer, body, start, end, text, speaker, claim_type
):
    def check():
        article = ArticleFactory(body=body)
        before = writes()
        try:
            claim = services.claim_add(
                article=article, user=reviewer, start=start, end=end, text=text,
                speaker=speaker, claim_type=claim_type,
            )  # fmt: skip
        except ValidationError as refused:
            assert refused.messages
            assert writes() == before
            return
        assert 0 <= claim.start < claim.end <= len(body)
        assert body[claim.start : claim.end].strip()
        assert claim.start >= start and claim.end <= end
        assert claim.span_fits(body)
        assert writes() == (before[0] + 1, before[1] + 1)

    in_savepoint(check)


@examples
@given(start=offsets, end=offsets, text=words, speaker=words, claim_type=types, moves=st.booleans())
def test_edit_claim_saves_whole_or_changes_nothing(
    reviewer, start, end, text, speaker, claim_type, moves
):
    def check():
        claim = ClaimFactory(article=ArticleFactory(body=ARTICLE_BODY), start=0, end=77)
        stored = Claim.objects.values().get(pk=claim.pk)
        try:
            edited = services.claim_edit(
                claim=claim, user=reviewer, text=text, speaker=speaker, claim_type=claim_type,
                start=start if moves else None, end=end if moves else None, version=1,
            )  # fmt: skip
        except ValidationError as refused:
            assert refused.messages
            assert Claim.objects.values().get(pk=claim.pk) == stored
            assert not Event.objects.exists()
            return
        assert edited.text == text.strip() and edited.speaker == speaker.strip()
        assert ARTICLE_BODY[edited.start : edited.end].strip()
        assert edited.span_fits(ARTICLE_BODY)
        assert edited.version == 2 or not Event.objects.exists()

    in_savepoint(check)


@examples
@given(
    points=st.lists(st.integers(min_value=-3, max_value=150), max_size=4), keep=st.integers(0, 4)
)
def test_split_parts_lie_in_order_inside_the_claim_or_nothing_changes(reviewer, points, keep):
    def check():
        sentence = ARTICLE_BODY[: ARTICLE_BODY.index(".") + 1]
        claim = ClaimFactory(
            article=ArticleFactory(body=ARTICLE_BODY), start=0, end=len(sentence) - 1,
            text=sentence, sentence=sentence,
        )  # fmt: skip
        before = writes()
        try:
            parts = services.split_parts_propose(claim=claim, points=points)
            made = services.claim_split(claim=claim, user=reviewer, parts=parts, keep=keep,
                                        version=1)  # fmt: skip
        except ValidationError as refused:
            assert refused.messages
            assert writes() == before
            assert Claim.objects.get(pk=claim.pk).version == 1
            return
        assert len(made) == len(parts) >= 2
        assert made[keep].pk == claim.pk
        ends = [(part.start, part.end) for part in made]
        assert ends == sorted(ends)
        for (_, end), (start, _) in pairwise(ends):
            assert end <= start
        for part in made:
            assert 0 <= part.start < part.end <= len(sentence)
            assert part.span_fits(ARTICLE_BODY)

    in_savepoint(check)
