"""The corrections reviewers make to the engine's claims: Edit claim, Split claim, Merge
with next, Add claim and Not a claim; who may make them, and what each records."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.claims.workflow import StaleClaim, WorkflowError
from factcheck.reviews import services as workflow
from factcheck.reviews.models import Event
from tests.factories import (
    ARTICLE_BODY,
    ArticleFactory,
    ClaimFactory,
    ReviewerFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db
Status = Claim.Status
WHOLE = ARTICLE_BODY.index(".") + 1  # the first sentence, with both claims in it
GUNS = ARTICLE_BODY.index("18,000")
US = ARTICLE_BODY.index("the US")


@pytest.fixture
def article():
    return ArticleFactory(body=ARTICLE_BODY)


@pytest.fixture
def one_claim(article):
    """The seed's sentence as one claim, as if the engine had not split it."""
    sentence = ARTICLE_BODY[:WHOLE]
    return ClaimFactory(
        article=article, start=0, end=WHOLE - 1, text=sentence[:-1], sentence=sentence,
        speaker="Ukraine",
    )  # fmt: skip


@pytest.fixture
def extracted(article):
    services.claims_extract_for_article(article=article)
    return list(article.claims.order_by("start"))


# Edit claim -----------------------------------------------------------------------------


def test_edit_changes_text_speaker_and_type_and_works_out_the_figures_again(one_claim, reviewer):
    claim = services.claim_edit(
        claim=one_claim,
        user=reviewer,
        text="The US has pledged $600m in military assistance",
        speaker="the US",
        claim_type="quantity",
        version=1,
    )

    assert claim.text == "The US has pledged $600m in military assistance"
    assert claim.speaker == "the US"
    assert [figure["value"] for figure in claim.figures] == [600_000_000]
    assert (claim.start, claim.end) == (one_claim.start, one_claim.end)
    assert claim.version == 2


def test_edit_keeps_the_engines_original_text_and_speaker_on_record(one_claim, reviewer):
    claim = services.claim_edit(
        claim=one_claim, user=reviewer, text="Edited once", speaker="Kyiv",
        claim_type="other", version=1,
    )  # fmt: skip
    claim = services.claim_edit(
        claim=claim, user=reviewer, text="Edited twice", speaker="Kyiv", claim_type="other",
        version=claim.version,
    )  # fmt: skip

    assert claim.original_text == one_claim.text
    assert claim.original_speaker == "Ukraine"
    assert claim.engine_claims[0]["start"] == one_claim.start


def test_edit_writes_one_event_per_changed_field_from_and_to(one_claim, reviewer):
    services.claim_edit(
        claim=one_claim, user=reviewer, text=one_claim.text, speaker="Kyiv",
        claim_type="other", version=1,
    )  # fmt: skip

    events = list(Event.objects.filter(claim=one_claim, action=Event.Action.EDIT))
    assert [(e.note, e.from_value, e.to_value) for e in events] == [("Speaker", "Ukraine", "Kyiv")]


def test_an_edit_that_changes_nothing_changes_no_version_and_writes_no_event(one_claim, reviewer):
    claim = services.claim_edit(
        claim=one_claim, user=reviewer, text=one_claim.text, speaker="Ukraine",
        claim_type=one_claim.claim_type, version=1,
    )  # fmt: skip

    assert claim.version == 1
    assert not Event.objects.filter(claim=one_claim).exists()


def test_edit_moves_the_span_only_when_the_reviewer_moves_it(one_claim, reviewer):
    claim = services.claim_edit(
        claim=one_claim, user=reviewer, text="18,000 guns given", speaker="Ukraine",
        claim_type="quantity", start=GUNS, end=ARTICLE_BODY.index(", while"), version=1,
    )  # fmt: skip

    assert ARTICLE_BODY[claim.start : claim.end].startswith("18,000 guns")
    assert claim.span_fits(ARTICLE_BODY)


