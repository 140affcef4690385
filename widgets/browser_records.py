"""The training records of a browser-only page (JupyterLite): kept in the browser's own storage.

In the lessons that ``ipo-trainer lite`` builds, Python runs in the page itself (a Pyodide
kernel) and everything in it, the store included, is gone when the page closes.  So the
page's one :class:`BrowserRecords` mirrors the kernel's store into the browser's
``localStorage`` (under :data:`STORAGE_KEY`, for the site's own address) and gives it back
to the next page's kernel:

- every attempt the kernel's store holds goes to the browser, as the JSON line of
  :meth:`trainer.AttemptRecord.to_json` (login codes masked, as in every record);
- when a page opens, the browser sends what it keeps, and the kernel adds the attempts it
  lacks (by uid, so twice is harmless) and remembers the trainee's name the browser kept;
  the views that show progress are told, and read again;
- **Download my training records** saves them all as ``ipo-training-records.jsonl``, the
  file a supervisor loads with ``ipo-trainer progress --import``.

:func:`browser_records` gives the kernel's one keeper; ``MyProgress`` shows it, so each
lesson's progress box carries the download button, and ``Exercise`` calls
:meth:`BrowserRecords.keep` after each attempt it saves.  Off a browser-only page (Voila,
JupyterLab, the Hub) none of this is used: the records are in a real database.

>>> keeper = BrowserRecords(url="sqlite://")
>>> keeper.kept, keeper.name
(0, '')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

import ipo_core as ipo
import trainer
from trainer import in_a_browser_page

__all__ = ["DOWNLOAD_NAME", "NAME_KEY", "STORAGE_KEY", "BrowserRecords", "browser_records"]

#: Where the browser keeps the records (one JSON array of record lines), per site address.
STORAGE_KEY = "ipo-logon-kit:training-records"
#: Where the browser keeps the name the trainee gave.
NAME_KEY = "ipo-logon-kit:trainee"
#: The name of the downloaded file.
DOWNLOAD_NAME = "ipo-training-records.jsonl"

_ESM = """
const RECORDS = "@RECORDS@", NAME = "@NAME@", FILE = "@FILE@";
const FULL = "This browser cannot keep any more of your attempts: download your records now "
  + "and give the file to your trainer.";
const NONE = "This browser does not let the page keep anything (a private window, or storage "
  + "turned off): download your records before you close the page.";

function kept() {                       // null when the browser keeps nothing for this page
  try { const text = localStorage.getItem(RECORDS); return text ? JSON.parse(text) : []; }
  catch (error) { return null; }
}
function uid(line) { try { return JSON.parse(line).uid || null; } catch (error) { return null; } }

function keep(model) {                  // the kernel's records join the browser's
  const have = kept();
  if (have === null) { model.set("browser_problem", NONE); model.save_changes(); return; }
  const seen = new Set(have.map(uid));
  let added = 0;
  for (const line of model.get("lines")) {
    const id = uid(line);
    if (id && !seen.has(id)) { have.push(line); seen.add(id); added++; }
  }
  let problem = "";
  try {
    if (added) localStorage.setItem(RECORDS, JSON.stringify(have));
    const name = model.get("name");
    if (name) localStorage.setItem(NAME, name);
  } catch (error) { problem = FULL; }
  model.set("browser_problem", problem);
  model.set("kept", have.length);
  model.save_changes();
}

function initialize({ model }) {
  const have = kept();
  let name = null;
  try { name = localStorage.getItem(NAME); } catch (error) { name = null; }
  keep(model);
  if ((have && have.length) || name) model.send({ restore: have || [], name: name || "" });
  model.on("change:lines", () => keep(model));
  model.on("change:name", () => keep(model));
}

