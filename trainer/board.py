"""The class's progress: who has done which method, how often, and the mistakes most made.

Functions over records, as the reports are (STYLE 12): they take any
:class:`~trainer.records.AttemptRecord` values, from a store or written by hand, and touch
no database.  :func:`progress` makes a :class:`Board`: one :class:`ProgressRow` per
trainee and method practised, and the hints the class was given most, which are the
mistakes to coach (see the doctest on :func:`progress`).  :func:`standing` is one
trainee's view of the same rule: the methods passed, the last one tried, and which comes
next (what ``widgets.MyProgress`` shows).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import ipo_core as ipo
from trainer.records import AttemptRecord

__all__ = [
    "ABBREVIATIONS",
    "WIDTH",
    "Board",
    "MistakeCount",
    "ProgressRow",
    "Standing",
    "progress",
    "standing",
]

#: Each method's column heading in :meth:`Board.table` (a terminal is ~100 columns wide).
ABBREVIATIONS: dict[ipo.Method, str] = {
    ipo.Method.LOGON_SHORT_CODE: "On code",
    ipo.Method.LOGON_STAR_35: "On *35",
    ipo.Method.LOGON_MENU: "On Menu",
    ipo.Method.LOGOFF_BUTTON: "Off btn",
    ipo.Method.LOGOFF_STAR_36: "Off *36",
    ipo.Method.LOGOFF_MENU: "Off Menu",
    ipo.Method.CONFIG_LOGON_AGENT: "Agent cfg",
    ipo.Method.CONFIG_HUNT_MODE: "Mode cfg",
}
_ORDER = {method: n for n, method in enumerate(ipo.Method)}
_NAME_WIDTH = 16
#: The terminal width :meth:`Board.table` keeps within.
WIDTH = 100
LEGEND = "✓ passed at least once, ✗ not yet; passes/attempts (mistakes); blank: not tried."
CSV_HEADER = (
    "trainee",
    "method",
    "done",
    "attempts",
    "passes",
    "mistakes",
    "seconds",
    "best_seconds",
)


@dataclass(frozen=True)
class ProgressRow:
    """One trainee's attempts at one method, summed."""

    trainee: str
    """Who trained."""
    method: ipo.Method
    """The method practised."""
    done: bool
    """True when at least one attempt passed."""
    attempts: int
    """Attempts made."""
    passes: int
    """Attempts that passed."""
    mistakes: int
    """Mistakes over all the attempts."""
    seconds: float
    """Seconds spent over all the attempts."""
    best_seconds: float | None
    """The quickest pass, or None before the first."""

    @property
    def cell(self) -> str:
        """The row as :meth:`Board.table` shows it: ``'✓ 2/3 (1)'``, passes/attempts (mistakes)."""
        return f"{'✓' if self.done else '✗'} {self.passes}/{self.attempts} ({self.mistakes})"


@dataclass(frozen=True)
class MistakeCount:
    """A hint the class was given, and how often: a mistake to coach."""

    hint: str
    """The hint, as the exercise showed it."""
    count: int
    """Attempts in which it was shown."""
    trainees: tuple[str, ...]
    """Who was shown it, sorted."""
    method: ipo.Method
    """The method whose exercise gave it."""


