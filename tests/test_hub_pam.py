"""A class's own login, for real: PAM accounts, each trainee's server as their own Unix account.

``tests/test_hub.py`` runs ``deploy/jupyterhub_config.py`` with the test login
(``IPO_HUB_TEST_PASSWORD``: DummyAuthenticator, every server as the Hub's own user). This
module runs the same configuration as a class gets it, without that switch: JupyterHub's
PAMAuthenticator (Debian's ``login`` PAM service, the server's own passwords), logins only
for the group ``trainees`` and the supervisors named, and LocalProcessSpawner, which starts
each trainee's server as their own account after ``trainer.hub.SpawnHook`` has copied the
lessons into their home as that account. The records are in a PostgreSQL of the test's own,
made as tests/test_hub.py makes it (its ``records`` fixture).

It makes four throw-away accounts (``useradd``, homes in a temporary folder, random
passwords given with ``chpasswd``): two trainees in the group ``trainees`` (made if the
machine has none, and removed after), a supervisor outside it, and an outsider who is
neither. The trainees log in over HTTP with their passwords and finish an exercise each in a
kernel of their own server; the test checks the uid of every server and kernel, who owns
every file in their homes, that each kernel holds a PostgreSQL role of its trainee's own (not
the owner's), and the attempts in PostgreSQL; a wrong password and the outsider are refused,
and the supervisor, outside the group, logs in and sees both trainees on the board. Whatever
happens, the Hub (and with it every server) is stopped, what was left of the test's processes
is ended, and the accounts are deleted (``userdel -r``).

It needs root (useradd, and a Hub that starts servers as other users): as another user it
skips saying so, and under CI (``CI`` set; .ci/run runs as root) it fails instead.

The trainees' accounts must be able to run the kit's Python (deploy/README.md installs it in
/opt/ipo-logon-kit for that). A venv made from a Python under /root (pyenv's, as on the
development machines and in CI, whose .venv is built by ``make venv`` with the first
python3.x on PATH) cannot be run by any other account, since /root is private. The test then
runs the Hub, and so every server, kernel and the lessons' copy, from a stand-in venv in its
own folder: the system's Python of the same version (``/usr/bin/python3.11``) with the kit's
own site-packages, ``share`` and ``etc`` linked in, nothing copied. A .venv that a trainee can
run (``make venv BASE_PYTHON=/usr/bin/python3.11`` in a clone every account can read) is used
as it is.
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pamela  # type: ignore[import-untyped]
import pytest
import requests
import test_hub
from sqlalchemy.engine import make_url
from test_hub import (
    EXERCISE,
    PATIENCE,
    Hub,
    Records,
    Trainee,
    _missing,
    _run_in_kernel,
    _start_servers,
    _tail,
    hub_process,
)

import trainer.hub
from trainer.hub import BOARD_SERVICE, LESSONS_FOLDER, TRAINER_FOLDER
from trainer.store import Store

#: The test's PostgreSQL, as tests/test_hub.py makes it: ``records.owner`` is the records' owner.
records = test_hub.records
#: The group whose members may log in (the configuration's default).
GROUP = "trainees"
#: The accounts' comment (GECOS): what this module made, should a run be killed before it ends.
TAG = "ipo-logon-kit tests/test_hub_pam.py"
TOOLS = ("useradd", "userdel", "groupadd", "groupdel", "chpasswd", "runuser")
#: What a trainee's account must be able to do with the Python that runs the Hub.
CAN_RUN = (
    "import jupyterhub.singleuser, trainer.hub, trainer.workspace as w; "
    "assert w.LESSONS, 'no lessons readable in ' + str(w.KIT_LESSONS)"
)
# Printed by each trainee's kernel after the exercise: who it runs as, and where.
WHO = """
import os
print("ids", os.getuid(), os.geteuid(), os.getgid(), os.getegid(), *sorted(os.getgroups()))
print("home", os.environ["HOME"])
from sqlalchemy.engine import make_url
print("role", make_url(os.environ["IPO_TRAINER_DB"]).username)
"""


@dataclass(frozen=True)
class Account:
    """A throw-away account: its name, password and what the system gave it."""

    name: str
    password: str = field(repr=False)
    uid: int
    gid: int
    home: Path


@dataclass(frozen=True)
class Accounts:
    """The class's accounts: two trainees, a supervisor and an outsider (neither)."""

    trainees: tuple[Account, ...]
    supervisor: Account
    outsider: Account
    group: int

    def __iter__(self) -> Iterator[Account]:
        return iter((*self.trainees, self.supervisor, self.outsider))

    @property
    def passwords(self) -> dict[str, str]:
        return {account.name: account.password for account in self}


