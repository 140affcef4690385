"""The progress board: a supervisor's view of the class's training records.

``ProgressBoard(url)`` reads the real store (:class:`trainer.Store`: the address
given, else ``IPO_TRAINER_DB``, else the trainer folder's file) and draws what
:func:`trainer.progress` makes of its records:

- per trainee and method: done (passed at least once, ✓) or not, attempts, mistakes and
  time spent, as a table with a row per trainee and a column per method;
- the class's most common mistakes, each with the hint the checker gave for it, the
  method and who got it;
- a picture of both (exercises passed per trainee; mistakes by hint);
- **Refresh** reads the store again; **Download progress.csv** is a link holding the
  board as CSV (``Board.to_csv``), so it works in Voila too, with no file written on the
  server.

A store that cannot be read is a sentence in the status line, never a traceback; the
board keeps what it read last.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     board = ProgressBoard(str(pathlib.Path(folder) / "records.sqlite"))
...     board
<ProgressBoard: 0 trainees, 0 attempts>
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w

import ipo_core as ipo
import trainer
from trainer import Board, Store, progress
from widgets.base import View, guarded

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["ProgressBoard"]

#: The file name the CSV link downloads as.
CSV_NAME = "progress.csv"
#: How many of the most common mistakes the board lists.
TOP_MISTAKES = 10
_DPI = 80
_HINT_WIDTH = 60  # characters of a hint the plot's labels keep

_CSS = """
<style>
.ipo-board table { border-collapse: collapse; margin: 4px 0 10px 0; }
.ipo-board th, .ipo-board td { border: 1px solid #ccc; padding: 2px 8px; text-align: left;
  vertical-align: top; }