def test_a_stale_edit_is_refused_and_nothing_is_written(one_claim, reviewer):
    other = ReviewerFactory()
    services.claim_edit(
        claim=one_claim, user=other, text="First", speaker="", claim_type="other", version=1
    )

    with pytest.raises(StaleClaim):
        services.claim_edit(
            claim=one_claim, user=reviewer, text="Second", speaker="", claim_type="other",
            version=1,
        )  # fmt: skip

    assert Claim.objects.get(pk=one_claim.pk).text == "First"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 100_000}, "text"),
        ({"speaker": "s" * 10_000}, "speaker"),
        ({"claim_type": "gossip"}, "claim_type"),
        ({"start": 5, "end": 2}, "end"),
        ({"start": 0, "end": len(ARTICLE_BODY) + 1}, "start"),
        ({"start": 77, "end": 79}, "start"),  # ", " only
    ],
)
def test_bad_edits_are_refused_with_a_message_and_nothing_is_written(
    one_claim, reviewer, fields, field
):
    data = {"text": "Fine", "speaker": "", "claim_type": "other", **fields}

    with pytest.raises(ValidationError) as refused:
        services.claim_edit(claim=one_claim, user=reviewer, version=1, **data)

    assert field in refused.value.message_dict
    assert Claim.objects.get(pk=one_claim.pk).version == 1
    assert not Event.objects.exists()


# Who may correct ------------------------------------------------------------------------


def test_a_reviewer_may_correct_a_new_claim_or_one_assigned_to_them(reviewer):
    mine = ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer)

    services.claim_edit(claim=mine, user=reviewer, text="Mine", speaker="", claim_type="other",
                        version=1)  # fmt: skip

    assert Claim.objects.get(pk=mine.pk).text == "Mine"


def test_a_reviewer_may_not_correct_someone_elses_claim(reviewer):
    theirs = ClaimFactory(status=Status.IN_RESEARCH, assignee=ReviewerFactory())

    with pytest.raises(PermissionDenied):
        services.claim_edit(claim=theirs, user=reviewer, text="No", speaker="",
                            claim_type="other", version=1)  # fmt: skip


def test_an_editor_may_correct_any_claim_not_yet_published(editor):
    awaiting = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=ReviewerFactory())

    services.claim_edit(claim=awaiting, user=editor, text="Fixed", speaker="",
                        claim_type="other", version=1)  # fmt: skip

    assert Claim.objects.get(pk=awaiting.pk).text == "Fixed"


def test_nobody_corrects_a_published_claim(editor, staff):
    published = ClaimFactory(status=Status.PUBLISHED)

    for user in (editor, staff):
        with pytest.raises(WorkflowError, match="send it back"):
            services.claim_edit(claim=published, user=user, text="Changed", speaker="",
                                claim_type="other", version=1)  # fmt: skip
    assert Claim.objects.get(pk=published.pk).text == published.text


def test_a_user_in_no_role_corrects_nothing(outsider, one_claim):
    with pytest.raises(PermissionDenied):
        services.claim_mark_not_a_claim(claim=one_claim, user=outsider, reason="byline", version=1)


# Not a claim ----------------------------------------------------------------------------


def test_not_a_claim_records_the_reason_and_leaves_the_triage_queue(one_claim, reviewer):
    from factcheck.reviews.selectors import TriageFilters, status_counts, triage_queue

    claim = services.claim_mark_not_a_claim(
        claim=one_claim, user=reviewer, reason="byline", version=1
    )

    assert claim.status == Status.NOT_A_CLAIM
    assert claim.non_claim_reason == "byline"
    assert one_claim not in triage_queue(filters=TriageFilters())
    assert status_counts()["not_a_claim"] == 1
    event = claim.events.get()
    assert (event.action, event.from_value, event.to_value) == ("not_a_claim", "new", "not_a_claim")
    assert event.note == "Byline or credit"


def test_not_a_claim_for_another_reason_needs_a_note(one_claim, reviewer):
    with pytest.raises(ValidationError) as refused:
        services.claim_mark_not_a_claim(claim=one_claim, user=reviewer, reason="other", version=1)

    assert "note" in refused.value.message_dict
    claim = services.claim_mark_not_a_claim(
        claim=one_claim, user=reviewer, reason="other", note="A headline", version=1
    )
    assert claim.non_claim_note == "A headline"


def test_not_a_claim_needs_a_known_reason(one_claim, reviewer):
    with pytest.raises(ValidationError):
        services.claim_mark_not_a_claim(claim=one_claim, user=reviewer, reason="dull", version=1)


def test_not_a_claim_taken_in_triage_can_be_undone(one_claim, reviewer):
    claim = services.claim_mark_not_a_claim(
        claim=one_claim, user=reviewer, reason="question", version=1
    )

    claim = workflow.claim_undo_triage(claim=claim, user=reviewer, version=claim.version)

    assert claim.status == Status.NEW
    assert claim.non_claim_reason == ""


