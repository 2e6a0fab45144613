import pytest

from factcheck.extraction.figures import find_figures
from tests.factories import ArticleFactory, ClaimFactory

GUNS = "18,000 guns had been given to residents to defend against Russia"


def figures_of(text: str) -> list[dict]:
    return [
        {"text": f.text, "value": f.value, "unit": f.unit, "currency": f.currency}
        for f in find_figures(text)
    ]


@pytest.fixture
def make_claim(db):
    """A claim with real figures, in an article of its own unless one is given."""

    def make(text=GUNS, speaker="Ukraine", article=None, **fields):
        return ClaimFactory(
            article=article or ArticleFactory(),
            text=text,
            speaker=speaker,
            figures=figures_of(text),
            start=fields.pop("start", 0),
            end=fields.pop("end", 20),
            **fields,
        )

    return make
