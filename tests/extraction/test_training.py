import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.extraction.training import (
    Evaluation,
    LabelledFileError,
    LabelledText,
    end_to_end_score,
    evaluate,
    evaluate_scores,
    read_labelled,
    train,
    tune_threshold,
)

FIXTURES = Path(__file__).parent / "fixtures"
CLAIMBUSTER_SAMPLE = FIXTURES / "claimbuster_sample.csv"
TSV_SAMPLE = FIXTURES / "labelled.tsv"
HEADER = (
    "Sentence_id,Text,Speaker,Speaker_title,Speaker_party,File_id,Length,Line_number,"
    "Sentiment,Verdict\n"
)

CHECKWORTHY = [
    "Unemployment fell to {n} percent under this administration.",
    "We spent {n} billion dollars on defence last year.",
    "Crime went up {n} percent in the cities since {y}.",
    "The deficit is {n} trillion dollars, the highest ever.",
    "There are {n} million people without health insurance.",
]
NOT_CHECKWORTHY = [
    "I think we need to do better, {name}.",
    "Thank you, {name}, for that question.",
    "I believe in this country and its people.",
    "What would you do about it, {name}?",
    "Let me say this: we can do better.",
]


def made_up_debates():
    examples = []
    for year in (2000, 2004, 2012, 2016):
        for number, name in ((3, "Jim"), (15, "Bob"), (42, "Ann")):
            for template in CHECKWORTHY:
                text = template.format(n=number, y=year - 4)
                examples.append(LabelledText(text, True, f"{year}-10-0{number % 9}.txt"))
            for template in NOT_CHECKWORTHY:
                examples.append(
                    LabelledText(template.format(name=name), False, f"{year}-10-01.txt")
                )
    return examples


def test_claimbuster_csv_reads_text_verdict_and_debate():
    examples = read_labelled(CLAIMBUSTER_SAMPLE)

    assert [example.checkworthy for example in examples] == [True, False, False, True, False]
    assert examples[0].text == "We have cut taxes 21 times, for families and small businesses."
    assert examples[0].year == 2000
    assert examples[3].year == 2012


def test_tsv_reads_text_and_label_skipping_the_header():
    examples = read_labelled(TSV_SAMPLE)

    assert [(example.text, example.checkworthy) for example in examples] == [
        ("Unemployment fell to 4 percent last year.", True),
        ("I think that's wrong.", False),
        ("The plan costs 600 billion dollars over ten years.", True),
        ("What do you make of that?", False),
    ]


def test_format_is_told_by_the_header_when_the_extension_says_nothing(tmp_path):
    csv_file = tmp_path / "labels.txt"
    csv_file.write_text(HEADER + '1,"Taxes rose 5 percent.",A,B,C,2012-01-01.txt,4,1,0,1\n')
    tsv_file = tmp_path / "other.txt"
    tsv_file.write_text("Taxes rose 5 percent.\t1\n")

    assert read_labelled(csv_file) == [
        LabelledText("Taxes rose 5 percent.", True, "2012-01-01.txt", 2)
    ]
    assert read_labelled(tsv_file) == [LabelledText("Taxes rose 5 percent.", True, "", 1)]


def test_claimbuster_csv_with_a_bad_verdict_names_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + '1,"Fine.",A,B,C,2012-01-01.txt,1,1,0,1\n'
        + '2,"Not fine.",A,B,C,2012-01-01.txt,2,2,0,yes\n'
    )

    with pytest.raises(LabelledFileError, match=r"bad\.csv, line 3"):
        read_labelled(path)


def test_claimbuster_csv_without_a_verdict_column_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Text,Label\nHello,1\n")

    with pytest.raises(LabelledFileError, match=r"line 1.*Verdict"):
        read_labelled(path)