def test_an_editor_may_mark_a_not_check_worthy_claim_not_a_claim(one_claim, reviewer, editor):
    claim = workflow.claim_triage(claim=one_claim, user=reviewer, decision="not_check_worthy")

    claim = services.claim_mark_not_a_claim(
        claim=claim, user=editor, reason="opinion", version=claim.version
    )

    assert claim.status == Status.NOT_A_CLAIM


# Add claim ------------------------------------------------------------------------------


def test_add_claim_makes_a_claim_of_exactly_the_span_with_the_engines_proposal(article, reviewer):
    start, end = US, ARTICLE_BODY.index("assistance") + len("assistance")
    proposal = services.claim_proposal(article=article, start=start, end=end)

    claim = services.claim_add(
        article=article, user=reviewer, start=start, end=end, text=proposal.text,
        speaker=proposal.speaker, claim_type=str(proposal.type),
    )  # fmt: skip

    assert ARTICLE_BODY[claim.start : claim.end] == ARTICLE_BODY[start:end]
    assert claim.speaker == "the US"
    assert claim.claim_type == "quantity"
    assert claim.figures[0]["currency"] == "USD"
    assert claim.score > 0.5
    assert claim.engine_claims == []
    assert claim.span_fits(ARTICLE_BODY)
    assert claim.events.get().action == Event.Action.ADD


def test_add_claim_trims_the_spaces_around_a_selection(article, reviewer):
    claim = services.claim_add(
        article=article, user=reviewer, start=US - 1, end=US + 7, text="the US", speaker="",
        claim_type="other",
    )  # fmt: skip

    assert ARTICLE_BODY[claim.start : claim.end] == "the US"


def test_add_claim_refuses_a_span_another_claim_has_exactly(article, reviewer, one_claim):
    with pytest.raises(ValidationError, match="already has exactly this span"):
        services.claim_add(
            article=article, user=reviewer, start=one_claim.start, end=one_claim.end,
            text="Again", speaker="", claim_type="other",
        )  # fmt: skip


def test_overlapping_claims_are_found_to_warn_about(article, one_claim):
    assert list(services.overlapping_claims(article=article, start=GUNS, end=GUNS + 6)) == [
        one_claim
    ]


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 5), (5, 5), (9, 3), (0, 10**6), (77, 79), (0, "x")]
)
def test_add_claim_refuses_a_span_outside_the_body_empty_or_backwards(
    article, reviewer, start, end
):
    with pytest.raises(ValidationError):
        services.claim_add(
            article=article, user=reviewer, start=start, end=end, text="x", speaker="",
            claim_type="other",
        )  # fmt: skip
    assert not Claim.objects.exists()


# Split claim ----------------------------------------------------------------------------


def test_split_proposes_parts_with_their_own_speakers(one_claim):
    parts = services.split_parts_propose(claim=one_claim, points=[ARTICLE_BODY.index(", while")])

    assert [ARTICLE_BODY[p.start : p.end] for p in parts] == [
        ARTICLE_BODY[: ARTICLE_BODY.index(", while")],
        ARTICLE_BODY[ARTICLE_BODY.index("while") : WHOLE - 1],
    ]
    assert [p.speaker for p in parts] == ["Ukraine", "the US"]


def test_split_makes_two_claims_and_the_named_part_keeps_sources_verdicts_and_events(
    article, reviewer
):
    sentence = ARTICLE_BODY[:WHOLE]
    claim = ClaimFactory(
        article=article, start=0, end=WHOLE - 1, text=sentence, sentence=sentence,
        status=Status.IN_RESEARCH, assignee=reviewer,
    )  # fmt: skip
    source = SourceFactory(claim=claim, added_by=reviewer)
    verdict = VerdictFactory(claim=claim, author=reviewer, status="sent_back")
    parts = services.split_parts_propose(claim=claim, points=[US])

    first, second = services.claim_split(claim=claim, user=reviewer, parts=parts, keep=1,
                                         version=1)  # fmt: skip

    assert second.pk == claim.pk
    assert list(second.sources.all()) == [source]
    assert list(second.verdicts.all()) == [verdict]
    assert second.speaker == "the US" and first.speaker == "Ukraine"
    assert first.status == Status.NEW and second.status == Status.IN_RESEARCH
    assert not first.sources.exists()
    for part in (first, second):
        assert part.span_fits(ARTICLE_BODY)
        assert part.engine_claims == [claim.as_engine_claim()]
        assert part.events.filter(action=Event.Action.SPLIT).exists()


