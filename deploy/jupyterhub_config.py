# A class on one server: JupyterHub for the kit, in the manner of The Littlest JupyterHub.
#
#     jupyterhub -f deploy/jupyterhub_config.py        (as root; deploy/README.md has the rest)
#
# One host, one Python environment (this kit's .venv, which runs the Hub, every trainee's
# server and the services), the proxy from the npm registry in deploy/node_modules, the Hub's
# own state in a folder, and every trainee's attempts in one PostgreSQL (IPO_TRAINER_DB).
# Everything that differs from one class to the next is an environment variable, with a safe
# default; nothing here is specific to a machine.
#
#   IPO_TRAINER_DB          the training records, postgresql://USER:PASSWORD@HOST:PORT/DB (required);
#                           its role owns them (the Hub, the board and supervisors use it) and
#                           has CREATEROLE: the Hub gives each trainee a PostgreSQL role of their own
#   IPO_TRAINER_DB_TRAINEES no longer used (it named one role shared by every trainee): when set,
#                           the Hub takes that role's rights away and its log says to unset it
#   IPO_HUB_IP, IPO_HUB_PORT   where trainees connect; default 127.0.0.1:8000 (this machine only)
#   IPO_HUB_SSL_KEY, IPO_HUB_SSL_CERT   the key and certificate for HTTPS; default none (plain HTTP)
#   IPO_HUB_STATE           the Hub's own database and cookie secret; default /var/lib/ipo-hub
#   IPO_HUB_TRAINEES_GROUP  the Unix group whose members may log in; default "trainees"
#   IPO_HUB_SUPERVISORS     user names (comma-separated) who see the board and land in JupyterLab
#   IPO_HUB_ADMINS          user names (comma-separated) who administer the Hub; default nobody
#   IPO_HUB_IDLE_TIMEOUT    seconds after which an idle server or kernel is stopped; default 1800
#   IPO_HUB_INTERNAL_PORT, IPO_HUB_PROXY_API_PORT, IPO_HUB_BOARD_PORT
#                           loopback ports of the Hub, the proxy's API and the board; 8081, 8001, 8082
#
# For tests only (tests/test_hub.py): IPO_HUB_TEST_PASSWORD switches to JupyterHub's
# DummyAuthenticator (any name, this one password) and SimpleLocalProcessSpawner (servers run
# as the Hub's own user, homes under IPO_HUB_TEST_HOMES). It is never the default, and it is
# refused unless the Hub listens on loopback, IPO_HUB_TEST_HOMES is set, the password has at
# least 16 characters and no IPO_HUB_ADMINS are named.

import ipaddress
import logging
import os
import sys
from pathlib import Path

from trainer.hub import (
    BOARD_SERVICE,
    CULLER_SCOPES,
    CULLER_SERVICE,
    SUPERVISOR_ROLE,
    SUPERVISOR_SCOPES,
    SpawnHook,
    names,
    prepare_store,
)

c = get_config()  # noqa: F821 (JupyterHub's config loader provides get_config)
log = logging.getLogger("JupyterHub")
env = os.environ.get

DEPLOY = Path(__file__).resolve().parent
# The kit's environment: the Hub runs in it, and so do the trainees' servers and kernels, the
# board and the culler (one install to keep up to date, as in TLJH's user environment).
BIN = Path(sys.executable).parent

# --- Where trainees connect: loopback unless told otherwise ------------------------------------
# Safe by default: on 127.0.0.1 only this machine reaches the Hub. A class sets IPO_HUB_IP to the
# server's address (or 0.0.0.0) and, on any network but a closed training room, puts the Hub
# behind HTTPS (deploy/README.md). Every page and API call then still needs a login or a token.
IP = env("IPO_HUB_IP", "127.0.0.1")
PORT = int(env("IPO_HUB_PORT", "8000"))
try:
    LOOPBACK = ipaddress.ip_address(IP).is_loopback
except ValueError:  # "" (every address) or a host name
    LOOPBACK = IP == "localhost"
# HTTPS by the Hub itself when given a certificate (Let's Encrypt's, say); otherwise put the Hub
# behind a server that speaks TLS (nginx, Caddy) and leave it on loopback (deploy/README.md).
SSL_KEY, SSL_CERT = env("IPO_HUB_SSL_KEY", ""), env("IPO_HUB_SSL_CERT", "")
HTTPS = bool(SSL_KEY and SSL_CERT)
if (SSL_KEY or SSL_CERT) and not HTTPS:
    raise SystemExit("Give both IPO_HUB_SSL_KEY and IPO_HUB_SSL_CERT for HTTPS, or neither.")
if HTTPS:
    c.JupyterHub.ssl_key, c.JupyterHub.ssl_cert = SSL_KEY, SSL_CERT
