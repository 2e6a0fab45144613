"""Random and hostile input never crashes the engine, the importer or a page.

Examples per target are fixed (``max_examples``) so the figures can be reported; the
database is rolled back around each test, not each example, which is fine here because
no example writes anything another depends on.
"""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.articles.parsing import ArticleFormatError, decode_text, parse_seed_article
from factcheck.articles.readers import read_records, zip_members
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


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["title", "body", "text", "url", "date", "author", "x"]), children
        )
    ),
    max_leaves=12,
)
csv_text = st.lists(
    st.lists(st.text(alphabet=st.sampled_from('ab,"\n\r 1-'), max_size=12), max_size=5),
    max_size=6,
).map(lambda rows: "title,body,url,published_date\n" + "\n".join(",".join(r) for r in rows))
by_format = {
    "a.json": st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode())),
    "a.jsonl": st.lists(json_values.map(json.dumps), max_size=5).map(
        lambda lines: "\n".join(lines).encode()
    ),
    "a.csv": st.one_of(st.binary(max_size=300), csv_text.map(str.encode)),
    "a.html": st.one_of(
        st.binary(max_size=300),
        newsy.map(
            lambda t: (
                f"<html><head><title>{t[:20]}</title></head><body><p>{t}</p>"
                f"<script>alert(1)</script></body></html>".encode()
            )
        ),
    ),
    "a.txt": st.one_of(st.binary(max_size=300), newsy.map(str.encode)),
    "a.bin": st.binary(max_size=300),
}


@pytest.mark.parametrize("name", list(by_format))
def test_every_reader_reports_bad_input_as_an_error_never_a_crash(name):
    @settings(max_examples=IMPORT_EXAMPLES // 3, deadline=None)
    @given(by_format[name])
    def check(raw):
        try:
            records = list(read_records(name, raw))
        except ArticleFormatError as error:
            assert str(error)
            return
        for record in records:
            assert (record.article is None) != (not record.error)
            if record.article is not None:
                assert record.article.title.strip() and record.article.body.strip()
                assert "<script" not in record.article.body

    check()


@settings(max_examples=IMPORT_EXAMPLES // 3, deadline=None)
@given(
    st.binary(max_size=400),
    st.lists(st.sampled_from(["a.txt", "../x.txt", "/abs.txt", "b.zip", "c.json"]), unique=True),
)
def test_zips_are_refused_or_read_member_by_member_never_a_crash(noise, names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in names:
            archive.writestr(member, noise)
    for raw in (buffer.getvalue(), noise, buffer.getvalue()[: len(buffer.getvalue()) // 2]):
        try:
            members = zip_members("upload.zip", raw)
        except ArticleFormatError as error:
            assert str(error)
            continue
        for member in members:
            if "../" in member.name or "//abs" in member.name:
                assert member.error
            elif member.read is not None:
                try:
                    assert isinstance(member.read(), bytes)
                except ArticleFormatError as error:
                    assert str(error)


# Every other form and query parameter: random values for its own field names, as a
# reviewer (or an editor where the form is theirs). A refusal is fine; a 500 never is.
FORMS = [
    # who, method, url(claims), field names
    ("reviewer", "get", lambda c: reverse("reviews:triage"),
     ["article", "speaker", "type", "min_score", "max_score", "q", "after"]),
    ("reviewer", "get", lambda c: reverse("articles:list"), ["q", "page"]),
    ("reviewer", "post", lambda c: reverse("reviews:source_add", args=[c["mine"].pk]),
     ["url", "title", "publisher", "excerpt", "stance", "archive_url", "version"]),
    ("reviewer", "post", lambda c: reverse("reviews:triage_decide", args=[c["new"].pk]),
     ["decision", "version", "next"]),
    ("reviewer", "post", lambda c: reverse("reviews:verdict_propose", args=[c["mine"].pk]),
     ["rating", "summary", "sources", "version"]),
    ("reviewer", "post", lambda c: reverse("reviews:note_add", args=[c["mine"].pk]), ["text"]),
    ("reviewer", "post", lambda c: reverse("reviews:take", args=[c["open"].pk]), ["version"]),
    ("reviewer", "post", lambda c: reverse("reviews:triage_undo", args=[c["open"].pk]),
     ["version"]),
    ("editor", "post", lambda c: reverse("reviews:assign", args=[c["open"].pk]),
     ["assignee", "version"]),
    ("editor", "post", lambda c: reverse("reviews:merge", args=[c["open"].pk]),
     ["canonical", "version"]),
    ("editor", "post", lambda c: reverse("reviews:send_back", args=[c["verdict"].pk]),
     ["note", "version"]),
    ("editor", "post", lambda c: reverse("reviews:approve", args=[c["verdict"].pk]),
     ["version"]),
    ("reviewer", "get", lambda c: reverse("reviews:my_claims"), ["after"]),
    ("editor", "get", lambda c: reverse("reviews:approvals"), ["after"]),
    ("editor", "get", lambda c: reverse("reports:index"),
     ["article", "since", "until", "rating", "status", "format"]),
    ("editor", "get", lambda c: reverse("reports:download"),
     ["article", "since", "until", "rating", "status", "format"]),
    ("editor", "get", lambda c: reverse("reports:print"), ["article", "since", "until", "status"]),
    ("reviewer", "get", lambda c: reverse("matching:similar"), ["q"]),
    ("reviewer", "get", lambda c: reverse("articles:batches"), ["page"]),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "method", "url", "fields"), FORMS, ids=[f"{f[1]}-{i}" for i, f in enumerate(FORMS)]
)
def test_no_form_or_query_parameter_gives_a_500(client, reviewer, editor, who, method, url, fields):
    from factcheck.claims.models import Claim
    from tests.factories import VerdictFactory

    claims = {
        "mine": ClaimFactory(status=Claim.Status.IN_RESEARCH, assignee=reviewer),
        "open": ClaimFactory(status=Claim.Status.CHECK_WORTHY),
        "new": ClaimFactory(),
        "verdict": VerdictFactory(
            claim=ClaimFactory(status=Claim.Status.AWAITING_APPROVAL, assignee=reviewer),
            author=reviewer,
        ),
    }
    client.force_login(reviewer if who == "reviewer" else editor)
    target = url(claims)
    send = getattr(client, method)

    @page_settings
    @given(st.dictionaries(st.sampled_from(fields), hostile, max_size=len(fields)))
    def check(data):
        for headers in ({}, {"HX-Request": "true"}):
            response = send(target, data, headers=headers)
            assert response.status_code < 500, (target, data)

    check()
