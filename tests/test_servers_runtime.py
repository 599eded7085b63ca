"""What rules/servers.py says about celery and gunicorn was observed by running them; these tests run
them again, and check that mpguard's verdict on the same programs agrees.

- celery (5.7, billiard 4.3): a real worker, with kombu's `filesystem://` transport and a `file://`
  result backend (no broker server). Under the default prefork pool a task is a daemonic billiard
  worker: `multiprocessing.Pool`, `multiprocessing.Process` and `ProcessPoolExecutor` fail with
  `AssertionError: daemonic processes are not allowed to have children`; `billiard.Pool` works; under
  `-P solo` they all work.
- gunicorn: a WSGI application that opens a TCP connection at import, two sync workers. With
  `--preload` the listener sees one connection written to by both workers (they share the master's
  socket); without it, one connection per worker.

Each test skips with the reason when the library is not installed (`pip install celery gunicorn`).
Only POSIX: gunicorn and celery's prefork pool do not run on Windows."""
from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import run_in_session

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="celery's prefork pool and gunicorn are POSIX-only")

# Written from https://github.com/celery/celery/issues/4525 and https://github.com/celery/celery/issues/1709
# (a pool inside a task), https://github.com/UMEssen/FHIR-PYrate/issues/144 (billiard's Pool instead).
TASKS = '''
import concurrent.futures
import multiprocessing
import os

import billiard
from celery import Celery

base = os.environ["CELERY_TEST_DIR"]
app = Celery("tasks", broker="filesystem://", backend="file://" + os.path.join(base, "results"))
app.conf.broker_transport_options = {"data_folder_in": os.path.join(base, "queue"),
                                     "data_folder_out": os.path.join(base, "queue"),
                                     "processed_folder": os.path.join(base, "processed")}


def square(n):
    return n * n


@app.task
def with_pool(n):
    with multiprocessing.Pool(2) as pool:
        return sum(pool.map(square, range(n)))


@app.task(bind=True)
def with_executor(self, n):
    with concurrent.futures.ProcessPoolExecutor(2) as executor:
        return sum(executor.map(square, range(n)))


@app.task
def with_billiard(n):  # near miss: billiard's Pool may start processes in a prefork worker
    with billiard.Pool(2) as pool:
        return sum(pool.map(square, range(n)))
'''
CLIENT = '''
import tasks

for name in {names!r}:
    try:
        print(name, repr(getattr(tasks, name).delay(4).get(timeout=60)))
    except Exception as exc:
        print(name, type(exc).__name__ + ": " + str(exc))
'''
DAEMONIC = "AssertionError: daemonic processes are not allowed to have children"


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install {module})")


