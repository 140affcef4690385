"""The agents' lessons in the browser alone (``make lite``) against Voila (``make bench`` section).

``lite``: what an agent with only a browser downloads and waits for, beside what the same
agent waits for on the kit's Voila server, in one run (the machine is shared and noisy, so
the figure that counts is the ratio of the two, not either time alone).

The site's size: the site is built afresh into a temporary folder with the command
``make lite`` runs (``ipo-trainer lite --output DIR``, or ``scripts/build_lite.py --output
DIR`` where that command is not there yet), or an already built one is measured
(``--lite-site build/lite``).  Its bytes are split into the Pyodide runtime (the folder
holding ``pyodide.asm.wasm``, its wheels left out), the wheels (every ``*.whl`` in the
site: the kit's, its dependencies' and the kernel's own), the lessons (``files/``: the
notebooks the site opens with) and JupyterLite's own application (everything else).

Lesson 02 to a usable handset: seconds from ``page.goto`` to the moment a key pressed on
the phone of the ``*35*Extn*Code#`` exercise shows on its display, so the handset is drawn
and its kernel answers.  On the site (served by ``python -m http.server`` on loopback, as
the browser test serves it) the page is ``lab/index.html?path=02_logon_three_ways.ipynb``,
and once JupyterLab says ``Python (Pyodide) | Idle`` it is run from Run > Run All Cells, as
the lesson's first cell tells the agent; on Voila (``ipo-trainer app``, started as
``browser_speed.py`` starts it) the page is ``/voila/render/02_logon_three_ways.ipynb``,
which runs by itself.  The key is ``*`` (the first of ``*35*``), pressed in the page and
watched with a MutationObserver on the phone; a press that changes nothing within
``RETRY_MS`` (the kernel still busy with the cells below, or the widget not yet wired) is
pressed again, so the time is when the phone first answers.

Cold is a new browser context (a new profile: an empty cache and empty storage); warm is
the same lesson opened again in the same context, the browser's disk cache holding the
runtime and the wheels.  Each run is one profile, cold then warm; the site's and Voila's
runs alternate, so noise falls on both.  Printed: the median of the runs, the site's over
Voila's, and for the site the seconds until the kernel said Idle and the MB the server
sent (read from its log).  A progress line for each opening goes to stderr.

Every host but 127.0.0.1 is refused by Chromium itself (``--host-resolver-rules``), and
every request the pages make to another host is counted; the site's must be none.  The
refusal is not done with Playwright's ``route`` as in ``tests/test_lite_site.py``, since
routing turns the browser's cache off, and with it the warm runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# browser_speed has put tests/ on the path: front_ends.py starts the trainee's servers, and
# servers.py knows Chromium and serves a folder.
from front_ends import PATIENCE, trainer_server
from servers import CHROMIUM, CHROMIUM_ARGS, Running, free_port, serving

ROOT = Path(__file__).resolve().parent.parent
#: The lesson opened, and the heading of the exercise whose phone is pressed.
LESSON = "02_logon_three_ways.ipynb"
EXERCISE = "*35*Extn*Code#"
#: The key pressed: the first of the logon code, which shows on the display at once.
KEY = "*"
#: Milliseconds a press may take to show before the key is pressed again.
RETRY_MS = 1000
#: What JupyterLab's status bar says once the site's kernel has started.
IDLE = "Python (Pyodide) | Idle"
#: Chromium resolves no host but loopback: a request to any other fails before it leaves.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

# Run in the page on the exercise's phone: press KEY until the display changes; the presses
# it took (null: no change within the patience).
PRESS_UNTIL_SHOWN = """
async (phone, [key, retryMs, patienceMs]) => {
  const shown = () =>
    Array.from(phone.querySelectorAll('.ipo-lcd-line'), (line) => line.textContent).join('\\n');
  const button = () => Array.from(phone.querySelectorAll('button.ipo-dial')).find(
    (b) => b.textContent.trim() === key);
  const before = shown();
  const deadline = performance.now() + patienceMs;
  for (let presses = 1; performance.now() < deadline; presses++) {
    const changed = await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (shown() === before) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(true);
      });
      const timer = setTimeout(() => { observer.disconnect(); resolve(shown() !== before); },
                               retryMs);
      observer.observe(phone, {subtree: true, childList: true, characterData: true});
      button().click();
    });
    if (changed) return presses;
  }
  return null;
}
"""


# --- the site and its size ---------------------------------------------------------------------


def build_command(output: Path) -> list[str]:
    """The command ``make lite`` runs, writing the site to ``output``.

    ``ipo-trainer lite --output DIR`` where the kit has it, else ``scripts/build_lite.py``.
    """
    new = [sys.executable, "-m", "trainer.cli", "lite"]
    probe = subprocess.run([*new, "--help"], capture_output=True, cwd=ROOT, check=False)
    if probe.returncode == 0:
        return [*new, "--output", str(output)]
    return [sys.executable, str(ROOT / "scripts" / "build_lite.py"), "--output", str(output)]


def build_site(output: Path, log: Path) -> str:
    """The site built into ``output`` (its output in ``log``); the command, as text."""
    command = build_command(output)
    with open(log, "wb") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        said = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the site did not build ({' '.join(command)}):\n{said}")
    shown = [Path(command[0]).name, *command[1:]]
    return " ".join(shown).replace(str(output), "DIR").replace(str(ROOT) + "/", "")


@dataclass(frozen=True)
class SiteSize:
    """The bytes of a built site, by part."""

    pyodide: int
    """The Pyodide runtime: its folder's files but the wheels (the WebAssembly, the stdlib)."""
    wheels: int
    """Every wheel in the site: the kit's, its dependencies' and the kernel's own."""
    lessons: int
    """``files/``: the lessons the site opens with."""
    app: int
    """JupyterLite's own application: everything else."""
    files: dict[str, int] = field(default_factory=dict)
    """How many files each part has."""

    @property
    def total(self) -> int:
        """The whole site's bytes."""
        return self.pyodide + self.wheels + self.lessons + self.app