def test_tsv_without_a_tab_or_with_a_bad_label_names_the_line(tmp_path):
    no_tab = tmp_path / "no_tab.tsv"
    no_tab.write_text("Fine.\t1\nno tab here\n")
    bad_label = tmp_path / "bad_label.tsv"
    bad_label.write_text("Fine.\t1\n\nNot fine.\t-1\n")

    with pytest.raises(LabelledFileError, match=r"no_tab\.tsv, line 2"):
        read_labelled(no_tab)
    with pytest.raises(LabelledFileError, match=r"bad_label\.tsv, line 3"):
        read_labelled(bad_label)


def test_evaluation_counts_precision_recall_and_f1_of_the_checkworthy_class():
    scored = [(0.9, True), (0.8, False), (0.6, True), (0.2, True), (0.1, False)]

    result = evaluate_scores(scored, threshold=0.5)

    assert result == Evaluation(0.5, 5, true_positives=2, false_positives=1, false_negatives=1)
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(2 / 3)
    assert result.f1 == pytest.approx(2 / 3)


def test_a_score_equal_to_the_threshold_counts_as_checkworthy():
    assert evaluate_scores([(0.5, True)], threshold=0.5).true_positives == 1


def test_evaluation_with_no_predictions_has_zero_precision_and_f1():
    result = evaluate_scores([(0.1, True), (0.2, False)], threshold=0.5)

    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)


def test_evaluate_scores_each_text_with_the_given_scorer():
    examples = [LabelledText("yes", True), LabelledText("no", False)]

    result = evaluate(examples, threshold=0.5, scorer=lambda text: 1.0 if text == "yes" else 0.0)

    assert result.f1 == 1.0


def test_threshold_tuning_picks_the_best_f1():
    scored = [(0.9, True), (0.7, True), (0.65, False), (0.3, False), (0.2, False)]

    best = tune_threshold(scored)

    assert best.f1 == 1.0
    assert 0.65 < best.threshold <= 0.7


def test_training_twice_on_the_same_data_gives_the_same_weights_file():
    pytest.importorskip("sklearn")
    examples = made_up_debates()

    first = train(examples).as_json()
    second = train(examples).as_json()

    assert first == second
    document = json.loads(first)
    assert document["metadata"]["dev_f1"] == 1.0
    assert document["weights"]["h:number"] > 0


def test_train_command_writes_weights_that_the_evaluate_command_reads(tmp_path, capsys):
    pytest.importorskip("sklearn")
    data = tmp_path / "crowd.csv"
    rows = [
        f'{i},"{example.text}",A,B,C,{example.debate},1,{i},0,{1 if example.checkworthy else -1}'
        for i, example in enumerate(made_up_debates())
    ]
    data.write_text(HEADER + "\n".join(rows) + "\n")
    out = tmp_path / "weights.json"

    call_command("train_checkworthiness", str(data), "--out", str(out))

    assert "F1 1.000" in capsys.readouterr().out
    assert json.loads(out.read_text())["weights"]


def test_evaluate_command_reports_precision_recall_and_f1(capsys):
    call_command("evaluate_checkworthiness", str(TSV_SAMPLE), "--threshold", "0.5")

    output = capsys.readouterr().out
    assert "4 sentences, 2 check-worthy" in output
    assert "precision" in output and "recall" in output and "F1" in output


def test_end_to_end_a_sentence_scores_as_its_best_claim_and_zero_without_one():
    assert end_to_end_score("The plan costs 600 billion dollars over ten years.") > 0.5
    assert end_to_end_score("What do you make of that?") == 0.0


def test_evaluate_command_can_score_sentences_end_to_end(capsys):
    call_command("evaluate_checkworthiness", str(TSV_SAMPLE), "--end-to-end")

    output = capsys.readouterr().out
    assert "(end to end)" in output
    assert "F1        1.000" in output


def test_evaluate_command_reports_a_malformed_file_by_line(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text("Fine.\t1\nBroken line\n")

    with pytest.raises(CommandError, match=r"broken\.tsv, line 2"):
        call_command("evaluate_checkworthiness", str(path))


def test_evaluate_command_refuses_a_threshold_outside_zero_to_one():
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("evaluate_checkworthiness", str(TSV_SAMPLE), "--threshold", "2")
