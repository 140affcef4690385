"""A class on JupyterHub: a real Hub, a real PostgreSQL, two trainees and a supervisor over HTTP.

The Hub is ``deploy/jupyterhub_config.py`` as a class runs it, with the two switches a test
needs (``IPO_HUB_TEST_PASSWORD``: JupyterHub's DummyAuthenticator with one password, and its
SimpleLocalProcessSpawner with homes in a temporary folder), its proxy from
``deploy/node_modules``, every port a free one on 127.0.0.1, and the training records in a
PostgreSQL of the test's own (``tests/postgres.py``), whose records' owner is a role with
CREATEROLE, not a superuser, as deploy/README.md makes it. Two trainees log in through the
login form, each starts their own server, finishes an exercise in a kernel of it (over the
kernel's websocket, as a page does) and the attempts are read back from the database; each
kernel logs in to PostgreSQL as its trainee's own role, reads its own records (lesson 00's
MyProgress shows the pass) and nobody else's, and cannot store under a colleague's name;
the board shows both to the supervisor and nothing to a trainee.

Without PostgreSQL or the proxy the tests skip with the command that installs them; under
CI (``CI`` set) they fail instead. Whatever happens, the Hub, its proxy, services, servers
and kernels are stopped, and a last sweep ends any process still working in the test's
folder.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest
import requests
import sqlalchemy as sa
import websocket
from postgres import INSTALL, PostgresMissing, check_postgres, running_postgres
from servers import ROOT, free_port
from sqlalchemy.engine import make_url
from traitlets.config.loader import PyFileConfigLoader

import trainer.hub
from trainer.errors import StoreError
from trainer.hub import BOARD_SERVICE, prepare_store, trainee_role
from trainer.store import Store, mask, store_url

CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY = ROOT / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = secrets.token_urlsafe(12)
TRAINEES = ("alice", "bob")
SUPERVISOR = "sue"
#: Seconds the Hub, a trainee's server or a kernel's code may take (a 2-core machine).
PATIENCE = 150

# What a trainee does in a lesson, done from code: log off with *36 at the tip's site.
EXERCISE = """
import ipo_core as ipo, trainer, widgets
exercise = widgets.Exercise(ipo.System(ipo.load_site("tech_tip_014")), ipo.Method.LOGOFF_STAR_36)
for key in "*36":
    exercise.handset.keypad[key].click()
print(trainer.current_trainee(), exercise.attempt.passed)
"""
# What the kernel was given, and what the trainee's own records and MyProgress show.
OWN_RECORDS = """
import json, os, sys, ipo_core as ipo, trainer, widgets
from sqlalchemy.engine import make_url
given = make_url(os.environ["IPO_TRAINER_DB"])
with trainer.Store() as store:
    mine = store.records(trainer.current_trainee())
    seen = store.records()
    names = store.trainees()
progress = widgets.MyProgress([ipo.Method.LOGOFF_STAR_36])
print(json.dumps({
    "role": given.username,
    "name": os.environ["IPO_TRAINER_TRAINEE"],
    "owner_password_given": any(OWNER_PASSWORD in value for value in os.environ.values()),
    "mine": [[r.trainee, r.method, r.passed] for r in mine],
    "seen": [r.trainee for r in seen],
    "names": list(names),
    "error": None if progress.error is None else str(progress.error),
    "passed": [m.value for m in progress.passed],
    "says": progress.says_text,
    "debugger": sorted(
        m for m, loaded in sys.modules.items()
        if loaded is not None and m.split(".")[0] in ("debugpy", "pydevd")
    ),
}))
"""
# A trainee's kernel trying to store an attempt as their colleague: copy their own, rename it.
FORGE = """
import dataclasses, json, uuid, sqlalchemy as sa, trainer
with trainer.Store() as store:
    mine = store.records()[-1]
    forged = dataclasses.replace(mine, uid=uuid.uuid4().hex, trainee=COLLEAGUE)
    try:
        store.add(forged)
        said = "stored"
    except trainer.TrainerError as refused:
        said = type(refused).__name__ + ": " + str(refused)