HOST = f"[{IP}]" if ":" in IP else IP  # an IPv6 address is bracketed in a URL
c.JupyterHub.bind_url = f"{'https' if HTTPS else 'http'}://{HOST}:{PORT}/"
if LOOPBACK:
    log.info("The Hub listens on %s:%s only (set IPO_HUB_IP to open it to a class).", IP, PORT)
elif HTTPS:
    log.info("The Hub listens on %s:%s (IPO_HUB_IP), over HTTPS.", IP, PORT)
else:
    log.warning(
        "The Hub listens on %s:%s (IPO_HUB_IP) over plain HTTP: passwords cross the network "
        "readable; give it a certificate or put it behind HTTPS (deploy/README.md).",
        IP,
        PORT,
    )

# The Hub itself, the proxy's API and the board listen on loopback only, whatever IPO_HUB_IP
# says: only the proxy is for trainees' browsers.
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{int(env('IPO_HUB_INTERNAL_PORT', '8081'))}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('IPO_HUB_PROXY_API_PORT', '8001'))}"
BOARD_URL = f"http://127.0.0.1:{int(env('IPO_HUB_BOARD_PORT', '8082'))}"

# --- The proxy: configurable-http-proxy from the npm registry, pinned by the committed lock -----
# `make deploy/node_modules` (or `npm ci --prefix deploy`) installs exactly the versions in
# deploy/package-lock.json into this folder; nothing is installed globally.
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
if not PROXY.exists():
    raise SystemExit(
        f"The proxy is not installed at {PROXY}: run `make deploy/node_modules` "
        "(or `npm ci --prefix deploy`; Node.js and npm: `apt-get install nodejs npm`)."
    )
c.ConfigurableHTTPProxy.command = [str(PROXY)]

# --- The Hub's own state: its SQLite database and cookie secret, in one folder ------------------
# The Hub's database holds users, tokens and servers: small, and the Hub's alone (the training
# records are in PostgreSQL). For a larger class, JupyterHub's own database moves too (README).
STATE = Path(env("IPO_HUB_STATE", "/var/lib/ipo-hub"))
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# --- Who may log in -----------------------------------------------------------------------------
SUPERVISORS = names(env("IPO_HUB_SUPERVISORS"))
ADMINS = names(env("IPO_HUB_ADMINS"))
TEST_PASSWORD = env("IPO_HUB_TEST_PASSWORD", "")
SERVER_ARGS = []
if TEST_PASSWORD:
    # Tests only: any user name with this one password, servers as the Hub's own user.
    # Loopback alone does not make it a test (a class behind nginx is on loopback too): a test
    # also names its own homes, gives a password that is not a guess, and has no admins.
    if not LOOPBACK:
        raise SystemExit(
            "IPO_HUB_TEST_PASSWORD is for tests, on 127.0.0.1 only: unset it to run a class."
        )
    if not env("IPO_HUB_TEST_HOMES") or ADMINS or len(TEST_PASSWORD) < 16:
        raise SystemExit(
            "IPO_HUB_TEST_PASSWORD is for tests only (which also set IPO_HUB_TEST_HOMES, use a "
            "password of at least 16 characters and name no IPO_HUB_ADMINS): unset it to run "
            "a class."
        )
    log.warning("IPO_HUB_TEST_PASSWORD is set: test login (DummyAuthenticator), not for a class.")
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = TEST_PASSWORD
    c.JupyterHub.spawner_class = "simple"
    HOMES = Path(env("IPO_HUB_TEST_HOMES", ""))
    c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
    if os.geteuid() == 0:
        # The test's servers run as root (CI does); JupyterLab refuses to without this.
        SERVER_ARGS.append("--allow-root")
else:
    # PAM: the machine's own accounts and passwords (JupyterHub's default authenticator). The
    # trainees' servers run as those accounts (LocalProcessSpawner), so each trainee's files,
    # kernels and lessons are theirs alone, as in TLJH. Adding a trainee is `adduser` plus
    # membership of the trainees' group (deploy/README.md). NativeAuthenticator (sign-up in
    # the browser) would need accounts made by hand anyway for the spawner, so PAM it is.
    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.allowed_groups = {env("IPO_HUB_TRAINEES_GROUP", "trainees")}
    # Only those named, never any account on the machine (root included): supervisors and
    # admins need not be in the trainees' group.
    c.Authenticator.allowed_users = set(SUPERVISORS) | set(ADMINS)
    # Who may log in is decided at each login: someone taken out of the group (or out of the
    # names above) is refused, though the Hub's database still remembers them. (JupyterHub
    # lets every user it remembers in while allowed_users is set, unless told not to.)
    c.Authenticator.allow_existing_users = False
    c.JupyterHub.spawner_class = "localprocess"
