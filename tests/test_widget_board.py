"""widgets.ProgressBoard: the supervisor's board over a real store (SQLite in the test's folder)."""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import ipo_core as ipo
import trainer
from trainer.board import progress
from trainer.store import Store
from widgets.base import plain_text
from widgets.board import ProgressBoard

START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
MENU_ONCE = "Menu was pressed once: press Menu a second time, then Right."
DIALLED = "This exercise uses the Menu keys, not dialling: hang up, then press Menu twice."


def record(
    trainee: str,
    method: ipo.Method,
    *,
    passed: bool = True,
    mistakes: int = 0,
    hints: tuple[str, ...] = (),
    seconds: float = 30.0,
    n: int = 0,
) -> trainer.AttemptRecord:
    attempt = ipo.Attempt(
        f"{method.title}: Agent3000 at station 3000 (4612)",
        method,
        ("key MENU",),
        mistakes,
        seconds,
        passed,
        hints,
    )
    return trainer.AttemptRecord.from_attempt(
        attempt,
        trainee=trainee,
        model="4612",
        station="3000",
        started=START + timedelta(minutes=n),
        uid=f"{trainee}-{method.value}-{n}".encode().hex()[:32].ljust(32, "0"),
    )


CLASS = [
    record("Ana", ipo.Method.LOGON_MENU, n=1),
    record("Ben", ipo.Method.LOGON_MENU, passed=True, mistakes=1, hints=(MENU_ONCE,), n=2),
    record("Ben", ipo.Method.LOGOFF_MENU, passed=False, mistakes=1, hints=(DIALLED,), n=3),
    record("Chloe", ipo.Method.LOGON_MENU, mistakes=1, hints=(MENU_ONCE,), seconds=75, n=4),
    record("Ana", ipo.Method.LOGOFF_STAR_36, seconds=6, n=5),
]