engine = sa.create_engine(trainer.store.store_url())
try:  # and by hand, past the kit: the database itself refuses
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO attempts (uid, trainee, exercise, method, model, station, steps, "
            "mistakes, seconds, passed, started, ended, kit_version) SELECT :uid, :who, "
            "exercise, method, model, station, steps, mistakes, seconds, passed, started, "
            "ended, kit_version FROM attempts"
        ), {"uid": uuid.uuid4().hex, "who": COLLEAGUE})
    by_hand = "stored"
except sa.exc.DBAPIError as refused:
    by_hand = str(refused.orig).splitlines()[0]
finally:
    engine.dispose()
print(json.dumps({"uid": forged.uid, "said": said, "by_hand": by_hand}))
"""
# The colleague's rows, asked for every way a kernel can.
COLLEAGUES_ROWS = """
import json, sqlalchemy as sa, trainer
with trainer.Store() as store:
    theirs = store.records(COLLEAGUE)
engine = sa.create_engine(trainer.store.store_url())
with engine.connect() as connection:
    rows = connection.execute(
        sa.text("SELECT count(*) FROM attempts WHERE trainee = :who"), {"who": COLLEAGUE}
    ).scalar_one()
    hints = connection.execute(sa.text("SELECT count(*) FROM attempt_hints")).scalar_one()
    try:
        connection.execute(sa.text("DELETE FROM attempts"))
        deleted = "deleted"
    except sa.exc.DBAPIError as refused:
        deleted = str(refused.orig).splitlines()[0]
engine.dispose()
print(json.dumps({"records": len(theirs), "rows": rows, "hints": hints, "deleted": deleted}))
"""
# What a supervisor's kernel reads with the records' URL it was given: all of them.
READ_RECORDS = """
import os, trainer
from trainer.store import Store
try:
    with Store(os.environ["IPO_TRAINER_DB"]) as store:
        print("read", len(store.records()))
except trainer.TrainerError as refused:
    print("refused")
"""

T = TypeVar("T")
#: Requests with no cookies, straight to 127.0.0.1 (no proxy from the environment).
HTTP = requests.Session()
HTTP.trust_env = False
HTTP.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # keeps none


def _missing(reason: str) -> None:
    """Skip with ``reason`` (the command that installs what is missing); fail under CI."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI needs this: {reason}")
    pytest.skip(reason)


def _wait(what: str, check: Callable[[], T | None], log: Path, seconds: float = PATIENCE) -> T:
    """Call ``check`` until it returns something; fail quoting the Hub's log after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = check()
        except (requests.ConnectionError, requests.Timeout):
            found = None
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: nothing after {seconds} s. The Hub's log:\n{_tail(log)}")
        time.sleep(0.5)


def _tail(log: Path, lines: int = 60) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


def _working_in(folder: Path) -> dict[int, str]:
    """Every live process whose working folder is ``folder`` or below it, with its command line.

    The Hub's children start sessions of their own, so a process group does not hold them all.
    A zombie has no working folder to read, so it is not counted: it has ended.
    """
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cwd == folder or folder in cwd.parents:
            found[int(entry.name)] = command.strip()
    return found


def _sweep(folder: Path, grace: float = 20.0) -> dict[int, str]:
    """Wait up to ``grace`` seconds for what still works in ``folder`` to end by itself, then end
    what is left with SIGKILL; return what was left (process id: command line).

    The grace is needed, not a loosened check: on SIGTERM the Hub stops the single-user servers
    and its services and waits for them, but it stops configurable-http-proxy with a SIGTERM it
    does not wait for (``ConfigurableHTTPProxy.stop``), so the Hub can exit while Node is still
    closing.  A process still there after the grace was not stopped by the Hub at all.
    """
    ends = time.monotonic() + grace
    while (left := _working_in(folder)) and time.monotonic() < ends:
        time.sleep(0.2)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


def _make_role(admin: str, role: str, *, createrole: bool, database: str | None = None) -> str:
    """As the superuser at ``admin``: a login ``role`` (and a ``database`` it owns); its URL."""
    password = secrets.token_hex(16)
    with psycopg.connect(admin, autocommit=True) as connection:
        power = "CREATEROLE" if createrole else ""
        connection.execute(f"CREATE ROLE {role} LOGIN {power} PASSWORD '{password}'")
        if database:
            connection.execute(f"CREATE DATABASE {database} OWNER {role}")
    url = make_url(admin).set(username=role, password=password)
    if database:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


def _class_owner(admin: str) -> str:
    """The records' owner as deploy/README.md makes it: CREATEROLE, owner of the database."""
    return _make_role(admin, "ipo_class", createrole=True, database="ipo_class")


