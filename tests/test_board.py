"""The class board: progress by trainee and method, and the mistakes most made, from records."""

from __future__ import annotations

import csv
import io

import pytest

import ipo_core as ipo
from trainer.board import ABBREVIATIONS, MistakeCount, ProgressRow, Standing, progress, standing

STAR_35, MENU, STAR_36 = "logon-star-35", "logon-menu", "logoff-star-36"
DIAL_FIRST = "Dial *35 first, then the extension: *35*3000*"
RIGHT_TWICE = "Right was pressed twice: Hdesk is one page to the right of the first"


@pytest.fixture
def records(make_record):
    """Ana: *35 failed then passed, Menu passed; Bo: *35 failed twice; Cy: *36 passed."""
    return [
        make_record(
            "ana", 0, method=STAR_35, passed=False, mistakes=2, hints=(DIAL_FIRST,), seconds=40.0
        ),
        make_record("ana", 1, method=STAR_35, passed=True, mistakes=0, hints=(), seconds=12.25),
        make_record(
            "ana", 2, method=MENU, passed=True, mistakes=1, hints=(RIGHT_TWICE,), seconds=30.0
        ),
        make_record(
            "bo",
            0,
            method=STAR_35,
            passed=False,
            mistakes=3,
            hints=(DIAL_FIRST, RIGHT_TWICE),
            seconds=50.0,
        ),
        make_record(
            "bo", 1, method=STAR_35, passed=False, mistakes=1, hints=(DIAL_FIRST,), seconds=20.0
        ),
        make_record("cy", 0, method=STAR_36, passed=True, mistakes=0, hints=(), seconds=5.0),
    ]


def test_one_row_per_trainee_and_method_practised(records):
    board = progress(records)
    assert board.rows == (
        ProgressRow("ana", ipo.Method.LOGON_STAR_35, True, 2, 1, 2, 52.25, 12.25),
        ProgressRow("ana", ipo.Method.LOGON_MENU, True, 1, 1, 1, 30.0, 30.0),
        ProgressRow("bo", ipo.Method.LOGON_STAR_35, False, 2, 0, 4, 70.0, None),
        ProgressRow("cy", ipo.Method.LOGOFF_STAR_36, True, 1, 1, 0, 5.0, 5.0),
    )
    assert board.trainees == ("ana", "bo", "cy")
    assert board.methods == (
        ipo.Method.LOGON_STAR_35,
        ipo.Method.LOGON_MENU,
        ipo.Method.LOGOFF_STAR_36,
    )
    assert board.row("bo", ipo.Method.LOGON_MENU) is None
    assert board.row("bo", ipo.Method.LOGON_STAR_35).attempts == 2


def test_the_order_of_the_records_does_not_matter(records):
    assert progress(reversed(records)) == progress(records)


def test_common_mistakes_are_the_hints_given_most_across_the_class(records):
    board = progress(records)
    assert board.common_mistakes() == (
        MistakeCount(DIAL_FIRST, 3, ("ana", "bo"), ipo.Method.LOGON_STAR_35),
        MistakeCount(RIGHT_TWICE, 1, ("bo",), ipo.Method.LOGON_STAR_35),  # then method order
        MistakeCount(RIGHT_TWICE, 1, ("ana",), ipo.Method.LOGON_MENU),
    )
    assert board.common_mistakes(1) == board.common_mistakes()[:1]
    assert board.common_mistakes(0) == ()


def test_ties_are_broken_by_the_hint_text(make_record):
    board = progress(
        [make_record("ana", 0, hints=("b hint", "a hint")), make_record("bo", 0, hints=("c hint",))]
    )
    assert [m.hint for m in board.common_mistakes()] == ["a hint", "b hint", "c hint"]


@pytest.mark.parametrize("top", [-1, 1.5, "3", True])
def test_a_top_that_is_no_count_is_refused(records, top):
    with pytest.raises(
        ValueError, match=f"top must be a whole number of hints, 0 or more; got {top!r}"
    ):
        progress(records).common_mistakes(top)


def test_the_table_puts_trainees_down_and_methods_across(records):
    assert progress(records).table() == "\n".join(
        [
            "Trainee  On *35     On Menu    Off *36",
            "-------  ---------  ---------  ---------",
            "ana      ✓ 1/2 (2)  ✓ 1/1 (1)",
            "bo       ✗ 0/2 (4)",
            "cy                             ✓ 1/1 (0)",
            "",
            "✓ passed at least once, ✗ not yet; passes/attempts (mistakes); blank: not tried.",
        ]
    )


