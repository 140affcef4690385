"""The trainee's own progress: which methods they have passed, and where they left off.

``MyProgress()`` reads the trainee's attempts from the training records (through
:meth:`trainer.Store.records`) and shows each method with a tick once passed, and one
sentence: nothing done yet and where to start, or what they did last time and what comes
next.  The start page shows all six methods of the tech tip; each lesson passes its own
three.  A store that cannot be read is a sentence too, never a traceback; **Refresh** reads again.

>>> import ipo_core as ipo
>>> class Empty:
...     def records(self, trainee):
...         return ()
>>> mine = MyProgress([ipo.Method.LOGOFF_STAR_36], trainee="ana", store=Empty())
>>> mine.says_text
'You have not done this exercise yet: start with Log off with *36.'
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, Protocol

import ipywidgets as w

import ipo_core as ipo
import trainer
from widgets.base import View, guarded, plain_text
from widgets.browser_records import BrowserRecords, browser_records

__all__ = ["TIP_METHODS", "MyProgress"]

#: The tech tip's six ways to log on and off, in the lessons' order: the start page's list.
TIP_METHODS: tuple[ipo.Method, ...] = ipo.PHONE_METHODS

_CSS = """
<style>
.ipo-my-progress .widget-html-content { white-space: normal; line-height: 1.4; }
.ipo-progress-list { margin: 2px 0; padding-left: 0; list-style: none; }
.ipo-progress-list li { margin: 1px 0; }
.ipo-progress-passed { color: #2e7d32; }
.ipo-progress-todo { color: var(--jp-ui-font-color2, #666); }
</style>
"""


class _Records(Protocol):
    def records(self, trainee: str | None = None) -> tuple[trainer.AttemptRecord, ...]: ...


class MyProgress(View):
    """One trainee's progress over some methods, from the training records."""

    def __init__(
        self,
        methods: Iterable[ipo.Method | str] | None = None,
        *,
        trainee: str | None = None,
        store: _Records | None = None,
        keeper: BrowserRecords | None = None,
        **kwargs: Any,
    ) -> None:
        """Progress over ``methods`` (default: the six logon and logoff methods).

        ``trainee`` names whose (default: :func:`trainer.current_trainee`, read at every
        refresh); ``store`` is anything with ``records(trainee)``, default a
        :class:`trainer.Store` opened for each read and closed again.  On a browser-only
        page (JupyterLite) the box also shows ``keeper`` (default: the page's one
        :func:`~widgets.browser_records.browser_records`), which keeps the attempts in the
        browser and downloads them, and reads again when the browser gives them back.
        """
        self.methods: tuple[ipo.Method, ...] = (
            TIP_METHODS if methods is None else tuple(ipo.Method(m) for m in methods)
        )
        """The methods shown, in this order."""
        if not self.methods:
            raise ipo.IpoError("Give MyProgress at least one method to show.")
        self.trainee = trainee
        """Whose progress: the name given, or None for whoever trains on this computer now."""
        self.store = store
        """Where the records are read; None for the default store."""
        self.records: tuple[trainer.AttemptRecord, ...] = ()
        """The trainee's attempts at ``methods`` as last read, oldest first."""
        self.error: ipo.IpoError | None = None
        """Why the records could not be read last time, or None."""
        self.heading = w.HTML()
        """Whose progress it is."""
        self.says = w.HTML()
        """One sentence: where to start, or what was done last and what comes next."""
        self.list = w.HTML()
        """Each method, ticked once passed."""
        self.refresh = w.Button(description="Refresh", tooltip="Read your training records again")
        """Reads the records again (after an exercise on this page, say)."""
        super().__init__(**kwargs)
        self.add_class("ipo-my-progress")
        self.keeper = keeper if keeper is not None else browser_records()
        """What keeps the attempts in the browser (a browser-only page), or None."""
        self.refresh.on_click(self._on_refresh_click)
        kept = () if self.keeper is None else (self.keeper,)
        self.children = (
            w.HTML(_CSS),
            self.heading,
            self.says,
            self.list,
            *kept,
            self.refresh,
            self.status,
        )
        if self.keeper is not None:
            self.keeper.on_restored(self._on_restored)
        with self._guarded():
            self._read()

    # --- what the records say ---------------------------------------------------------------

    @property
    def standing(self) -> trainer.Standing:
        """What the records say, by the training's own rule (:func:`trainer.standing`)."""
        return trainer.standing(self.records, self.methods)

    @property
    def passed(self) -> tuple[ipo.Method, ...]:
        """The methods passed at least once, in ``methods`` order."""
        return self.standing.passed

    @property
    def last(self) -> trainer.AttemptRecord | None:
        """The trainee's latest attempt at one of ``methods``, or None."""
        return self.records[-1] if self.records else None

    @property
    def next_method(self) -> ipo.Method | None:
        """The first method not passed yet, or None when all are."""
        return self.standing.next_method

    @property
    def says_text(self) -> str:
        """The sentence shown, as plain text (for tests and screen readers)."""
        return plain_text(self.says.value)

    # --- handlers ---------------------------------------------------------------------------

    @guarded
    def _on_refresh_click(self, _: w.Button) -> None:
        self._read()

    @guarded
    def _on_restored(self) -> None:
        self._read()  # the browser gave back the attempts of earlier pages

    def _whose(self) -> str:
        return self.trainee if self.trainee is not None else trainer.current_trainee()

    def _read(self) -> None:
        """Read the trainee's records again; a store that cannot be read is kept in ``error``.

        Its own message speaks of saving attempts, so the widget says what it means here.
        """
        self.records, self.error = (), None
        wanted = {m.value for m in self.methods}
        try:
            if self.store is not None:
                found = self.store.records(self._whose())
            else:
                with trainer.Store() as store:
                    found = store.records(self._whose())
        except ipo.IpoError as error:
            self.error = error
            return
        self.records = tuple(r for r in found if r.method in wanted)

    # --- drawing ----------------------------------------------------------------------------

    def _describe(self) -> str:
        return f"{len(self.methods)} methods"

    def _sentence(self) -> str:
        if self.error is not None:
            return (
                "Your progress cannot be shown just now: the training records cannot be read. "
                "The exercises still work, and keep your attempts; press Refresh to try again."
            )
        return self.standing.advice

    def _render(self) -> None:
        self.heading.value = f"<b>Your progress, {html.escape(self._whose())}</b>"
        self.says.value = f'<p class="ipo-progress-says">{html.escape(self._sentence())}</p>'
        passed = self.passed
        items = []
        for method in self.methods:
            if method in passed:
                items.append(
                    f'<li class="ipo-progress-passed">&#10003; {html.escape(method.title)}</li>'
                )
            else:
                items.append(
                    f'<li class="ipo-progress-todo">&#9675; {html.escape(method.title)} '
                    "(not passed yet)</li>"
                )
        self.list.value = f'<ul class="ipo-progress-list">{"".join(items)}</ul>'
