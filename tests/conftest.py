import pytest
from django.core.cache import cache

from tests.factories import EditorFactory, ReviewerFactory, UserFactory


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(username="rita")


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie")


@pytest.fixture
def outsider(db):
    """Logged in, but in no role."""
    return UserFactory(username="olga")


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", is_staff=True, is_superuser=True)


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a test database starts empty."""
    yield
    cache.clear()