@pytest.mark.parametrize("points", [[], [0], [WHOLE + 5], [77, 79]])
def test_split_points_outside_the_span_or_leaving_an_empty_part_are_refused(one_claim, points):
    with pytest.raises(ValidationError) as refused:
        services.split_parts_propose(claim=one_claim, points=points)

    assert "points" in refused.value.message_dict


def test_a_stale_split_is_refused(one_claim, reviewer):
    parts = services.split_parts_propose(claim=one_claim, points=[US])
    services.claim_edit(claim=one_claim, user=reviewer, text="Changed", speaker="",
                        claim_type="other", version=1)  # fmt: skip

    with pytest.raises(StaleClaim):
        services.claim_split(claim=one_claim, user=reviewer, parts=parts, keep=0, version=1)
    assert Claim.objects.count() == 1


# Merge with next ------------------------------------------------------------------------


def test_merge_with_next_makes_one_claim_of_two_in_one_sentence(extracted, reviewer):
    first, second = extracted[0], extracted[1]

    merged = services.claim_merge_next(claim=first, user=reviewer, version=1)

    assert not Claim.objects.filter(pk=second.pk).exists()
    assert merged.start == first.start and merged.end == second.end
    assert "18,000" in merged.text and "$600m" in merged.text
    assert len(merged.figures) == 2
    assert [c["text"] for c in merged.engine_claims] == [first.text, second.text]
    event = merged.events.get(action=Event.Action.MERGE_NEXT)
    assert event.note == f"Merged with claim {second.pk}"


def test_merge_with_next_refuses_across_sentences(extracted, reviewer):
    last_of_first_sentence = extracted[1]

    with pytest.raises(WorkflowError, match="no next claim in this claim's sentence"):
        services.claim_merge_next(claim=last_of_first_sentence, user=reviewer, version=1)


def test_merge_with_next_refuses_a_next_claim_with_sources(extracted, reviewer, editor):
    first, second = extracted[0], extracted[1]
    Claim.objects.filter(pk=second.pk).update(status=Status.IN_RESEARCH, assignee=reviewer)
    SourceFactory(claim=second, added_by=reviewer)

    with pytest.raises(WorkflowError):
        services.claim_merge_next(claim=first, user=editor, version=1)
    assert Claim.objects.filter(pk=second.pk).exists()


# Kept across re-extraction --------------------------------------------------------------


def test_re_extraction_keeps_every_correction_and_recreates_no_removed_claim(
    extracted, article, reviewer
):
    first, second, third = extracted[0], extracted[1], extracted[2]
    merged = services.claim_merge_next(claim=first, user=reviewer, version=1)
    not_a_claim = services.claim_mark_not_a_claim(
        claim=third, user=reviewer, reason="caption", version=1
    )
    before = {(c.pk, c.start, c.end, c.text, c.status) for c in article.claims.all()}

    services.claims_extract_for_article(article=article)

    after = {(c.pk, c.start, c.end, c.text, c.status) for c in article.claims.all()}
    assert after == before
    assert article.claims.get(pk=merged.pk).engine_claims
    assert article.claims.get(pk=not_a_claim.pk).status == Status.NOT_A_CLAIM
    assert not article.claims.filter(start=second.start, end=second.end).exists()


def test_re_extraction_keeps_an_added_claim_and_split_parts(one_claim, article, reviewer):
    parts = services.split_parts_propose(claim=one_claim, points=[US])
    services.claim_split(claim=one_claim, user=reviewer, parts=parts, keep=0, version=1)
    added = services.claim_add(
        article=article, user=reviewer, start=ARTICLE_BODY.index("Residents"),
        end=len(ARTICLE_BODY), text="Residents were told to find shelter", speaker="",
        claim_type="other",
    )  # fmt: skip
    before = {(c.pk, c.start, c.end, c.text) for c in article.claims.all()}

    services.claims_extract_for_article(article=article)

    assert {(c.pk, c.start, c.end, c.text) for c in article.claims.all()} == before
    assert article.claims.get(pk=added.pk).text == "Residents were told to find shelter"