@dataclass
class Hub:
    """The running Hub: its address, log, trainees' homes and the records' URL."""

    url: str
    log: Path
    homes: Path
    records: str

    def session(self) -> requests.Session:
        """A browser of its own: its cookies, no proxy from the environment."""
        browser = requests.Session()
        browser.trust_env = False
        return browser

    def log_in(self, name: str, password: str = PASSWORD) -> requests.Session:
        """Log ``name`` in through the Hub's login form, as a browser does (with its _xsrf)."""
        browser = self.session()
        form = browser.get(f"{self.url}/hub/login", timeout=30)
        assert form.status_code == 200, form.text[:500]
        xsrf = browser.cookies.get("_xsrf", path="/hub/")
        assert xsrf, "the login page set no _xsrf cookie"
        reply = browser.post(
            f"{self.url}/hub/login",
            data={"username": name, "password": password, "_xsrf": xsrf},
            allow_redirects=False,
            timeout=30,
        )
        assert reply.status_code == 302, (reply.status_code, reply.text[:500])
        assert browser.cookies.get("jupyterhub-session-id"), "no session cookie after login"
        return browser

    def token(self, browser: requests.Session, name: str) -> str:
        """A new API token for ``name``, asked for with the login cookie (and its _xsrf)."""
        reply = browser.post(
            f"{self.url}/hub/api/users/{name}/tokens",
            json={"note": "tests/test_hub.py", "expires_in": 3600},
            headers={"X-XSRFToken": browser.cookies.get("_xsrf", path="/hub/")},
            timeout=30,
        )
        assert reply.status_code == 201, (reply.status_code, reply.text[:500])
        return str(reply.json()["token"])

    def api(self, token: str) -> dict[str, str]:
        return {"Authorization": f"token {token}"}


@dataclass
class Records:
    """The test's PostgreSQL: the records' owner's URL, and the server's superuser's."""

    owner: str
    admin: str


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Records]:
    """A PostgreSQL of this module's own, with the trainees' role made as the README says."""
    if not PROXY.exists():
        _missing(
            "configurable-http-proxy is not in deploy/node_modules: make deploy/node_modules "
            "(npm ci --prefix deploy; Node.js and npm: apt-get install nodejs npm)"
        )
    try:
        check_postgres()
    except PostgresMissing as missing:
        _missing(f"{missing} ({INSTALL})")
    with running_postgres(tmp_path_factory.mktemp("postgres")) as admin:
        yield Records(_class_owner(admin), admin)


