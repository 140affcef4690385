"""The ``ipo-trainer`` command: the lessons' servers and site, the readiness audit, the progress board.

::

    ipo-trainer lab [--ip ADDRESS] [--port PORT] [--no-browser]
    ipo-trainer app [--ip ADDRESS] [--port PORT] [--no-browser] [--all] [--cull-idle SECONDS]
    ipo-trainer lite [--output DIR]
    ipo-trainer audit SITE
    ipo-trainer card SITE [--agent NAME [--with-code]] [--out FOLDER]
    ipo-trainer progress [--import FILE [FILE ...]] [--db URL] [--csv FILE]
    ipo-trainer reset [LESSON | --all]

``lab`` is JupyterLab on the trainee's own copy of the lessons (:mod:`trainer.workspace`);
``app`` the agents' lessons in Voila, code hidden.  Both listen on 127.0.0.1 unless given
``--ip``, and always with a token (:mod:`trainer.launch`).  ``lite`` builds the agents'
lessons as a site that runs in the browser alone (:mod:`trainer.lite`); its trainees
download their attempts as a file, which ``progress --import`` adds to the training
records before it shows the board.  Exit status: 0 done, 1 the audit has findings, 2 a bad
argument or a file or store that cannot be read, each said in a line on stderr that starts
``ipo-trainer: error:``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import ipo_core as ipo
from trainer import card, launch, lite, workspace
from trainer.board import progress
from trainer.errors import RecordRefused, StoreError, StoreUnavailable, TrainerError
from trainer.records import AttemptRecord
from trainer.store import Store, store_url

__all__ = ["command_line", "main", "parser"]

PROG = "ipo-trainer"


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line that says where the help is, and exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The subcommands' parsers by name, so each reports its own unknown options.
        self.subcommands: dict[str, argparse.ArgumentParser] = {}

    def error(self, message: str) -> NoReturn:
        line = " ".join(message.split()).rstrip(".")
        self.exit(2, f"{PROG}: error: {line} (see `{self.prog} --help`).\n")

    def parse_command(self, argv: Sequence[str]) -> argparse.Namespace:
        """``parse_args``, but an unknown option is reported by its subcommand's parser."""
        known, extra = self.parse_known_args(list(argv))
        if extra:
            where = self.subcommands.get(known.command, self)
            where.error(f"unrecognized arguments: {' '.join(extra)}")
        return known


def _shipped_sites() -> tuple[str, ...]:
    """The names of the sites shipped with the kit (``ipo.site_path`` lists them when asked)."""
    try:
        ipo.site_path("")
    except ipo.UnknownName as error:
        return error.known
    return ()


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give 1 to 65535")
    return port


def _seconds(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        seconds = 0
    if seconds < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds: give one such as 1800"
        )
    return seconds


def _ip(text: str) -> str:
    try:
        return launch.check_ip(text)
    except TrainerError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _server_options(sub: argparse.ArgumentParser, default_port: int) -> None:
    sub.add_argument(
        "--ip",
        type=_ip,
        default=launch.LOOPBACK,
        metavar="ADDRESS",
        help="The address to listen on (default 127.0.0.1: this computer only). 0.0.0.0 lets "
        "anyone on the network who has the token in; the token is always required.",
    )
    sub.add_argument(
        "--port",
        type=_port,
        metavar="PORT",
        help=f"The port to listen on (default: the first free one from {default_port}).",
    )
    sub.add_argument(
        "--no-browser",
        dest="open_browser",
        action="store_false",
        help="Print the address with its token, but do not open a browser here.",
    )


def _site_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "site",
        metavar="SITE",
        help="A site file (TOML, as Config.save writes it) or the name of a shipped site: "
        + ", ".join(_shipped_sites())
        + ".",
    )


