"""What every view of the kit shares: a status line, and how a handler meets an error.

The views are thin compositions of stock ipywidgets over ``ipo_core``.  Each
handler makes one call into the core and then one ``_render`` writes every child
from the model (STYLE 12-13): a widget keeps no domain state of its own.  A
mistake a trainee can make arrives as an :class:`ipo_core.IpoError` and is shown
in the view's status line; every other exception stays loud, because it is a bug.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import ipywidgets as w

import ipo_core as ipo

__all__ = ["StatusLine", "View"]

T = TypeVar("T")


class StatusLine(w.HTML):
    """One line under a view: what just happened, or what went wrong and what to do."""

    def show_ok(self, text: str) -> None:
        """A normal message (what the model did, or what to try next)."""
        self.value = f'<span class="ipo-status ipo-ok">{html.escape(text)}</span>'

    def show_error(self, error: ipo.IpoError) -> None:
        """An :class:`~ipo_core.IpoError`: the message says what was wrong and what to do."""
        self.value = f'<span class="ipo-status ipo-error">&#9888; {html.escape(str(error))}</span>'

    def clear(self) -> None:
        """Nothing to say."""
        self.value = ""

    @property
    def text(self) -> str:
        """The message shown, as plain text (for tests and screen readers)."""
        return plain_text(self.value).replace("\u26a0 ", "").strip()


def plain_text(markup: str) -> str:
    """What ``markup`` reads as, without its tags and entities (for tests and screen readers)."""
    return html.unescape(_strip_tags(markup)).strip()


def _strip_tags(markup: str) -> str:
    out, inside = [], False
    for c in markup:
        if c == "<":
            inside = True
        elif c == ">":
            inside = False
        elif not inside:
            out.append(c)
    return "".join(out)


class View(w.VBox):
    """Base of the kit's composite widgets: a ``status`` line and ``_guarded`` handlers."""

    def __init__(self, **kwargs: object) -> None:
        self.status = StatusLine()
        super().__init__(**kwargs)

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Run a handler's call into the core; an IpoError goes to the status line.

        Whatever happens, the view is drawn again from the model afterwards, so what
        the trainee sees is always the model's state.
        """
        try:
            yield
        except ipo.IpoError as error:
            self.status.show_error(error)
        finally:
            self._render()

    def _render(self) -> None:
        """Write every child from the model."""
        raise NotImplementedError

    def _describe(self) -> str:
        """A few words on what this view shows, for its ``repr``."""
        return ""

    def __repr__(self) -> str:
        # Short and stable: a notebook stores it as the cell's text, and nbval compares it.
        words = self._describe()
        return f"<{type(self).__name__}{': ' + words if words else ''}>"


def guarded(handler: Callable[..., T]) -> Callable[..., T | None]:
    """Decorate a ``_on_<child>_<event>`` handler of a :class:`View` with ``_guarded``."""

    def run(self: View, *args: object, **kwargs: object) -> T | None:
        with self._guarded():
            return handler(self, *args, **kwargs)
        return None

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run
