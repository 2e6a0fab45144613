"""`make backup` / `make restore`: a backup restored into an emptied database gives back
every article, claim, source, verdict and event."""

import pytest
from django.core.management import call_command
from django.db import connection

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews.models import Event, Source, Verdict
from tests.factories import EventFactory, SourceFactory, VerdictFactory

MODELS = [Article, Claim, Source, Verdict, Event]


@pytest.fixture
def backup_dir(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "dbbackup": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_holds_everything(backup_dir):
    verdict = VerdictFactory()
    source = SourceFactory(claim=verdict.claim)
    verdict.sources.add(source)
    EventFactory(claim=verdict.claim, note="Rang the ministry")
    before = snapshot()
    assert all(before.values())

    call_command("dbbackup", "--noinput", "--compress", verbosity=0)  # as `make backup`
    backups = list(backup_dir.glob("*.gz"))
    assert len(backups) == 1 and backups[0].stat().st_size > 0

    call_command("flush", "--noinput", verbosity=0)
    assert not any(snapshot().values())

    call_command("dbrestore", "--noinput", "--uncompress", verbosity=0)  # as `make restore`
    connection.close()  # see the restored database through a fresh connection

    assert snapshot() == before
    assert Event.objects.get(note="Rang the ministry").claim == Claim.objects.get()
    assert list(Verdict.objects.get().sources.all()) == [Source.objects.get()]