@contextmanager
def hub_process(
    folder: Path, records: Records, python: str | Path = sys.executable, **settings: str
) -> Iterator[str]:
    """``deploy/jupyterhub_config.py`` run by ``python`` in ``folder``, on free loopback ports.

    Yields the Hub's address once its API answers.  Only the variables below (and
    ``settings``) reach it: none of this run's ``IPO_*``.  Afterwards the Hub is stopped,
    which stops every server, service and the proxy, and nothing it started may be left.
    """
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("IPO_")}
    environment.update(
        IPO_TRAINER_DB=records.owner,
        IPO_HUB_IP="127.0.0.1",
        IPO_HUB_PORT=str(port),
        IPO_HUB_INTERNAL_PORT=str(free_port()),
        IPO_HUB_PROXY_API_PORT=str(free_port()),
        IPO_HUB_BOARD_PORT=str(free_port()),
        IPO_HUB_STATE=str(folder / "state"),
        **settings,
    )
    log = folder / "jupyterhub.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(python), "-m", "jupyterhub", "-f", str(CONFIG)],
            cwd=folder,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()

        def answers() -> bool | None:
            if process.poll() is not None:
                pytest.fail(f"JupyterHub exited ({process.returncode}):\n{_tail(log)}")
            reply = HTTP.get(f"{url}/hub/api", timeout=5)
            return True if reply.status_code == 200 else None

        _wait("JupyterHub starting", answers, log)
        print(f"JupyterHub answered after {time.monotonic() - started:.1f} s")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        left = _sweep(folder)
        assert not left, f"processes left behind after the Hub stopped: {left}"


@contextmanager
def _running_hub(folder: Path, records: Records, **settings: str) -> Iterator[Hub]:
    """The Hub with the tests' login (DummyAuthenticator, every server as this user)."""
    with hub_process(
        folder,
        records,
        IPO_HUB_TEST_HOMES=str(folder / "homes"),
        IPO_HUB_TEST_PASSWORD=PASSWORD,
        IPO_HUB_SUPERVISORS=SUPERVISOR,
        **settings,
    ) as url:
        yield Hub(url, folder / "jupyterhub.log", folder / "homes", records.owner)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, records: Records) -> Iterator[Hub]:
    """The class's Hub, with the test's PostgreSQL."""
    with _running_hub(tmp_path_factory.mktemp("hub"), records) as running:
        yield running


# --- the configuration as a class gets it (no Hub started) ------------------------------------


def _load_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, real_store: bool = False, **environment: str
) -> Any:
    """``deploy/jupyterhub_config.py`` loaded as JupyterHub loads it, with ``environment`` only.

    The records' start (``prepare_store``, which needs a PostgreSQL) is replaced by a stand-in
    unless ``real_store``.
    """
    if not PROXY.exists():
        _missing("configurable-http-proxy is not in deploy/node_modules: make deploy/node_modules")
    for key in list(os.environ):
        if key.startswith("IPO_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("IPO_HUB_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("IPO_TRAINER_DB", "postgresql://ipo:pw@127.0.0.1:5432/ipo_trainer")
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    if not real_store:
        monkeypatch.setattr(trainer.hub, "prepare_store", lambda url, trainees=None: mask(url))
    return PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()


def test_a_class_gets_pam_system_accounts_and_loopback_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = _load_config(monkeypatch, tmp_path, IPO_HUB_SUPERVISORS="sue, tom")
    assert config.JupyterHub.bind_url == "http://127.0.0.1:8000/"
    assert config.JupyterHub.hub_bind_url.startswith("http://127.0.0.1:")
    assert config.ConfigurableHTTPProxy.api_url.startswith("http://127.0.0.1:")
    assert config.ConfigurableHTTPProxy.command == [str(PROXY)]
    assert config.JupyterHub.authenticator_class == "pam"
    assert config.JupyterHub.spawner_class == "localprocess"
    assert "DummyAuthenticator" not in config
    assert config.PAMAuthenticator.allowed_groups == {"trainees"}
    assert config.Authenticator.allowed_users == {"sue", "tom"}
    assert config.Authenticator.allow_existing_users is False  # out of the group: refused
    assert "--allow-root" not in config.Spawner.args
    roles = {role["name"]: role for role in config.JupyterHub.load_roles}
    assert roles["supervisor"]["users"] == ["sue", "tom"]
    assert roles["supervisor"]["scopes"] == [f"access:services!service={BOARD_SERVICE}"]
    services = {service["name"]: service for service in config.JupyterHub.services}
    assert services[BOARD_SERVICE]["url"].startswith("http://127.0.0.1:")
    assert "--timeout=1800" in services["idle-culler"]["command"]
    assert set(roles["idle-culler"]["scopes"]) == {
        "list:users",
        "read:users:activity",
        "read:servers",
        "delete:servers",
    }


def test_the_spawn_hook_s_repr_keeps_the_records_passwords_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = _load_config(
        monkeypatch,
        tmp_path,
        IPO_TRAINER_DB="postgresql://ipo:owner-s3cret@127.0.0.1:5432/ipo_trainer",
        IPO_TRAINER_DB_TRAINEES="postgresql://ipo_trainee:trainee-s3cret@127.0.0.1:5432/ipo_trainer",
    )
    shown = repr(config.Spawner.pre_spawn_hook)
    assert "00_start_here" in shown
    assert "s3cret" not in shown


def test_the_test_login_is_refused_off_loopback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit, match="IPO_HUB_TEST_PASSWORD is for tests, on 127.0.0.1 only"):
        _load_config(monkeypatch, tmp_path, IPO_HUB_IP="0.0.0.0", IPO_HUB_TEST_PASSWORD=PASSWORD)