function render({ model, el }) {
  el.classList.add("ipo-browser-records");
  const says = document.createElement("span");
  says.className = "ipo-browser-records-says";
  const button = document.createElement("button");
  button.className = "jupyter-widgets jupyter-button widget-button ipo-download";
  button.textContent = "Download my training records";
  button.title = "Save your attempts as a file (" + FILE + ") to give to your trainer";
  const problem = document.createElement("span");
  problem.className = "ipo-browser-records-problem";
  const draw = () => {
    const count = model.get("kept");
    says.textContent = count === 1 ? "1 attempt is kept in this browser. "
      : count + " attempts are kept in this browser. ";
    problem.textContent = model.get("browser_problem") || model.get("problem");
  };
  button.addEventListener("click", () => {
    const lines = kept() || model.get("lines");
    const blob = new Blob([lines.map((line) => line + "\\n").join("")], { type: "application/x-ndjson" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = FILE;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });
  model.on("change:kept", draw);
  model.on("change:problem", draw);
  model.on("change:browser_problem", draw);
  draw();
  el.append(says, button, problem);
}
export default { initialize, render };
"""
_ESM = (
    _ESM.replace("@RECORDS@", STORAGE_KEY)
    .replace("@NAME@", NAME_KEY)
    .replace("@FILE@", DOWNLOAD_NAME)
)

_CSS = """
.ipo-browser-records { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 4px 0; }
.ipo-browser-records-problem { color: var(--jp-error-color1, #c62828); }
.ipo-browser-records .ipo-download { width: auto; padding: 0 12px; }
"""


class BrowserRecords(anywidget.AnyWidget):
    """The kernel's store, mirrored into the browser's storage and given back to the next page."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    _css = traitlets.Unicode(_CSS).tag(sync=True)
    lines = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Every attempt in the kernel's store, as the JSON line of its record (codes masked)."""
    name = traitlets.Unicode("").tag(sync=True)
    """The name the trainee gave on this page or an earlier one ('' when none)."""
    kept = traitlets.Int(0).tag(sync=True)
    """How many attempts the browser keeps (the browser says)."""
    problem = traitlets.Unicode("").tag(sync=True)
    """What went wrong in the kernel the last time, in a trainee's words ('' when nothing)."""
    browser_problem = traitlets.Unicode("").tag(sync=True)
    """What the browser could not do ('' when nothing): no storage, or storage full."""

    def __init__(self, url: str | None = None, **kwargs: Any) -> None:
        """The keeper of the store at ``url`` (default: the one ``IPO_TRAINER_DB`` names)."""
        super().__init__(**kwargs)
        self.url = url
        """The store mirrored; None for the default."""
        self._listeners: list[Callable[[], None]] = []
        self.on_msg(self._on_message)
        self.keep()

    def __repr__(self) -> str:
        return f"BrowserRecords({self.kept} kept in the browser)"

    def on_restored(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after the browser gave back its records and name."""
        self._listeners.append(callback)

    def keep(self) -> None:
        """Send every attempt of the kernel's store, and the trainee's name, to the browser."""
        try:
            with trainer.Store(self.url) as store:
                records = store.records()
        except ipo.IpoError:
            self.problem = (
                "Your attempts in this page cannot be read just now: download your records "
                "before you close the page."
            )
            return
        self.problem = ""
        self.lines = [record.to_json() for record in records]
        self.name = trainer.given_trainee()

    def restore(self, lines: list[Any], name: Any = "") -> int:
        """Add the browser's ``lines`` to the kernel's store, and remember ``name``; how many were new.

        A line that is not an attempt record (storage edited by hand) is left out and said, and
        so is an attempt the store cannot take now: the browser keeps it (its storage only ever
        gains lines, and the download is made from it), so nothing is lost.  Each record is
        added on its own, so one the database refuses does not hold back the others.
        """
        if isinstance(name, str) and name.strip() and not trainer.given_trainee():
            try:
                trainer.remember_trainee(name)
            except ipo.IpoError:
                pass  # the Hub's name, or not a name: the trainee types theirs again
        records, bad = [], 0
        for line in lines if isinstance(lines, list) else []:
            try:
                records.append(trainer.AttemptRecord.from_json(str(line)))
            except ipo.IpoError:
                bad += 1
        added, unsaved = 0, 0
        for record in records:
            try:
                with trainer.Store(self.url) as store:
                    added += store.add(record)
            except ipo.IpoError:
                unsaved += 1  # still in the browser's storage, which only ever gains lines
        self.keep()
        if unsaved and not self.problem:
            self.problem = (
                f"{unsaved} of the attempts this browser kept could not be added to this page's "
                "progress just now. They are still kept in this browser, and the download has "
                "them: reload the page to try again."
            )
        if bad and not self.problem:
            self.problem = (
                f"{bad} of the attempts this browser kept could not be read and are left out."
            )
        for listener in self._listeners:
            listener()
        return added

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and "restore" in content:
            self.restore(content["restore"], content.get("name", ""))


_keeper: BrowserRecords | None = None


def browser_records() -> BrowserRecords | None:
    """The page's one keeper on a browser-only page (made on first use); None anywhere else."""
    global _keeper
    if not in_a_browser_page():
        return None
    if _keeper is None:
        _keeper = BrowserRecords()
    return _keeper