c.Authenticator.admin_users = set(ADMINS)

# --- The training records: one PostgreSQL for every kernel --------------------------------------
# Its schema is brought up to date here, once, as the Hub starts, so trainees' kernels never
# migrate it; a database that cannot be reached stops the Hub now, not at a trainee's first
# exercise. A trainee's server can run code (JupyterLab is one URL away from the Voila page), so
# whatever URL it holds, the trainee holds: each trainee's server gets a PostgreSQL role of the
# trainee's own (SpawnHook makes or updates it at every spawn, with a fresh random password, as
# IPO_TRAINER_DB's role, which therefore needs CREATEROLE), and the records' row-level security
# lets that role add attempts only under the trainee's Hub name and read only their own; it may
# change or delete none. The owner's URL reaches the Hub, the board and supervisors only.
STORE = env("IPO_TRAINER_DB", "")
TRAINEES_STORE = env("IPO_TRAINER_DB_TRAINEES", "")
log.info("Training records: %s", prepare_store(STORE, TRAINEES_STORE or None))
if TRAINEES_STORE:
    log.warning(
        "IPO_TRAINER_DB_TRAINEES is no longer used: each trainee gets a PostgreSQL role of "
        "their own, and that shared role's rights on the records were taken away. Unset it "
        "(deploy/README.md), and drop the role if nothing else uses it."
    )

# --- Each trainee's server: their own copy of the lessons, Voila for agents ---------------------
# The server and its kernels run in the kit's environment; its folder is the trainee's copy of
# the lessons (~/lessons), made before the server starts by SpawnHook, which also gives the
# server the records' URL and a trainer folder of its own (IPO_TRAINER_DB, IPO_TRAINER_HOME).
# It also sets IPO_TRAINER_TRAINEE to the Hub user's name, as JupyterHub sets JUPYTERHUB_USER:
# both names trainer.identity reads are the login, so every attempt is stored under it
# whatever else is set (the Hub's own environment does not reach the servers), and the
# trainee's database role may store under no other name anyway.
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~/lessons"
TIMEOUT = int(env("IPO_HUB_IDLE_TIMEOUT", "1800"))
c.Spawner.args = [
    *SERVER_ARGS,
    # A kernel left idle (a closed tab) is stopped after TIMEOUT; an open page keeps its own.
    f"--MappingKernelManager.cull_idle_timeout={TIMEOUT}",
    "--MappingKernelManager.cull_interval=60",
]
c.Spawner.pre_spawn_hook = SpawnHook(
    STORE,
    TRAINEES_STORE or None,
    # Trainees land on the first agents' lesson as a Voila page (text, phones and widgets, no
    # code), from which the others are linked; supervisors land in JupyterLab, and open the
    # board from the Hub's home page (Services > progress) or at /services/progress/.
    trainee_url="/voila/render/00_start_here.ipynb",
    supervisor_url="/lab",
)
# Servers take a while to start on a small machine with a class logging in at once.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- Supervisors and the board ------------------------------------------------------------------
# The board is a service the Hub runs (trainer.hub.main): it logs users in through the Hub
# (OAuth) and shows a page only to those with the supervisor role's scope; a trainee is
# refused by the Hub before the board sees the request.
c.JupyterHub.services = [
    {
        "name": BOARD_SERVICE,
        "display": True,  # listed on the Hub's home page, for those who may open it
        "url": BOARD_URL,
        "command": [sys.executable, "-m", "trainer.hub"],
        "cwd": str(STATE),
        "environment": {"IPO_TRAINER_DB": STORE},
        "oauth_no_confirm": True,  # the kit's own page: no "authorize this app?" step
    },
    {
        # jupyterhub-idle-culler: stops a server nobody used for TIMEOUT seconds, so a class's
        # forgotten tabs do not hold memory overnight.
        "name": CULLER_SERVICE,
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={TIMEOUT}"],
        "cwd": str(STATE),
    },
]
c.JupyterHub.load_roles = [
    # Admins exactly as named: a role listed here gets its members from this list at every
    # start, so a name taken out of IPO_HUB_ADMINS loses admin (admin_users alone only adds).
    {"name": "admin", "users": list(ADMINS)},
    {
        "name": SUPERVISOR_ROLE,
        "description": "Sees every trainee's progress on the board",
        "scopes": list(SUPERVISOR_SCOPES),
        "users": list(SUPERVISORS),
    },
    {
        "name": CULLER_SERVICE,
        "description": "Stops idle servers",
        "scopes": list(CULLER_SCOPES),
        "services": [CULLER_SERVICE],
    },
]

# --- On stopping --------------------------------------------------------------------------------
# Stopping the Hub stops the proxy and every trainee's server (JupyterHub's defaults, said
# here because a class ends by stopping the Hub).
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
