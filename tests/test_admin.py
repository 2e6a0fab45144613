import pytest
from django.contrib import admin
from django.urls import reverse

from factcheck.articles.models import ImportBatch
from factcheck.claims.models import Claim
from factcheck.reviews.models import Event, Rating, Source
from tests.factories import ClaimFactory, EventFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry]


@pytest.fixture
def one_of_everything(reviewer):
    claim = ClaimFactory()
    source = SourceFactory(claim=claim)
    verdict = VerdictFactory(claim=claim)
    verdict.sources.add(source)
    EventFactory(claim=claim)
    ImportBatch.objects.create(source="seeds/")
    claim.article.batch = ImportBatch.objects.get()
    claim.article.save()


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_model_of_the_domain_is_in_the_admin():
    names = {f"{model._meta.app_label}.{model.__name__}" for model in MODELS}
    assert {
        "articles.Article", "articles.ImportBatch", "claims.Claim", "reviews.Source",
        "reviews.Verdict", "reviews.Rating", "reviews.Event", "auth.User", "auth.Group",
    } <= names  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_changelist_search_and_change_pages_load(staff_client, one_of_everything, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    assert staff_client.get(admin_url(model, "changelist"), {"q": "guns"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:  # django-axes' login records exist only after failed logins
        assert staff_client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_claims_are_listed_inline_on_their_article(staff_client, one_of_everything):
    claim = ClaimFactory._meta.model.objects.get()
    response = staff_client.get(admin_url(type(claim.article), "change", claim.article.pk))
    assert claim.text in response.text


def test_events_cannot_be_edited_or_deleted_in_the_admin(staff_client, one_of_everything):
    event = EventFactory._meta.model.objects.first()
    response = staff_client.post(admin_url(type(event), "delete", event.pk), {"post": "yes"})
    assert response.status_code == 403
    assert type(event).objects.filter(pk=event.pk).exists()


def test_the_rating_scale_is_editable_in_the_admin(staff_client):
    rating = Rating.objects.get(slug="half-true")
    response = staff_client.post(
        admin_url(Rating, "change", rating.pk),
        {"label": "Half-true", "slug": "half-true", "position": 2, "rating_value": 3,
         "colour": "#c69214", "description": ""},
    )  # fmt: skip
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.label == "Half-true"


def test_a_reviewer_cannot_use_the_admin(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_admin_edits_and_bulk_deletes_are_audited_with_who_and_when(staff_client, staff):
    rating = Rating.objects.get(slug="half-true")
    staff_client.post(
        admin_url(Rating, "change", rating.pk),
        {"label": "Half right", "slug": "half-true", "position": 2, "rating_value": 3,
         "colour": "#c69214", "description": rating.description},
    )  # fmt: skip
    sources = [SourceFactory(), SourceFactory()]
    staff_client.post(
        admin_url(Source, "changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [s.pk for s in sources]},
    )

    events = Event.objects.filter(actor=staff).order_by("id")
    assert [(e.action, e.subject.split(":")[0]) for e in events] == [
        ("admin_change", f"rating {rating.pk}"),
        ("admin_delete", f"source {sources[0].pk}"),
        ("admin_delete", f"source {sources[1].pk}"),
    ]
    assert events[0].note == "Changed: label"
    assert events[1].claim == sources[0].claim
    assert not Source.objects.exists()


def test_deleting_a_claim_in_the_admin_keeps_its_audit_trail(staff_client):
    event = EventFactory()
    claim = event.claim
    staff_client.post(admin_url(Claim, "delete", claim.pk), {"post": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert Event.objects.filter(pk=event.pk, claim=None).exists()
    assert Event.objects.filter(
        action="admin_delete", subject__startswith=f"claim {claim.pk}"
    ).exists()


def test_a_password_set_in_the_admin_is_audited_without_the_password(staff_client, staff, reviewer):
    url = reverse("admin:auth_user_password_change", args=[reviewer.pk])
    new_password = "a-long-new-passphrase-42"

    refused = staff_client.post(url, {"password1": new_password, "password2": "different"})
    assert refused.status_code == 200
    assert not Event.objects.filter(actor=staff).exists()

    response = staff_client.post(url, {"password1": new_password, "password2": new_password})

    assert response.status_code == 302
    [event] = Event.objects.filter(actor=staff)
    assert (event.action, event.subject, event.note) == (
        "admin_change",
        f"user {reviewer.pk}: {reviewer.username}",
        "Changed: password",
    )
    assert new_password not in event.note + event.subject
    reviewer.refresh_from_db()
    assert reviewer.check_password(new_password)


def test_a_refused_or_conflicting_password_form_is_not_audited(staff_client, staff, reviewer):
    url = reverse("admin:auth_user_password_change", args=[reviewer.pk])

    # "Disable password login" chosen without confirming it: Django redirects, saves nothing.
    response = staff_client.post(url, {"usable_password": "false"})

    assert response.status_code == 302
    assert not Event.objects.filter(actor=staff).exists()


def test_stored_text_is_escaped_in_the_admin(staff_client):
    hostile = "<script>alert('x')</script>"
    claim = ClaimFactory(text=hostile, speaker=hostile)
    claim.article.title = hostile
    claim.article.save()
    for url in [
        admin_url(Claim, "changelist"),
        admin_url(Claim, "change", claim.pk),
        admin_url(type(claim.article), "change", claim.article_id),
    ]:
        html = staff_client.get(url).text
        assert hostile not in html, url
        assert "&lt;script&gt;" in html, url


def test_claims_list_their_scores_with_two_decimals(staff_client):
    ClaimFactory(score=0.87654)
    response = staff_client.get(admin_url(Claim, "changelist"))
    assert ">0.87<" in response.text
    assert "0.87654" not in response.text


def test_a_claims_figures_and_reasons_are_read_only_tables(staff_client):
    claim = ClaimFactory(
        figures=[
            {"text": "$600m", "value": 600_000_000, "currency": "USD", "unit": ""},
            {"text": "2014", "value": 2014, "currency": "", "unit": "year"},
        ],
        score_reasons=["contains a figure: $600m", "<b>attributed</b> to the US"],
    )
    response = staff_client.get(admin_url(Claim, "change", claim.pk))
    assert response.status_code == 200
    assert 'name="figures"' not in response.text
    assert 'name="score_reasons"' not in response.text
    assert "<td>$600m = 600,000,000 USD</td>" in response.text
    assert "<td>2014 (year)</td>" in response.text
    assert "<td>contains a figure: $600m</td>" in response.text
    assert "&lt;b&gt;attributed&lt;/b&gt; to the US" in response.text


def test_a_change_in_the_admin_keeps_the_engines_figures(staff_client):
    claim = ClaimFactory(figures=[{"text": "18,000", "value": 18000, "unit": ""}], speaker="")
    response = staff_client.get(admin_url(Claim, "change", claim.pk))
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["speaker"] = "Ukraine"
    response = staff_client.post(admin_url(Claim, "change", claim.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert claim.speaker == "Ukraine"
    assert claim.figures == [{"text": "18,000", "value": 18000, "unit": ""}]


def test_users_are_listed_with_their_role_and_whether_they_are_active(staff_client):
    from tests.factories import EditorFactory, ReviewerFactory, UserFactory

    ReviewerFactory(username="rita")
    EditorFactory(username="eddie", is_active=False)
    UserFactory(username="nobody")
    response = staff_client.get(reverse("admin:auth_user_changelist"))
    rows = {
        name: row
        for row in response.text.split("<tr")[1:]
        for name in ("rita", "eddie", "nobody", "sam")
        if f">{name}<" in row
    }
    assert "Reviewer" in rows["rita"] and 'alt="True"' in rows["rita"]
    assert "Editor" in rows["eddie"] and 'alt="False"' in rows["eddie"]
    assert ">None<" in rows["nobody"]
    assert "Admin" in rows["sam"]
    assert "Role" in response.text and "Active" in response.text
