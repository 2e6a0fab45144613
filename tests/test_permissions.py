"""Who may open or do what: every view and action, for every kind of user.

Each cell pins the status a person gets. Anonymous visitors are sent to log in; a
logged-in user without the permission gets 403 (or 404 for an object that is not
theirs), never 200; so does a logged-in user with no role at all. Actions are sent as HTMX
requests, so that a refusal by the workflow shows as 409 instead of hiding behind a
redirect. Staff here are superusers, who may do everything the workflow allows. The matrix
runs twice: with the test settings' quick logins, and logged in through the login page
with the authentication settings production runs with (its backends, django-axes, Argon2).
"""

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from factcheck.articles.models import ImportBatch
from factcheck.claims.models import Claim
from factcheck.matching.models import ClaimMatch
from factcheck.reviews.models import SavedSearch
from tests.factories import ClaimFactory, SourceFactory, VerdictFactory
from tests.test_urls import ALL_PATTERNS

LOGIN = 302
OK = 200
REDIRECT = 302  # a fragment URL opened as a page sends the browser to the full page
FORBIDDEN = 403
NOT_FOUND = 404
REFUSED = 409  # allowed to act, but the workflow refuses the move in this state

ROLES = ["anonymous", "reviewer", "editor", "staff", "no role"]
Status = Claim.Status


@pytest.fixture
def world(reviewer, editor):
    """One of each thing a view can act on, owned by the reviewer where that matters."""
    new = ClaimFactory(start=0, end=10)
    check_worthy = ClaimFactory(status=Status.CHECK_WORTHY, start=0, end=10)
    researching = ClaimFactory(status=Status.IN_RESEARCH, assignee=reviewer, start=0, end=10)
    source = SourceFactory(claim=researching, added_by=reviewer)
    awaiting = ClaimFactory(status=Status.AWAITING_APPROVAL, assignee=reviewer, start=0, end=10)
    verdict = VerdictFactory(claim=awaiting, author=reviewer)
    batch = ImportBatch.objects.create(source="seeds", created_by=editor)
    suggested = ClaimMatch.objects.create(claim=new, candidate=check_worthy, score=0.7)
    saved = SavedSearch.objects.create(owner=reviewer, name="Figures", query="type=quantity")
    return {
        "saved_search": saved,
        "match": suggested,
        "new": new,
        "check_worthy": check_worthy,
        "researching": researching,
        "source": source,
        "verdict": verdict,
        "batch": batch,
        "reviewer": reviewer,
    }