@pytest.mark.parametrize(
    "environment",
    [
        {"IPO_HUB_TEST_PASSWORD": PASSWORD},  # a class on loopback behind nginx, say
        {"IPO_HUB_TEST_PASSWORD": "pw", "IPO_HUB_TEST_HOMES": "/tmp/homes"},
        {"IPO_HUB_TEST_PASSWORD": PASSWORD, "IPO_HUB_TEST_HOMES": "/tmp/h", "IPO_HUB_ADMINS": "x"},
    ],
)
def test_the_test_login_is_refused_on_loopback_without_the_rest_of_a_test(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, environment: dict[str, str]
) -> None:
    with pytest.raises(SystemExit, match="IPO_HUB_TEST_PASSWORD is for tests only"):
        _load_config(monkeypatch, tmp_path, **environment)


def test_the_test_login_is_the_dummy_authenticator_with_its_password(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = _load_config(
        monkeypatch,
        tmp_path,
        IPO_HUB_TEST_PASSWORD=PASSWORD,
        IPO_HUB_TEST_HOMES=str(tmp_path / "homes"),
    )
    assert config.JupyterHub.authenticator_class == "dummy"
    assert config.DummyAuthenticator.password == PASSWORD
    assert config.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "homes/{username}")


def test_an_ipv6_loopback_is_bracketed_in_the_hub_s_address(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = _load_config(monkeypatch, tmp_path, IPO_HUB_IP="::1")
    assert config.JupyterHub.bind_url == "http://[::1]:8000/"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"IPO_TRAINER_DB": ""}, "Set IPO_TRAINER_DB to the class's PostgreSQL"),
        ({"IPO_TRAINER_DB": "/srv/records.sqlite"}, "is not a PostgreSQL URL"),
        (
            {"IPO_TRAINER_DB_TRAINEES": "postgresql://ipo:other@127.0.0.1:5432/ipo_trainer"},
            "must name another role than IPO_TRAINER_DB's",
        ),
    ],
)
def test_the_hub_refuses_records_a_class_cannot_share(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, environment: dict[str, str], message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        _load_config(monkeypatch, tmp_path, real_store=True, **environment)


# --- a real Hub, a real PostgreSQL ----------------------------------------------------------


def _run_in_kernel(hub: Hub, name: str, token: str, code: str) -> str:
    """Run ``code`` in a new kernel of ``name``'s own server; return what it printed."""
    server = f"{hub.url}/user/{name}"
    reply = HTTP.post(f"{server}/api/kernels", headers=hub.api(token), json={}, timeout=60)
    assert reply.status_code == 201, (reply.status_code, reply.text[:500])
    kernel = reply.json()["id"]
    channels = websocket.create_connection(
        f"ws://127.0.0.1:{hub.url.rsplit(':', 1)[1]}/user/{name}/api/kernels/{kernel}/channels",
        header=[f"Authorization: token {token}"],
        timeout=PATIENCE,
    )
    try:
        msg_id = uuid.uuid4().hex
        channels.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": name,
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        printed, replied, idle = [], None, False
        while replied is None or not idle:
            opcode, data = channels.recv_data()
            if opcode != websocket.ABNF.OPCODE_TEXT:
                continue  # a message with binary buffers (a widget's): not ours
            message: dict[str, Any] = json.loads(data)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                trace = "\n".join(message["content"]["traceback"])
                pytest.fail(f"{name}'s kernel raised:\n{trace}")
            elif kind == "execute_reply":
                replied = message["content"]["status"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        assert replied == "ok", replied
        return "".join(printed)
    finally:
        channels.close()
        HTTP.delete(f"{server}/api/kernels/{kernel}", headers=hub.api(token), timeout=60)


@dataclass
class Trainee:
    """A user logged in, with their server started: their browser, token and what ran."""

    name: str
    browser: requests.Session
    token: str
    printed: str = ""


def _start_servers(hub: Hub, names: tuple[str, ...]) -> dict[str, Trainee]:
    """Log ``names`` in and start their servers (all at once, as a class does); wait for all."""
    started = time.monotonic()
    users = {}
    for name in names:
        browser = hub.log_in(name)
        token = hub.token(browser, name)
        reply = HTTP.post(
            f"{hub.url}/hub/api/users/{name}/server", headers=hub.api(token), timeout=60
        )
        assert reply.status_code in (201, 202), (reply.status_code, reply.text[:500])
        users[name] = Trainee(name, browser, token)
    for user in users.values():

        def ready(user: Trainee = user) -> bool | None:
            model = HTTP.get(
                f"{hub.url}/hub/api/users/{user.name}", headers=hub.api(user.token), timeout=10
            ).json()
            return True if model.get("servers", {}).get("", {}).get("ready") else None

        _wait(f"{user.name}'s server starting", ready, hub.log)
    print(f"{', '.join(names)}: servers ready after {time.monotonic() - started:.1f} s")
    return users


@pytest.fixture(scope="module")
def trained(hub: Hub) -> dict[str, Trainee]:
    """Both trainees logged in, each with their own server, each having done the exercise."""
    trainees = _start_servers(hub, TRAINEES)
    for trainee in trainees.values():
        began = time.monotonic()
        trainee.printed = _run_in_kernel(hub, trainee.name, trainee.token, EXERCISE)
        print(
            f"{trainee.name}'s exercise: {trainee.printed.strip()!r}, in {time.monotonic() - began:.1f} s"
        )
    return trainees


def test_the_hub_refuses_what_comes_without_a_login(hub: Hub) -> None:
    anonymous = hub.session()
    assert anonymous.get(f"{hub.url}/hub/api/users", timeout=30).status_code == 403
    assert anonymous.get(f"{hub.url}/hub/api/users/alice", timeout=30).status_code == 403
    for page in ("/user/alice/", f"/services/{BOARD_SERVICE}/", "/hub/home"):
        reply = anonymous.get(hub.url + page, timeout=30)
        assert reply.url.split("?")[0] == f"{hub.url}/hub/login", (page, reply.url)
    wrong = hub.session()
    wrong.get(f"{hub.url}/hub/login", timeout=30)
    reply = wrong.post(
        f"{hub.url}/hub/login",
        data={"username": "alice", "password": "not-it", "_xsrf": wrong.cookies.get("_xsrf")},
        allow_redirects=False,
        timeout=30,
    )
    assert reply.status_code == 403
    assert not wrong.cookies.get("jupyterhub-session-id")


def test_each_trainee_gets_their_own_copy_of_the_lessons(hub: Hub, trained: dict) -> None:
    for name in TRAINEES:
        lessons = hub.homes / name / "lessons"
        assert (lessons / "02_logon_three_ways.ipynb").is_file(), sorted(lessons.iterdir())
        assert (hub.homes / name / ".ipo-trainer").is_dir()


def test_each_trainee_finishes_the_exercise_under_their_own_name(trained: dict) -> None:
    for name, trainee in trained.items():
        assert trainee.printed.split() == [name, "True"]


def test_both_attempts_are_in_the_one_database_under_the_right_names(
    hub: Hub, trained: dict
) -> None:
    with Store(hub.records, upgrade=False) as store:
        records = store.records()
    assert sorted(r.trainee for r in records) == sorted(TRAINEES)
    assert all(r.method == "logoff-star-36" and r.passed for r in records)


def test_a_trainee_lands_on_the_agents_lesson_in_voila(hub: Hub, trained: dict) -> None:
    browser = trained["alice"].browser
    page = browser.get(f"{hub.url}/user/alice/", timeout=PATIENCE)
    assert page.status_code == 200, page.text[:500]
    assert page.url.startswith(f"{hub.url}/user/alice/voila/render/00_start_here.ipynb")
    assert "Start here: the IP Office logon-agent kit" in page.text  # the lesson, rendered


def _owner_password(hub: Hub) -> str:
    return str(make_url(hub.records).password)


def test_a_trainees_kernel_reads_its_own_records_and_my_progress_shows_the_pass(
    hub: Hub, trained: dict
) -> None:
    alice = trained["alice"]
    code = f"OWNER_PASSWORD = {_owner_password(hub)!r}\n{OWN_RECORDS}"
    seen = json.loads(_run_in_kernel(hub, "alice", alice.token, code))
    assert seen["role"] == trainee_role("alice")  # a role of her own, not the owner's
    assert seen["owner_password_given"] is False
    assert seen["name"] == "alice"  # the Hub's name, which trainer.identity reads first
    assert seen["mine"] == [["alice", "logoff-star-36", True]]
    assert seen["seen"] == seen["names"] == ["alice"]  # all she can read is hers
    assert seen["error"] is None
    assert seen["passed"] == ["logoff-star-36"]
    assert "cannot be shown" not in seen["says"]
    assert seen["debugger"] == []  # the trainee kernel (trainer/kernel.py), as the Hub sets it


def test_a_trainees_kernel_cannot_store_an_attempt_under_a_colleagues_name(
    hub: Hub, trained: dict
) -> None:
    with Store(hub.records, upgrade=False) as store:
        before = store.records()
    alice = trained["alice"]
    code = f"COLLEAGUE = 'bob'\n{FORGE}"
    tried = json.loads(_run_in_kernel(hub, "alice", alice.token, code))
    assert tried["said"].startswith("RecordRefused: "), tried
    assert "row-level security" in tried["said"]
    assert "row-level security" in tried["by_hand"], tried
    with Store(hub.records, upgrade=False) as store:
        after = store.records()
    assert after == before  # nothing stored, by the kit or by hand
    assert tried["uid"] not in {r.uid for r in after}
    assert sorted(r.trainee for r in after) == sorted(TRAINEES)


def test_a_trainee_cannot_read_or_delete_a_colleagues_rows(hub: Hub, trained: dict) -> None:
    bob = trained["bob"]
    code = f"COLLEAGUE = 'alice'\n{COLLEAGUES_ROWS}"
    seen = json.loads(_run_in_kernel(hub, "bob", bob.token, code))
    assert seen["records"] == seen["rows"] == 0, seen
    assert "permission denied" in seen["deleted"]
    with Store(hub.records, upgrade=False) as store:  # alice's attempt is there, all the same
        assert [r.trainee for r in store.records("alice")] == ["alice"]
        assert seen["hints"] == sum(len(r.hints) for r in store.records("bob"))  # his own only


def test_a_supervisor_lands_in_jupyterlab_and_can_read_the_records(hub: Hub, trained: dict) -> None:
    supervisor = _start_servers(hub, (SUPERVISOR,))[SUPERVISOR]
    page = supervisor.browser.get(f"{hub.url}/user/{SUPERVISOR}/", timeout=PATIENCE)
    assert page.status_code == 200, page.text[:500]
    assert page.url.startswith(f"{hub.url}/user/{SUPERVISOR}/lab")
    printed = _run_in_kernel(hub, SUPERVISOR, supervisor.token, READ_RECORDS)
    assert printed.split() == ["read", str(len(TRAINEES))]


def test_a_trainee_cannot_reach_another_trainees_server(hub: Hub, trained: dict) -> None:
    bob = trained["bob"]
    server = f"{hub.url}/user/alice"
    assert HTTP.get(f"{server}/api/kernels", timeout=30).status_code == 403
    reply = HTTP.get(f"{server}/api/kernels", headers=hub.api(bob.token), timeout=30)
    assert reply.status_code == 403
    assert bob.browser.get(f"{server}/lab", timeout=30).status_code == 403


def test_the_board_shows_both_trainees_to_the_supervisor_only(hub: Hub, trained: dict) -> None:
    board = f"{hub.url}/services/{BOARD_SERVICE}/"
    page = hub.log_in(SUPERVISOR).get(board, timeout=60)
    assert page.status_code == 200, page.text[:500]
    assert all(name in page.text for name in TRAINEES), page.text[:2000]
    refused = trained["alice"].browser.get(board, timeout=60)
    assert refused.status_code == 403
    assert "bob" not in refused.text


def test_an_old_shared_trainees_role_loses_its_rights_as_the_hub_starts(
    records: Records,
) -> None:
    # IPO_TRAINER_DB_TRAINEES as the kit had it: one role for every trainee, adding under any
    # name. The Hub no longer gives it to kernels, and takes away what it was granted.
    shared = _make_role(records.admin, "ipo_trainee", createrole=False)
    shared = make_url(shared).set(database="ipo_class").render_as_string(hide_password=False)
    Store(records.owner).close()
    engine = sa.create_engine(store_url(records.owner))
    with engine.begin() as connection:
        connection.execute(
            sa.text("GRANT INSERT, SELECT ON attempts, attempt_hints TO ipo_trainee")
        )
    engine.dispose()
    assert prepare_store(records.owner, shared) == mask(store_url(records.owner))
    with pytest.raises(StoreError, match="do not allow this login"):
        with Store(shared) as store:
            store.records()


def test_the_hub_refuses_an_owner_that_cannot_make_trainees_roles(records: Records) -> None:
    plain = _make_role(records.admin, "ipo_plain", createrole=False, database="ipo_plain")
    with pytest.raises(StoreError, match="may not create roles.*ALTER ROLE ipo_plain CREATEROLE"):
        prepare_store(plain)


def test_an_idle_server_is_stopped_by_the_culler(
    tmp_path_factory: pytest.TempPathFactory, records: Records
) -> None:
    # A Hub of its own, whose culler stops servers idle for 6 s (checking every 3 s).
    with _running_hub(tmp_path_factory.mktemp("culled"), records, IPO_HUB_IDLE_TIMEOUT="6") as hub:
        carol = _start_servers(hub, ("carol",))["carol"]

        def stopped() -> bool | None:
            model = HTTP.get(
                f"{hub.url}/hub/api/users/carol", headers=hub.api(carol.token), timeout=10
            ).json()
            return True if "" not in model.get("servers", {}) else None

        began = time.monotonic()
        _wait("the culler stopping carol's idle server", stopped, hub.log, seconds=60)
        print(f"carol's idle server was stopped after {time.monotonic() - began:.1f} s")