def site_size(site: Path) -> SiteSize:
    """The bytes of the site in ``site``, split into its parts."""
    runtimes = {p.parent for p in site.rglob("pyodide.asm.wasm")}
    parts = {"pyodide": 0, "wheels": 0, "lessons": 0, "app": 0}
    files = dict.fromkeys(parts, 0)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".whl":
            part = "wheels"
        elif path.parent in runtimes:
            part = "pyodide"
        elif path.relative_to(site).parts[0] == "files":
            part = "lessons"
        else:
            part = "app"
        parts[part] += path.stat().st_size
        files[part] += 1
    return SiteSize(**parts, files=files)


@contextmanager
def static_server(site: Path, log: Path) -> Iterator[str]:
    """``python -m http.server`` on ``site``, on loopback, until the block ends; its address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "http.server", "-b", "127.0.0.1", str(port), "-d", str(site)]
    with serving(command, log, base, name="http.server", patience=30):
        yield base


def sent_bytes(site: Path, log_lines: list[str]) -> int:
    """The bytes of the files ``http.server`` answered with 200 in ``log_lines``."""
    sent = 0
    for line in log_lines:
        try:
            request, status = line.split('"')[1], line.split('"')[2].split()[0]
            path = urllib.parse.unquote(urllib.parse.urlsplit(request.split()[1]).path)
        except IndexError:
            continue
        if status != "200":
            continue
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            sent += file.stat().st_size
    return sent


# --- a lesson to a usable handset ---------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """One opening of the lesson, timed from ``page.goto``."""

    usable: float
    """Seconds until a key pressed on the exercise's phone showed on its display."""
    idle: float | None
    """Seconds until the site's kernel said Idle (None on Voila, whose page runs by itself)."""
    presses: int
    """Presses it took: more than one when the first came before the kernel answered."""
    sent_mb: float | None = None
    """MB the static server sent for this opening (None on Voila)."""


def usable_after(page: Any, start: float) -> tuple[float, int]:
    """Seconds from ``start`` until the exercise's phone answers a key, and the presses it took."""
    task = page.locator(".ipo-exercise").filter(has=page.locator("h3", has_text=EXERCISE))
    phone = task.locator(".ipo-handset")
    phone.locator("button.ipo-dial").first.wait_for()
    presses = phone.evaluate(PRESS_UNTIL_SHOWN, [KEY, RETRY_MS, PATIENCE * 1000])
    end = time.perf_counter()
    if presses is None:
        raise RuntimeError(f"the {EXERCISE} phone's display did not change in {PATIENCE} s")
    return end - start, int(presses)


def open_site(page: Any, base: str) -> Opened:
    """Lesson 02 on the site, run from Run > Run All Cells once the kernel is Idle."""
    start = time.perf_counter()
    page.goto(f"{base}lab/index.html?path={LESSON}")
    # The status bar's, not the lesson's first cell, which quotes it to the agent.
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for()
    idle = time.perf_counter() - start
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_text("Run All Cells", exact=True).click()
    usable, presses = usable_after(page, start)
    return Opened(usable, idle, presses)


def open_voila(page: Any, voila: Running) -> Opened:
    """Lesson 02 on Voila, which runs every cell by itself."""
    start = time.perf_counter()
    page.goto(voila.url(f"/voila/render/{LESSON}"))
    usable, presses = usable_after(page, start)
    return Opened(usable, None, presses)


