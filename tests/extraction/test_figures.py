import pytest

from factcheck.extraction.figures import find_figures


def only(text: str):
    (figure,) = find_figures(text)
    return figure.value, figure.unit, figure.currency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18,000 guns were handed out", (18000, "guns", "")),
        ("to provide $600m in aid", (600_000_000, "", "USD")),
        ("a £1.2bn contract", (1_200_000_000, "", "GBP")),
        ("50% of voters", (50, "%", "")),
        ("advanced on two axes", (2, "axes", "")),
        ("a third of the budget", (0.3333, "fraction", "")),
        ("100% debt relief", (100, "%", "")),
        ("a fine of €5 million", (5_000_000, "", "EUR")),
        ("debts of 1.5 trillion dollars", (1_500_000_000_000, "", "USD")),
        ("unemployment of 7.5 per cent", (7.5, "%", "")),
        ("Two million children", (2_000_000, "children", "")),
        ("twenty-five people died", (25, "people", "")),
        ("15 healthy volunteers", (15, "volunteers", "")),
        ("US$5bn of bonds", (5_000_000_000, "", "USD")),
        ("a rise of 3.5 metres", (3.5, "metres", "")),
    ],
)
def test_figures_are_normalised(text, expected):
    assert only(text) == expected


def test_bare_year_is_a_figure_with_unit_year():
    assert only("since Russia seized Crimea in 2014") == (2014, "year", "")


def test_a_four_digit_count_is_not_a_year():
    assert only("2014 people signed") == (2014, "people", "")


def test_shared_unit_of_a_range():
    figures = find_figures("built up over 20 or 30 years")
    assert [(f.value, f.unit) for f in figures] == [(20, "years"), (30, "years")]


def test_two_currencies_side_by_side():
    figures = find_figures("$10bn (£5.38bn) a year")
    assert [(f.value, f.currency) for f in figures] == [
        (10_000_000_000, "USD"),
        (5_380_000_000, "GBP"),
    ]


@pytest.mark.parametrize("text", ["G7 and G8 leaders", "someone", "one of the best", "Google+"])
def test_codes_and_pronoun_one_are_not_figures(text):
    assert find_figures(text) == ()