@dataclass
class PamHub(Hub):
    """The Hub with PAM: each login gives its account's own password."""

    passwords: dict[str, str] = field(default_factory=dict, repr=False)

    def log_in(self, name: str, password: str | None = None) -> requests.Session:
        return super().log_in(name, self.passwords[name] if password is None else password)


def _run(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, input=stdin, capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr}")
    return done


def _uids(path: str, field_name: str) -> list[int]:
    """A ``/proc/PID/status`` field of numbers (``Uid``, ``Gid``, ``Groups``)."""
    for line in Path(path).read_text().splitlines():
        if line.startswith(f"{field_name}:"):
            return [int(number) for number in line.split()[1:]]
    return []


def _processes_of(uid: int) -> list[int]:
    """Every live process whose real or effective uid is ``uid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if uid in _uids(f"{entry}/status", "Uid")[:2]:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _servers_of(name: str) -> dict[int, str]:
    """The ``jupyterhub-singleuser`` processes serving ``name`` (their JUPYTERHUB_USER)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if "jupyterhub-singleuser" in command and f"JUPYTERHUB_USER={name}".encode() in environment:
            found[int(entry.name)] = command.strip()
    return found


def _remove_account(name: str) -> None:
    """End whatever still runs as ``name`` (all this module's), then ``userdel -r`` it."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    for pid in _processes_of(uid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for _ in range(50):  # a killed process holds its uid until it is reaped
        if not _processes_of(uid):
            break
        time.sleep(0.1)
    _run(["userdel", "--remove", name])


def _left_from_a_killed_run() -> None:
    """Delete the accounts a run killed before its end left (its tag, its home gone)."""
    for entry in pwd.getpwall():
        if entry.pw_gecos == TAG and not Path(entry.pw_dir).exists():
            _remove_account(entry.pw_name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The test's folder, which the accounts may enter (their homes are in it): root only.

    Removed afterwards; the Hub's log is kept in pytest's own temporary folder.
    """
    if os.geteuid() != 0:
        _missing(
            "tests/test_hub_pam.py needs root: it makes system accounts (useradd) and a Hub "
            "that starts servers as them; run it as root, as CI (.ci/run) does"
        )
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        _missing(f"{', '.join(missing)} not found: apt-get install passwd util-linux")
    made = Path(tempfile.mkdtemp(prefix="ipo-hub-pam-"))
    made.chmod(0o711)  # others may pass through to their homes, not list it
    try:
        yield made
    finally:
        if (made / "jupyterhub.log").exists():
            shutil.copy(made / "jupyterhub.log", tmp_path_factory.mktemp("hub-pam-log"))
        shutil.rmtree(made, ignore_errors=True)


@pytest.fixture(scope="module")
def accounts(folder: Path) -> Iterator[Accounts]:
    """Two trainees in ``trainees``, a supervisor and an outsider; deleted afterwards."""
    _left_from_a_killed_run()
    homes = folder / "homes"
    homes.mkdir(mode=0o711)
    homes.chmod(0o711)
    made_group = False
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        _run(["groupadd", GROUP])
        made_group = True
    suffix = secrets.token_hex(3)
    made: list[Account] = []
    try:
        for who, trainee in (("ana", True), ("bob", True), ("sue", False), ("eve", False)):
            name, password = f"{who}{suffix}", secrets.token_urlsafe(18)
            _run(
                [
                    "useradd",
                    "--create-home",
                    f"--home-dir={homes / name}",
                    "--shell=/bin/bash",
                    "--user-group",
                    f"--comment={TAG}",
                    *([f"--groups={GROUP}"] if trainee else []),
                    name,
                ]
            )
            entry = pwd.getpwnam(name)
            made.append(Account(name, password, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir)))
            _run(["chpasswd"], stdin=f"{name}:{password}\n")
        yield Accounts(tuple(made[:2]), made[2], made[3], grp.getgrnam(GROUP).gr_gid)
    finally:
        problems = []
        for account in reversed(made):
            try:
                _remove_account(account.name)
            except RuntimeError as problem:
                problems.append(str(problem))
        if made_group and not grp.getgrnam(GROUP).gr_mem:  # another run may use it now
            _run(["groupdel", GROUP])
        assert not problems, problems


def _runs_for(account: Account, python: Path) -> str:
    """'' when ``account`` can run the Hub's servers with ``python``; else what it said."""
    done = subprocess.run(
        [str(shutil.which("runuser")), "-u", account.name, "--", str(python), "-c", CAN_RUN],
        capture_output=True,
        text=True,
        cwd="/",
        env={"PATH": "/usr/bin:/bin", "HOME": str(account.home)},
        timeout=120,
        check=False,
    )
    return "" if done.returncode == 0 else (done.stderr.strip() or f"exit {done.returncode}")[-300:]


