"""bench/load.py's simulated reviewer does what the pages' forms and htmx do: checked here
through the test client with CSRF enforced, so that the benchmark measures real use and not
a stream of refusals. (The benchmark's timings are its own business: nothing is timed here.)"""

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from django.test import Client

from factcheck.claims.models import Claim
from tests.factories import ArticleFactory, ClaimFactory

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def load():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_load", BENCH / "load.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


class ClientTransport:
    """The load generator's transport over Django's test client: the browser's own cookies
    and headers go through as they would over the wire."""

    def __init__(self):
        self.client = Client(enforce_csrf_checks=True)

    def send(self, method: str, path: str, body, headers: dict):
        headers = dict(headers)
        content_type = headers.pop("Content-Type", "application/octet-stream")
        response = self.client.generic(
            method, path, data=body or b"", content_type=content_type, headers=headers
        )
        cookies = [morsel.OutputString() for morsel in response.cookies.values()]
        return response.status_code, dict(response.headers.items()), cookies, response.content

    def close(self) -> None:
        pass


def claims_in_the_queue(count: int) -> None:
    article = ArticleFactory()
    for start in range(count):
        ClaimFactory(article=article, start=start * 10)


def a_reviewer(load, samples: list):
    (cookies,) = load.reviewer_sessions(1)
    browser = load.Browser(ClientTransport(), cookies, "http://testserver", samples.append)
    return load.Reviewer(browser, random.Random(1))


def test_a_simulated_reviewer_triages_takes_and_adds_sources_as_the_pages_do(db, load):
    claims_in_the_queue(5)
    samples = []
    reviewer = a_reviewer(load, samples)

    reviewer.load_queue()
    assert len(reviewer.rows) == 5
    assert "claimTriaged" in reviewer.on_queue  # the counts panel listens
    reviewer.decide(decision="check_worthy")
    (worthy,) = reviewer.worthy
    assert Claim.objects.get(pk=worthy).status == Claim.Status.CHECK_WORTHY

    reviewer.take(reviewer.worthy.pop())
    claim = Claim.objects.get(pk=worthy)
    assert claim.status == Claim.Status.IN_RESEARCH
    assert claim.assignee.username == "bench-load-reviewer-0"
    reviewer.add_source()
    assert claim.sources.count() == 1
    assert ("draft", 204) in [(s.kind, s.status) for s in samples]  # saved as typing paused

    kinds = {sample.kind for sample in samples}
    assert kinds == {
        "triage queue",
        "decision",
        "counts",
        "panel",
        "claim page",
        "take",
        "draft",
        "source",
    }
    refused = [s for s in samples if s.status not in load.EXPECTED.get(s.kind, {200})]
    assert refused == []
    assert all(s.status != 409 for s in samples)


def test_a_claim_someone_else_decided_first_is_a_conflict_not_an_error(db, load):
    claims_in_the_queue(2)
    samples = []
    reviewer = a_reviewer(load, samples)
    reviewer.load_queue()
    claim = Claim.objects.get(pk=reviewer.rows[-1].claim_id)
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.NOT_CHECK_WORTHY, version=claim.version + 1
    )

    reviewer.decide()

    assert [(s.kind, s.status) for s in samples][-1] == ("decision", 409)
    assert 409 in load.EXPECTED["decision"]


def test_the_page_helpers_read_forms_tokens_and_listeners(load):
    page = """<body hx-headers='{"X-CSRFToken": "abc"}'>
      <section id="x" hx-get="/claims/1/panel/match/" hx-trigger="claimMoved from:body, y">
      <form method="post" action="/claims/1/take/"><input type="hidden" name="version"
        value="3"></form><form method="get" action="/triage/"></form>"""
    assert load.csrf_token(page) == "abc"
    assert load.page_forms(page) == {
        "/claims/1/take/": {"hidden": {"version": "3"}, "html": load.FORM.search(page)[2]}
    }
    assert load.listeners(page) == {"claimMoved": {"/claims/1/panel/match/"}}
    assert load.announced({"hx-trigger": '{"claimMoved": {"claim": 1}}'}) == ["claimMoved"]