@dataclass(frozen=True)
class Board:
    """The class's progress: rows by trainee and method, and the hints given, most first."""

    rows: tuple[ProgressRow, ...]
    """One row per trainee and method practised: trainees sorted, methods in ``ipo.Method`` order."""
    mistakes: tuple[MistakeCount, ...]
    """Every hint given, the most frequent first, ties by hint text, then method."""

    @property
    def trainees(self) -> tuple[str, ...]:
        """Everyone with an attempt, sorted."""
        return tuple(dict.fromkeys(row.trainee for row in self.rows))

    @property
    def methods(self) -> tuple[ipo.Method, ...]:
        """The methods anyone practised, in ``ipo.Method`` order."""
        return tuple(sorted({row.method for row in self.rows}, key=_ORDER.__getitem__))

    def row(self, trainee: str, method: ipo.Method) -> ProgressRow | None:
        """``trainee``'s row for ``method``, or None when they have not practised it."""
        for row in self.rows:
            if row.trainee == trainee and row.method is method:
                return row
        return None

    def common_mistakes(self, top: int = 10) -> tuple[MistakeCount, ...]:
        """The ``top`` hints given most often across the class."""
        if not isinstance(top, int) or isinstance(top, bool) or top < 0:
            raise ValueError(f"top must be a whole number of hints, 0 or more; got {top!r}.")
        return self.mistakes[:top]

    def table(self, width: int = WIDTH) -> str:
        """A plain-text table for a terminal: trainees down, methods across, and a legend.

        Methods that do not fit in ``width`` columns continue in a second block below.
        """
        if not self.rows:
            return "No attempts recorded yet."
        cells = {(row.trainee, row.method): row.cell for row in self.rows}
        names = [_clip(name) for name in self.trainees]
        name_width = max(len("Trainee"), *(len(name) for name in names))
        columns = {
            m: max(len(ABBREVIATIONS[m]), *(len(cells.get((t, m), "")) for t in self.trainees))
            for m in self.methods
        }
        blocks: list[list[ipo.Method]] = [[]]
        used = name_width
        for method, column in columns.items():
            if blocks[-1] and used + 2 + column > width:
                blocks.append([])
                used = name_width
            blocks[-1].append(method)
            used += 2 + column
        out: list[str] = []
        for block in blocks:
            widths = [columns[m] for m in block]

            def line(first: str, rest: list[str], widths: list[int] = widths) -> str:
                parts = [first.ljust(name_width)]
                parts += [c.ljust(w) for c, w in zip(rest, widths, strict=True)]
                return "  ".join(parts).rstrip()

            out.append(line("Trainee", [ABBREVIATIONS[m] for m in block]))
            out.append(line("-" * name_width, ["-" * w for w in widths]))
            for trainee, name in zip(self.trainees, names, strict=True):
                out.append(line(name, [cells.get((trainee, m), "") for m in block]))
            out.append("")
        out.append(LEGEND)
        return "\n".join(out)

    def to_csv(self, file: TextIO | Path) -> None:
        """Write the rows as CSV (UTF-8, a header, seconds to 0.1 s) to ``file``, a path or an open text file."""
        if isinstance(file, Path):
            with file.open("w", encoding="utf-8", newline="") as opened:
                self._write_csv(opened)
        else:
            self._write_csv(file)

    def _write_csv(self, file: TextIO) -> None:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for row in self.rows:
            writer.writerow(
                (
                    _cell(row.trainee),
                    row.method.value,
                    "yes" if row.done else "no",
                    row.attempts,
                    row.passes,
                    row.mistakes,
                    f"{row.seconds:.1f}",
                    "" if row.best_seconds is None else f"{row.best_seconds:.1f}",
                )
            )


def _cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never run: a leading = + - @ would start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def progress(records: Iterable[AttemptRecord]) -> Board:
    """The board of ``records``: each trainee's progress by method, and the common mistakes.

    >>> from datetime import UTC, datetime
    >>> def attempt(trainee, passed, mistakes, hints=(), seconds=10.0):
    ...     at = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    ...     return AttemptRecord(f"{trainee}{seconds}".ljust(32, "0"), trainee, "Log on with *35",
    ...         "logon-star-35", "4612", "3000", (), mistakes, hints, seconds, passed, at, at)
    >>> board = progress([
    ...     attempt("ana", False, 2, ("Dial *35 first",), 30.0),
    ...     attempt("ana", True, 0, (), 12.5),
    ...     attempt("bo", False, 1, ("Dial *35 first",), 20.0),
    ... ])
    >>> [(row.trainee, row.done, row.attempts, row.mistakes, row.best_seconds) for row in board.rows]
    [('ana', True, 2, 2, 12.5), ('bo', False, 1, 1, None)]
    >>> board.common_mistakes(1)
    (MistakeCount(hint='Dial *35 first', count=2, trainees=('ana', 'bo'), method=<Method.LOGON_STAR_35: 'logon-star-35'>),)
    >>> print(board.table())
    Trainee  On *35
    -------  ---------
    ana      ✓ 1/2 (2)
    bo       ✗ 0/1 (1)
    <BLANKLINE>
    ✓ passed at least once, ✗ not yet; passes/attempts (mistakes); blank: not tried.
    """
    groups: dict[tuple[str, ipo.Method], list[AttemptRecord]] = {}
    shown: dict[tuple[str, ipo.Method], list[str]] = {}
    for record in records:
        if not isinstance(record, AttemptRecord):
            raise TypeError(f"progress() takes AttemptRecords; got {record!r}.")
        method = ipo.Method(record.method)
        groups.setdefault((record.trainee, method), []).append(record)
        for hint in dict.fromkeys(record.hints):  # each hint counts once an attempt
            shown.setdefault((hint, method), []).append(record.trainee)
    rows = tuple(
        _row(trainee, method, group)
        for (trainee, method), group in sorted(
            groups.items(), key=lambda item: (item[0][0], _ORDER[item[0][1]])
        )
    )
    mistakes = tuple(
        sorted(
            (
                MistakeCount(hint, len(who), tuple(sorted(set(who))), method)
                for (hint, method), who in shown.items()
            ),
            key=lambda m: (-m.count, m.hint, _ORDER[m.method]),
        )
    )
    return Board(rows, mistakes)