def _stand_in(folder: Path, base: Path) -> Path:
    """A venv of ``base`` over the kit's own site-packages, share and etc (links, no copy)."""
    kit = folder / "kit"
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    (kit / "bin").mkdir(parents=True)
    (kit / "lib" / version).mkdir(parents=True)
    (kit / "bin" / "python").symlink_to(base)
    (kit / "lib" / version / "site-packages").symlink_to(sysconfig.get_paths()["purelib"])
    for shared in ("share", "etc"):  # Jupyter's data (Voila's templates) and server extensions
        if (Path(sys.prefix) / shared).is_dir():
            (kit / shared).symlink_to(Path(sys.prefix) / shared)
    (kit / "pyvenv.cfg").write_text(
        f"home = {base.parent}\ninclude-system-site-packages = false\n", encoding="utf-8"
    )
    # What .venv/bin/jupyterhub-singleuser is, for this Python (c.Spawner.cmd runs it).
    singleuser = kit / "bin" / "jupyterhub-singleuser"
    singleuser.write_text(
        f"#!{kit / 'bin' / 'python'}\nimport sys\nfrom jupyterhub.singleuser import main\n"
        "sys.exit(main())\n",
        encoding="utf-8",
    )
    for path in (kit, kit / "bin", kit / "lib", kit / "lib" / version, singleuser):
        path.chmod(0o755)
    return kit / "bin" / "python"


@pytest.fixture(scope="module")
def python(folder: Path, accounts: Accounts) -> Path:
    """The Python the Hub runs with (its servers' too): one the trainees' accounts can run."""
    trainee = accounts.trainees[0]
    own = Path(sys.executable)
    said = _runs_for(trainee, own)
    if not said:
        return own
    minor = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = next(
        (b for b in (Path("/usr/bin") / minor, Path("/usr/local/bin") / minor) if b.exists()), None
    )
    if base is not None:
        stand_in = _stand_in(folder, base)
        also = _runs_for(trainee, stand_in)
        if not also:
            print(
                f"The kit's Python {own} (in {own.resolve().parent}) cannot be run by a trainee "
                f"({said}): the Hub runs from {stand_in.parent.parent} ({base} with the kit's "
                "site-packages) instead"
            )
            return stand_in
        said += f"; nor {base} with the kit's site-packages: {also}"
    _missing(
        f"a trainee's account cannot run the kit's Python {own} ({own.resolve()}: {said}), and "
        f"no {minor} outside /root could stand in: install the kit where every account "
        f"can read it, with a Python they can run (deploy/README.md: /opt/ipo-logon-kit, "
        f"`make venv BASE_PYTHON=/usr/bin/{minor}`; apt-get install {minor})"
    )
    raise AssertionError("unreachable")  # _missing skips or fails


@contextmanager
def _running_pam_hub(
    folder: Path, python: Path, records: Records, accounts: Accounts
) -> Iterator[PamHub]:
    """``deploy/jupyterhub_config.py`` as a class runs it (PAM, LocalProcessSpawner), as root.

    No test login, and no IPO_TRAINER_DB_TRAINEES (the Hub gives each trainee a PostgreSQL
    role of their own): of the ``IPO_*`` variables only the supervisors' names are added.
    """
    with hub_process(folder, records, python, IPO_HUB_SUPERVISORS=accounts.supervisor.name) as url:
        yield PamHub(
            url, folder / "jupyterhub.log", folder / "homes", records.owner, accounts.passwords
        )


@pytest.fixture(scope="module")
def hub(folder: Path, python: Path, records: Records, accounts: Accounts) -> Iterator[PamHub]:
    with _running_pam_hub(folder, python, records, accounts) as running:
        yield running


@pytest.fixture(scope="module")
def trained(hub: PamHub, accounts: Accounts) -> dict[str, Trainee]:
    """Both trainees logged in with their passwords, servers started, the exercise done."""
    trainees = _start_servers(hub, tuple(account.name for account in accounts.trainees))
    for trainee in trainees.values():
        began = time.monotonic()
        trainee.printed = _run_in_kernel(hub, trainee.name, trainee.token, EXERCISE + WHO)
        print(
            f"{trainee.name}'s exercise: {trainee.printed.split()[:2]}, in {time.monotonic() - began:.1f} s"
        )
    return trainees


def _log_in_refused(hub: PamHub, name: str, password: str) -> None:
    browser = hub.session()
    browser.get(f"{hub.url}/hub/login", timeout=30)
    reply = browser.post(
        f"{hub.url}/hub/login",
        data={"username": name, "password": password, "_xsrf": browser.cookies.get("_xsrf")},
        allow_redirects=False,
        timeout=30,
    )
    assert reply.status_code == 403, (name, reply.status_code, reply.text[:300])
    assert not browser.cookies.get("jupyterhub-session-id"), name