def test_the_table_of_a_full_class_fits_a_terminal_continuing_below(make_record):
    long_name = "trainee with a very long name"
    records = [
        make_record(f"{long_name} {t}", 10 * t + n, method=m.value, mistakes=99, passed=n % 2 == 0)
        for t in range(3)
        for n, m in enumerate(ipo.Method)
    ] + [
        make_record("x", 100 + n, method=m.value)
        for n, m in enumerate(ipo.Method)
        for _ in range(12)
    ]
    table = progress(records).table()
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "trainee … name 2" in table  # clipped to 16 characters, in the middle
    headings = [line for line in lines if line.startswith("Trainee")]
    assert len(headings) == 2  # the methods that do not fit continue in a second block
    assert all(sum(ABBREVIATIONS[m] in h for h in headings) == 1 for m in ipo.Method)
    assert "✓ 12/12 (12)" in table


def test_an_empty_class_has_an_empty_board():
    board = progress([])
    assert (board.rows, board.trainees, board.methods, board.common_mistakes()) == ((), (), (), ())
    assert board.table() == "No attempts recorded yet."


def test_the_csv_has_a_header_and_one_line_per_row(records, tmp_path):
    board = progress(records)
    expected = (
        "trainee,method,done,attempts,passes,mistakes,seconds,best_seconds\n"
        "ana,logon-star-35,yes,2,1,2,52.2,12.2\n"
        "ana,logon-menu,yes,1,1,1,30.0,30.0\n"
        "bo,logon-star-35,no,2,0,4,70.0,\n"
        "cy,logoff-star-36,yes,1,1,0,5.0,5.0\n"
    )
    text = io.StringIO()
    board.to_csv(text)
    assert text.getvalue() == expected
    board.to_csv(tmp_path / "board.csv")
    assert (tmp_path / "board.csv").read_bytes() == expected.encode("utf-8")


def test_the_csv_keeps_names_with_commas_and_accents(make_record, tmp_path):
    progress([make_record("Lima, Zoë", 0)]).to_csv(tmp_path / "board.csv")
    assert (
        (tmp_path / "board.csv")
        .read_text(encoding="utf-8")
        .splitlines()[1]
        .startswith('"Lima, Zoë",')
    )


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)"])
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(make_record, name):
    out = io.StringIO()
    progress([make_record(name, 0)]).to_csv(out)
    assert next(csv.reader(io.StringIO(out.getvalue().splitlines()[1])))[0] == "'" + name


def test_only_records_make_a_board():
    with pytest.raises(TypeError, match="progress\\(\\) takes AttemptRecords; got 'ana'"):
        progress(["ana"])


# --- one trainee's standing: what they passed, tried last, and do next -------------------

LOGON = (ipo.Method.LOGON_SHORT_CODE, ipo.Method.LOGON_STAR_35, ipo.Method.LOGON_MENU)

# fmt: off
STANDINGS = [
    # ana's attempts, oldest first (method, passed)       what she reads
    ((),                                                  "You have not done these exercises yet: start with Log on with a custom short code."),  # noqa: E501
    ((("logon-star-35", True),),                          "Last time you passed Log on with *35*Extn*Code#; next: Log on with a custom short code."),  # noqa: E501
    ((("logon-short-code", False),),                      "Last time you tried Log on with a custom short code, not passed yet: try it again."),  # noqa: E501
    ((("logon-short-code", True), ("logon-menu", False)), "Last time you tried Log on with the Menu keys; next: Log on with *35*Extn*Code#."),  # noqa: E501
    ((("logon-short-code", True), ("logon-star-35", True), ("logon-menu", False), ("logon-menu", True)),  # noqa: E501
     "Last time you passed Log on with the Menu keys. You have passed all of them: well done."),  # noqa: E501
    ((("logoff-star-36", True),),                         "You have not done these exercises yet: start with Log on with a custom short code."),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(("tried", "advice"), STANDINGS)
def test_a_trainee_s_standing_says_what_comes_next(make_record, tried, advice):
    records = [
        make_record("ana", i, method=method, passed=passed)
        for i, (method, passed) in enumerate(tried)
    ]
    assert standing(records, LOGON).advice == advice


def test_a_standing_is_a_value_with_a_stable_repr(make_record):
    mine = standing([make_record("ana", 0, method=STAR_35, passed=False)], LOGON)
    assert mine == Standing(LOGON, (), ipo.Method.LOGON_STAR_35, False)
    assert "datetime" not in repr(mine)
    with pytest.raises(ipo.IpoError, match="at least one method"):
        standing([], ())