@pytest.fixture(autouse=True)
def trainer_home(trainer_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its records in a folder of its own: never the developer's store."""
    monkeypatch.setenv("IPO_TRAINER_DB", str(trainer_folder / "records.sqlite"))
    monkeypatch.setenv("IPO_TRAINER_TRAINEE", "supervisor")
    return trainer_folder


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A store of the test's own, holding the class's five attempts."""
    address = str(tmp_path / "class.sqlite")
    with Store(address) as store:
        for r in CLASS:
            store.add(r)
    return address


def cells(board: ProgressBoard) -> dict[str, list[str]]:
    """The progress table as text: trainee -> the cells of their row."""
    rows = board.table.value.split("<tr>")[2:]
    out = {}
    for row in rows:
        parts = [plain_text(p) for p in row.replace("</th>", "</td>").split("</td>")[:-1]]
        out[parts[0]] = parts[1:]
    return out


def test_the_board_shows_each_trainee_and_method_from_the_store(url: str) -> None:
    board = ProgressBoard(url)
    assert repr(board) == "<ProgressBoard: 3 trainees, 5 attempts>"
    assert board.status.text == ""
    heading = plain_text(board.table.value.split("</tr>")[0])
    assert heading == "trainee" + "".join(
        m.title for m in (ipo.Method.LOGON_MENU, ipo.Method.LOGOFF_STAR_36, ipo.Method.LOGOFF_MENU)
    )
    assert cells(board) == {
        "Ana": ["\u2713 1 attempt, 0 mistakes, 30 s", "\u2713 1 attempt, 0 mistakes, 6 s", "-"],
        "Ben": [
            "\u2713 1 attempt, 1 mistake, 30 s",
            "-",
            "\u2717 not passed yet: 1 attempt, 1 mistake, 30 s",
        ],
        "Chloe": ["\u2713 1 attempt, 1 mistake, 1 min 15 s", "-", "-"],
    }
    assert "3 trainees, 5 attempts" in plain_text(board.summary.value)


def test_the_most_common_mistakes_come_first_with_the_hint_each_got(url: str) -> None:
    board = ProgressBoard(url)
    rows = [plain_text(r) for r in board.mistakes.value.split("<tr>")[2:]]
    assert rows == [
        f"2{MENU_ONCE}{ipo.Method.LOGON_MENU.title}Ben, Chloe",
        f"1{DIALLED}{ipo.Method.LOGOFF_MENU.title}Ben",
    ]


def test_the_board_draws_a_picture(url: str) -> None:
    board = ProgressBoard(url)
    assert bytes(board.plot.value).startswith(b"\x89PNG")
    assert board.plot.layout.display is None


def test_refresh_reads_the_store_again(url: str) -> None:
    board = ProgressBoard(url)
    with Store(url) as store:
        store.add(record("Dev", ipo.Method.LOGON_STAR_35, passed=False, mistakes=2, n=9))
    assert repr(board) == "<ProgressBoard: 3 trainees, 5 attempts>"  # not until Refresh
    board.refresh.click()
    assert repr(board) == "<ProgressBoard: 4 trainees, 6 attempts>"
    assert cells(board)["Dev"] == [
        "\u2717 not passed yet: 1 attempt, 2 mistakes, 30 s",
        "-",
        "-",
        "-",
    ]  # *35 first


def test_the_csv_link_holds_the_boards_rows(url: str) -> None:
    board = ProgressBoard(url)
    link = board.download.value
    assert 'download="progress.csv"' in link
    payload = link.split("base64,")[1].split('"')[0]
    text = base64.b64decode(payload).decode("utf-8")
    assert text == board.csv
    expected = io.StringIO()
    with Store(url) as store:
        progress(store.records()).to_csv(expected)
    assert text == expected.getvalue()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["trainee"], r["method"], r["done"], r["attempts"]) for r in rows] == [
        ("Ana", "logon-menu", "yes", "1"),
        ("Ana", "logoff-star-36", "yes", "1"),
        ("Ben", "logon-menu", "yes", "1"),
        ("Ben", "logoff-menu", "no", "1"),
        ("Chloe", "logon-menu", "yes", "1"),
    ]


def test_an_empty_store_is_an_empty_board_that_says_so(tmp_path: Path) -> None:
    board = ProgressBoard(str(tmp_path / "empty.sqlite"))
    assert repr(board) == "<ProgressBoard: 0 trainees, 0 attempts>"
    assert "No attempts yet" in plain_text(board.table.value)
    assert "No mistakes yet" in plain_text(board.mistakes.value)
    assert board.plot.layout.display == "none"
    assert board.csv.splitlines() == [",".join(trainer.board.CSV_HEADER)]
    assert board.status.text == ""


def test_an_open_store_can_be_given(url: str) -> None:
    with Store(url) as store:
        assert repr(ProgressBoard(store)) == "<ProgressBoard: 3 trainees, 5 attempts>"


def test_by_default_the_board_reads_the_store_named_by_ipo_trainer_db(trainer_home: Path) -> None:
    trainer_home.mkdir()
    with Store(str(trainer_home / "records.sqlite")) as store:
        store.add(CLASS[0])
    assert repr(ProgressBoard()) == "<ProgressBoard: 1 trainee, 1 attempt>"


def test_a_store_that_cannot_be_reached_is_a_sentence_and_the_last_board_stays(
    url: str, tmp_path: Path
) -> None:
    board = ProgressBoard(url)
    board.source = str(tmp_path / "gone" / "class.sqlite")  # its folder is not there (yet)
    board.refresh.click()
    said = board.status.text
    assert said.startswith("The training records at ")
    assert "cannot be read just now" in said
    assert said.endswith("Press Refresh to try again.")
    assert "Traceback" not in said
    assert "kept on this computer" not in said  # that is the exercise's sentence, not the board's
    assert repr(board) == "<ProgressBoard: 3 trainees, 5 attempts>"
    assert "Ana" in cells(board)
    board.source = url
    board.refresh.click()
    assert board.status.text == ""


def test_a_board_that_never_reached_its_store_says_so() -> None:
    board = ProgressBoard("/nonexistent/folder/class.sqlite")
    assert repr(board) == "<ProgressBoard: no records read>"
    assert "cannot be read just now" in board.status.text
    assert "No training records read yet." in plain_text(board.summary.value)
    assert board.download.value == ""


def test_a_store_that_is_not_one_is_an_ipo_error_in_the_status_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database", encoding="utf-8")
    board = ProgressBoard(str(path))
    assert repr(board) == "<ProgressBoard: no records read>"
    assert board.status.text
    assert "Traceback" not in board.status.text
    assert "No training records read yet." in plain_text(board.summary.value)


def test_an_address_that_is_not_a_store_is_an_ipo_error_in_the_status_line() -> None:
    board = ProgressBoard("mysql://nobody@nowhere/records")
    assert "neither a file path nor a postgresql:// URL" in board.status.text
    assert repr(board) == "<ProgressBoard: no records read>"


def test_reading_the_board_writes_nothing_to_stderr(
    url: str, capsys: pytest.CaptureFixture[str], recwarn: pytest.WarningsRecorder
) -> None:
    board = ProgressBoard(url)
    board.refresh.click()
    assert capsys.readouterr().err == ""
    assert len(recwarn) == 0