def test_the_class_s_hub_has_no_test_login(hub: PamHub) -> None:
    said = hub.log.read_text(errors="replace")
    assert "PAMAuthenticator" in said, _tail(hub.log)
    assert "IPO_HUB_TEST_PASSWORD is set" not in said
    assert "DummyAuthenticator" not in said


def test_a_trainee_s_wrong_password_is_refused(hub: PamHub, accounts: Accounts) -> None:
    ana, bob = accounts.trainees
    pamela.authenticate(ana.name, ana.password, service="login")  # the right one would do
    _log_in_refused(hub, ana.name, ana.password + "x")
    _log_in_refused(hub, ana.name, bob.password)  # another account's password


def test_an_account_outside_the_group_is_refused_with_its_right_password(
    hub: PamHub, accounts: Accounts
) -> None:
    outsider = accounts.outsider
    assert outsider.name not in grp.getgrgid(accounts.group).gr_mem
    # Its password is right (PAM's login service, as the Hub asks it): only the group refuses.
    pamela.authenticate(outsider.name, outsider.password, service="login")
    _log_in_refused(hub, outsider.name, outsider.password)
    _log_in_refused(hub, "root", accounts.outsider.password)


def test_each_trainee_s_server_and_kernel_run_as_their_own_account(
    trained: dict[str, Trainee], accounts: Accounts
) -> None:
    for account in accounts.trainees:
        groups = {account.gid, accounts.group}
        servers = _servers_of(account.name)
        assert servers, f"no jupyterhub-singleuser process for {account.name}"
        for pid in servers:
            assert set(_uids(f"/proc/{pid}/status", "Uid")) == {account.uid}, servers[pid]
            assert set(_uids(f"/proc/{pid}/status", "Gid")) == {account.gid}, servers[pid]
            assert set(_uids(f"/proc/{pid}/status", "Groups")) == groups, servers[pid]
        printed = dict(line.split(" ", 1) for line in trained[account.name].printed.splitlines())
        ids = [int(number) for number in printed["ids"].split()]
        assert ids[:4] == [account.uid, account.uid, account.gid, account.gid], printed
        assert set(ids[4:]) == groups, printed
        assert printed["home"] == str(account.home)


def test_each_trainee_s_kernel_holds_a_postgresql_role_of_their_own(
    trained: dict[str, Trainee], accounts: Accounts, records: Records
) -> None:
    owner = make_url(records.owner).username
    roles = set()
    for account in accounts.trainees:
        printed = dict(line.split(" ", 1) for line in trained[account.name].printed.splitlines())
        assert printed["role"] != owner, "a trainee's kernel holds the records' owner's URL"
        assert printed["role"] == trainer.hub.trainee_role(account.name)
        roles.add(printed["role"])
    assert len(roles) == len(accounts.trainees)


def test_each_trainee_s_lessons_are_in_their_home_and_theirs(
    trained: dict[str, Trainee], accounts: Accounts
) -> None:
    for account in accounts.trainees:
        lessons = account.home / LESSONS_FOLDER
        assert (lessons / "02_logon_three_ways.ipynb").is_file(), sorted(lessons.iterdir())
        assert (account.home / TRAINER_FOLDER).is_dir()
        # Root wrote nothing in the home: every file in it is the trainee's.
        others = [
            f"{path} ({path.lstat().st_uid}:{path.lstat().st_gid})"
            for path in (account.home, *account.home.rglob("*"))
            if (path.lstat().st_uid, path.lstat().st_gid) != (account.uid, account.gid)
        ]
        assert not others, others


def test_each_attempt_is_in_postgresql_under_the_trainee_s_login(
    trained: dict[str, Trainee], accounts: Accounts, records: Records
) -> None:
    for account in accounts.trainees:
        assert trained[account.name].printed.split()[:2] == [account.name, "True"]
    with Store(records.owner, upgrade=False) as store:
        stored = store.records()
    assert sorted(r.trainee for r in stored) == sorted(a.name for a in accounts.trainees)
    assert all(r.method == "logoff-star-36" and r.passed for r in stored)


def test_the_supervisor_logs_in_outside_the_group_and_sees_both_trainees(
    hub: PamHub, trained: dict[str, Trainee], accounts: Accounts
) -> None:
    assert accounts.supervisor.name not in grp.getgrgid(accounts.group).gr_mem
    page = hub.log_in(accounts.supervisor.name).get(
        f"{hub.url}/services/{BOARD_SERVICE}/", timeout=PATIENCE
    )
    assert page.status_code == 200, page.text[:500]
    assert all(account.name in page.text for account in accounts.trainees), page.text[:2000]
