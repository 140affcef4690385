"""The ``ipo-trainer`` command: audit, progress, reset, lite, its errors, the servers' command lines.

Every test runs ``trainer.cli.main`` in this process with a trainer's folder of its own
(``IPO_TRAINER_HOME``); the servers are only built as command lines here (they are started
for real in ``test_launchers.py``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nbformat
import pytest

import ipo_core as ipo
from trainer import cli, launch, links, lite, workspace
from trainer.errors import TrainerError, WorkspaceError
from trainer.records import AttemptRecord
from trainer.store import Store

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["lab", "app", "lite", "audit", "progress", "reset", "card"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("IPO_TRAINER_HOME", str(folder))
    monkeypatch.delenv("IPO_TRAINER_TOKEN", raising=False)
    return folder


@pytest.fixture(autouse=True)
def no_server(monkeypatch) -> None:
    """A server ``main`` would start fails the test, instead of replacing pytest (``execv``)."""

    def started(cmd: list[str], lines: list[str], env: object = None) -> None:
        raise AssertionError(f"a server was started: {cmd}")

    monkeypatch.setattr(launch, "run", started)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``ipo-trainer ARGV``: its exit status, standard output and standard error."""
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_error_line(err: str) -> str:
    """The error, checked to be exactly one line in the command's form."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ipo-trainer: error: ")
    return lines[0]


# --- help and bad arguments -----------------------------------------------------------------


#: What each command's --help must explain.
OPTIONS = {
    "": COMMANDS,
    "lab": ["--ip ADDRESS", "--port PORT", "--no-browser"],
    "app": ["--ip ADDRESS", "--port PORT", "--no-browser", "--all", "--cull-idle SECONDS"],
    "audit": ["SITE"],
    "lite": ["--output DIR"],
    "progress": ["--import FILE [FILE ...]", "--db URL", "--csv FILE"],
    "reset": ["LESSON", "--all"],
    "card": ["SITE", "--agent NAME", "--with-code", "--out FOLDER"],
}


@pytest.mark.parametrize("command", OPTIONS)
def test_help_exits_0_and_gives_each_option_a_sentence(capsys, command):
    status, out, err = run(capsys, *command.split(), "--help")
    assert (status, err) == (0, "")
    assert out.startswith(f"usage: ipo-trainer {command}".rstrip())
    for name in OPTIONS[command]:  # each option (or command), then its sentence
        assert re.search(rf"^ +{re.escape(name)}\s+[A-Z]\w* ", out, re.M), (name, out)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["serve"], "invalid choice: 'serve'"),
        (["lab", "--port", "http"], "argument --port: 'http' is not a port: give 1 to 65535"),
        (["lab", "--port", "70000"], "'70000' is not a port"),
        (["app", "--ip", "everywhere"], "'everywhere' is not an IP address"),
        (["app", "--cull-idle", "-5"], "'-5' is not a number of seconds"),
        (["audit"], "the following arguments are required: SITE"),
        (["audit", "a.toml", "b.toml"], "unrecognized arguments: b.toml"),
        (["progress", "--db"], "argument --db: expected one argument"),
        (["progress", "--import"], "argument --import: expected at least one argument"),
        (["lite", "--output"], "argument --output: expected one argument"),
        (["lite", "build"], "unrecognized arguments: build"),
        (["reset", "02", "03"], "unrecognized arguments: 03"),
        (["lab", "--notebook-dir=/"], "unrecognized arguments: --notebook-dir=/"),
    ],
)
def test_a_bad_argument_is_one_line_saying_where_the_help_is_and_exit_2(capsys, argv, says):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    line = one_error_line(err)
    assert says in line
    command = f"ipo-trainer {argv[0]}" if argv and argv[0] in COMMANDS else "ipo-trainer"
    assert line.endswith(f"(see `{command} --help`).")


def test_the_console_script_runs_main_and_exits_with_its_status():
    script = Path(sys.executable).parent / "ipo-trainer"
    done = subprocess.run([script, "audit", "nowhere"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("ipo-trainer: error: There is no site file 'nowhere'")
    done = subprocess.run(
        [sys.executable, "-m", "trainer.cli", "reset", "--help"], capture_output=True
    )
    assert done.returncode == 0


# --- audit ----------------------------------------------------------------------------------


def test_audit_of_the_tech_tip_s_site_has_a_security_finding_and_advice_and_exits_1(capsys):
    status, out, err = run(capsys, "audit", "tech_tip_014")
    assert (status, err) == (1, "")
    assert out.splitlines()[0] == (
        f"{ipo.site_path('tech_tip_014')}: 2 findings (1 security, 1 advice)."
    )
    assert out.splitlines()[2].split() == ["kind", "subject", "what", "to", "change"]
    assert "security  System short code #3000  System short code #3000 holds" in out
    # CCC's installation advice: the shared desk's default user, Desk3002, is not Force Login.
    assert "advice    User Desk3002 (3002)     Station 3002's default user" in out
    assert "1234" not in out  # the finding masks the login code it warns about


def test_audit_of_the_workshop_floor_lists_every_finding_wrapped_for_a_terminal(
    capsys, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run(capsys, "audit", "workshop_floor")
    assert status == 1
    findings = ipo.audit(ipo.load_site("workshop_floor"))
    assert out.splitlines()[0].endswith(
        f"{len(findings)} findings ({sum(f.kind.value == 'readiness' for f in findings)} "
        f"readiness, {sum(f.kind.value == 'security' for f in findings)} security)."
    )
    assert max(len(line) for line in out.splitlines()[1:]) <= 80
    text = " ".join(out.split())
    for finding in findings:
        assert finding.subject in text
        assert f"{finding.problem} {finding.fix}" in text  # whole, only wrapped


def test_audit_of_a_site_file_by_path_with_no_findings_exits_0(capsys, tmp_path, by_hand):
    site = tmp_path / "ready.toml"
    ready = by_hand()
    ready.user("3002").force_login = True  # CCC's advice for the shared desk's default user
    ready.user("3002").login_code = "2580"
    ready.save(site)
    status, out, _ = run(capsys, "audit", str(site))
    assert status == 0
    assert out == f"{site}: no findings; the site is ready for CCC reporting.\n"


def test_audit_lists_manager_s_refusals_too(capsys, tmp_path, by_hand):
    site = tmp_path / "refused.toml"
    by_hand().save(site)  # then Desk3002 is given Force Login, and still no login code
    text = site.read_text(encoding="utf-8").replace("force_login = false", "force_login = true")
    site.write_text(text, encoding="utf-8")
    status, out, _ = run(capsys, "audit", str(site))
    assert status == 1
    assert out.splitlines()[0] == f"{site}: 1 finding (1 refused)."
    assert "refused  User Desk3002 (3002)  User Desk3002 (3002) has Force Login ticked" in out


def test_audit_of_a_file_that_cannot_be_read_exits_2_with_every_reason(capsys, tmp_path):
    site = tmp_path / "broken.toml"
    site.write_text('[[user]]\nname = "Ana"\nextension = 3000\nbogus = 1\n', encoding="utf-8")
    status, out, err = run(capsys, "audit", str(site))
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"ipo-trainer: error: Cannot load site file '{site}':"
    assert len(lines) >= 3  # each problem on a line of its own
    assert all(line.startswith("  - ") for line in lines[1:])


def test_audit_of_a_missing_file_or_an_unknown_site_exits_2(capsys, tmp_path):
    status, _, err = run(capsys, "audit", str(tmp_path / "gone.toml"))
    assert status == 2
    assert "cannot read it: No such file or directory" in err
    status, _, err = run(capsys, "audit", "tech_tip_15")
    assert status == 2
    assert "shipped: tech_tip_014, training_room, workshop_floor" in one_error_line(err)


# --- progress -------------------------------------------------------------------------------


def record(trainee: str, method: ipo.Method, passed: bool, mistakes: int, n: int) -> AttemptRecord:
    start = datetime(2026, 12, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=n)
    return AttemptRecord(
        uid=f"{n:032x}",
        trainee=trainee,
        exercise=method.title,
        method=method.value,
        model="4612",
        station="3000",
        steps=("key *",),
        mistakes=mistakes,
        hints=("Dial *35 first",) * bool(mistakes),
        seconds=12.0,
        passed=passed,
        started=start,
        ended=start + timedelta(seconds=12),
    )


@pytest.fixture
def filled(tmp_path) -> Path:
    path = tmp_path / "class.sqlite"
    with Store(str(path)) as store:
        store.add(record("ana", ipo.Method.LOGON_STAR_35, False, 2, 1))
        store.add(record("ana", ipo.Method.LOGON_STAR_35, True, 0, 2))
        store.add(record("bo", ipo.Method.LOGOFF_STAR_36, True, 1, 3))
    return path


def test_progress_shows_the_board_as_a_table(capsys, filled):
    status, out, err = run(capsys, "progress", "--db", str(filled))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Trainee", "On", "*35", "Off", "*36"]
    assert lines[2].split() == ["ana", "✓", "1/2", "(2)"]
    assert lines[3].split() == ["bo", "✓", "1/1", "(1)"]
    assert out.endswith(
        "The hints given most (the mistakes to coach):\n"
        "  1 x Dial *35 first (Log on with *35*Extn*Code#)\n"
        "  1 x Dial *35 first (Log off with *36)\n"
    )


def test_progress_writes_the_board_as_csv(capsys, filled, tmp_path):
    target = tmp_path / "board.csv"
    status, out, _ = run(capsys, "progress", "--db", str(filled), "--csv", str(target))
    assert status == 0
    assert out == f"Wrote the board of 3 attempts (2 rows) to {target}.\n"
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["trainee"], r["method"], r["attempts"], r["passes"]) for r in rows] == [
        ("ana", "logon-star-35", "2", "1"),
        ("bo", "logoff-star-36", "1", "1"),
    ]
    status, out, _ = run(capsys, "progress", "--db", str(filled), "--csv", "-")
    assert status == 0
    assert list(csv.DictReader(io.StringIO(out))) == rows


def test_progress_reads_ipo_trainer_db_when_no_db_is_given(capsys, filled, monkeypatch):
    monkeypatch.setenv("IPO_TRAINER_DB", str(filled))
    status, out, _ = run(capsys, "progress")
    assert status == 0
    assert "ana" in out


def test_progress_of_a_store_that_is_not_there_is_one_line_and_exit_2(capsys, tmp_path):
    status, _, err = run(capsys, "progress", "--db", str(tmp_path / "typo.sqlite"))
    assert status == 2
    assert "There are no training records at" in one_error_line(err)
    assert not (tmp_path / "typo.sqlite").exists()


def test_progress_before_any_exercise_here_says_so_and_makes_no_store(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("IPO_TRAINER_DB", str(tmp_path / "records.sqlite"))
    status, out, _ = run(capsys, "progress")
    assert status == 0
    assert "No training records yet" in out
    assert not (tmp_path / "records.sqlite").exists()


def test_progress_of_an_unreachable_store_masks_the_password(capsys):
    url = "postgresql://coach:s3cret@127.0.0.1:1/training"
    status, _, err = run(capsys, "progress", "--db", url)
    assert status == 2
    line = one_error_line(err)
    assert "coach:***@127.0.0.1:1/training" in line
    assert "s3cret" not in line


def test_progress_of_a_bad_address_is_one_line_and_exit_2(capsys):
    status, _, err = run(capsys, "progress", "--db", "mysql://x/y")
    assert status == 2
    assert "neither a file path nor a postgresql:// URL" in one_error_line(err)


# --- progress --import: the attempts downloaded from the browser-only site -----------------


def downloaded(path: Path, *records: AttemptRecord, blank: bool = False) -> Path:
    """``path`` written as a lesson's download button saves it: one record a line."""
    lines = [r.to_json() for r in records]
    if blank:
        lines.insert(1, "")
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def stored(db: Path) -> list[str]:
    with Store(str(db)) as store:
        return [r.uid for r in store.records()]


