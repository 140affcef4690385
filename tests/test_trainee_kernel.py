"""The trainee's kernel (``trainer.kernel``): the lessons' ``python3`` for agents' pages, no debugger.

Started from its kernelspec as a server finds it (``JUPYTER_PATH`` with the kit's folder
first), it runs lesson code and saves an attempt with no debugpy or pydevd loaded and no
debugger in its kernel_info; ``ipo-trainer app``'s Voila runs its pages' kernels from it;
the usual ``python3`` (``ipo-trainer lab``, any other server) keeps ipykernel's debugger.
"""

from __future__ import annotations

import json
import os
import platform
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

import nbformat
import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from servers import free_port, get, serving

from trainer import cli, kernel, launch

ROOT = Path(__file__).resolve().parent.parent
#: Seconds a kernel may take to start, and a page to render.
PATIENCE = 90
#: Lesson 02's opening cells: the model and the widgets imported, a phone drawn.
LESSON = [
    "import ipo_core as ipo\nimport widgets",
    'site = ipo.load_site("tech_tip_014")\nsystem = ipo.System(site)\nphone = system.phone("3000")',
    'print(phone.dial("#3000"))\nphone.hang_up()',
    'widgets.Handset(ipo.System(site).phone("3000"))',
]
#: The end of an exercise: its attempt saved in the trainee's store.
FINISH = """
exercise = widgets.Exercise(ipo.System(site), ipo.Method.LOGOFF_STAR_36)
for key in "*36":
    exercise.handset.keypad[key].click()
assert exercise.receipt.saved, exercise.receipt.message
"""
#: What the kernel says about itself: its debugger's modules loaded, its script, its history.
PROBE = """
import json, os, sys
print("PROBE " + json.dumps({
    "debugger_modules": sorted(
        name for name, module in sys.modules.items()
        if module is not None and name.split(".")[0].lstrip("_").startswith(("debugpy", "pydev"))
    ),
    "debugpy": "debugpy" in sys.modules and sys.modules["debugpy"] is None,
    "script": sys.argv[0],
    "history": get_ipython().history_manager.enabled,
    "features": get_ipython().kernel.kernel_info["supported_features"],
    "after_each_cell": [f.__name__ for f in get_ipython().events.callbacks["post_execute"]],
    "psycopg_impl": os.environ.get("PSYCOPG_IMPL"),
    "malloc_arena_max": os.environ.get("MALLOC_ARENA_MAX"),
}))
"""


class Started(Exception):
    """``launch.run`` was called: the server would have started."""


def specs(jupyter_path: str | None) -> KernelSpecManager:
    """The kernelspecs a server finds with ``JUPYTER_PATH`` set to ``jupyter_path`` (or unset)."""
    saved = os.environ.pop("JUPYTER_PATH", None)
    try:
        if jupyter_path is not None:
            os.environ["JUPYTER_PATH"] = jupyter_path
        manager = KernelSpecManager()
        manager.kernel_dirs  # noqa: B018 - read now, while the variable is as asked
        return manager
    finally:
        os.environ.pop("JUPYTER_PATH", None)
        if saved is not None:
            os.environ["JUPYTER_PATH"] = saved


def run(client: BlockingKernelClient, code: str) -> str:
    """``code`` run in the kernel: what it printed; the test fails if it raised."""
    printed: list[str] = []

    def output(message: dict) -> None:  # type: ignore[type-arg]
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])

    reply = client.execute_interactive(code, timeout=PATIENCE, output_hook=output)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(printed)


def probe(client: BlockingKernelClient) -> dict:  # type: ignore[type-arg]
    said = run(client, PROBE)
    return json.loads(said.split("PROBE ", 1)[1])


def kernel_info(client: BlockingKernelClient) -> dict:  # type: ignore[type-arg]
    client.kernel_info()
    reply = client.get_shell_msg(timeout=PATIENCE)
    assert reply["msg_type"] == "kernel_info_reply"
    return reply["content"]  # type: ignore[no-any-return]