.ipo-board th { background: rgba(0, 0, 0, 0.05); }
.ipo-board td.ipo-done { background: rgba(46, 125, 50, 0.10); }
.ipo-board td.ipo-todo { background: rgba(249, 168, 37, 0.12); }
.ipo-board .ipo-tick { color: #2e7d32; font-weight: bold; }
.ipo-board .ipo-cross { color: var(--jp-error-color1, #c62828); }
.ipo-board .widget-html-content { white-space: normal; line-height: 1.4; }
</style>
"""


class ProgressBoard(View):
    """The class's progress from the training records: per trainee and method, and the common mistakes."""

    def __init__(
        self, store_or_url: Store | str | None = None, *, top: int = TOP_MISTAKES, **kwargs: Any
    ) -> None:
        """The board of the store ``store_or_url``: an open Store, an address, or None (the default).

        An address is opened for each read and closed after it; an open Store is the
        caller's to close.
        """
        self.source = store_or_url
        """Where the records are read from: a Store, an address, or None for the default."""
        self.top = top
        """How many of the most common mistakes are listed."""
        self.board: Board | None = None
        """What the last read of the store made of its records; None before one succeeds."""
        self.heading = w.HTML("<h3>Training progress</h3>")
        """The board's title."""
        self.summary = w.HTML()
        """How many trainees and attempts the store holds."""
        self.table = w.HTML()
        """Per trainee and method: done or not, attempts, mistakes, time."""
        self.mistakes = w.HTML()
        """The most common mistakes across the class, each with its hint."""
        self.plot = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        """The picture: exercises passed per trainee, and the mistakes by hint."""
        self.refresh = w.Button(
            description="Refresh", icon="refresh", tooltip="Read the training records again"
        )
        """Reads the store again and redraws the board."""
        self.download = w.HTML()
        """A link that downloads the board as ``progress.csv``."""
        super().__init__(**kwargs)
        self.add_class("ipo-board")
        self.refresh.on_click(self._on_refresh_click)
        self.children = (
            w.HTML(_CSS),
            self.heading,
            self.summary,
            w.HBox([self.refresh, self.download]),
            self.status,
            self.table,
            self.mistakes,
            self.plot,
        )
        with self._guarded():
            self._read()

    @property
    def csv(self) -> str:
        """The board as CSV text, as the download link holds it ('' before a read)."""
        if self.board is None:
            return ""
        buffer = io.StringIO()
        self.board.to_csv(buffer)
        return buffer.getvalue()

    # --- handlers: one call into the trainer each, then _render ----------------------------

    @guarded
    def _on_refresh_click(self, _: w.Button) -> None:
        self._read()

    # --- reading ----------------------------------------------------------------------------

    def _read(self) -> None:
        """Read every record from the store and make the board of them.

        A store that cannot be reached keeps the last board and says so; a store address
        that cannot be used at all (a StoreError) reaches the status line as it is.
        """
        self.status.clear()
        try:
            records = _records(self.source)
        except trainer.StoreUnavailable as down:
            self.status.show_ok(
                f"The training records at {down.where!r} cannot be read just now "
                f"({down.reason}). Press Refresh to try again."
            )
            return
        self.board = progress(records)

    # --- drawing ----------------------------------------------------------------------------

    def _describe(self) -> str:
        if self.board is None:
            return "no records read"
        trainees, attempts = len(self.board.trainees), sum(r.attempts for r in self.board.rows)
        return (
            f"{trainees} trainee{'' if trainees == 1 else 's'}, "
            f"{attempts} attempt{'' if attempts == 1 else 's'}"
        )

    def _render(self) -> None:
        """Write every child from the last board read."""
        board = self.board
        if board is None:
            self.summary.value = "<p>No training records read yet.</p>"
            self.table.value = self.mistakes.value = self.download.value = ""
            self.plot.value = b""
            self.plot.layout.display = "none"
            return
        self.summary.value = f"<p>{html.escape(self._describe())} in the training records.</p>"
        self.table.value = _progress_table(board)
        self.mistakes.value = _mistakes_table(board, self.top)
        payload = base64.b64encode(self.csv.encode("utf-8")).decode("ascii")
        self.download.value = (
            f'<a download="{CSV_NAME}" href="data:text/csv;base64,{payload}" '
            f'target="_blank">Download {CSV_NAME}</a>'
        )
        if board.rows:
            self.plot.value = _png(_figure(board, self.top))
            self.plot.layout.display = None
        else:
            self.plot.value = b""
            self.plot.layout.display = "none"


def _records(source: Store | str | None) -> tuple[trainer.AttemptRecord, ...]:
    if isinstance(source, Store):
        return source.records()
    with Store(source) as store:
        return store.records()


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def _progress_table(board: Board) -> str:
    """A row per trainee, a column per method: ✓ passed or ✗ not yet, then attempts, mistakes, time."""
    if not board.rows:
        return "<p>No attempts yet: the board fills as trainees complete exercises.</p>"
    methods: Sequence[ipo.Method] = board.methods
    head = "".join(f"<th>{html.escape(m.title)}</th>" for m in methods)
    lines = [f"<table><tr><th>trainee</th>{head}</tr>"]
    for name in board.trainees:
        row_cells = []
        for method in methods:
            row = board.row(name, method)
            if row is None or not row.attempts:
                row_cells.append('<td class="ipo-none">-</td>')
                continue
            tick = (
                '<span class="ipo-tick">&#10003;</span> '
                if row.done
                else '<span class="ipo-cross">&#10007; not passed yet:</span> '
            )
            tries = f"{row.attempts} attempt{'' if row.attempts == 1 else 's'}"
            slips = f"{row.mistakes} mistake{'' if row.mistakes == 1 else 's'}"
            kind = "ipo-done" if row.done else "ipo-todo"
            row_cells.append(
                f'<td class="{kind}">{tick}{tries}, {slips}, {_duration(row.seconds)}</td>'
            )
        lines.append(f"<tr><th>{html.escape(name)}</th>{''.join(row_cells)}</tr>")
    lines.append("</table>")
    return "".join(lines)


def _mistakes_table(board: Board, top: int) -> str:
    common = board.common_mistakes(top=top)
    if not common:
        return "<h4>Most common mistakes</h4><p>No mistakes yet.</p>"
    lines = [
        "<h4>Most common mistakes</h4><table><tr><th>times</th><th>the hint given</th>"
        "<th>exercise</th><th>trainees</th></tr>"
    ]
    for mistake in common:
        lines.append(
            f"<tr><td>{mistake.count}</td><td>{html.escape(mistake.hint)}</td>"
            f"<td>{html.escape(mistake.method.title)}</td>"
            f"<td>{html.escape(', '.join(mistake.trainees))}</td></tr>"
        )
    lines.append("</table>")
    return "".join(lines)


def _short(text: str) -> str:
    return text if len(text) <= _HINT_WIDTH else text[: _HINT_WIDTH - 1] + "\u2026"


def _figure(board: Board, top: int) -> Figure:
    """Two bar charts: exercises passed (and only tried) per trainee; the mistakes by hint.

    A plain matplotlib Figure, no pyplot, so nothing global changes and no backend is needed.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    names = list(board.trainees)
    common = list(board.common_mistakes(top=top))
    figure = Figure(figsize=(11, max(2.8, 0.45 * max(len(names), len(common)) + 1.2)))
    figure.set_layout_engine("constrained")
    left, right = figure.subplots(1, 2, width_ratios=(1, 1.6))
    passed = [sum(1 for r in board.rows if r.trainee == n and r.done) for n in names]
    tried = [
        sum(1 for r in board.rows if r.trainee == n and r.attempts and not r.done) for n in names
    ]
    ys = list(range(len(names)))
    left.barh(ys, passed, color="#2e7d32", label="passed")
    left.barh(ys, tried, left=passed, color="#f9a825", label="tried, not passed yet")
    left.set_yticks(ys, names)
    left.invert_yaxis()
    left.set_xlabel("exercises")
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_title("Exercises per trainee")
    left.legend(loc="best", fontsize="small")
    if common:
        ys = list(range(len(common)))
        right.barh(ys, [m.count for m in common], color="#c62828")
        right.set_yticks(ys, [_short(m.hint) for m in common], fontsize="small")
        right.invert_yaxis()
        right.set_xlabel("times the hint was given")
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        right.text(0.5, 0.5, "No mistakes yet", ha="center", va="center")
        right.set_axis_off()
    right.set_title("Most common mistakes")
    return figure


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(_DPI)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)  # type: ignore[no-untyped-call]
    return buffer.getvalue()