@dataclass
class FrontEnd:
    """What one front end's runs gave: cold and warm openings, and requests to other hosts."""

    name: str
    cold: list[Opened] = field(default_factory=list)
    warm: list[Opened] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    """Every URL a page asked another host for (each refused)."""
    error: str | None = None


def one_profile(
    playwright: Any,
    profile: Path,
    front: FrontEnd,
    opener: Callable[[Any], Opened],
    base: str,
    sent: Callable[[], float] | None,
    label: str,
) -> None:
    """A browser on a new profile: the lesson opened cold, then again warm, added to ``front``.

    A profile of its own (``launch_persistent_context``), not ``new_context``: it starts
    with an empty cache and empty storage and then keeps a disk cache as an agent's browser
    does; Playwright's other contexts cache in memory only, which does not hold Pyodide's
    9.6 MB WebAssembly file, so a warm opening would fetch it again.
    """
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, LOOPBACK_ONLY],
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(PATIENCE * 1000)

    def count(request: Any) -> None:
        url = request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(base):
            front.elsewhere.append(url)

    context.on("request", count)
    try:
        for runs, kind in ((front.cold, "cold"), (front.warm, "warm")):
            page = context.new_page()
            opened = opener(page)
            page.close()
            if sent is not None:
                opened = Opened(opened.usable, opened.idle, opened.presses, sent())
            runs.append(opened)
            said = f"  {front.name} {kind} {label}: usable at {opened.usable:.1f} s"
            if opened.idle is not None:
                said += f" (kernel Idle at {opened.idle:.1f} s)"
            if opened.sent_mb is not None:
                said += f", {opened.sent_mb:.1f} MB from the server"
            if opened.presses > 1:
                said += f", {opened.presses} presses"
            print(said, file=sys.stderr, flush=True)
    finally:
        context.close()


def measure(site: Path, runs: int) -> tuple[FrontEnd, FrontEnd]:
    """``runs`` new profiles each on the site and on Voila, alternating; their openings."""
    from playwright.sync_api import sync_playwright

    on_site, on_voila = FrontEnd("JupyterLite"), FrontEnd("Voila")
    with tempfile.TemporaryDirectory(prefix="ipo-lite-speed-") as folder, ExitStack() as stack:
        home = Path(folder)
        log = home / "http.log"
        base = stack.enter_context(static_server(site, log))
        server = stack.enter_context(trainer_server("app", home, home / "voila.log"))
        read = [0]  # lines of the server's log already counted

        def sent() -> float:
            lines = log.read_text(errors="replace").splitlines()
            new, read[0] = lines[read[0] :], len(lines)
            return sent_bytes(site, new) / 1e6

        sent()  # what serving() asked while the server started
        plan: list[tuple[FrontEnd, Callable[[Any], Opened], str, Callable[[], float] | None]] = [
            (on_site, lambda page: open_site(page, base), base, sent),
            (on_voila, lambda page: open_voila(page, server), server.base, None),
        ]
        with sync_playwright() as p:
            for n in range(1, runs + 1):
                for front, opener, address, counter in plan:
                    if front.error is not None:
                        continue
                    profile = home / f"profile-{front.name}-{n}"
                    try:
                        one_profile(p, profile, front, opener, address, counter, f"{n}/{runs}")
                    except Exception as error:  # noqa: BLE001 - a benchmark says why and goes on
                        front.error = " ".join(str(error).split())[:300]
                        print(f"  {front.name}: {front.error}", file=sys.stderr, flush=True)
    return on_site, on_voila


def _median(openings: list[Opened], figure: Callable[[Opened], float | None]) -> float | None:
    values = [v for v in map(figure, openings) if v is not None]
    return statistics.median(values) if values else None


def _cell(value: float | None, width: int) -> str:
    return f"{value:>{width}.1f}" if value is not None else f"{'-':>{width}}"


def print_size(size: SiteSize, built: str) -> None:
    """The table of the site's parts."""
    print(f"The site: {built}")
    header = f"{'part':<44}{'MB':>7}{'files':>7}{'share':>7}"
    print(header)
    print("-" * len(header))
    for key, name in (
        ("pyodide", "Pyodide runtime (WebAssembly, stdlib, lock)"),
        ("wheels", "wheels (the kit, its needs, the kernel's)"),
        ("app", "JupyterLite's own application"),
        ("lessons", "the lessons (files/)"),
    ):
        part = getattr(size, key)
        print(f"{name:<44}{part / 1e6:>7.1f}{size.files[key]:>7}{part / size.total:>7.0%}")
    print(f"{'total':<44}{size.total / 1e6:>7.1f}{sum(size.files.values()):>7}")


