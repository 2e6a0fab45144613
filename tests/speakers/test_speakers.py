import pytest
from django.core.management import call_command
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.claims.services import claims_extract_for_article
from factcheck.speakers.models import Speaker, SpeakerAlias
from factcheck.speakers.names import guess_kind, name_key
from factcheck.speakers.services import claims_link_speakers, speakers_for_names
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Mr Zelenskyy", "zelenskyy"),
        ("The Ministry of Defence", "ministry of defence"),
        ("President Emmanuel Macron", "Emmanuel Macron"),
        ("Jürgen Klopp", "Jurgen Klopp"),
        ("Ukraine’s president", "Ukraine's president"),
    ],
)
def test_names_written_differently_have_one_key(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Volodymyr Zelenskyy", "person"),
        ("Ukraine", "country"),
        ("the US", "country"),
        ("UK Ministry of Defence", "organisation"),
        ("NATO", "organisation"),
        ("The UN Security Council", "organisation"),
    ],
)
def test_a_speakers_kind_is_guessed_from_the_name(name, kind):
    assert guess_kind(name) == kind


def test_one_person_named_three_ways_is_one_speaker():
    found = speakers_for_names(["Volodymyr Zelenskyy"])
    again = speakers_for_names(["volodymyr zelenskyy", "Mr Zelenskyy", "Zelenskyy"])

    speaker = found["Volodymyr Zelenskyy"]
    assert set(again.values()) == {speaker}
    assert Speaker.objects.count() == 1
    # A bare surname is matched, never kept as a name of its own.
    assert list(SpeakerAlias.objects.values_list("name", flat=True)) == ["Volodymyr Zelenskyy"]


def test_a_surname_two_known_people_share_is_nobody():
    speakers_for_names(["Boris Johnson", "Dwayne Johnson"])

    assert speakers_for_names(["Mr Johnson"]) == {"Mr Johnson": None}


def test_a_surname_is_not_matched_to_an_organisation_or_to_nobody_yet():
    speakers_for_names(["Johnson Matthey Group"])

    assert speakers_for_names(["Johnson"]) == {"Johnson": None}
    assert Speaker.objects.count() == 1


def test_a_surname_meets_the_person_named_in_the_same_batch():
    found = speakers_for_names(["Mr Zelenskyy", "Volodymyr Zelenskyy"])

    assert found["Mr Zelenskyy"] == found["Volodymyr Zelenskyy"] is not None


def test_re_extraction_links_claims_to_their_speakers():
    article = ArticleFactory()

    claims_extract_for_article(article=article)

    named = article.claims.exclude(speaker="")
    assert named.exists()
    for claim in named.select_related("speaker_identity"):
        assert claim.speaker_identity is not None
        assert name_key(claim.speaker_identity.name) == name_key(claim.speaker)


def test_the_role_an_article_gives_a_speaker_becomes_their_description(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Arms\n\nVolodymyr Zelenskyy, Ukraine's president, said 18,000 guns had been "
        "given to residents of Kyiv on Thursday."
    )

    call_command("import_articles", str(path), verbosity=0)

    speaker = Speaker.objects.get(name="Volodymyr Zelenskyy")
    assert speaker.description == "Ukraine's president"


def test_the_longest_role_describes_a_new_speaker_and_a_staff_description_stays():
    ClaimFactory(speaker="Volodymyr Zelenskyy", speaker_description="president")
    ClaimFactory(speaker="Volodymyr Zelenskyy", speaker_description="Ukraine's president")
    ClaimFactory(speaker="Ukraine", speaker_description="")
    claims_link_speakers(claims=Claim.objects.all())
    Speaker.objects.filter(name="Ukraine").update(description="A country at war")
    ClaimFactory(speaker="Ukraine", speaker_description="the government in Kyiv")
    ClaimFactory(speaker="Mr Zelenskyy", speaker_description="a former actor")

    claims_link_speakers(claims=Claim.objects.all())

    descriptions = dict(Speaker.objects.values_list("name", "description"))
    assert descriptions == {
        "Volodymyr Zelenskyy": "Ukraine's president",
        "Ukraine": "A country at war",
    }


def test_an_import_links_its_claims_to_speakers_already_known(tmp_path):
    known = speakers_for_names(["Ukraine"])["Ukraine"]
    path = tmp_path / "a.txt"
    path.write_text("Arms\n\nUkraine said 18,000 guns had been given to residents.")

    call_command("import_articles", str(path), verbosity=0)

    claim = Claim.objects.get()
    assert (claim.speaker, claim.speaker_identity) == ("Ukraine", known)


