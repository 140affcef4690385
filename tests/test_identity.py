"""Who is training: the name every attempt is kept under, where it comes from, what is refused."""

from __future__ import annotations

import getpass
import os

import pytest

from trainer.errors import TrainerError
from trainer.identity import MAX_NAME, current_trainee, is_name_fixed, remember_trainee


@pytest.fixture(autouse=True)
def _no_user_name(trainer_folder, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "login-name")


@pytest.mark.parametrize(
    ("environment", "remembered", "expected", "fixed"),
    [
        ({}, None, "login-name", False),
        ({}, "Ana Lima", "Ana Lima", False),
        ({"JUPYTERHUB_USER": "ana"}, "Someone Else", "ana", True),
        ({"IPO_TRAINER_TRAINEE": "bo", "JUPYTERHUB_USER": "ana"}, "Someone Else", "bo", True),
        ({"IPO_TRAINER_TRAINEE": "  ", "JUPYTERHUB_USER": "ana"}, None, "ana", True),
        ({"IPO_TRAINER_TRAINEE": " ", "JUPYTERHUB_USER": ""}, "Ana Lima", "Ana Lima", False),
    ],
)
def test_the_name_comes_from_the_environment_then_the_hub_then_this_computer(
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