@contextmanager
def started(
    manager: KernelSpecManager, folder: Path, env: dict[str, str]
) -> Iterator[BlockingKernelClient]:
    """The ``python3`` kernel ``manager`` finds, started in the lessons' folder, and its client."""
    kernels = KernelManager(
        kernel_name="python3",
        kernel_spec_manager=manager,
        transport="ipc",  # no TCP port at all
        ip=str(folder / "kernel"),
    )
    kernels.start_kernel(cwd=str(ROOT / "notebooks"), env={**os.environ, **env})
    client = kernels.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=PATIENCE)
        yield client
    finally:
        client.stop_channels()
        kernels.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def trainee(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BlockingKernelClient]:
    """A trainee's kernel that ran lesson 02's opening and finished an exercise (SQLite)."""
    home = tmp_path_factory.mktemp("trainee-kernel")
    env = {
        "IPO_TRAINER_HOME": str(home),
        "IPO_TRAINER_DB": str(home / "records.sqlite"),
        "IPO_TRAINER_TRAINEE": "ana",
    }
    with started(specs(kernel.jupyter_path()), home, env) as client:
        for code in [*LESSON, FINISH]:
            run(client, code)
        yield client


def test_the_trainee_kernelspec_is_the_lessons_python3_run_by_trainer_kernel():
    spec = specs(kernel.jupyter_path()).get_kernel_spec(kernel.KERNEL_NAME)
    assert Path(spec.resource_dir) == kernel.JUPYTER_DATA / "kernels" / "python3"
    assert spec.argv == ["python", "-m", "trainer.kernel", "-f", "{connection_file}"]
    assert "trainee" in spec.display_name.lower()
    assert spec.metadata == {"debugger": False}  # JupyterLab shows no debugger button
    assert spec.env == {"MALLOC_ARENA_MAX": "2"}  # read by glibc as the process starts
    # Every lesson asks for python3, so each runs in it with no notebook changed.
    for lesson in sorted((ROOT / "notebooks").glob("*.ipynb")):
        kernelspec = nbformat.read(lesson, as_version=4).metadata.kernelspec
        assert kernelspec.name == kernel.KERNEL_NAME, lesson.name


def test_a_trainee_kernel_runs_a_lesson_without_debugpy_or_pydevd(trainee):
    seen = probe(trainee)
    assert Path(seen["script"]) == ROOT / "trainer" / "kernel.py"
    assert seen["debugger_modules"] == []
    assert seen["debugpy"]  # None in sys.modules: ipykernel found no debugger to start
    assert "debugger" not in seen["features"]
    assert seen["history"] is False  # no thread and SQLite file keeping every cell
    said = run(trainee, "try:\n    import debugpy\nexcept ImportError as e:\n    print(e)")
    assert "debugpy" in said


def test_a_trainee_kernel_is_kept_small(trainee):
    seen = probe(trainee)
    assert seen["malloc_arena_max"] == "2"
    assert "give_back_free_memory" in seen["after_each_cell"]
    # psycopg over the system's libpq where there is one (a class's server has PostgreSQL's).
    assert seen["psycopg_impl"] == kernel.lean_environment({})
    impl = run(trainee, "import psycopg\nprint(psycopg.pq.__impl__)").strip()
    assert impl == seen["psycopg_impl"]


@pytest.mark.parametrize(("found", "chosen"), [("libpq.so.5", "python"), (None, "binary")])
def test_lean_environment_picks_psycopg_over_the_system_libpq_when_there_is_one(
    monkeypatch, found, chosen
):
    monkeypatch.setattr(kernel.ctypes.util, "find_library", lambda name: found)
    env: dict[str, str] = {}
    assert kernel.lean_environment(env) == chosen
    assert env == {"PSYCOPG_IMPL": chosen}
    # Whoever set it already chose: kept.
    assert kernel.lean_environment({"PSYCOPG_IMPL": "c"}) == "c"


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_give_back_free_memory_returns_a_freed_heap_to_the_system():
    junk = [bytes(100) + bytes([n % 250]) for n in range(300_000)]  # ~40 MB of small blocks
    del junk
    assert kernel.give_back_free_memory() is True


def test_a_trainee_kernel_reports_no_debugger_in_its_kernel_info(trainee):
    info = kernel_info(trainee)
    assert info["status"] == "ok"
    assert info["language_info"]["name"] == "python"
    # ipykernel 7 lists the debugger among supported_features; 6 said "debugger": true.
    assert "debugger" not in info.get("supported_features", [])
    assert info.get("debugger", False) is False