def test_import_adds_the_attempts_then_shows_the_board(capsys, tmp_path, make_record):
    attempts = [make_record("ana", 0), make_record("ana", 1, passed=False), make_record("bo", 2)]
    file = downloaded(tmp_path / "ipo-training-records.jsonl", *attempts)
    db = tmp_path / "class.sqlite"
    status, out, err = run(capsys, "progress", "--import", str(file), "--db", str(db))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Imported 3 attempts from 1 file."
    assert lines[1].split() == ["Trainee", "On", "*35"]
    assert lines[3].split() == ["ana", "✓", "1/2", "(2)"]
    assert lines[4].split() == ["bo", "✓", "1/1", "(1)"]
    assert stored(db) == [r.uid for r in attempts]  # the store made: that is what --import is for


def test_importing_a_file_twice_adds_its_attempts_once(capsys, tmp_path, make_record):
    file = downloaded(tmp_path / "ana.jsonl", make_record("ana", 0), make_record("ana", 1))
    db = tmp_path / "class.sqlite"
    assert run(capsys, "progress", "--import", str(file), "--db", str(db))[0] == 0
    downloaded(file, make_record("ana", 0), make_record("ana", 1), make_record("ana", 2))
    status, out, _ = run(capsys, "progress", "--import", str(file), "--db", str(db))
    assert status == 0
    assert out.splitlines()[0] == (
        "Imported 1 attempt from 1 file (2 were already in the training records)."
    )
    assert len(stored(db)) == 3


