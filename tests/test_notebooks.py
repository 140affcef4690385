"""The lessons are committed executed, in order, and import only the kit's top-level names.

nbval (run by ``make test`` over ``notebooks/``) re-runs every cell and compares what it
prints with what is committed, so a notebook that is stale against ipo_core fails there;
these checks catch the ways a notebook can dodge that comparison.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def code_cells(path: Path) -> list[dict[str, object]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_lessons():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_a_lesson_is_committed_executed_top_to_bottom(path):
    counts = [cell["execution_count"] for cell in code_cells(path)]
    assert None not in counts, (
        f"{path.name} has cells that were never run: execute it before committing"
    )
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name} was not run top to bottom in one kernel: restart and run all, then commit"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_a_lesson_hides_no_output_from_nbval(path):
    for cell in code_cells(path):
        source = "".join(cell["source"])
        assert "NBVAL_SKIP" not in source, (
            f"{path.name} skips a cell: a lesson shows what it checks"
        )
        assert "NBVAL_IGNORE_OUTPUT" not in source or "# volatile:" in source, (
            f"{path.name} ignores a cell's output without saying why (# volatile: ...)"
        )
        assert not any(o.get("output_type") == "error" for o in cell["outputs"]), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_a_lesson_imports_only_the_kits_top_level_names(path):
    for cell in code_cells(path):
        for line in "".join(cell["source"]).splitlines():
            if re.match(r"\s*(from|import)\s+(ipo_core|widgets)\b", line):
                assert re.fullmatch(r"\s*import (ipo_core as ipo|widgets)\s*", line), (
                    f"{path.name}: {line.strip()!r} reaches inside the kit; use "
                    "'import ipo_core as ipo' and 'import widgets'"
                )
