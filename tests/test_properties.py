"""Random and hostile input never crashes the engine, the importer or a page.

Examples per target are fixed (``max_examples``) so the figures can be reported; the
database is rolled back around each test, not each example, which is fine here because
no example writes anything another depends on.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.articles.parsing import ArticleFormatError, decode_text, parse_seed_article
from factcheck.extraction import extract_claims
from tests.factories import ClaimFactory

ENGINE_EXAMPLES = 300
IMPORT_EXAMPLES = 300
PAGE_EXAMPLES = 60

# Text that looks like news as well as noise: quotes, numbers, currency, abbreviations.
newsy = st.lists(
    st.sampled_from(
        [
            *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()-–—…\n",
            *["“", "”", "‘", "’", "$", "£", "€", "%", "Mr. ", "U.S. ", " said ", " bn"],
            *["\x00", "😀"],
        ]
    ),
    max_size=300,
).map("".join)
any_text = st.one_of(newsy, st.text(max_size=600))
fast = settings(max_examples=ENGINE_EXAMPLES, deadline=None)


@fast
@given(any_text)
def test_the_engine_never_crashes_and_offsets_point_inside_the_text(text):
    claims = extract_claims(text)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end].strip()
        assert 0.0 <= claim.score <= 1.0
        assert claim.text
    assert extract_claims(text) == claims  # deterministic


@settings(max_examples=IMPORT_EXAMPLES, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=800), newsy.map(lambda t: f"date 2024-01-01 'T': s\n\n{t}".encode())
    )
)
def test_the_importer_refuses_bad_bytes_only_with_a_readable_error(raw):
    try:
        article = parse_seed_article(decode_text(raw))
    except ArticleFormatError as error:
        assert str(error)
    else:
        assert article.title and article.body.strip()


page_settings = settings(
    max_examples=PAGE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["-1", "1e309", "nan", "0.5_1", "' OR 1=1 --", "<script>", "%00", "9" * 40]),
)


@pytest.mark.django_db
def test_triage_filters_never_give_a_500(reviewer_client):
    ClaimFactory()
    keys = st.sampled_from(["article", "speaker", "type", "min_score", "max_score", "q", "after"])

    @page_settings
    @given(st.dictionaries(keys, hostile, max_size=4))
    def check(params):
        assert reviewer_client.get(reverse("reviews:triage"), params).status_code == 200

    check()


@pytest.mark.django_db
def test_article_search_and_paging_never_give_a_500(reviewer_client):
    @page_settings
    @given(hostile, hostile)
    def check(search, page):
        response = reviewer_client.get(reverse("articles:list"), {"q": search, "page": page})
        assert response.status_code == 200

    check()


@pytest.mark.django_db
def test_the_source_form_never_gives_a_500(reviewer_client, reviewer):
    claim = ClaimFactory(status="in_research", assignee=reviewer)
    fields = st.sampled_from(["url", "title", "publisher", "excerpt", "stance", "archive_url"])

    @page_settings
    @given(st.dictionaries(fields, hostile, max_size=6))
    def check(data):
        response = reviewer_client.post(reverse("reviews:source_add", args=[claim.pk]), data)
        assert response.status_code in (200, 302)

    check()


@pytest.mark.django_db
def test_triage_decisions_never_give_a_500(reviewer_client):
    claim = ClaimFactory()

    @page_settings
    @given(st.dictionaries(st.sampled_from(["decision", "version", "next"]), hostile))
    def check(data):
        response = reviewer_client.post(reverse("reviews:triage_decide", args=[claim.pk]), data)
        assert response.status_code in (302, 400)

    check()
