import pytest
from django.core.management import CommandError, call_command

from factcheck.claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_cycle_of_duplicates_is_reported_and_fails_the_check(capsys):
    first, second = ClaimFactory(), ClaimFactory()
    # What two concurrent merges left behind before merges locked both claims.
    Claim.objects.filter(pk=first.pk).update(status="duplicate", canonical=second)
    Claim.objects.filter(pk=second.pk).update(status="duplicate", canonical=first)

    with pytest.raises(CommandError, match="2 duplicate claims"):
        call_command("check_duplicates")

    out = capsys.readouterr().out
    assert f"claim {first.pk} is a duplicate of claim {second.pk}" in out
    assert "(cycle)" in out


def test_clean_duplicates_pass_the_check(capsys):
    canonical = ClaimFactory()
    ClaimFactory(status="duplicate", canonical=canonical)
    call_command("check_duplicates")
    assert "Every duplicate claim points at a claim" in capsys.readouterr().out
