"""Who is training: the name every attempt is kept under, where it comes from, what is refused.

And the secret each trainee's desk code is drawn from (``desk_rng``).
"""

from __future__ import annotations

import getpass
import os
import random
from pathlib import Path

import pytest

import trainer.identity as identity
from trainer.errors import TrainerError
from trainer.identity import (
    DESK_SECRET,
    DESK_SECRET_VARIABLE,
    MAX_NAME,
    current_trainee,
    desk_rng,
    given_trainee,
    is_name_fixed,
    remember_trainee,
)


@pytest.fixture(autouse=True)
def _no_user_name(trainer_folder, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")


@pytest.mark.parametrize(
    ("environment", "remembered", "expected", "fixed"),
    [
        ({}, None, "login-name", False),
        ({}, "Ana Lima", "Ana Lima", False),
        ({"JUPYTERHUB_USER": "ana"}, "Someone Else", "ana", True),
        ({"IPO_TRAINER_TRAINEE": "bo", "JUPYTERHUB_USER": "ana"}, "Someone Else", "ana", True),
        ({"IPO_TRAINER_TRAINEE": "bo", "JUPYTERHUB_USER": " "}, "Someone Else", "bo", True),
        ({"IPO_TRAINER_TRAINEE": "  ", "JUPYTERHUB_USER": "ana"}, None, "ana", True),
        ({"IPO_TRAINER_TRAINEE": " ", "JUPYTERHUB_USER": ""}, "Ana Lima", "Ana Lima", False),
    ],
)
def test_the_name_comes_from_the_hub_then_the_environment_then_this_computer(
    environment, remembered, expected, fixed, trainer_folder, monkeypatch
):
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    if remembered is not None:
        trainer_folder.mkdir(parents=True, exist_ok=True)
        (trainer_folder / "trainee.txt").write_text(remembered + "\n", encoding="utf-8")
    assert current_trainee() == expected
    assert is_name_fixed() is fixed


def test_without_any_name_the_trainee_is_called_trainee(monkeypatch):
    def no_name() -> str:
        raise KeyError("uid 1000 has no name")

    monkeypatch.setattr(getpass, "getuser", no_name)
    assert current_trainee() == "trainee"


def test_an_unreadable_remembered_name_falls_back_to_the_login_name(trainer_folder):
    (trainer_folder / "trainee.txt").mkdir(parents=True)  # not a file
    assert current_trainee() == "login-name"
    (trainer_folder / "trainee.txt").rmdir()
    (trainer_folder / "trainee.txt").write_bytes(b"\xff\xfe not utf-8")
    assert current_trainee() == "login-name"


def test_a_name_given_once_is_kept_cleaned(trainer_folder):
    assert remember_trainee("  Zoe\u0301   Lima \n") == "Zoé Lima"  # spaces collapsed, NFC
    assert (trainer_folder / "trainee.txt").read_text(encoding="utf-8") == "Zoé Lima\n"
    assert current_trainee() == "Zoé Lima"
    assert remember_trainee("Ana") == "Ana"  # a new name replaces the old
    assert current_trainee() == "Ana"
    assert not list(trainer_folder.glob("*.tmp"))


def test_a_name_kept_while_another_is_being_kept_does_not_trip_over_it(trainer_folder, monkeypatch):
    # Two lessons open at once, both asked for the name: each write has a file of its own.
    rename = os.replace

    def meanwhile(source, target):
        monkeypatch.setattr(os, "replace", rename)
        remember_trainee("Bo")  # the other kernel, between this write and its rename
        rename(source, target)

    monkeypatch.setattr(os, "replace", meanwhile)
    assert remember_trainee("Ana") == "Ana"
    assert current_trainee() == "Ana"  # the later rename wins, whole
    assert not list(trainer_folder.glob("*.tmp"))


def test_names_with_joiners_are_names():
    assert remember_trainee("Mehr\u200cnaz") == "Mehr\u200cnaz"  # Persian's zero-width non-joiner


@pytest.mark.parametrize(
    ("name", "match"),
    [
        (None, r"must be text, such as 'Ana Lima'; got None"),
        (42, r"must be text, such as 'Ana Lima'; got 42"),
        ("", "Type your name first"),
        ("   \t ", "Type your name first"),
        ("x" * (MAX_NAME + 1), rf"'{'x' * MAX_NAME}'\.\.\. is longer than {MAX_NAME} characters"),
        ("Ana\x07", r"The name 'Ana\\x07' has a control character: type it again"),
        ("Ana\u202eamiL", "has a control character"),
    ],
)
def test_what_cannot_be_a_name_is_refused_and_nothing_kept(name, match, trainer_folder):
    with pytest.raises(TrainerError, match=match):
        remember_trainee(name)
    assert not (trainer_folder / "trainee.txt").exists()


def test_a_name_of_exactly_the_longest_length_is_kept():
    assert remember_trainee("y" * MAX_NAME) == "y" * MAX_NAME


def test_under_the_hub_only_the_hub_name_can_be_given(trainer_folder, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    with pytest.raises(
        TrainerError, match="You are signed in as 'ana': your attempts are kept under that name"
    ):
        remember_trainee("Bo")
    assert remember_trainee(" ana ") == "ana"
    assert not (trainer_folder / "trainee.txt").exists()  # nothing to remember


def test_a_name_that_cannot_be_kept_on_this_computer_says_so(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("IPO_TRAINER_HOME", str(tmp_path / "a-file" / "home"))
    with pytest.raises(TrainerError, match="Your name 'Ana' cannot be kept on this computer"):
        remember_trainee("Ana")
    assert current_trainee() == "login-name"  # and reading the name still works


def test_under_the_hub_a_trainee_cannot_rename_themselves_from_their_kernel(monkeypatch):
    # JupyterLab on the Hub: the trainee can run %env IPO_TRAINER_TRAINEE=bo in their kernel.
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    monkeypatch.setenv("IPO_TRAINER_TRAINEE", "bo")
    assert current_trainee() == "ana"
    assert is_name_fixed()
    with pytest.raises(TrainerError, match="You are signed in as 'ana'"):
        remember_trainee("bo")


# --- a name belongs to the kernel (the page) it was given in ------------------------------


def another_kernel(monkeypatch) -> None:
    """From now on this process is a kernel that has not asked for the name yet."""
    monkeypatch.setattr(identity, "_KERNEL", {})


def test_a_name_given_in_this_kernel_is_kept_whatever_another_kernel_gives(
    trainer_folder, monkeypatch
):
    # One `ipo-trainer app` server, one trainer folder: Bo types their name on their page.
    assert remember_trainee("Ana") == "Ana"
    (trainer_folder / "trainee.txt").write_text("Bo\n", encoding="utf-8")  # Bo's kernel
    assert current_trainee() == "Ana"
    assert given_trainee() == "Ana"
    another_kernel(monkeypatch)  # the next page opened here is offered the last name given
    assert current_trainee() == "Bo"


def test_a_kernel_reads_the_name_on_this_computer_once(trainer_folder, monkeypatch):
    trainer_folder.mkdir(parents=True)
    (trainer_folder / "trainee.txt").write_text("Ana\n", encoding="utf-8")
    assert current_trainee() == "Ana"  # the default this page was offered
    (trainer_folder / "trainee.txt").write_text("Bo\n", encoding="utf-8")  # another page
    assert current_trainee() == "Ana"
    (trainer_folder / "trainee.txt").unlink()
    another_kernel(monkeypatch)
    assert current_trainee() == "login-name"
    (trainer_folder / "trainee.txt").write_text("Bo\n", encoding="utf-8")
    assert current_trainee() == "login-name"  # a page open before Bo typed is not Bo's


def test_a_name_that_cannot_be_kept_is_not_taken_by_the_kernel_either(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("IPO_TRAINER_HOME", str(tmp_path / "a-file" / "home"))
    with pytest.raises(TrainerError):
        remember_trainee("Ana")
    assert current_trainee() == "login-name"


# --- the desk secret ---------------------------------------------------------------------


@pytest.fixture
def folder_secret(trainer_folder, monkeypatch) -> Path:
    """No secret from outside: the one made in the trainer's folder (its path)."""
    monkeypatch.delenv(DESK_SECRET_VARIABLE, raising=False)
    return trainer_folder / DESK_SECRET


def test_the_desk_secret_is_made_once_and_never_read_empty(folder_secret) -> None:
    first = desk_rng("Ana").random()
    assert desk_rng("Ana").random() == first  # the same secret, session after session
    assert desk_rng("Ben").random() != first  # another trainee, other numbers
    assert len(folder_secret.read_text(encoding="utf-8").strip()) == 32
    assert folder_secret.stat().st_mode & 0o077 == 0
    assert [p.name for p in folder_secret.parent.iterdir() if p.name.endswith(".tmp")] == []
    folder_secret.write_text("", encoding="utf-8")  # half made by a kernel that died
    with pytest.raises(TrainerError, match="is empty: delete it"):
        desk_rng("Ana")


def test_another_computer_has_another_secret(folder_secret, tmp_path, monkeypatch) -> None:
    here = [desk_rng("Ana").random() for _ in range(3)]
    monkeypatch.setenv("IPO_TRAINER_HOME", str(tmp_path / "another-computer"))
    assert [desk_rng("Ana").random() for _ in range(3)] != here


def test_a_secret_given_from_outside_repeats_on_every_computer(
    folder_secret, tmp_path, monkeypatch
):
    monkeypatch.setenv(DESK_SECRET_VARIABLE, "lessons-and-tests-only")
    here = desk_rng("trainee").random()
    monkeypatch.setenv("IPO_TRAINER_HOME", str(tmp_path / "another-computer"))
    assert desk_rng("trainee").random() == here
    assert not (tmp_path / "another-computer" / DESK_SECRET).exists()  # none made
    expected = random.Random(
        __import__("hashlib").sha256(b"lessons-and-tests-only\ntrainee").digest()
    ).random()
    assert here == expected
    monkeypatch.setenv(DESK_SECRET_VARIABLE, "lessons-and-tests-only, the other one")
    assert desk_rng("trainee").random() != here


def test_a_short_secret_from_outside_is_refused_without_quoting_it(folder_secret, monkeypatch):
    monkeypatch.setenv(DESK_SECRET_VARIABLE, "hunter2")
    with pytest.raises(TrainerError, match=f"{DESK_SECRET_VARIABLE} holds 7 characters") as info:
        desk_rng("Ana")
    assert "hunter2" not in str(info.value)
    assert "secrets.token_hex(16)" in str(info.value)


def test_under_the_hub_a_secret_from_outside_is_refused(folder_secret, monkeypatch):
    # Every trainee could read it in their server and work out every colleague's code.
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    monkeypatch.setenv(DESK_SECRET_VARIABLE, "a-secret-the-hub-handed-everyone")
    with pytest.raises(TrainerError, match="under JupyterHub") as info:
        desk_rng("ana")
    assert "a-secret-the-hub-handed-everyone" not in str(info.value)
    monkeypatch.delenv(DESK_SECRET_VARIABLE)
    assert isinstance(desk_rng("ana"), random.Random)  # the folder's own secret then
    assert folder_secret.exists()


def test_a_folder_without_hard_links_gets_its_secret_all_the_same(folder_secret, monkeypatch):
    # Pyodide's file system (the browser-only site) has no hard links.
    def no_links(source, target):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(os, "link", no_links)
    first = desk_rng("Ana").random()
    assert len(folder_secret.read_text(encoding="utf-8").strip()) == 32
    assert folder_secret.stat().st_mode & 0o077 == 0
    assert [p.name for p in folder_secret.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert desk_rng("Ana").random() == first


def test_an_os_with_no_link_at_all_gets_its_secret_all_the_same(folder_secret, monkeypatch):
    # Pyodide's os module has no link function at all (AttributeError, not OSError).
    monkeypatch.delattr(os, "link")
    first = desk_rng("Ana").random()
    assert len(folder_secret.read_text(encoding="utf-8").strip()) == 32
    assert [p.name for p in folder_secret.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert desk_rng("Ana").random() == first