def test_several_files_are_imported_together_and_blank_lines_skipped(capsys, tmp_path, make_record):
    ana = downloaded(
        tmp_path / "ana.jsonl", make_record("ana", 0), make_record("ana", 1), blank=True
    )
    bo = downloaded(tmp_path / "bo.jsonl", make_record("bo", 0), make_record("ana", 1))
    db = tmp_path / "class.sqlite"
    with Store(str(db)) as store:
        store.add(make_record("ana", 0))
    status, out, _ = run(capsys, "progress", "--import", str(ana), str(bo), "--db", str(db))
    assert status == 0
    assert out.splitlines()[0] == (
        "Imported 2 attempts from 2 files (1 was already in the training records)."
    )
    assert sorted(stored(db)) == sorted(
        r.uid for r in (make_record("ana", 0), make_record("ana", 1), make_record("bo", 0))
    )
    assert {line.split()[0] for line in out.splitlines()[3:5]} == {"ana", "bo"}


def test_a_file_saved_with_windows_line_ends_or_odd_characters_imports_whole(
    capsys, tmp_path, make_record
):
    odd = make_record("ana", 0, exercise="Log on\u2028at 3000\x85")  # splitlines() would split
    file = tmp_path / "ana.jsonl"
    file.write_bytes(f"{odd.to_json()}\r\n{make_record('ana', 1).to_json()}\r\n".encode())
    db = tmp_path / "class.sqlite"
    assert run(capsys, "progress", "--import", str(file), "--db", str(db))[0] == 0
    with Store(str(db)) as store:
        assert store.records()[0] == odd


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("{not json", "not JSON: Expecting property name"),
        ('{"uid": "x"}', "it has no 'started'"),
        ("[1, 2]", "is not an attempt record"),
    ],
)
def test_a_bad_line_stops_the_import_with_nothing_written(capsys, tmp_path, make_record, bad, says):
    good = downloaded(tmp_path / "ana.jsonl", make_record("ana", 0))
    file = downloaded(tmp_path / "bo.jsonl", make_record("bo", 0), make_record("bo", 1))
    file.write_text(file.read_text(encoding="utf-8") + f"{bad}\n", encoding="utf-8")
    db = tmp_path / "class.sqlite"
    status, out, err = run(capsys, "progress", "--import", str(good), str(file), "--db", str(db))
    assert (status, out) == (2, "")
    line = one_error_line(err)
    assert f"{str(file)!r}, line 3, is not an attempt record" in line
    assert says in line
    assert "nothing was imported" in line
    assert not db.exists()  # every line is read before the store is opened