# name, method, url(world), data(world), expected status per role (anonymous, reviewer,
# editor, staff)
CELLS = [
    ("triage queue", "get", lambda w: reverse("reviews:triage"), None, (LOGIN, OK, OK, OK)),
    ("status counts", "get", lambda w: reverse("reviews:triage_counts"), None,
     (LOGIN, REDIRECT, REDIRECT, REDIRECT)),
    ("article title suggestions", "get",
     lambda w: reverse("reviews:article_titles") + "?article=a", None, (LOGIN, OK, OK, OK)),
    ("save the filters as a search", "post", lambda w: reverse("reviews:saved_search_create"),
     lambda w: {"name": "Guns", "query": "q=guns"}, (LOGIN, REDIRECT, REDIRECT, REDIRECT)),
    ("open the reviewer's saved search", "get",
     lambda w: reverse("reviews:saved_search", args=[w["saved_search"].pk]), None,
     (LOGIN, REDIRECT, NOT_FOUND, NOT_FOUND)),
    ("delete the reviewer's saved search", "post",
     lambda w: reverse("reviews:saved_search_delete", args=[w["saved_search"].pk]), None,
     (LOGIN, REDIRECT, NOT_FOUND, NOT_FOUND)),
    ("my claims", "get", lambda w: reverse("reviews:my_claims"), None, (LOGIN, OK, OK, OK)),
    ("approval queue", "get", lambda w: reverse("reviews:approvals"), None,
     (LOGIN, FORBIDDEN, OK, OK)),
    ("claim page", "get", lambda w: w["new"].get_absolute_url(), None, (LOGIN, OK, OK, OK)),
    ("claim panel", "get", lambda w: reverse("reviews:panel", args=[w["new"].pk, "timeline"]),
     None, (LOGIN, REDIRECT, REDIRECT, REDIRECT)),
    ("triage decision", "post", lambda w: reverse("reviews:triage_decide", args=[w["new"].pk]),
     lambda w: {"decision": "check_worthy", "version": 1}, (LOGIN, OK, OK, OK)),
    ("undo someone else's decision", "post",
     lambda w: reverse("reviews:triage_undo", args=[w["check_worthy"].pk]),
     lambda w: {"version": 1}, (LOGIN, REFUSED, REFUSED, REFUSED)),
    ("decide selected claims at once", "post", lambda w: reverse("reviews:triage_bulk"),
     lambda w: {"decision": "check_worthy", "claims": [w["new"].pk]},
     (LOGIN, REDIRECT, REDIRECT, REDIRECT)),
    ("put back a skipped claim", "post",
     lambda w: reverse("reviews:triage_put_back", args=[w["new"].pk]), None, (LOGIN, OK, OK, OK)),
    ("return a claim decided long ago to New", "post",
     lambda w: reverse("reviews:reopen", args=[w["check_worthy"].pk]),
     lambda w: {"version": 1}, (LOGIN, REFUSED, OK, OK)),
    ("return a claim to New from its queue", "post",
     lambda w: reverse("reviews:triage_reopen", args=[w["check_worthy"].pk]),
     lambda w: {"version": 1}, (LOGIN, REFUSED, OK, OK)),
    ("next claim", "post", lambda w: reverse("reviews:take_next"), None,
     (LOGIN, OK, OK, OK)),
    ("take", "post", lambda w: reverse("reviews:take", args=[w["check_worthy"].pk]),
     lambda w: {"version": 1}, (LOGIN, OK, OK, OK)),
    ("assign", "post", lambda w: reverse("reviews:assign", args=[w["check_worthy"].pk]),
     lambda w: {"assignee": w["reviewer"].pk, "version": 1}, (LOGIN, FORBIDDEN, OK, OK)),
    ("merge", "post", lambda w: reverse("reviews:merge", args=[w["new"].pk]),
     lambda w: {"canonical": w["check_worthy"].pk, "version": 1},
     (LOGIN, FORBIDDEN, OK, OK)),
    ("undo a merge of a claim that is no duplicate", "post",
     lambda w: reverse("reviews:unmerge", args=[w["new"].pk]),
     lambda w: {"version": 1}, (LOGIN, FORBIDDEN, REFUSED, REFUSED)),
    ("add source to the reviewer's claim", "post",
     lambda w: reverse("reviews:source_add", args=[w["researching"].pk]),
     lambda w: {"url": "https://example.org/new", "stance": "context"},
     (LOGIN, OK, FORBIDDEN, FORBIDDEN)),
    ("edit the reviewer's source", "get",
     lambda w: reverse("reviews:source_edit", args=[w["researching"].pk, w["source"].pk]),
     None, (LOGIN, OK, NOT_FOUND, NOT_FOUND)),
    ("remove the reviewer's source", "post",
     lambda w: reverse("reviews:source_delete", args=[w["researching"].pk, w["source"].pk]),
     None, (LOGIN, OK, NOT_FOUND, NOT_FOUND)),
    ("keep a draft of the reviewer's source edit", "post",
     lambda w: reverse("reviews:source_draft", args=[w["researching"].pk, w["source"].pk]),
     lambda w: {"title": "Half a title"}, (LOGIN, 204, NOT_FOUND, NOT_FOUND)),
    ("cancel the edit of the reviewer's source", "post",
     lambda w: reverse("reviews:source_edit_cancel", args=[w["researching"].pk, w["source"].pk]),
     None, (LOGIN, OK, NOT_FOUND, NOT_FOUND)),
    ("keep a draft", "post", lambda w: reverse("reviews:draft", args=[w["researching"].pk, "note"]),
     lambda w: {"text": "Half a thought"}, (LOGIN, 204, 204, 204)),
    ("add note", "post", lambda w: reverse("reviews:note_add", args=[w["researching"].pk]),
     lambda w: {"text": "Called the ministry"}, (LOGIN, OK, OK, OK)),
    ("propose verdict on the reviewer's claim", "post",
     lambda w: reverse("reviews:verdict_propose", args=[w["researching"].pk]),
     lambda w: {"rating": 1, "summary": "No.", "version": 1},
     (LOGIN, OK, FORBIDDEN, FORBIDDEN)),
    ("approve the reviewer's verdict", "post",
     lambda w: reverse("reviews:approve", args=[w["verdict"].pk]),
     lambda w: {"version": 1}, (LOGIN, FORBIDDEN, OK, OK)),
    ("send back the reviewer's verdict", "post",
     lambda w: reverse("reviews:send_back", args=[w["verdict"].pk]),
     lambda w: {"version": 1, "note": "Which ministry?"}, (LOGIN, FORBIDDEN, OK, OK)),
    ("edit claim page", "get", lambda w: reverse("claims:edit", args=[w["new"].pk]), None,
     (LOGIN, OK, OK, OK)),
    ("edit a new claim", "post", lambda w: reverse("claims:edit", args=[w["new"].pk]),
     lambda w: {"text": "Edited", "speaker": "", "claim_type": "other",
                "article": w["new"].article_id, "version": 1}, (LOGIN, OK, OK, OK)),
    ("edit a claim nobody was given", "post",
     lambda w: reverse("claims:edit", args=[w["check_worthy"].pk]),
     lambda w: {"text": "Edited", "speaker": "", "claim_type": "other",
                "article": w["check_worthy"].article_id, "version": 1},
     (LOGIN, FORBIDDEN, OK, OK)),
    ("not a claim page", "get", lambda w: reverse("claims:not_a_claim", args=[w["new"].pk]),
     None, (LOGIN, OK, OK, OK)),
    ("not a claim", "post", lambda w: reverse("claims:not_a_claim", args=[w["new"].pk]),
     lambda w: {"reason": "byline", "version": 1}, (LOGIN, OK, OK, OK)),
    ("split claim", "get", lambda w: reverse("claims:split", args=[w["new"].pk]), None,
     (LOGIN, OK, OK, OK)),
    ("merge with next, when there is none", "post",
     lambda w: reverse("claims:merge_next", args=[w["new"].pk]), lambda w: {"version": 1},
     (LOGIN, REFUSED, REFUSED, REFUSED)),
    ("add claim", "get", lambda w: reverse("claims:add", args=[w["new"].article_id]), None,
     (LOGIN, OK, OK, OK)),
    ("add claim from a span", "post",
     lambda w: reverse("claims:add", args=[w["new"].article_id]),
     lambda w: {"start": 13, "end": 24, "text": "18,000 guns", "speaker": "",
                "claim_type": "quantity"}, (LOGIN, OK, OK, OK)),
    ("unpublish a verdict not yet published", "post",
     lambda w: reverse("reviews:unpublish", args=[w["verdict"].pk]),
     lambda w: {"version": 1, "reason": "Retracted."}, (LOGIN, FORBIDDEN, REFUSED, REFUSED)),
    ("article list", "get", lambda w: reverse("articles:list"), None, (LOGIN, OK, OK, OK)),
    ("article page", "get", lambda w: w["new"].article.get_absolute_url(), None,
     (LOGIN, OK, OK, OK)),
    ("import screen", "get", lambda w: reverse("articles:import"), None,
     (LOGIN, FORBIDDEN, OK, OK)),
    ("import batches", "get", lambda w: reverse("articles:batches"), None, (LOGIN, OK, OK, OK)),
    ("import batch", "get", lambda w: reverse("articles:batch", args=[w["batch"].pk]), None,
     (LOGIN, OK, OK, OK)),
    ("reports", "get", lambda w: reverse("reports:index"), None, (LOGIN, OK, OK, OK)),
    ("download published verdicts", "get",
     lambda w: reverse("reports:download") + "?format=csv", None, (LOGIN, OK, OK, OK)),
    ("download unpublished verdicts", "get",
     lambda w: reverse("reports:download") + "?format=csv&status=awaiting_approval", None,
     (LOGIN, FORBIDDEN, OK, OK)),
    ("printable report", "get", lambda w: reverse("reports:print"), None, (LOGIN, OK, OK, OK)),
    ("printable report of unpublished verdicts", "get",
     lambda w: reverse("reports:print") + "?status=awaiting_approval", None,
     (LOGIN, FORBIDDEN, OK, OK)),
    ("similar claims search", "get", lambda w: reverse("matching:similar") + "?q=guns", None,
     (LOGIN, OK, OK, OK)),
    ("claims similar to a claim", "get",
     lambda w: reverse("matching:similar_to_claim", args=[w["new"].pk]), None,
     (LOGIN, OK, OK, OK)),
    ("confirm a suggested match", "post",
     lambda w: reverse("matching:confirm", args=[w["match"].pk]), lambda w: {"version": 1},
     (LOGIN, OK, OK, OK)),
    ("reject a suggested match", "post",
     lambda w: reverse("matching:reject", args=[w["match"].pk]), lambda w: {"version": 1},
     (LOGIN, OK, OK, OK)),
    ("admin", "get", lambda w: reverse("admin:index"), None, (LOGIN, LOGIN, LOGIN, OK)),
    ("admin claims", "get", lambda w: reverse("admin:claims_claim_changelist"), None,
     (LOGIN, LOGIN, LOGIN, OK)),
]  # fmt: skip

