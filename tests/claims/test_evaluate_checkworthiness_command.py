import csv

import pytest
from django.core.management import CommandError, call_command

# Two debates in ClaimBuster's crowdsourced.csv columns. Both models score the question
# about crime and the sports figure check-worthy (false positives) and miss the professed
# belief, labelled check-worthy here to make a miss: 3 true positives, 2 false positives,
# 1 false negative.
DEBATES = [
    ("2016-09-26.txt", "Unemployment fell to 4 percent under this administration.", 1),
    ("2016-09-26.txt", "The team won 7 games in a row, the most since 1990.", 0),
    ("2016-09-26.txt", "I think we have to do better for our children.", -1),
    ("2016-09-26.txt", "We spent 600 billion dollars on defence last year.", 1),
    ("2012-10-03.txt", "Crime went up 12 percent in the cities since 1990.", 1),
    ("2012-10-03.txt", "Why did crime go up 12 percent in the cities since 1990?", -1),
    ("2012-10-03.txt", "What would you do about it, Jim?", -1),
    ("2012-10-03.txt", "I want to say how much I believe in this country.", 1),
]
# Ranked by either model, 2016's two check-worthy sentences come first (average precision
# 1); 2012's come first and fourth, (1/1 + 2/4) / 2 = 0.75; the mean is 0.875.
SENTENCE_SCORER_FIGURES = (
    "8 sentences, 4 check-worthy, threshold {threshold} (sentence scorer)\n"
    "precision 0.600\n"
    "recall    0.750\n"
    "F1        0.667\n"
    "MAP       0.875 over 2 debates\n"
)
# Earlier debates for --split-by-year: 2000 and 2004 to fit on, 2008 to tune on.
EARLIER = [
    ("Taxes rose {n} percent under the last government.", 1),
    ("We built {n} thousand homes last year.", 1),
    ("The team scored {n} goals this season.", 0),
    ("I think we can do better, {name}.", -1),
    ("Thank you for the question, {name}.", -1),
]


def write_debates(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Sentence_id", "Text", "Speaker", "File_id", "Verdict"])
        for number, (debate, text, verdict) in enumerate(rows, start=1):
            writer.writerow([number, text, "Moderator", debate, verdict])
    return path


@pytest.fixture
def debates(tmp_path):
    return write_debates(tmp_path / "crowdsourced.csv", DEBATES)


def test_lexical_model_reports_f1_and_map_per_debate(debates, capsys):
    call_command("evaluate_checkworthiness", str(debates))

    assert capsys.readouterr().out == "lexical: " + SENTENCE_SCORER_FIGURES.format(threshold="0.43")


def test_both_models_are_reported_each_at_its_own_threshold(debates, capsys):
    call_command("evaluate_checkworthiness", str(debates), "--model", "both")

    lexical, neural = capsys.readouterr().out.split("neural: ")
    assert lexical == "lexical: " + SENTENCE_SCORER_FIGURES.format(threshold="0.43")
    assert neural == SENTENCE_SCORER_FIGURES.format(threshold="0.31")


def test_end_to_end_the_questions_the_engine_drops_score_zero(debates, capsys):
    call_command("evaluate_checkworthiness", str(debates), "--end-to-end")

    # The question is no claim, so no longer a false positive; the professed belief, also
    # dropped, still ranks fourth of 2012 (the ties at 0 keep the file's order).
    assert capsys.readouterr().out == (
        "lexical: 8 sentences, 4 check-worthy, threshold 0.43 (end to end)\n"
        "precision 0.750\n"
        "recall    0.750\n"
        "F1        0.750\n"
        "MAP       0.875 over 2 debates\n"
    )


def test_a_given_threshold_overrides_the_models_own(debates, capsys):
    call_command("evaluate_checkworthiness", str(debates), "--threshold", "0.9")

    output = capsys.readouterr().out
    # Only the three figure-bearing political claims score 0.9 or more.
    assert "threshold 0.90 (sentence scorer)\nprecision 1.000\nrecall    0.750\n" in output
    assert "F1        0.857\n" in output


def test_checkthat_debates_add_their_own_map(debates, tmp_path, capsys):
    checkthat = tmp_path / "checkthat"
    checkthat.mkdir()
    (checkthat / "20190912_democratic_debate.tsv").write_text(
        "1\tSANDERS\tUnemployment fell to 4 percent under this administration.\t1\n"
        "2\tWARREN\tThe team won 7 games in a row, the most since 1990.\t0\n"
        "3\tBIDEN\tI want to say how much I believe in this country.\t1\n",
        encoding="utf-8",
    )

    call_command("evaluate_checkworthiness", str(debates), "--checkthat", str(checkthat))

    # Check-worthy first and third: (1/1 + 2/3) / 2.
    assert capsys.readouterr().out.endswith("CheckThat MAP 0.833 over 1 debates\n")


def test_split_by_year_without_the_years_it_needs_is_refused(debates):
    with pytest.raises(CommandError, match="--split-by-year needs debates before 2008"):
        call_command("evaluate_checkworthiness", str(debates), "--split-by-year")


def test_split_by_year_fits_before_2012_and_tunes_the_threshold_on_2008(tmp_path, capsys):
    earlier = [
        (debate, text.format(n=number, name=name), verdict)
        for debate in ("2000-10-03.txt", "2004-09-30.txt", "2008-10-07.txt")
        for number, name in ((3, "Jim"), (12, "Ann"), (40, "Bob"))
        for text, verdict in EARLIER
    ]
    path = write_debates(tmp_path / "crowdsourced.csv", earlier + DEBATES)

    call_command("evaluate_checkworthiness", str(path), "--split-by-year")

    # Measured on the 8 sentences of 2012 and 2016 alone, at the threshold 2008 gave.
    assert capsys.readouterr().out == (
        "lexical: 8 sentences, 4 check-worthy, threshold 0.50 "
        "(sentence scorer, fit before 2012, measured on 2012 and 2016)\n"
        "precision 0.600\n"
        "recall    0.750\n"
        "F1        0.667\n"
        "MAP       0.917 over 2 debates\n"
    )