def test_a_record_the_store_refuses_stops_the_import_with_nothing_written(
    capsys, tmp_path, make_record
):
    refused = make_record("bo", 1, model=None)  # valid JSON, refused by the database
    file = downloaded(tmp_path / "bo.jsonl", make_record("bo", 0), refused)
    db = tmp_path / "class.sqlite"
    status, _, err = run(capsys, "progress", "--import", str(file), "--db", str(db))
    assert status == 2
    line = one_error_line(err)
    assert f"refused attempt {refused.uid!r} of 'bo'" in line
    assert "run the import again" in line
    assert stored(db) == []


def test_a_file_that_cannot_be_read_stops_the_import(capsys, tmp_path):
    status, _, err = run(capsys, "progress", "--import", str(tmp_path / "gone.jsonl"))
    assert status == 2
    assert "'gone.jsonl' cannot be read (No such file or directory)" in one_error_line(err).replace(
        str(tmp_path) + "/", ""
    )
    binary = tmp_path / "photo.jsonl"
    binary.write_bytes(b"\xff\xd8\xff\xe0")
    status, _, err = run(capsys, "progress", "--import", str(binary))
    assert status == 2
    assert "is not text" in one_error_line(err)


def test_an_unreachable_store_imports_nothing_and_says_to_run_it_again(
    capsys, tmp_path, make_record
):
    file = downloaded(tmp_path / "ana.jsonl", make_record("ana", 0))
    db = tmp_path / "not-mounted" / "class.sqlite"
    status, _, err = run(capsys, "progress", "--import", str(file), "--db", str(db))
    assert status == 2
    line = one_error_line(err)
    assert "cannot be written (unable to open database file): nothing was imported" in line
    assert "run the import again (an attempt already there is not added twice)" in line