def test_the_triage_speaker_filter_finds_a_speaker_by_any_of_their_names(reviewer_client):
    full = ClaimFactory(speaker="Volodymyr Zelenskyy", text="Kyiv stands.")
    short = ClaimFactory(speaker="Mr Zelenskyy", text="We need arms.")
    other = ClaimFactory(speaker="Boris Johnson", text="We will help.")
    claims_link_speakers(claims=Claim.objects.all())

    html = reviewer_client.get(reverse("reviews:triage"), {"speaker": "Volodymyr"}).text

    assert full.text in html and short.text in html and other.text not in html


def test_the_speaker_page_lists_their_claims_and_filters_by_status(reviewer_client):
    mine = ClaimFactory(speaker="Ukraine", text="18,000 guns were given.")
    done = ClaimFactory(speaker="Ukraine", text="Kyiv holds.", status=Claim.Status.CHECK_WORTHY)
    ClaimFactory(speaker="Russia", text="Not theirs.")
    claims_link_speakers(claims=Claim.objects.all())
    speaker = Speaker.objects.get(name="Ukraine")

    page = reviewer_client.get(speaker.get_absolute_url())
    filtered = reviewer_client.get(speaker.get_absolute_url(), {"status": "check_worthy"})
    bad = reviewer_client.get(speaker.get_absolute_url(), {"status": "x" * 5000, "page": "-1"})

    assert mine.text in page.text and done.text in page.text and "Not theirs." not in page.text
    assert done.text in filtered.text and mine.text not in filtered.text
    assert bad.status_code == 200 and "errorlist" in bad.text


def test_the_speaker_page_needs_a_login_and_a_role(client, outsider):
    speaker = speakers_for_names(["Ukraine"])["Ukraine"]

    assert client.get(speaker.get_absolute_url()).status_code == 302
    client.force_login(outsider)
    assert client.get(speaker.get_absolute_url()).status_code == 403


def test_the_claim_page_links_its_speaker(reviewer_client):
    claim = ClaimFactory(speaker="Ukraine")
    claims_link_speakers(claims=Claim.objects.all())
    speaker = Speaker.objects.get()

    html = reviewer_client.get(claim.get_absolute_url()).text

    assert f'<a href="{speaker.get_absolute_url()}">Ukraine</a>' in html


def test_staff_merge_two_speakers_and_their_claims_follow(staff_client):
    ClaimFactory(speaker="Volodymyr Zelenskyy")
    ClaimFactory(speaker="Volodymyr Zelenskyy")
    role = ClaimFactory(speaker="Ukraine's president")
    claims_link_speakers(claims=Claim.objects.all())

    staff_client.post(
        reverse("admin:speakers_speaker_changelist"),
        {
            "action": "merge_speakers",
            "_selected_action": list(Speaker.objects.values_list("pk", flat=True)),
        },
    )

    speaker = Speaker.objects.get()
    assert speaker.name == "Volodymyr Zelenskyy"
    role.refresh_from_db()
    assert role.speaker_identity == speaker
    assert speakers_for_names(["Ukraine’s president"])["Ukraine’s president"] == speaker


def test_staff_split_a_name_off_and_its_claims_go_with_it(staff_client):
    ClaimFactory(speaker="Volodymyr Zelenskyy")
    wrong = ClaimFactory(speaker="Ukraine's president")
    claims_link_speakers(claims=Claim.objects.all())
    first, second = Speaker.objects.order_by("pk")
    staff_client.post(
        reverse("admin:speakers_speaker_changelist"),
        {"action": "merge_speakers", "_selected_action": [first.pk, second.pk]},
    )
    alias = SpeakerAlias.objects.get(name="Ukraine's president")

    staff_client.post(
        reverse("admin:speakers_speakeralias_changelist"),
        {"action": "split_off", "_selected_action": [alias.pk]},
    )

    wrong.refresh_from_db()
    assert wrong.speaker_identity.name == "Ukraine's president"
    assert Speaker.objects.count() == 2


def test_link_speakers_links_claims_imported_before_and_is_safe_to_run_again(capsys):
    ClaimFactory(speaker="Ukraine")
    ClaimFactory(speaker="")

    call_command("link_speakers")
    call_command("link_speakers")

    assert Claim.objects.filter(speaker_identity__isnull=False).count() == 1
    assert capsys.readouterr().out.splitlines() == [
        "1 claim(s) linked to their speakers.",
        "0 claim(s) linked to their speakers.",
    ]


def test_a_reviewer_editing_the_speaker_points_the_claim_at_the_new_speaker(reviewer):
    from factcheck.claims.services import claim_edit

    claim = ClaimFactory(speaker="Ukraine", assignee=reviewer, status=Claim.Status.IN_RESEARCH)
    claims_link_speakers(claims=Claim.objects.filter(pk=claim.pk))

    edited = claim_edit(claim=claim, user=reviewer, text=claim.text, speaker="the US",
                        claim_type=claim.claim_type, version=claim.version)  # fmt: skip

    assert edited.speaker_identity.name == "the US"
    assert edited.speaker_identity.kind == "country"
