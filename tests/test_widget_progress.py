"""MyProgress: the trainee's own progress, from hand-written records and from a real store."""

from __future__ import annotations

import pytest

import ipo_core as ipo
import trainer
import widgets
from ipo_core.training.actions import Method
from widgets.progress import TIP_METHODS, MyProgress

LOGON = (Method.LOGON_SHORT_CODE, Method.LOGON_STAR_35, Method.LOGON_MENU)
LOGOFF = (Method.LOGOFF_BUTTON, Method.LOGOFF_STAR_36, Method.LOGOFF_MENU)


class Records:
    """A store by hand: ``records(trainee)`` gives the trainee's, as trainer.Store does."""

    def __init__(self, *records: trainer.AttemptRecord) -> None:
        self.all = records
        self.asked: list[str | None] = []

    def records(self, trainee: str | None = None) -> tuple[trainer.AttemptRecord, ...]:
        self.asked.append(trainee)
        return tuple(r for r in self.all if trainee is None or r.trainee == trainee)


class Unreachable:
    """A store that is down."""

    def records(self, trainee: str | None = None) -> tuple[trainer.AttemptRecord, ...]:
        raise trainer.StoreUnavailable("db", "connection refused")


def shown(progress: MyProgress) -> list[tuple[str, bool]]:
    """Each method's title as listed, and whether it is ticked."""
    return [(m.title, m in progress.passed) for m in progress.methods]


def test_it_is_a_top_level_widget_with_a_short_stable_repr():
    progress = widgets.MyProgress(trainee="ana", store=Records())
    assert widgets.MyProgress is MyProgress
    assert repr(progress) == "<MyProgress: 6 methods>"
    assert repr(MyProgress(LOGON, trainee="ana", store=Records())) == "<MyProgress: 3 methods>"


def test_by_default_it_shows_the_tip_s_six_methods_in_the_lessons_order():
    assert MyProgress(trainee="ana", store=Records()).methods == TIP_METHODS == LOGON + LOGOFF


def test_with_nothing_done_it_says_where_to_start(make_record):
    progress = MyProgress(LOGON, trainee="ana", store=Records(make_record("bo")))

    assert progress.records == ()
    assert progress.passed == ()
    assert progress.says_text == (
        "You have not done these exercises yet: start with Log on with a custom short code."
    )
    assert "(not passed yet)" in progress.list.value
    assert "ipo-progress-passed" not in progress.list.value


def test_a_passed_method_is_ticked_and_it_says_what_comes_next(make_record):
    store = Records(make_record("ana", 0, passed=False), make_record("ana", 1), make_record("bo"))

    progress = MyProgress(trainee="ana", store=store)

    assert store.asked == ["ana"]
    assert progress.passed == (Method.LOGON_STAR_35,)
    assert shown(progress)[:2] == [
        ("Log on with a custom short code", False),
        ("Log on with *35*Extn*Code#", True),
    ]
    assert progress.list.value.count("ipo-progress-passed") == 1
    assert progress.says_text == (
        "Last time you passed Log on with *35*Extn*Code#; next: Log on with a custom short code."
    )


def test_a_lesson_shows_only_its_own_methods(make_record):
    store = Records(make_record("ana", 0), make_record("ana", 1, method="logoff-star-36"))

    logon, logoff = (MyProgress(m, trainee="ana", store=store) for m in (LOGON, LOGOFF))

    assert logon.passed == (Method.LOGON_STAR_35,)
    assert logoff.passed == (Method.LOGOFF_STAR_36,)
    assert logoff.says_text == (
        "Last time you passed Log off with *36; next: Log off with a programmed button."
    )


def test_a_method_tried_and_not_passed_is_the_one_to_try_again(make_record):
    store = Records(
        make_record("ana", 0, method="logon-short-code"), make_record("ana", 1, passed=False)
    )

    progress = MyProgress(LOGON, trainee="ana", store=store)

    assert (
        progress.says_text
        == "Last time you tried Log on with *35*Extn*Code#, not passed yet: try it again."
    )


def test_every_method_passed_is_well_done(make_record):
    store = Records(*(make_record("ana", n, method=m.value) for n, m in enumerate(LOGOFF)))

    progress = MyProgress(LOGOFF, trainee="ana", store=store)

    assert progress.next_method is None
    assert progress.says_text == (
        "Last time you passed Log off with the Menu keys. You have passed all of them: well done."
    )


def test_the_configuration_tasks_are_not_counted_on_the_agents_list(make_record):
    store = Records(make_record("ana", 0, method="config-logon-agent"))

    assert MyProgress(trainee="ana", store=store).records == ()


def test_a_store_that_cannot_be_read_is_a_sentence_not_a_traceback():
    progress = MyProgress(LOGON, trainee="ana", store=Unreachable())

    assert progress.says_text == (
        "Your progress cannot be shown just now: the training records cannot be read. "
        "The exercises still work, and keep your attempts; press Refresh to try again."
    )
    assert isinstance(progress.error, trainer.StoreUnavailable)
    assert progress.passed == ()


def test_a_store_address_that_is_wrong_is_a_sentence_too(trainer_folder, monkeypatch):
    monkeypatch.setenv("IPO_TRAINER_DB", "mysql://nowhere/db")

    progress = MyProgress(LOGON, trainee="ana")

    assert isinstance(progress.error, trainer.StoreError)
    assert progress.says_text.startswith("Your progress cannot be shown just now")


def test_refresh_reads_the_records_again(make_record):
    store = Records()
    progress = MyProgress(LOGON, trainee="ana", store=store)
    store.all = (make_record("ana", 0),)

    progress.refresh.click()

    assert store.asked == ["ana", "ana"]
    assert progress.passed == (Method.LOGON_STAR_35,)


def test_it_reads_the_current_trainee_from_the_default_store(
    trainer_folder, monkeypatch, make_record
):
    monkeypatch.setenv("IPO_TRAINER_TRAINEE", "ana")
    with trainer.Store() as store:
        store.add(make_record("ana", 0))
        store.add(make_record("bo", 0))

    progress = MyProgress()

    assert progress.passed == (Method.LOGON_STAR_35,)
    assert "Your progress, ana" in progress.heading.value


def test_an_exercise_passed_shows_on_a_progress_made_afterwards(trainer_folder, monkeypatch):
    monkeypatch.setenv("IPO_TRAINER_TRAINEE", "ana")
    exercise = widgets.Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGOFF_STAR_36)
    for key in "*36":
        exercise.handset.keypad[key].click()
    assert exercise.receipt is not None
    assert exercise.receipt.saved

    progress = MyProgress(LOGOFF)

    assert progress.passed == (Method.LOGOFF_STAR_36,)


def test_it_needs_a_method_to_show():
    with pytest.raises(ipo.IpoError, match="at least one method"):
        MyProgress((), trainee="ana", store=Records())