def parser() -> _Parser:
    """The command's parser: one subcommand each for lab, app, lite, audit, card, progress, reset."""
    top = _Parser(
        prog=PROG,
        description="The IP Office logon-agent training kit: the lessons, the readiness audit "
        "and the training records.",
        allow_abbrev=False,
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    lab = commands.add_parser(
        "lab",
        help="JupyterLab on your own copy of the lessons.",
        description="Start JupyterLab on your own working copy of the lessons (made on first "
        "run, so the kit's originals stay clean) and print its address with the token.",
        allow_abbrev=False,
    )
    _server_options(lab, launch.LAB_PORT)

    app = commands.add_parser(
        "app",
        help="The agents' lessons as pages in Voila, code hidden.",
        description="Serve the agents' lessons (00, 02, 03) in Voila as pages without code, "
        "and print the address with the token. Every page gets a kernel of its own, so a room "
        "of trainees can share one server.",
        allow_abbrev=False,
    )
    _server_options(app, launch.VOILA_PORT)
    app.add_argument(
        "--all",
        dest="every_lesson",
        action="store_true",
        help="Serve every lesson, the supervisors' and engineers' too (still without code).",
    )
    app.add_argument(
        "--cull-idle",
        type=_seconds,
        metavar="SECONDS",
        help="End a lesson's kernel once it has been idle this long with its page gone (a "
        "laptop shut, a connection lost); 1800 is half an hour.",
    )

    site = commands.add_parser(
        "lite",
        help="The agents' lessons as a site that runs in the browser alone (JupyterLite).",
        description="Build the agents' lessons (00, 02, 03) as a static JupyterLite site with "
        "a Pyodide kernel: no Python server and no network once it is built, served by any "
        "web server (python -m http.server -d DIR). The code is folded away and each lesson "
        "says how to start it; the trainees' attempts are kept in their browsers, and "
        "downloaded for `ipo-trainer progress --import`. Built from the kit's source folder "
        "with the lite extra (pip install -e '.[lite]') and Pyodide from npm (npm ci --prefix "
        "lite), as `make lite` does; the wheels come from PyPI.",
        allow_abbrev=False,
    )
    site.add_argument(
        "--output",
        metavar="DIR",
        type=Path,
        help="The folder to build the site in (default: build/lite in the kit's folder). A "
        "site built there before is replaced; a folder holding anything else is refused.",
    )

    audit = commands.add_parser(
        "audit",
        help="The tech tip's readiness audit of a site, as a table.",
        description="Audit a site for CCC reporting as the tech tip asks. Exit status: 0 no "
        "findings, 1 findings, 2 the site file cannot be read.",
        allow_abbrev=False,
    )
    _site_option(audit)

    cards = commands.add_parser(
        "card",
        help="Each agent's quick reference card, as PDF for A4 and Letter paper.",
        description="Write a print-ready quick reference card for each agent of a site (or "
        "one): their extension, the site's own logon and logoff short codes and buttons, the "
        "Menu steps for their handset and what its display shows. Each card is one page, "
        "written twice: card-NAME-a4.pdf and card-NAME-letter.pdf. The login code is a blank "
        "to write in, unless --with-code.",
        allow_abbrev=False,
    )
    _site_option(cards)
    cards.add_argument(
        "--agent",
        metavar="NAME",
        help="Only this agent's card (a user name such as Agent3000, or an extension).",
    )
    cards.add_argument(
        "--with-code",
        action="store_true",
        help="Print the agent's login code on their own card (only with --agent).",
    )
    cards.add_argument(
        "--out",
        metavar="FOLDER",
        type=Path,
        default=Path("cards"),
        help="The folder to write the PDFs in (default: cards, made when missing).",
    )

    progress = commands.add_parser(
        "progress",
        help="The trainees' progress board, as a table or CSV.",
        description="Read the training records and show, for each trainee, each method "
        "practised: attempts, passes and mistakes. With --import, first add the attempts that "
        "trainees downloaded from the browser-only site (`ipo-trainer lite`).",
        allow_abbrev=False,
    )
    progress.add_argument(
        "--import",
        dest="imports",
        metavar="FILE",
        type=Path,
        nargs="+",
        help="Add the attempts in these files (ipo-training-records.jsonl, as a lesson's "
        "download button saves it) to the store first. Every line is checked before anything "
        "is written; an attempt already there is not added twice, so an import can be run "
        "again. Makes the store when it does not exist yet.",
    )
    progress.add_argument(
        "--db",
        metavar="URL",
        help="The store to read (a SQLAlchemy URL or a SQLite file; default IPO_TRAINER_DB, "
        "else this computer's own records). Without --import it must exist already.",
    )
    progress.add_argument(
        "--csv",
        metavar="FILE",
        type=Path,
        help="Write the board to FILE as CSV instead (- for standard output).",
    )

    reset = commands.add_parser(
        "reset",
        help="Put a fresh copy of a lesson in your working copy.",
        description="Replace your copy of a lesson (every lesson when none is named) with a "
        "fresh one from the kit. A lesson you edited is kept in .backup/ first.",
        allow_abbrev=False,
    )
    reset.add_argument(
        "lesson",
        metavar="LESSON",
        nargs="?",
        help="The lesson, by number (02) or name (02_logon_three_ways); default: every lesson.",
    )
    reset.add_argument("--all", action="store_true", help="Reset every lesson (the default).")
    top.subcommands.update(commands.choices)
    return top


# --- lab and app ----------------------------------------------------------------------------


def _server(args: argparse.Namespace, first_port: int) -> launch.Server:
    port = args.port if args.port is not None else launch.choose_port(first_port, args.ip)
    return launch.Server(args.ip, port, launch.make_token(), open_browser=args.open_browser)


def command_line(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """For ``lab`` or ``app`` ARGV: the server's command line and what is printed before it.

    Makes the trainee's working copy (or the pages) as a side effect; TrainerError when it
    cannot.  SystemExit(2) for a bad argument, as :func:`main`.
    """
    return _plan(parser().parse_command(argv))


def _plan(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    if args.command == "lab":
        launch.check_installed("jupyterlab", "JupyterLab")
        folder = workspace.ensure_lessons()
        server = _server(args, launch.LAB_PORT)
        root = launch.is_root()
        return launch.lab_command(folder, server, as_root=root), launch.notices(
            server, f"JupyterLab on your copy of the lessons in {folder}", "/lab", as_root=root
        )
    if args.command == "app":
        launch.check_installed("voila", "Voila")
        names = workspace.LESSONS if args.every_lesson else workspace.AGENT_LESSONS
        folder = workspace.pages(names)
        server = _server(args, launch.VOILA_PORT)
        lines = launch.notices(server, "Voila: each lesson opens as a page with no code")
        if not args.every_lesson:
            lines.append("Agents: open 02_logon_three_ways, then 03_logoff_three_ways.")
        return launch.app_command(folder, server, cull_idle=args.cull_idle), lines
    raise ValueError(f"{args.command!r} starts no server: give lab or app")


# --- audit ----------------------------------------------------------------------------------


def _site_file(site: str) -> Path:
    """The site file ``site`` names: a path, or a shipped site's name."""
    path = Path(site)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    try:
        return ipo.site_path(site)
    except ipo.UnknownName as error:
        raise TrainerError(
            f"There is no site file {site!r} and no shipped site by that name (shipped: "
            f"{', '.join(error.known)}): give a TOML file's path or a shipped site's name."
        ) from None


def _table(rows: Sequence[tuple[str, str, str]], width: int) -> str:
    """``rows`` of (kind, subject, what to change) as columns wrapped to ``width``."""
    heading = ("kind", "subject", "what to change")
    kind_w = max(len(r[0]) for r in (heading, *rows))
    subject_w = min(32, max(len(r[1]) for r in (heading, *rows)))
    text_w = max(30, width - kind_w - subject_w - 4)
    lines = [
        f"{heading[0]:<{kind_w}}  {heading[1]:<{subject_w}}  {heading[2]}",
        f"{'-' * kind_w}  {'-' * subject_w}  {'-' * min(text_w, 40)}",
    ]
    for kind, subject, change in rows:
        subjects = textwrap.wrap(subject, subject_w, break_on_hyphens=False) or [""]
        changes = textwrap.wrap(change, text_w, break_on_hyphens=False) or [""]
        for i in range(max(len(subjects), len(changes))):
            left = kind if i == 0 else ""
            middle = subjects[i] if i < len(subjects) else ""
            right = changes[i] if i < len(changes) else ""
            lines.append(f"{left:<{kind_w}}  {middle:<{subject_w}}  {right}".rstrip())
    return "\n".join(lines)


def _audit(site: str) -> int:
    path = _site_file(site)
    try:
        config = ipo.Config.load(path)
    except ipo.ConfigFileError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    rows = [("refused", p.subject, p.message) for p in config.validate()]
    rows += [(f.kind.value, f.subject, f"{f.problem} {f.fix}") for f in ipo.audit(config)]
    if not rows:
        print(f"{path}: no findings; the site is ready for CCC reporting.")
        return 0
    counts = {kind: sum(r[0] == kind for r in rows) for kind in dict.fromkeys(r[0] for r in rows)}
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    width = shutil.get_terminal_size((100, 24)).columns
    print(f"{path}: {len(rows)} finding{'s' * (len(rows) != 1)} ({summary}).\n")
    print(_table(rows, width))
    return 1


# --- card -----------------------------------------------------------------------------------


def _card(site: str, agent: str | None, with_code: bool, out: Path) -> int:
    config = ipo.Config.load(_site_file(site))
    written = card.write_cards(config, out, agent, with_code=with_code)
    agents = len(written) // len(card.PAPER_SIZES)
    print(f"Wrote {agents} card{'s' * (agents != 1)} (one A4 page and one Letter page each):")
    for path in written:
        print(f"  {path}")
    return 0


# --- progress and reset ---------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _attempts_in(files: Sequence[Path]) -> list[AttemptRecord]:
    """Every attempt in ``files`` (JSON Lines, blank lines skipped), each line checked first."""
    records = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise TrainerError(
                f"--import {str(path)!r} cannot be read ({error.strerror}): nothing was imported. "
                "Give the file the trainee downloaded (ipo-training-records.jsonl)."
            ) from None
        except UnicodeDecodeError:
            raise TrainerError(
                f"--import {str(path)!r} is not text (it is no records file a lesson saved): "
                "nothing was imported. Give the file the trainee downloaded "
                "(ipo-training-records.jsonl)."
            ) from None
        # Only "\n" ends a line: a record's text may hold U+2028, which splitlines() splits at.
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append(AttemptRecord.from_json(line))
            except StoreError as error:
                raise TrainerError(
                    f"{str(path)!r}, line {number}, is not an attempt record "
                    f"({_what_is_wrong(error)}): nothing was imported. Give the file as the "
                    "lesson's download button saved it, or remove that line, and run the "
                    "import again."
                ) from None
    return records


def _what_is_wrong(error: StoreError) -> str:
    """What AttemptRecord.from_json found wrong with a line, in a few words."""
    cause = error.__cause__
    if isinstance(cause, KeyError):
        return f"it has no {cause.args[0]!r}"
    if isinstance(cause, json.JSONDecodeError):
        return f"not JSON: {cause.msg} at character {cause.pos + 1}"
    return str(cause or error)


def _import(url: str, files: Sequence[Path]) -> None:
    """Add the attempts in ``files`` to the store at ``url`` in one transaction, and say so."""
    records = list({r.uid: r for r in _attempts_in(files)}.values())  # a uid counts once
    again = "run the import again (an attempt already there is not added twice)"
    try:
        with Store(url) as store:
            new = store.add_all(records)
    except StoreUnavailable as error:
        raise TrainerError(
            f"The training records at {error.where} cannot be written ({error.reason}): nothing "
            f"was imported. Check --db (or IPO_TRAINER_DB) and that the database is running, "
            f"then {again}."
        ) from None
    except RecordRefused as error:
        raise TrainerError(f"{error} Remove that attempt's line, then {again}.") from None
    already = len(records) - new
    there = f" ({already} {'was' if already == 1 else 'were'} already in the training records)"
    print(
        f"Imported {_plural(new, 'attempt')} from {_plural(len(files), 'file')}"
        f"{there if already else ''}."
    )


def _progress(db: str | None, csv: Path | None, imports: Sequence[Path] | None = None) -> int:
    url = store_url(db)
    if imports:
        _import(url, imports)  # the store is made if it is not there yet: that is the point
    elif db is not None and url.startswith("sqlite:///") and not Path(url[10:]).exists():
        # Opening a store makes it: a mistyped --db would show an empty board, and leave a file.
        raise TrainerError(
            f"There are no training records at {db!r}: check the path given to --db."
        )
    elif url.startswith("sqlite:///") and not Path(url[10:]).exists():
        # This machine's own store, not made yet: nobody has finished an exercise here. Said
        # so, and left unmade (a board that opened a store would leave an empty file behind).
        print(
            f"No training records yet: {url[10:]} is made when the first exercise is "
            "finished on this computer (or give --db, or set IPO_TRAINER_DB, for a class's)."
        )
        return 0
    try:
        with Store(url) as store:
            records = store.records()
    except StoreUnavailable as error:
        raise TrainerError(
            f"The training records at {error.where} cannot be read ({error.reason}): check "
            "--db (or IPO_TRAINER_DB) and that the database is running."
        ) from None
    board = progress(records)
    if csv is None:
        print(board.table())
        common = board.common_mistakes(5)
        if common:
            print("\nThe hints given most (the mistakes to coach):")
            for mistake in common:
                print(f"  {mistake.count} x {mistake.hint} ({mistake.method.title})")
        return 0
    if str(csv) == "-":
        board.to_csv(sys.stdout)
        return 0
    try:
        board.to_csv(csv)
    except OSError as error:
        raise TrainerError(
            f"--csv {str(csv)!r} cannot be written ({error.strerror}): give a file in a folder "
            "you can write."
        ) from None
    print(f"Wrote the board of {len(records)} attempts ({len(board.rows)} rows) to {csv}.")
    return 0


def _lite(output: Path | None) -> int:
    site = lite.build(output)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"The site is in {site} ({size / 1e6:.0f} MB). Serve it with any web server, such as:")
    print(f"    python -m http.server -d {site}")
    print(f"Its address opens the first lesson ({lite.START}); the agents go on to 02 and 03.")
    return 0


def _reset(lesson: str | None, every: bool) -> int:
    if lesson is not None and every:
        raise TrainerError(
            "Name one lesson (such as 02) or give --all, not both (see `ipo-trainer reset --help`)."
        )
    written = workspace.reset_lesson(lesson)
    for path in written:
        print(f"Fresh copy: {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ipo-trainer ARGV`` (``sys.argv[1:]`` when None); the exit status."""
    try:
        args = parser().parse_command(sys.argv[1:] if argv is None else argv)
        if args.command in ("lab", "app"):
            cmd, lines = _plan(args)
            # The agents' pages run the trainee kernel (trainer/kernel.py: no debugger).
            env = launch.app_environment() if args.command == "app" else None
            launch.run(cmd, lines, env)  # never returns: the server takes this process
        if args.command == "audit":
            return _audit(args.site)
        if args.command == "card":
            return _card(args.site, args.agent, args.with_code, args.out)
        if args.command == "progress":
            return _progress(args.db, args.csv, args.imports)
        if args.command == "lite":
            return _lite(args.output)
        if args.command == "reset":
            return _reset(args.lesson, args.all)
        raise AssertionError(f"no handler for {args.command!r}")  # parser and main disagree
    except SystemExit as stop:  # argparse: --help (0) or a bad argument (2, already said)
        return stop.code if isinstance(stop.code, int) else 2
    except ipo.IpoError as error:  # TrainerError among them: a sentence saying what to do
        print(f"{PROG}: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
