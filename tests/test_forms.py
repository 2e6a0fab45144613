"""Ids in forms: what cannot be an id is refused as no such choice, before any query."""

import pytest
from django import forms

from factcheck.forms import MAX_ID, IdChoiceField, IdMultipleChoiceField
from factcheck.reviews.models import Rating

pytestmark = pytest.mark.django_db
NOT_IDS = [str(MAX_ID + 1), "9" * 40, "-1", "0", "1.5", "½", "١٢", " ", "abc"]


class Choose(forms.Form):
    one = IdChoiceField(queryset=Rating.objects.all(), required=False)
    many = IdMultipleChoiceField(queryset=Rating.objects.all(), required=False)


@pytest.mark.parametrize("value", NOT_IDS)
def test_what_cannot_be_an_id_is_an_invalid_choice(value):
    form = Choose({"one": value, "many": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}


def test_real_ids_still_choose_their_objects():
    rating = Rating.objects.first()
    form = Choose({"one": str(rating.pk), "many": [str(rating.pk)]})
    assert form.is_valid()
    assert form.cleaned_data["one"] == rating
    assert list(form.cleaned_data["many"]) == [rating]
