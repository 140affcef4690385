"""Links between lessons, on a site that serves only some of them.

The lessons link to each other in markdown (``[Lesson 1: Make logon agents](01_....ipynb)``,
``[Next: Lesson 3, log off three ways →](03_....ipynb)``), which JupyterLab and the Hub
follow within the trainee's folder of every lesson.  The agents' app (``ipo-trainer app``)
and the browser-only site (``make lite``) carry the agents' lessons alone, so there a link
to a supervisors' lesson would lead to a page that is not found.  :func:`served_only` makes
each such link plain text (its words, without the Next/Back arrows), and the words beside
it already say where that lesson is ("(supervisors, in JupyterLab)").

>>> cell = {"cell_type": "markdown", "metadata": {}, "source": [
...     "[← Back: Lesson 1, make logon agents](01_make_logon_agents.ipynb) (in JupyterLab) · ",
...     "[Next: Lesson 3, log off three ways →](03_logoff_three_ways.ipynb)"]}
>>> page = served_only({"cells": [cell]}, {"03_logoff_three_ways"})
>>> print("".join(page["cells"][0]["source"]))
Lesson 1, make logon agents (in JupyterLab) · [Next: Lesson 3, log off three ways →](03_logoff_three_ways.ipynb)
>>> cell["source"][0][:8]  # the lesson given is not changed
'[← Back:'
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Collection
from typing import Any

__all__ = ["LESSON_LINK", "lessons_linked", "notebook_text", "served_only"]

#: A markdown link to a lesson of the kit: its words and the lesson's name.
LESSON_LINK = re.compile(r"\[(?P<words>[^\]]+)\]\((?P<lesson>\d\d_\w+)\.ipynb\)")
#: What marks a link as a way on or back, which plain words do not need.
_WAY = re.compile(r"^(?:←\s*)?(?:Back:\s*|Next:\s*)?(?P<rest>.*?)(?:\s*→)?$")


def lessons_linked(notebook: dict[str, Any]) -> list[str]:
    """The lessons ``notebook``'s markdown cells link to, in order, each as often as linked."""
    return [
        found["lesson"]
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for found in LESSON_LINK.finditer(_text(cell["source"]))
    ]


def served_only(notebook: dict[str, Any], served: Collection[str]) -> dict[str, Any]:
    """A copy of ``notebook`` (nbformat 4 JSON) whose links to lessons not in ``served`` are words.

    A link to a lesson in ``served`` (lesson names, as ``02_logon_three_ways``) is kept.
    """

    def words(found: re.Match[str]) -> str:
        if found["lesson"] in served:
            return found[0]
        way = _WAY.match(found["words"])
        return way["rest"] if way else found["words"]

    page = copy.deepcopy(notebook)
    for cell in page["cells"]:
        if cell["cell_type"] == "markdown":
            text = LESSON_LINK.sub(words, _text(cell["source"]))
            cell["source"] = (
                text.splitlines(keepends=True) if isinstance(cell["source"], list) else text
            )
    return page


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def notebook_text(notebook: dict[str, Any]) -> str:
    """``notebook`` as its file, written as nbformat writes one (indent 1, keys sorted, UTF-8
    text, a newline at the end), so an edited copy of a lesson reads like the kit's own."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