def test_a_trainee_kernel_saved_the_attempt_in_the_trainee_s_store(trainee):
    said = run(
        trainee,
        "from trainer import Store\n"
        "with Store() as store:\n"
        "    print([(r.trainee, r.method) for r in store.records()])",
    )
    assert "('ana'," in said
    assert "logoff-star-36" in said


def test_the_usual_python3_kernel_keeps_ipykernel_s_debugger(tmp_path):
    # Without the kit's folder on JUPYTER_PATH (ipo-trainer lab, any other server) python3
    # is ipykernel's own kernel: the kit installs no kernelspec anywhere Jupyter looks.
    assert find_spec("debugpy") is not None, "ipykernel's dependency debugpy is missing"
    usual = specs(None)
    spec = usual.get_kernel_spec("python3")
    assert "trainer.kernel" not in spec.argv
    assert "ipykernel_launcher" in spec.argv
    assert all(
        not Path(folder).resolve().is_relative_to(kernel.JUPYTER_DATA)
        for folder in usual.kernel_dirs
    )
    with started(usual, tmp_path, {"IPO_TRAINER_HOME": str(tmp_path)}) as client:
        assert "debugger" in kernel_info(client)["supported_features"]
        assert "debugpy" in probe(client)["debugger_modules"]


# --- ipo-trainer app ------------------------------------------------------------------------


def test_app_environment_puts_the_trainee_kernelspec_first_and_keeps_the_rest():
    env = launch.app_environment({"JUPYTER_PATH": "/srv/jupyter", "LANG": "C.UTF-8"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(kernel.JUPYTER_DATA), "/srv/jupyter"]
    assert env["LANG"] == "C.UTF-8"
    assert launch.app_environment({})["JUPYTER_PATH"] == str(kernel.JUPYTER_DATA)
    assert launch.app_environment()["PATH"] == os.environ["PATH"]


@pytest.mark.parametrize(("command", "trainee_kernel"), [("app", True), ("lab", False)])
def test_ipo_trainer_starts_voila_with_the_trainee_kernel_and_lab_with_the_usual(
    monkeypatch, tmp_path, command, trainee_kernel
):
    monkeypatch.setenv("IPO_TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    given: dict[str, object] = {}

    def run(cmd: list[str], lines: list[str], env: dict[str, str] | None = None) -> None:
        given.update(cmd=cmd, env=env)
        raise Started  # instead of replacing pytest with the server

    monkeypatch.setattr(launch, "run", run)
    with pytest.raises(Started):
        cli.main([command, "--no-browser", "--port", str(free_port())])
    env = given["env"]
    path = (os.environ if env is None else env).get("JUPYTER_PATH", "")  # type: ignore[attr-defined]
    assert (path.split(os.pathsep)[0] == str(kernel.JUPYTER_DATA)) is trainee_kernel


def test_app_s_voila_runs_its_pages_in_trainee_kernels(tmp_path):
    # Voila started as ipo-trainer app starts it (its command line, in its environment), on
    # a page that says what its kernel loaded.
    cells = [*LESSON, PROBE]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, tmp_path / "probe.ipynb")
    server = launch.Server(launch.LOOPBACK, free_port(), launch.make_token(), open_browser=False)
    env = launch.app_environment({**os.environ, "IPO_TRAINER_HOME": str(tmp_path / "home")})
    address = f"http://{server.ip}:{server.port}"
    command = launch.app_command(tmp_path, server)
    with serving(command, tmp_path / "voila.log", address + "/", name="Voila", env=env):
        status, page = get(server.url("/voila/render/probe.ipynb"), timeout=PATIENCE)
    assert status == 200, (tmp_path / "voila.log").read_text()[-2000:]
    text = page.decode()
    found = re.search(r"PROBE (\{[^{}]*\})", text)
    assert found is not None, text[-3000:]
    seen = json.loads(re.sub(r"&quot;|&#34;", '"', found[1]))
    assert seen["script"].endswith(f"trainer{os.sep}kernel.py")
    assert seen["debugger_modules"] == []
    assert "debugger" not in seen["features"]
    assert seen["malloc_arena_max"] == "2"  # its kernelspec's env too
    assert "give_back_free_memory" in seen["after_each_cell"]