def _stop(process: subprocess.Popen) -> None:
    """The worker (or server) and the processes it started: their own session, started here."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


def _celery(tmp_path: Path, pool: str | None, tasks: str = TASKS,
            names: tuple = ("with_pool", "with_executor", "with_billiard"), retry: bool = True) -> dict:
    for folder in ("queue", "processed", "results"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "tasks.py").write_text(tasks)
    (tmp_path / "client.py").write_text(CLIENT.format(names=names))
    env = dict(os.environ, CELERY_TEST_DIR=str(tmp_path), PYTHONPATH=str(tmp_path))
    command = [sys.executable, "-m", "celery", "-A", "tasks", "worker", "-c", "1", "--loglevel=info"]
    log = tmp_path / "worker.log"
    with log.open("w") as sink:
        worker = subprocess.Popen([*command, *(("-P", pool) if pool else ())], cwd=tmp_path, env=env,
                                  stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # The filesystem transport drops what is published before the worker has bound its queue.
        # A bound on tries, not a timing assertion: on a loaded machine (CI runs two suites side by side) the
        # worker took more than a minute to be ready, and the client's messages were dropped.
        for _ in range(3000):
            if " ready." in log.read_text() or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert " ready." in log.read_text(), log.read_text()[-2000:]
        out = run_in_session([sys.executable, "client.py"], cwd=tmp_path, env=env, text=True,
                             timeout=240)
    finally:
        _stop(worker)
    seen = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    if retry and any(value.startswith("TimeoutError") for value in seen.values()):
        # Once in a full CI run (3.11, two suites side by side) the solo worker never answered its first task, so
        # all three timed out; the cause could not be seen afterwards. A fresh worker is tried once more, in a new
        # folder, and a second time-out fails with the worker's log.
        seen = _celery(tmp_path.with_name(tmp_path.name + "-again"), pool, tasks, names, retry=False)
    elif not retry and any(value.startswith("TimeoutError") for value in seen.values()):
        seen["worker log"] = log.read_text()[-3000:]
    return seen


def test_celery_prefork_tasks_may_not_start_processes_but_billiard_may(tmp_path):
    _needs("celery")
    seen = _celery(tmp_path / "prefork", None)
    assert seen == {"with_pool": DAEMONIC, "with_executor": DAEMONIC, "with_billiard": "14"}
    found = analyze_path(tmp_path / "prefork" / "tasks.py", Settings(), project_root=tmp_path / "prefork").findings
    assert sorted(f.start.row for f in found if f.code == "MP413") == [22, 28]  # the pool, the executor


def test_celery_solo_pool_runs_tasks_in_the_main_process(tmp_path):
    _needs("celery")
    seen = _celery(tmp_path / "solo", "solo")
    assert seen == {"with_pool": "14", "with_executor": "14", "with_billiard": "14"}
    # mpguard says nothing when the code picks the pool; here only the command line did, so it warns.
    solo = TASKS.replace(
        "def square(n):", 'app.conf.worker_pool = "solo"\n\n\ndef square(n):')
    path = tmp_path / "solo" / "configured.py"
    path.write_text(solo)
    assert not [f for f in analyze_path(path, Settings(), project_root=path.parent).findings if f.code == "MP413"]


# Eager mode (celery/celery#5231's test setups; fresh_libs2 celery_eager_task_opens_pool_ok): `.delay()` runs the
# task in the calling process, which is not daemonic, so its pools start; no worker ever runs the task.
EAGER_SETTINGS = {
    "attribute": "app.conf.task_always_eager = True",
    "dict": 'TEST_SETTINGS = {"task_always_eager": True, "task_eager_propagates": True}\napp.conf.update(TEST_SETTINGS)',
    "keyword": "app.conf.update(task_always_eager=True)",
}


@pytest.mark.parametrize("form", sorted(EAGER_SETTINGS))
def test_celery_eager_tasks_run_in_the_caller(tmp_path, form):
    _needs("celery")
    for folder in ("queue", "processed", "results"):
        (tmp_path / folder).mkdir()
    tasks = TASKS.replace("def square(n):", EAGER_SETTINGS[form] + "\n\n\ndef square(n):")
    (tmp_path / "tasks.py").write_text(tasks)
    (tmp_path / "client.py").write_text(CLIENT.format(names=("with_pool", "with_executor", "with_billiard")))
    env = dict(os.environ, CELERY_TEST_DIR=str(tmp_path), PYTHONPATH=str(tmp_path))
    out = run_in_session([sys.executable, "client.py"], cwd=tmp_path, env=env, text=True,
                         timeout=240)  # no worker: eager tasks never reach one
    seen = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert seen == {"with_pool": "14", "with_executor": "14", "with_billiard": "14"}, out.stderr[-2000:]
    found = analyze_path(tmp_path / "tasks.py", Settings(), project_root=tmp_path).findings
    assert not [f for f in found if f.code == "MP413"]


# The Flask pattern (make_celery): the application comes from a factory function; its tasks run in the same
# daemonic prefork workers.
FACTORY_TASKS = TASKS.replace(
    'app = Celery("tasks", broker="filesystem://", backend="file://" + os.path.join(base, "results"))',
    'def make_celery(name):\n'
    '    celery = Celery(name, broker="filesystem://", backend="file://" + os.path.join(base, "results"))\n'
    '    celery.conf.task_track_started = True\n'
    '    return celery\n\n\n'
    'app = make_celery("tasks")')


def test_celery_tasks_of_a_factory_made_app_run_in_daemonic_workers(tmp_path):
    _needs("celery")
    assert FACTORY_TASKS != TASKS
    seen = _celery(tmp_path / "factory", None, FACTORY_TASKS)
    assert seen == {"with_pool": DAEMONIC, "with_executor": DAEMONIC, "with_billiard": "14"}
    found = analyze_path(tmp_path / "factory" / "tasks.py", Settings(), project_root=tmp_path / "factory").findings
    assert sorted(f.start.row for f in found if f.code == "MP413") == [28, 34]  # the pool, the executor


# Issue 13, session 7: the start method a task's pool chooses does not matter to a daemonic worker (each
# fails with the same AssertionError; mpguard then leaves out Windows for fork and forkserver, which it lacks),
# and the two other shapes of Flask's factory: a global bound by a function, an attribute of another object.
SHAPES_COMMON = '''
import multiprocessing
import os

from celery import Celery

base = os.environ["CELERY_TEST_DIR"]


def make_celery(name):
    celery = Celery(name, broker="filesystem://", backend="file://" + os.path.join(base, "results"))
    celery.conf.broker_transport_options = {"data_folder_in": os.path.join(base, "queue"),
                                            "data_folder_out": os.path.join(base, "queue"),
                                            "processed_folder": os.path.join(base, "processed")}
    return celery


def square(n):
    return n * n
'''
GLOBAL_SHAPE = SHAPES_COMMON + '''

app = None


def init_celery():
    global app
    app = make_celery("tasks")


init_celery()


@app.task
def with_fork_context(n):
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return sum(pool.map(square, range(n)))


@app.task
def with_spawn_context(n):
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        return sum(pool.map(square, range(n)))


@app.task
def with_forkserver_context(n):
    with multiprocessing.get_context("forkserver").Pool(2) as pool:
        return sum(pool.map(square, range(n)))
'''
ATTRIBUTE_SHAPE = SHAPES_COMMON + '''

class Holder:
    pass


holder = Holder()
holder.celery = make_celery("tasks")


@holder.celery.task
def with_pool(n):
    with multiprocessing.Pool(2) as pool:
        return sum(pool.map(square, range(n)))


app = holder.celery  # (for `celery -A tasks`)
'''


def test_celery_task_pools_with_a_start_method_and_other_factory_shapes(tmp_path):
    _needs("celery")
    names = ("with_fork_context", "with_spawn_context", "with_forkserver_context")
    seen = _celery(tmp_path / "global", None, GLOBAL_SHAPE, names)
    assert seen == dict.fromkeys(names, DAEMONIC)
    found = [f for f in analyze_path(tmp_path / "global" / "tasks.py", Settings(),
                                     project_root=tmp_path / "global").findings if f.code == "MP413"]
    assert sorted(f.start.row for f in found) == [35, 41, 47]
    assert [("windows" in f.unreachable_on) for f in sorted(found, key=lambda f: f.start.row)] == [True, False, True]
    seen = _celery(tmp_path / "attribute", None, ATTRIBUTE_SHAPE, ("with_pool",))
    assert seen == {"with_pool": DAEMONIC}
    found = analyze_path(tmp_path / "attribute" / "tasks.py", Settings(), project_root=tmp_path / "attribute").findings
    assert [f.start.row for f in found if f.code == "MP413"] == [32]


# Written from https://github.com/benoitc/gunicorn/issues/1953 (connections made before the fork with
# --preload) and https://github.com/votingworks/arlo/pull/1040 (dispose the engine after loading).
APP = '''
import os
import socket
import time

upstream = socket.create_connection(("127.0.0.1", int(os.environ["UPSTREAM_PORT"])))


def app(environ, start_response):
    upstream.sendall(f"{os.getpid()}\\n".encode())
    time.sleep(0.2)  # keep this worker busy so that the next request goes to the other one
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]
'''


def _listener():
    """An upstream service: per accepted connection, the worker pids that wrote to it."""
    server = socket.create_server(("127.0.0.1", 0))
    connections: list[set] = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            pids: set = set()
            connections.append(pids)
            threading.Thread(target=read, args=(conn, pids), daemon=True).start()

    def read(conn, pids):
        buffer = b""
        while chunk := conn.recv(1024):
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            pids.update(line.decode() for line in lines if line)

    threading.Thread(target=serve, daemon=True).start()
    return server, connections


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _gunicorn(tmp_path: Path, preload: bool) -> list[set]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "webapp.py").write_text(APP)
    server, connections = _listener()
    port = _free_port()
    env = dict(os.environ, UPSTREAM_PORT=str(server.getsockname()[1]), PYTHONPATH=str(tmp_path))
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", *(["--preload"] if preload else []),
               "webapp:app"]
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        for _ in range(300):  # wait until it serves (a bound on tries, not a timing assertion)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
                break
            except OSError:
                time.sleep(0.1)
        served = set()
        for _ in range(10):  # concurrent requests until both workers have answered
            results: list = []
            threads = [threading.Thread(target=lambda: results.append(
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode())) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            served.update(results)
            if len(served) >= 2:
                break
        assert len(served) >= 2, "both workers should have answered"
        for _ in range(100):  # let the listener read what the workers wrote
            if sum(len(p) for p in connections) >= 2:
                break
            time.sleep(0.05)
    finally:
        _stop(process)
        server.close()
    return [p for p in connections if p]


def test_gunicorn_preload_shares_a_connection_made_at_import(tmp_path):
    _needs("gunicorn")
    shared = _gunicorn(tmp_path / "preload", preload=True)
    assert len(shared) == 1 and len(shared[0]) >= 2  # one connection, written to by two workers
    own = _gunicorn(tmp_path / "plain", preload=False)
    assert len(own) >= 2 and all(len(p) == 1 for p in own)  # each worker its own connection

    conf = tmp_path / "preload" / "gunicorn.conf.py"
    conf.write_text("wsgi_app = 'webapp:app'\nworkers = 2\npreload_app = True\n")
    found = analyze_path(conf, Settings(), project_root=conf.parent).findings
    assert [f.code for f in found if f.code == "MP424"] == ["MP424"]
    conf.write_text(conf.read_text() + textwrap.dedent('''

        def post_fork(server, worker):
            import webapp
            webapp.upstream = webapp.socket.create_connection(("127.0.0.1", int(webapp.os.environ["UPSTREAM_PORT"])))
    '''))
    assert not [f for f in analyze_path(conf, Settings(), project_root=conf.parent).findings if f.code == "MP424"]