def print_times(on_site: FrontEnd, on_voila: FrontEnd) -> None:
    """The table of the openings, the ratio, and the requests to other hosts."""
    header = (
        f"{'front end':<13}{'cold s':>8}{'warm s':>8}{'Idle cold':>11}{'Idle warm':>11}"
        f"{'MB cold':>9}{'MB warm':>9}{'runs':>6}{'other hosts':>13}"
    )
    print(header)
    print("-" * len(header))
    medians = {}
    for front in (on_site, on_voila):
        cold = _median(front.cold, lambda o: o.usable)
        warm = _median(front.warm, lambda o: o.usable)
        medians[front.name] = (cold, warm)
        print(
            f"{front.name:<13}{_cell(cold, 8)}{_cell(warm, 8)}"
            f"{_cell(_median(front.cold, lambda o: o.idle), 11)}"
            f"{_cell(_median(front.warm, lambda o: o.idle), 11)}"
            f"{_cell(_median(front.cold, lambda o: o.sent_mb), 9)}"
            f"{_cell(_median(front.warm, lambda o: o.sent_mb), 9)}"
            f"{len(front.cold):>6}{len(front.elsewhere):>13}"
        )
        if front.error is not None:
            print(f"  {front.name} not measured in full: {front.error}  FAIL  <<<")
    (lite_cold, lite_warm), (voila_cold, voila_warm) = medians["JupyterLite"], medians["Voila"]
    ratios = [
        f"{a / b:.2f}x" if a is not None and b is not None else "-"
        for a, b in ((lite_cold, voila_cold), (lite_warm, voila_warm))
    ]
    print(f"{'lite / Voila':<13}{ratios[0]:>8}{ratios[1]:>8}")
    for front in (on_site, on_voila):
        hosts = Counter(urllib.parse.urlsplit(url).netloc for url in front.elsewhere)
        asked = ", ".join(f"{host} x{n}" for host, n in hosts.most_common()) or "none"
        print(f"Other hosts {front.name}'s pages asked (each refused): {asked}")
    alone = not on_site.elsewhere and on_site.error is None and bool(on_site.cold)
    print(
        f"Requests from the site's pages to any host but 127.0.0.1 (each refused): "
        f"{len(on_site.elsewhere)}; target 0  {'PASS' if alone else 'FAIL  <<<'}"
    )


def missing(site: Path | None) -> list[str]:
    """What the section needs and this machine lacks, each with the command that brings it."""
    import importlib.util

    lacks = []
    if not Path(CHROMIUM).exists():
        lacks.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        lacks.append("Playwright (pip install -e '.[test]', as make does)")
    if site is None:
        if importlib.util.find_spec("jupyterlite_pyodide_kernel") is None:
            lacks.append("JupyterLite (pip install -e '.[lite]', as make lite does)")
        if not (ROOT / "lite" / "node_modules" / "pyodide" / "pyodide.mjs").exists():
            lacks.append("Pyodide (npm ci --prefix lite, as make lite does)")
    elif not (site / "lab" / "index.html").exists():
        lacks.append(f"built site in {site} (make lite)")
    return lacks


def lite(args: argparse.Namespace) -> None:
    """The ``lite`` section: the site's size, and lesson 02 to a usable handset beside Voila."""
    runs = args.repeats
    given: Path | None = getattr(args, "lite_site", None)
    print(
        f"Lite: the agents' lessons as a JupyterLite site (make lite), its size, and lesson 02 "
        f"from page.goto to a key on the {EXERCISE} exercise's phone showing on its display, "
        f"in headless Chromium with every host but 127.0.0.1 refused, beside the same on Voila "
        f"(ipo-trainer app); cold (a new browser context) and warm (the lesson opened again in "
        f"it), median of {runs} each; target: no request to another host."
    )
    lacks = missing(given)
    if lacks:
        print("  skipped: no " + "; no ".join(lacks))
        return
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ipo-lite-site-") as folder:
        if given is None:
            site = Path(folder) / "site"
            try:
                built = "built afresh by " + build_site(site, Path(folder) / "build.log")
            except RuntimeError as error:
                print(f"  not measured: {error}  FAIL  <<<")
                return
        else:
            site, built = given, f"{given}, as built before"
        print_size(site_size(site), built)
        print(flush=True)  # before the progress lines on stderr
        print_times(*measure(site, runs))
    print(
        f"(site built, servers started, pages opened and measured in {time.perf_counter() - start:.0f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    """The ``lite`` section alone: ``python benchmarks/lite_speed.py [--site DIR] [--runs N]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site",
        type=Path,
        dest="lite_site",
        metavar="DIR",
        help="measure this built site (build/lite) instead of building one",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        dest="repeats",
        metavar="N",
        help="contexts on each front end, each cold then warm (default 3)",
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--runs must be 1 or more.")
    lite(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