def test_import_into_the_default_store_and_the_board_as_csv(
    capsys, tmp_path, trainer_folder, make_record
):
    file = downloaded(tmp_path / "ana.jsonl", make_record("ana", 0))
    target = tmp_path / "board.csv"
    status, out, _ = run(capsys, "progress", "--import", str(file), "--csv", str(target))
    assert status == 0
    assert out == (
        f"Imported 1 attempt from 1 file.\nWrote the board of 1 attempts (1 rows) to {target}.\n"
    )
    assert stored(trainer_folder / "records.sqlite") == [make_record("ana", 0).uid]
    assert "ana" in target.read_text(encoding="utf-8")


# --- lite: what it needs, and what it says when something is missing ------------------------


def test_lite_builds_into_the_folder_given_and_says_how_to_serve_it(capsys, tmp_path, monkeypatch):
    def build(output):
        output.mkdir()
        (output / "index.html").write_text("x" * 2_000_000, encoding="utf-8")
        return output

    monkeypatch.setattr(lite, "build", build)
    status, out, _ = run(capsys, "lite", "--output", str(tmp_path / "site"))
    assert status == 0
    assert out.splitlines()[:2] == [
        f"The site is in {tmp_path / 'site'} (2 MB). Serve it with any web server, such as:",
        f"    python -m http.server -d {tmp_path / 'site'}",
    ]


@pytest.mark.parametrize(
    ("missing", "says"),
    [
        ("source", "The JupyterLite site is built from the kit's source folder"),
        ("source", "needs its lite/ folder and the source the kit's wheel is built from"),
        ("extra", "JupyterLite and its Pyodide kernel (jupyterlite_pyodide_kernel) are not"),
        ("extra", "install the kit's lite extra (`pip install -e '.[lite]'`, as `make lite` does)"),
        ("pyodide", "The Pyodide runtime is not in"),
        ("pyodide", "run `npm ci --prefix lite`"),
    ],
)
def test_lite_says_what_is_missing_and_how_to_get_it(capsys, tmp_path, monkeypatch, missing, says):
    if missing == "source":  # a kit installed from a wheel: site-packages has no lite/
        monkeypatch.setattr(lite, "ROOT", tmp_path / "site-packages")
        monkeypatch.setattr(lite, "LITE", tmp_path / "site-packages" / "lite")
    if missing == "extra":
        monkeypatch.setattr(lite, "find_spec", lambda name: None)
    if missing == "pyodide":  # the extra is there (as `make test` installs it), the runtime not
        monkeypatch.setattr(lite, "find_spec", lambda name: object())
        monkeypatch.setattr(lite, "NPM_PYODIDE", tmp_path / "node_modules" / "pyodide")
    status, out, err = run(capsys, "lite", "--output", str(tmp_path / "site"))
    assert (status, out) == (2, "")
    assert says in one_error_line(err)
    assert not (tmp_path / "site").exists()