@dataclass(frozen=True)
class Standing:
    """One trainee's standing over some methods: what they passed, tried last, and do next."""

    methods: tuple[ipo.Method, ...]
    """The methods looked at, in the order they are to be learnt."""
    passed: tuple[ipo.Method, ...]
    """The methods passed at least once (a :class:`ProgressRow`'s ``done``), in ``methods`` order."""
    last: ipo.Method | None
    """The method of the latest attempt at one of ``methods``, or None before the first."""
    last_passed: bool
    """True when that latest attempt passed."""

    @property
    def next_method(self) -> ipo.Method | None:
        """The first method not passed yet, or None when all are."""
        return next((m for m in self.methods if m not in self.passed), None)

    @property
    def advice(self) -> str:
        """What the trainee reads: where to start, or what they did last and what comes next.

        >>> Standing((ipo.Method.LOGOFF_STAR_36,), (), None, False).advice
        'You have not done this exercise yet: start with Log off with *36.'
        """
        following = self.next_method
        if self.last is None:
            these = "this exercise" if len(self.methods) == 1 else "these exercises"
            return f"You have not done {these} yet: start with {self.methods[0].title}."
        did = "passed" if self.last_passed else "tried"
        done = f"Last time you {did} {self.last.title}"
        if following is None:
            return f"{done}. You have passed all of them: well done."
        if not self.last_passed and following is self.last:
            return f"{done}, not passed yet: try it again."
        return f"{done}; next: {following.title}."


def standing(records: Iterable[AttemptRecord], methods: Iterable[ipo.Method]) -> Standing:
    """One trainee's :class:`Standing` over ``methods`` from their ``records``, oldest first.

    Records of other methods are left out; ``methods`` must not be empty.
    """
    wanted = tuple(methods)
    if not wanted:
        raise ipo.IpoError("A standing needs at least one method to look at.")
    values = {m.value for m in wanted}
    mine = [r for r in records if r.method in values]
    done = {r.method for r in mine if r.passed}
    last = mine[-1] if mine else None
    return Standing(
        methods=wanted,
        passed=tuple(m for m in wanted if m.value in done),
        last=ipo.Method(last.method) if last is not None else None,
        last_passed=last is not None and last.passed,
    )


def _row(trainee: str, method: ipo.Method, group: list[AttemptRecord]) -> ProgressRow:
    passes = [r.seconds for r in group if r.passed]
    return ProgressRow(
        trainee=trainee,
        method=method,
        done=bool(passes),
        attempts=len(group),
        passes=len(passes),
        mistakes=sum(r.mistakes for r in group),
        seconds=sum(r.seconds for r in group),
        best_seconds=min(passes) if passes else None,
    )


def _clip(name: str) -> str:
    """``name`` in 16 characters, clipped in the middle: names often differ at the end."""
    if len(name) <= _NAME_WIDTH:
        return name
    tail = (_NAME_WIDTH - 1) // 2
    return name[: _NAME_WIDTH - 1 - tail] + "…" + name[-tail:]