# A logged-in user in no role may open nothing: 403 everywhere, and the admin's login page.
NO_ROLE = {name: LOGIN if name.startswith("admin") else FORBIDDEN for name, *_ in CELLS}

MATRIX = [
    pytest.param(
        name, method, url, data, role, [*expected, NO_ROLE[name]][index], id=f"{name}-{role}"
    )
    for name, method, url, data, expected in CELLS
    for index, role in enumerate(ROLES)
]
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


@pytest.fixture(params=["test settings", "production authentication"])
def log_in(request, settings, client):
    """How the matrix's users log in."""
    if request.param == "test settings":
        return client.force_login
    from factcheck.settings import production

    for name in ("AUTHENTICATION_BACKENDS", "PASSWORD_HASHERS", "AUTH_PASSWORD_VALIDATORS"):
        setattr(settings, name, getattr(production, name))

    def through_the_login_page(user):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        response = client.post(
            reverse("login"), {"username": user.get_username(), "password": PASSWORD}
        )
        assert response.status_code == 302, "the login page refused the user"

    return through_the_login_page


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "url", "data", "role", "expected"), MATRIX)
def test_permission_matrix(
    client, log_in, world, editor, staff, outsider, name, method, url, data, role, expected
):
    user = {
        "anonymous": None,
        "reviewer": world["reviewer"],
        "editor": editor,
        "staff": staff,
        "no role": outsider,
    }
    if user[role] is not None:
        log_in(user[role])
    headers = {"HX-Request": "true"} if method == "post" else {}
    response = getattr(client, method)(url(world), data(world) if data else None, headers=headers)
    assert response.status_code == expected, f"{name} as {role}"
    if role == "anonymous":
        assert "/login/" in response.url
    if response.status_code == OK and response["Content-Type"].startswith("text/html"):
        # A template tag or comment the engine did not read would be shown as text.
        assert "{%" not in response.text and "{#" not in response.text, f"{name} as {role}"


@pytest.mark.django_db
def test_the_matrix_covers_every_page_and_action_of_the_workbench(world):
    in_matrix = {resolve(urlsplit(url(world)).path).view_name for _, _, url, _, _ in CELLS}
    apps = {"reviews", "articles", "reports", "matching", "claims"}
    every = {name for _, name, _ in ALL_PATTERNS if name and name.split(":")[0] in apps}
    assert every <= in_matrix, f"missing from the matrix: {sorted(every - in_matrix)}"
