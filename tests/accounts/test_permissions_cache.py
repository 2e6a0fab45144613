"""With a shared cache, permissions come from it, and a change of role takes effect at once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from factcheck.accounts.backends import GENERATION_KEY, CachedPermissionsBackend, forget_permissions
from tests.factories import ReviewerFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("cached_permissions"),
]
TRIAGE = "claims.triage_claim"


@pytest.fixture
def cached_permissions(settings):
    settings.FACTCHECK_CACHE_PERMISSIONS = True


def fresh(user):
    """The user as the next request loads it."""
    return get_user_model().objects.get(pk=user.pk)


def test_a_second_request_reads_permissions_without_a_query(django_assert_num_queries):
    reviewer = ReviewerFactory()
    assert fresh(reviewer).has_perm(TRIAGE)

    user = fresh(reviewer)
    with django_assert_num_queries(0):
        assert user.has_perm(TRIAGE)
        assert not user.has_perm("reviews.approve_verdict")


def test_leaving_a_role_takes_the_permission_away_at_once():
    reviewer = ReviewerFactory()
    assert fresh(reviewer).has_perm(TRIAGE)

    reviewer.groups.clear()

    assert not fresh(reviewer).has_perm(TRIAGE)


def test_a_role_losing_a_permission_loses_it_for_its_members():
    reviewer = ReviewerFactory()
    assert fresh(reviewer).has_perm(TRIAGE)

    Group.objects.get(name="Reviewer").permissions.remove(
        Permission.objects.get(codename="triage_claim")
    )

    assert not fresh(reviewer).has_perm(TRIAGE)


def test_a_deleted_role_gives_nothing():
    reviewer = ReviewerFactory()
    assert fresh(reviewer).has_perm(TRIAGE)

    Group.objects.filter(name="Reviewer").delete()

    assert not fresh(reviewer).has_perm(TRIAGE)


def test_a_permission_given_directly_counts_at_once():
    user = UserFactory()
    assert not fresh(user).has_perm(TRIAGE)

    user.user_permissions.add(Permission.objects.get(codename="triage_claim"))

    assert fresh(user).has_perm(TRIAGE)


def test_losing_superuser_status_loses_its_permissions():
    boss = UserFactory(is_superuser=True)
    assert fresh(boss).has_perm(TRIAGE)

    get_user_model().objects.filter(pk=boss.pk).update(is_superuser=False)

    assert not fresh(boss).has_perm(TRIAGE)


def test_a_new_user_given_a_deleted_users_id_inherits_nothing():
    reviewer = ReviewerFactory()
    pk = reviewer.pk
    assert fresh(reviewer).has_perm(TRIAGE)

    reviewer.delete()
    newcomer = UserFactory(pk=pk)

    assert not fresh(newcomer).has_perm(TRIAGE)


def test_a_migration_forgets_every_cached_permission():
    from django.core.cache import cache

    reviewer = ReviewerFactory()
    fresh(reviewer).has_perm(TRIAGE)
    before = cache.get(GENERATION_KEY)

    call_command("migrate", verbosity=0)

    assert cache.get(GENERATION_KEY) > before


def test_pages_check_permissions_through_the_cache(client):
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(reverse("reviews:triage")).status_code == 403

    outsider.groups.add(Group.objects.get(name="Reviewer"))

    assert client.get(reverse("reviews:triage")).status_code == 200


def test_without_a_shared_cache_permissions_are_read_from_the_database(
    settings, django_assert_num_queries
):
    settings.FACTCHECK_CACHE_PERMISSIONS = False
    reviewer = ReviewerFactory()
    assert fresh(reviewer).has_perm(TRIAGE)

    user = fresh(reviewer)
    with django_assert_num_queries(2):
        assert user.has_perm(TRIAGE)


def test_a_role_change_moves_the_generation_on_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    """Another worker may read the old roles between the change and its commit, and cache
    them under the new generation: the commit moves the generation on once more."""
    from django.core.cache import cache

    reviewer = ReviewerFactory()
    fresh(reviewer).has_perm(TRIAGE)
    before = cache.get(GENERATION_KEY)

    with django_capture_on_commit_callbacks() as callbacks:
        reviewer.groups.clear()
    during = cache.get(GENERATION_KEY)
    assert during > before
    for callback in callbacks:
        callback()

    assert cache.get(GENERATION_KEY) > during


def test_a_permission_check_is_one_round_trip_to_the_cache(monkeypatch):
    from django.core.cache import cache

    reviewer = ReviewerFactory()
    fresh(reviewer).has_perm(TRIAGE)
    calls, depth = [], [0]

    def counted(name, method):
        def call(*args, **kwargs):
            if not depth[0]:  # not the cache's own calls inside one (LocMem's get_many)
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    assert fresh(reviewer).has_perm(TRIAGE)

    assert calls == ["get_many"]


def test_permissions_cached_under_an_earlier_generation_are_read_again():
    from django.core.cache import cache

    reviewer = ReviewerFactory()
    assert fresh(reviewer).has_perm(TRIAGE)
    # As if the role changed by a write that sent no signal, then the generation moved on.
    Group.objects.get(name="Reviewer").permissions.through.objects.filter(
        permission__codename="triage_claim"
    ).delete()
    assert fresh(reviewer).has_perm(TRIAGE)  # still the cached answer

    cache.incr(GENERATION_KEY)

    assert not fresh(reviewer).has_perm(TRIAGE)


# The session's user --------------------------------------------------------------------------


def session_user(user):
    """The user as the next request loads it from its session."""
    return CachedPermissionsBackend().get_user(user.pk)


def test_a_sessions_user_comes_from_the_cache_with_their_permissions(
    django_assert_num_queries,
):
    reviewer = ReviewerFactory(username="rita")
    session_user(reviewer)

    with django_assert_num_queries(0):
        user = session_user(reviewer)
        assert user.get_username() == "rita"
        assert user.has_perm(TRIAGE)
        assert not user.has_perm("reviews.approve_verdict")


def test_a_changed_user_is_read_again_at_once():
    reviewer = ReviewerFactory(username="rita")
    session_user(reviewer)

    reviewer.username = "rita.k"
    reviewer.save()

    assert session_user(reviewer).get_username() == "rita.k"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda user: user.set_password("a-new-long-passphrase"), id="new password"),
        pytest.param(lambda user: setattr(user, "is_active", False), id="deactivated"),
    ],
)
def test_a_new_password_or_deactivation_signs_the_user_out_at_once(client, change):
    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    assert client.get(reverse("reviews:triage")).status_code == 200

    change(reviewer)
    reviewer.save()

    response = client.get(reverse("reviews:triage"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_user_updated_without_a_signal_counts_once_permissions_are_forgotten():
    """QuerySet.update sends no signal: the module's docstring asks for forget_permissions()."""
    reviewer = ReviewerFactory()
    session_user(reviewer)

    get_user_model().objects.filter(pk=reviewer.pk).update(is_active=False)
    assert session_user(reviewer) is not None  # still the cached user
    forget_permissions()

    assert session_user(reviewer) is None


def test_an_inactive_user_is_never_cached(django_assert_num_queries):
    reviewer = ReviewerFactory(is_active=False)
    assert session_user(reviewer) is None

    with django_assert_num_queries(1):
        assert session_user(reviewer) is None
