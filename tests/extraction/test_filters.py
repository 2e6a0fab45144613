"""Every non-claim rule, run over its own examples and the look-alikes it must let through."""

import pytest

from factcheck.extraction import extract_claims
from factcheck.extraction.figures import find_figures
from factcheck.extraction.filters import (
    CLAIM_RULES,
    PARAGRAPH_RULES,
    Text,
    non_claim_reason,
    paragraph_reason,
)


def _cases(rules, field):
    return [
        pytest.param(rule, example, id=f"{rule.reason}: {example[:40]}")
        for rule in rules
        for example in getattr(rule, field)
    ]


@pytest.mark.parametrize(("rule", "example"), _cases(PARAGRAPH_RULES, "examples"))
def test_a_furniture_paragraph_is_dropped_for_its_rules_reason(rule, example):
    assert paragraph_reason(example) == rule.reason
    assert extract_claims(f"The report was published on Monday.\n\n{example}")[1:] == []


def test_a_title_case_line_opening_the_body_is_the_storys_headline_and_a_claim():
    headline = "Minister Says Taxes Will Rise By 5% Next Year"
    assert paragraph_reason(headline, opens_body=True) is None
    assert extract_claims(f"{headline}\n\nThe minister spoke on Monday.")[0].speaker == "Minister"


@pytest.mark.parametrize(("rule", "example"), _cases(CLAIM_RULES, "examples"))
def test_a_non_claim_sentence_is_dropped_for_its_rules_reason(rule, example):
    has_figures = bool(find_figures(example))
    assert non_claim_reason(example, has_figures=has_figures) == rule.reason
    assert extract_claims(f"The report was published on Monday. {example}")[1:] == []


@pytest.mark.parametrize(
    ("rule", "look_alike"), _cases(PARAGRAPH_RULES, "keeps") + _cases(CLAIM_RULES, "keeps")
)
def test_a_rule_lets_its_look_alike_claims_through(rule, look_alike):
    assert not rule.applies(Text.of(look_alike, has_figures=bool(find_figures(look_alike))))
    assert extract_claims(look_alike)


def test_every_rule_has_examples_and_a_reason_of_its_own():
    for rules in (PARAGRAPH_RULES, CLAIM_RULES):
        reasons = [rule.reason for rule in rules]
        assert len(reasons) == len(set(reasons))
        assert all(rule.examples for rule in rules)