def test_lite_never_empties_a_folder_that_holds_anything_but_a_site(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(lite, "check_ready", lambda: None)
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    status, _, err = run(capsys, "lite", "--output", str(tmp_path))
    assert status == 2
    assert "holds files that are not a JupyterLite site" in one_error_line(err)
    status, _, err = run(capsys, "lite", "--output", str(tmp_path / "notes.txt"))
    assert "is a file: give a folder" in one_error_line(err)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    status, _, err = run(capsys, "lite", "--output", str(ROOT / "lite"))  # the site's settings
    assert "holds files that are not a JupyterLite site" in one_error_line(err)
    assert (ROOT / "lite" / "jupyter-lite.json").is_file()


def test_lite_runs_as_python_m_trainer_cli():
    done = subprocess.run(
        [sys.executable, "-m", "trainer.cli", "lite", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: ipo-trainer lite [-h] [--output DIR]")


# --- reset and the working copy -------------------------------------------------------------


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.ipynb")}


def test_the_working_copy_holds_every_lesson_and_never_overwrites_an_edited_one(home):
    kit = digests(ROOT / "notebooks")
    folder = workspace.ensure_lessons()
    assert folder == home / "lessons"
    assert digests(folder) == kit
    edited = folder / "02_logon_three_ways.ipynb"
    edited.write_text("{}", encoding="utf-8")
    (folder / "03_logoff_three_ways.ipynb").unlink()
    workspace.ensure_lessons()
    assert edited.read_text(encoding="utf-8") == "{}"
    assert (folder / "03_logoff_three_ways.ipynb").exists()  # put back, as a new lesson is
    assert digests(ROOT / "notebooks") == kit


def test_an_untouched_lesson_follows_the_kit_but_an_edited_one_stays(home, tmp_path, monkeypatch):
    kit = tmp_path / "kit"
    kit.mkdir()
    for name in ("00_start_here", "02_logon_three_ways"):
        (kit / f"{name}.ipynb").write_text("version 1", encoding="utf-8")
    monkeypatch.setattr(workspace, "KIT_LESSONS", kit)
    monkeypatch.setattr(workspace, "LESSONS", ("00_start_here", "02_logon_three_ways"))
    folder = workspace.ensure_lessons()
    (folder / "02_logon_three_ways.ipynb").write_text("mine", encoding="utf-8")
    for lesson in kit.iterdir():
        lesson.write_text("version 2", encoding="utf-8")
    workspace.ensure_lessons()
    assert (folder / "00_start_here.ipynb").read_text(encoding="utf-8") == "version 2"
    assert (folder / "02_logon_three_ways.ipynb").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("name", ["02", "02_logon_three_ways", "02_logon_three_ways.ipynb"])
def test_reset_puts_back_a_fresh_copy_of_the_lesson_named_keeping_the_edited_one(
    capsys, home, name
):
    folder = workspace.ensure_lessons()
    lesson = folder / "02_logon_three_ways.ipynb"
    lesson.write_text("{}", encoding="utf-8")
    other = folder / "03_logoff_three_ways.ipynb"
    other.write_text("{}", encoding="utf-8")
    status, out, _ = run(capsys, "reset", name)
    assert (status, out) == (0, f"Fresh copy: {lesson}\n")
    assert lesson.read_bytes() == (ROOT / "notebooks" / lesson.name).read_bytes()
    assert other.read_text(encoding="utf-8") == "{}"
    [kept] = (folder / ".backup").glob("02_logon_three_ways-*.ipynb")
    assert kept.read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("argv", [["reset"], ["reset", "--all"]])
def test_reset_with_no_lesson_puts_back_every_lesson_and_keeps_only_the_edited_ones(
    capsys, home, argv
):
    folder = workspace.ensure_lessons()
    edited = sorted(folder.glob("*.ipynb"))[:2]
    for lesson in edited:
        lesson.write_text("{}", encoding="utf-8")
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert len(out.splitlines()) == len(workspace.LESSONS)
    assert digests(folder) == digests(ROOT / "notebooks")
    kept = sorted(p.name.rsplit("-", 1)[0] for p in (folder / ".backup").iterdir())
    assert kept == [p.stem for p in edited]


def test_a_fresh_copy_of_an_unedited_lesson_keeps_no_backup(capsys, home):
    folder = workspace.ensure_lessons()
    assert run(capsys, "reset", "02")[0] == 0
    assert not (folder / ".backup").exists()


@pytest.mark.parametrize(("argv", "says"), [
    (["reset", "9"], "There is no lesson '9'. The lessons: 00_start_here, 01_make_logon_agents"),
    (["reset", "02", "--all"], "Name one lesson (such as 02) or give --all, not both"),
])  # fmt: skip
def test_reset_of_an_unknown_lesson_or_of_both_is_one_line_and_exit_2(capsys, argv, says):
    status, _, err = run(capsys, *argv)
    assert status == 2
    assert says in one_error_line(err)


def test_an_install_without_the_kit_s_lessons_says_how_to_get_them(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(workspace, "KIT_LESSONS", tmp_path / "site-packages" / "notebooks")
    with pytest.raises(WorkspaceError, match=r"install the kit from it \(`pip install -e \.`"):
        workspace.ensure_lessons()
    status, _, err = run(capsys, "reset", "02")
    assert status == 2
    assert "is not at" in one_error_line(err)


def test_a_missing_server_says_what_to_install(capsys, monkeypatch):
    monkeypatch.setattr(launch, "find_spec", lambda name: None)
    status, _, err = run(capsys, "app")
    assert status == 2
    assert "Voila is not installed here: install the kit's lab extra" in one_error_line(err)


def test_the_lesson_names_are_the_kit_s_and_the_agents_are_among_them():
    assert workspace.LESSONS == tuple(sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")))
    assert set(workspace.AGENT_LESSONS) <= set(workspace.LESSONS)


def test_the_pages_hold_only_the_lessons_chosen(home):
    folder = workspace.pages()
    assert sorted(p.stem for p in folder.glob("*.ipynb")) == list(workspace.AGENT_LESSONS)
    workspace.pages(workspace.LESSONS)
    workspace.pages(["02"])
    assert [p.stem for p in folder.glob("*.ipynb")] == ["02_logon_three_ways"]


def test_the_pages_link_only_to_pages_served_and_name_the_others_in_words(home):
    folder = workspace.pages()
    for path in folder.glob("*.ipynb"):
        page = json.loads(path.read_text(encoding="utf-8"))
        nbformat.validate(nbformat.from_dict(page))
        assert set(links.lessons_linked(page)) <= set(workspace.AGENT_LESSONS), path.name
    lesson_2 = (folder / "02_logon_three_ways.ipynb").read_text(encoding="utf-8")
    assert "Lesson 1, make logon agents (supervisors, in JupyterLab)" in lesson_2
    # With every lesson served, every link is kept.
    workspace.pages(workspace.LESSONS)
    kit = json.loads((ROOT / "notebooks" / "02_logon_three_ways.ipynb").read_text("utf-8"))
    page = json.loads((folder / "02_logon_three_ways.ipynb").read_text(encoding="utf-8"))
    assert links.lessons_linked(page) == links.lessons_linked(kit)


# --- the servers' command lines -------------------------------------------------------------


def option(cmd: list[str], name: str) -> str | None:
    """The value of ``--name=value`` in ``cmd``; None when it is not there."""
    values = [a.split("=", 1)[1] for a in cmd if a.startswith(f"{name}=")]
    assert len(values) <= 1, cmd
    return values[0] if values else None


@pytest.fixture
def not_root(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)


@pytest.mark.usefixtures("not_root")
def test_lab_listens_on_loopback_with_a_new_token_on_the_trainee_s_copy(home):
    cmd, said = cli.command_line(["lab", "--port", "9999"])
    assert cmd[:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert option(cmd, "--ServerApp.root_dir") == str(home / "lessons")
    assert option(cmd, "--ServerApp.ip") == "127.0.0.1"
    assert option(cmd, "--ServerApp.port") == "9999"
    token = option(cmd, "--IdentityProvider.token")
    assert token is not None
    assert len(token) >= 32
    assert said[-1] == f"    http://127.0.0.1:9999/lab?token={token}"
    assert "--allow-root" not in cmd
    assert not any("--allow-root" in line for line in said)
    assert (
        option(cli.command_line(["lab"])[0], "--IdentityProvider.token") != token
    )  # new each time


def test_as_root_lab_gets_allow_root_and_says_so(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    cmd, said = cli.command_line(["lab", "--no-browser"])
    assert "--allow-root" in cmd
    assert said[0] == "Running as root, so starting JupyterLab with --allow-root."
    assert option(cmd, "--ServerApp.open_browser") == "False"


def test_app_serves_the_agents_pages_on_loopback_with_a_token_and_no_code(home):
    cmd, said = cli.command_line(["app", "--port", "9998", "--cull-idle", "1800"])
    assert cmd[:4] == [sys.executable, "-m", "voila", str(home / "pages")]
    assert option(cmd, "--Voila.ip") == "127.0.0.1"
    token = option(cmd, "--Voila.token")
    assert token
    assert len(token) >= 32
    assert option(cmd, "--VoilaConfiguration.strip_sources") == "True"
    assert option(cmd, "--MappingKernelManager.cull_idle_timeout") == "1800"
    assert "--allow-root" not in cmd
    assert f"    http://127.0.0.1:9998/?token={token}" in said
    assert sorted(p.stem for p in (home / "pages").glob("*.ipynb")) == list(workspace.AGENT_LESSONS)


def test_app_all_serves_every_lesson(home):
    cli.command_line(["app", "--all"])
    assert sorted(p.stem for p in (home / "pages").glob("*.ipynb")) == list(workspace.LESSONS)


@pytest.mark.parametrize("command", ["lab", "app"])
def test_every_interface_needs_ip_keeps_the_token_and_says_so(command):
    cmd, said = cli.command_line([command, "--ip", "0.0.0.0", "--port", "9997"])
    prefix = "--ServerApp" if command == "lab" else "--Voila"
    assert option(cmd, f"{prefix}.ip") == "0.0.0.0"
    token = option(cmd, "--IdentityProvider.token" if command == "lab" else "--Voila.token")
    assert token
    assert any(
        "anyone on that network who has the token can open it. The token is still required." in line
        for line in said
    )
    assert (
        f":9997/{'lab' if command == 'lab' else ''}?token={token}"
        in said[-1 if command == "lab" else -2]
    )


@pytest.mark.parametrize("command", ["lab", "app"])
def test_a_token_from_ipo_trainer_token_is_used_and_an_empty_one_refused(
    capsys, monkeypatch, command
):
    monkeypatch.setenv("IPO_TRAINER_TOKEN", "a-workshop-token-0123456789")
    cmd, _ = cli.command_line([command])
    assert any(a.endswith("token=a-workshop-token-0123456789") for a in cmd)
    for weak in ("", "  ", "short", "has spaces in it, sixteen+"):
        monkeypatch.setenv("IPO_TRAINER_TOKEN", weak)
        status, _, err = run(capsys, command, "--no-browser")
        assert status == 2
        assert "IPO_TRAINER_TOKEN must be at least 16" in one_error_line(err)


@pytest.mark.parametrize("command", ["lab", "app"])
@pytest.mark.parametrize(
    "turn_off",
    [
        "--IdentityProvider.token=",
        "--ServerApp.token=",
        "--token=",
        "--token",
        "--no-token",
        "--Voila.token=",
        "--Voila.auto_token=False",
        "--ServerApp.disable_check_xsrf=True",
        "--ServerApp.password=",
    ],
)
def test_nothing_that_could_turn_the_token_off_is_accepted(capsys, command, turn_off):
    status, out, err = run(capsys, command, turn_off)
    assert status == 2
    assert "unrecognized arguments" in one_error_line(err)  # allow_abbrev=False: none is a prefix


def test_a_server_is_never_built_without_a_token():
    with pytest.raises(TrainerError, match="needs a token"):
        launch.Server("127.0.0.1", 8888, "")


def test_a_server_s_repr_keeps_its_token_out():
    server = launch.Server("127.0.0.1", 8888, "a-token-of-thirty-two-characters")
    assert repr(server) == "Server(ip='127.0.0.1', port=8888, open_browser=True)"
