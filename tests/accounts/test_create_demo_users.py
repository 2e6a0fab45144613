import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from factcheck.accounts.roles import ROLES
from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def authenticate(*, username: str, password: str) -> bool:
    user = get_user_model().objects.filter(username=username).first()
    return user is not None and user.check_password(password)


def test_demo_users_are_created_in_their_roles_with_printed_passwords(capsys):
    call_command("create_demo_users")

    out = capsys.readouterr().out
    passwords = dict(re.findall(r"^(\w+)\s+password: (\S+)", out, re.M))
    assert set(passwords) == {"reviewer", "editor", "admin"}
    for username, password in passwords.items():
        assert authenticate(username=username, password=password)
    User = get_user_model()
    assert list(User.objects.get(username="reviewer").groups.values_list("name", flat=True)) == [
        "Reviewer"
    ]
    assert User.objects.get(username="editor").has_perm("reviews.approve_verdict")
    assert not User.objects.get(username="reviewer").has_perm("reviews.approve_verdict")
    assert User.objects.get(username="admin").is_superuser


def test_running_the_demo_set_up_twice_duplicates_nothing_and_keeps_passwords(capsys):
    call_command("create_demo_users")
    first = capsys.readouterr().out
    call_command("import_articles", str(SEEDS))
    call_command("create_demo_users")
    call_command("import_articles", str(SEEDS))

    again = capsys.readouterr().out
    assert "password unchanged" in again
    assert get_user_model().objects.count() == 3
    assert Article.objects.count() == len(list(SEEDS.glob("*.txt")))
    reviewer_password = re.search(r"^reviewer\s+password: (\S+)", first, re.M)[1]
    assert authenticate(username="reviewer", password=reviewer_password)


def test_reset_passwords_prints_new_ones(capsys):
    call_command("create_demo_users")
    capsys.readouterr()
    call_command("create_demo_users", "--reset-passwords")
    new = dict(re.findall(r"^(\w+)\s+password: (\S+)", capsys.readouterr().out, re.M))
    assert authenticate(username="editor", password=new["editor"])


def test_login_page_logs_a_reviewer_in_and_out(client, reviewer):
    response = client.post(
        "/accounts/login/", {"username": "rita", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.get("/articles/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/articles/").status_code == 302


def test_a_wrong_password_shows_an_error_and_does_not_log_in(client, reviewer):
    response = client.post("/accounts/login/", {"username": "rita", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.text


def test_each_role_holds_exactly_its_permissions_after_all_migrations():
    for name, codenames in ROLES.items():
        group = Group.objects.get(name=name)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(codenames)
