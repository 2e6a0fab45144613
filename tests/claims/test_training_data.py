"""Corrections are data: export_training_data writes the judged sentences, and
evaluate_extraction scores the engine against them (or against annotated articles)."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from factcheck.claims import services
from factcheck.claims.models import Claim
from factcheck.extraction.evaluation import score_documents, span_keys
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db
WHOLE = ARTICLE_BODY.index(".")


@pytest.fixture
def split_sentence(reviewer):
    """The seed's sentence found as one claim, and a reviewer splitting it in two."""
    article = ArticleFactory(body=ARTICLE_BODY)
    sentence = ARTICLE_BODY[: WHOLE + 1]
    claim = ClaimFactory(article=article, start=0, end=WHOLE, text=sentence, sentence=sentence,
                         speaker="Ukraine")  # fmt: skip
    parts = services.split_parts_propose(claim=claim, points=[ARTICLE_BODY.index("while")])
    services.claim_split(claim=claim, user=reviewer, parts=parts, keep=0, version=1)
    return article


def export(*args) -> list[dict]:
    out = StringIO()
    call_command("export_training_data", *args, stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_export_writes_one_record_per_judged_sentence_with_both_sides(split_sentence):
    (record,) = export()

    assert record["article_id"] == split_sentence.pk
    assert record["sentence"] == ARTICLE_BODY[: WHOLE + 1]
    assert record["sentence_start"] == 0
    assert record["corrected"] is True
    assert len(record["engine_claims"]) == 1
    assert [c["speaker"] for c in record["reviewer_claims"]] == ["Ukraine", "the US"]
    assert {"text", "start", "end", "speaker", "type", "label"} <= set(record["reviewer_claims"][0])


def test_export_labels_not_a_claim_with_its_reason(reviewer):
    claim = ClaimFactory(text="By Will Taylor", sentence="By Will Taylor")
    services.claim_mark_not_a_claim(claim=claim, user=reviewer, reason="byline", version=1)

    (record,) = export()

    assert (record["label"], record["reason"]) == ("not_a_claim", "byline")


def test_export_leaves_out_sentences_nobody_judged():
    ClaimFactory()

    assert export() == []


def test_export_since_a_date_leaves_out_older_judgements(split_sentence):
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()

    assert export("--since", tomorrow) == []
    assert len(export("--since", "2000-01-01")) == 1


def test_export_writes_to_a_file(split_sentence, tmp_path):
    target = tmp_path / "judged.jsonl"

    call_command("export_training_data", "-o", str(target), stdout=StringIO(), stderr=StringIO())

    assert len(target.read_text().splitlines()) == 1


def test_export_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_training_data", "--since", "yesterday")


def test_evaluate_extraction_scores_the_engine_against_the_reviewers_claims(
    split_sentence, tmp_path
):
    target = tmp_path / "judged.jsonl"
    call_command("export_training_data", "-o", str(target), stdout=StringIO(), stderr=StringIO())
    out = StringIO()

    call_command("evaluate_extraction", str(target), stdout=out)

    assert out.getvalue().strip() == (
        "claims 2  split recall 1.000  speaker accuracy 2/2  non-claims extracted 0/0  "
        "bad offsets 0"
    )


def test_evaluate_extraction_reads_annotated_articles_too(tmp_path):
    gold = tmp_path / "gold.jsonl"
    document = {
        "id": "seed", "text": ARTICLE_BODY,
        "claims": [{"keys": ["18,000 guns"], "exclusive_keys": ["$600m"], "speaker": "Ukraine"}],
        "non_claims": ["Residents have been told to find shelter"],
    }  # fmt: skip
    gold.write_text(json.dumps(document) + "\n")
    out = StringIO()

    call_command("evaluate_extraction", str(gold), stdout=out)

    assert out.getvalue().startswith("claims 1  split recall 1.000  speaker accuracy 1/1")


def test_evaluate_extraction_names_the_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence": "x", "reviewer_claims": []}\nnot json\n')

    with pytest.raises(CommandError, match="line 2"):
        call_command("evaluate_extraction", str(bad))


def test_a_claim_not_split_from_its_neighbour_is_not_clean():
    document = {"text": "A rose 5%, while B fell 3%.", "claims": [
        {"keys": ["A rose"], "exclusive_keys": ["B fell"]},
    ]}  # fmt: skip

    score = score_documents([document], lambda text: [{"text": text, "start": 0, "end": 5}])

    assert (score.claims, score.clean) == (1, 0)


def test_span_keys_are_the_longest_words_in_their_order():
    assert span_keys("while the US has pledged to provide $600m in military assistance") == [
        "military",
        "assistance",
    ]
    assert span_keys("Picture: Alamy") == ["Picture", "Alamy"]


def test_claims_marked_not_a_claim_are_counted_as_non_claims(reviewer, tmp_path):
    body = "By Will Taylor\n\nUkraine said 18,000 guns had been given to residents."
    article = ArticleFactory(body=body)
    services.claims_extract_for_article(article=article)
    byline = ClaimFactory(article=article, start=0, end=14, text="By Will Taylor",
                          sentence="By Will Taylor")  # fmt: skip
    services.claim_mark_not_a_claim(claim=byline, user=reviewer, reason="byline", version=1)
    target = tmp_path / "judged.jsonl"
    call_command("export_training_data", "-o", str(target), stdout=StringIO(), stderr=StringIO())
    out = StringIO()

    call_command("evaluate_extraction", str(target), stdout=out)

    assert "non-claims extracted 0/1" in out.getvalue()
    assert Claim.objects.filter(status="not_a_claim").count() == 1
