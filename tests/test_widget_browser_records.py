"""BrowserRecords: on a browser-only page the kernel's store is mirrored into the browser.

What the browser's own side does (localStorage, the download) is checked in a real
browser on the built site (tests/test_lite_site.py); here, the kernel's side: what it
sends, what it takes back, and who is told.
"""

from __future__ import annotations

import json
import sys

import pytest

import ipo_core as ipo
import trainer
import widgets
import widgets.browser_records as kept_here
from ipo_core.training.actions import Method
from widgets.browser_records import BrowserRecords, browser_records


@pytest.fixture
def store(tmp_path, monkeypatch) -> str:
    """A store of its own, the default for this test (IPO_TRAINER_DB), and its address."""
    address = str(tmp_path / "records.sqlite")
    monkeypatch.setenv("IPO_TRAINER_DB", address)
    monkeypatch.setenv("IPO_TRAINER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("IPO_TRAINER_TRAINEE", raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return address


@pytest.fixture
def browser_page(store, monkeypatch) -> None:
    """A browser-only page (a Pyodide kernel), with no keeper made yet."""
    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setattr(kept_here, "_keeper", None)


def add(address: str, *records: trainer.AttemptRecord) -> None:
    with trainer.Store(address) as store:
        for record in records:
            store.add(record)


def test_off_a_browser_page_there_is_no_keeper_and_the_progress_box_has_no_download(store):
    assert browser_records() is None
    mine = widgets.MyProgress(trainee="ana")
    assert mine.keeper is None
    assert not any(isinstance(child, BrowserRecords) for child in mine.children)


def test_on_a_browser_page_the_page_has_one_keeper_and_every_progress_box_shows_it(browser_page):
    first, second = widgets.MyProgress(trainee="ana"), widgets.MyProgress(trainee="ana")
    assert browser_records() is first.keeper is second.keeper
    assert first.keeper in first.children


def test_the_browser_is_sent_every_attempt_of_the_store_as_its_record_line(store, make_record):
    add(store, make_record("ana", 0), make_record("bo", 1, passed=False))
    keeper = BrowserRecords(store)

    assert [trainer.AttemptRecord.from_json(line) for line in keeper.lines] == [
        make_record("ana", 0),
        make_record("bo", 1, passed=False),
    ]


def test_what_the_browser_gives_back_is_added_once_and_the_views_are_told(store, make_record):
    add(store, make_record("ana", 0))
    keeper = BrowserRecords(store)
    told = []
    keeper.on_restored(lambda: told.append(len(keeper.lines)))
    lines = [make_record("ana", 0).to_json(), make_record("ana", 1).to_json()]

    assert keeper.restore(lines) == 1  # ana 0 was there already
    assert keeper.restore(lines) == 0
    assert told == [2, 2]
    with trainer.Store(store) as records:
        assert len(records.records("ana")) == 2


def test_a_line_the_browser_kept_that_is_no_record_is_left_out_and_said(store, make_record):
    keeper = BrowserRecords(store)

    added = keeper.restore(["not json", json.dumps({"uid": "x"}), make_record("ana", 0).to_json()])

    assert added == 1
    assert (
        keeper.problem == "2 of the attempts this browser kept could not be read and are left out."
    )


def test_an_attempt_the_store_cannot_take_now_is_said_and_the_others_are_added(
    store, make_record, monkeypatch
):
    keeper = BrowserRecords(store)
    add_one = trainer.Store.add

    def add_but_refuse_bo(self, record):
        if record.trainee == "bo":
            raise trainer.StoreUnavailable(store, "the disk is full")
        return add_one(self, record)

    monkeypatch.setattr(trainer.Store, "add", add_but_refuse_bo)
    added = keeper.restore([make_record("bo", 0).to_json(), make_record("ana", 1).to_json()])

    assert added == 1
    assert [trainer.AttemptRecord.from_json(line).trainee for line in keeper.lines] == ["ana"]
    assert keeper.problem == (
        "1 of the attempts this browser kept could not be added to this page's progress just "
        "now. They are still kept in this browser, and the download has them: reload the page "
        "to try again."
    )


def test_the_name_the_browser_kept_is_the_trainee_s_on_the_new_page(store):
    keeper = BrowserRecords(store)
    assert keeper.name == ""

    keeper.restore([], "Ana Lima")

    assert trainer.current_trainee() == "Ana Lima"
    assert keeper.name == "Ana Lima"  # and the browser keeps it for the page after


def test_a_name_given_on_this_page_is_not_replaced_by_the_one_the_browser_kept(store):
    trainer.remember_trainee("Bo Chen")
    keeper = BrowserRecords(store)

    keeper.restore([], "Ana Lima")

    assert trainer.current_trainee() == "Bo Chen"


def test_a_message_from_the_page_restores_as_a_call_does(store, make_record):
    keeper = BrowserRecords(store)

    keeper._handle_custom_msg({"restore": [make_record("ana", 0).to_json()], "name": ""}, [])

    assert len(keeper.lines) == 1


def test_the_progress_box_reads_again_when_the_browser_gives_back_earlier_pages(
    browser_page, store, make_record
):
    mine = widgets.MyProgress([Method.LOGON_STAR_35], trainee="ana")
    assert mine.passed == ()

    mine.keeper.restore([make_record("ana", 0, method=Method.LOGON_STAR_35.value).to_json()])

    assert mine.passed == (Method.LOGON_STAR_35,)
    assert mine.says_text == (
        "Last time you passed Log on with *35*Extn*Code#. You have passed all of them: well done."
    )


def star_35_passed(exercise: widgets.Exercise) -> None:
    exercise.command.value = "dial *35*3000*1234#"
    exercise.do.click()


def test_an_attempt_saved_on_a_browser_page_goes_to_the_browser_with_its_code_masked(
    browser_page,
):
    exercise = widgets.Exercise(
        ipo.System(ipo.load_site("tech_tip_014")), Method.LOGON_STAR_35, trainee="ana"
    )
    star_35_passed(exercise)

    assert exercise.attempt is not None
    assert exercise.attempt.passed
    assert exercise.status.text.startswith("Saved in this browser")
    (line,) = browser_records().lines
    assert trainer.AttemptRecord.from_json(line).uid == exercise.record.uid
    record = json.loads(line)
    assert record["steps"] == ["dial *35*3000*\u2022\u2022\u2022\u2022#"]
    # The code is in nothing the record says; the uid, timestamps and seconds are the
    # machine's own digits, which may happen to hold 1234.
    said = {k: v for k, v in record.items() if k not in ("uid", "started", "ended", "seconds")}
    assert "1234" not in json.dumps(said, ensure_ascii=False)


def test_the_name_typed_on_a_browser_page_is_sent_to_the_browser(browser_page):
    exercise = widgets.Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGON_STAR_35)
    exercise.name.value = "Ana Lima"
    exercise.remember.click()

    assert browser_records().name == "Ana Lima"


def test_an_exercise_takes_the_name_the_browser_gave_back(browser_page):
    exercise = widgets.Exercise(ipo.System(ipo.load_site("tech_tip_014")), Method.LOGON_STAR_35)

    browser_records().restore([], "Ana Lima")

    assert exercise.trainee == "Ana Lima"
    star_35_passed(exercise)
    assert exercise.record.trainee == "Ana Lima"
