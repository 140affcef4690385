"""One attempt at an exercise, as the training records keep it: who, what, where, how it went.

An :class:`ipo_core.Attempt` is what the checker hands out in the kernel: the exercise,
the steps (login codes already masked by the checker), mistakes, hints, seconds and
whether it passed.  An :class:`AttemptRecord` adds what a supervisor needs to read it
later and elsewhere: the trainee's name, the handset model and station, the start and
end time in UTC, the kit's version, and a ``uid`` that makes writing it twice harmless
(the outbox may replay an attempt whose first write did, in fact, commit).

>>> from datetime import datetime, timezone
>>> import ipo_core as ipo
>>> attempt = ipo.Attempt("Log off with *36: Agent3000 at station 3000 (4612)",
...                       ipo.Method.LOGOFF_STAR_36, ("key *", "key 3", "key 6"), 0, 6.5, True)
>>> start = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
>>> record = AttemptRecord.from_attempt(attempt, trainee="ana", model="4612", station="3000",
...                                     started=start, uid="0" * 32)
>>> record.method, record.passed, record.ended.isoformat()
('logoff-star-36', True, '2026-12-02T09:00:06.500000+00:00')
>>> AttemptRecord.from_json(record.to_json()) == record
True
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from typing import Any

import ipo_core as ipo
from trainer.errors import StoreError

__all__ = ["AttemptRecord", "kit_version"]


def kit_version() -> str:
    """The installed kit's version (``pyproject.toml``), or ``'unknown'`` outside an install."""
    try:
        return metadata.version("ipo-logon-kit")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt at one exercise by one trainee, as stored."""

    uid: str
    """32 hex digits, unique to the attempt: a second write of the same record is ignored."""
    trainee: str
    """Who trained: the JupyterHub user, or the name given on this computer."""
    exercise: str
    """The exercise's title, with its station and user."""
    method: str
    """The method practised, as ``ipo.Method(...).value``: ``'logon-star-35'``."""
    model: str
    """The handset model the exercise ran on (``'4612'``)."""
    station: str
    """The station's base extension."""
    steps: tuple[str, ...]
    """Every action, in its text form, login codes masked."""
    mistakes: int
    """Times the trainee left the tip's path."""
    hints: tuple[str, ...]
    """The hints the trainee was given, each once, in order."""
    seconds: float
    """Wall-clock seconds from the start of the attempt to its end."""
    passed: bool
    """True when the goal was reached by the method practised."""
    started: datetime
    """When the attempt began, in UTC."""
    ended: datetime
    """When it ended, in UTC."""
    kit_version: str = field(default_factory=kit_version)
    """The kit's version that recorded it."""

    def __post_init__(self) -> None:
        for name in ("started", "ended"):
            value = getattr(self, name)
            if not isinstance(value, datetime) or value.utcoffset() is None:
                raise StoreError(
                    f"AttemptRecord.{name} {value!r} must be a datetime with a time zone, "
                    "such as datetime.now(UTC)."
                )
            object.__setattr__(self, name, value.astimezone(UTC))
        if not self.trainee.strip():
            raise StoreError("An attempt needs its trainee's name; it was empty.")
        ipo.Method(self.method)  # an unknown method is refused here, not in a report

    @property
    def method_title(self) -> str:
        """The method's title: ``'Log on with *35*Extn*Code#'``."""
        return ipo.Method(self.method).title

    @classmethod
    def from_attempt(
        cls,
        attempt: ipo.Attempt,
        *,
        trainee: str,
        model: str,
        station: str,
        started: datetime,
        uid: str | None = None,
    ) -> AttemptRecord:
        """The record of ``attempt``, made by ``trainee`` at ``station`` (a ``model``)."""
        return cls(
            uid=uuid.uuid4().hex if uid is None else uid,
            trainee=trainee,
            exercise=attempt.exercise,
            method=attempt.method.value,
            model=model,
            station=station,
            steps=tuple(attempt.steps),
            mistakes=attempt.mistakes,
            hints=tuple(attempt.hints),
            seconds=float(attempt.seconds),
            passed=attempt.passed,
            started=started,
            ended=started + timedelta(seconds=float(attempt.seconds)),
        )

    def to_json(self) -> str:
        """One line of JSON (the outbox keeps one record a line)."""
        data: dict[str, Any] = asdict(self)
        data["started"] = self.started.isoformat()
        data["ended"] = self.ended.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AttemptRecord:
        """Read back what :meth:`to_json` wrote; StoreError when it is not such a record."""
        try:
            data = json.loads(text)
            data["started"] = datetime.fromisoformat(data["started"])
            data["ended"] = datetime.fromisoformat(data["ended"])
            data["steps"] = tuple(data["steps"])
            data["hints"] = tuple(data["hints"])
            record = cls(**data)
            record.to_json().encode("utf-8")  # no stray surrogate (bytes that were no UTF-8)
            return record
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            # AttributeError: a field of the wrong kind (a null name) reaching __post_init__
            raise StoreError(
                f"Not an attempt record: {text[:100]!r} ({error}). Remove that line from the outbox."
            ) from error
