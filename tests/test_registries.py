"""Registries (semantic/registries.py): a module-level dict of another project module that a decorator
(`@registry.register("download")`) or a register() call fills, and a lookup (`registry.resolve(name)`) reads. The
lookup gives the value registered under a constant name, or any registered value for another name: a task a
daemonic child runs by name that opens a Pool (MP413; FHIR-PYrate #144, fresh_realistic7
fhir_bundle_download_pool_in_daemon_worker), a lambda registered and then sent to a pool (MP201; byexample #220).
Near misses: a registry of module-level functions, a name that picks one, a worker that is not daemonic. Proven
under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.registries import Role, role_of
from test_semantic_crossmodule import findings, project

REGISTRY = """
    HANDLERS = {}


    def register(name):
        def deco(fn):
            HANDLERS[name] = fn
            return fn
        return deco


    def add(name, fn):
        HANDLERS[name] = fn


    def resolve(name):
        try:
            return HANDLERS[name]
        except KeyError:
            raise KeyError(f"unknown task {name!r}") from None
"""

WORKER = """
    import multiprocessing as mp
    import sys

    from kit import registry


    def square(x):
        return x * x


    @registry.register("download")
    def download(n):
        with mp.Pool(2) as pool:
            return sum(pool.map(square, range(n)))


    @registry.register("count")
    def count(n):
        return n


    def child(task_name, arg, results):
        fn = registry.resolve(task_name)
        results.put(fn(arg))


    def run(task_name, arg):
        results = mp.Queue()
        proc = mp.Process(target=child, args=(task_name, arg, results))
        proc.daemon = DAEMON
        proc.start()
        value = results.get(timeout=5)
        proc.join()
        return value


    if __name__ == "__main__":
        print("RESULT", run(TASK, 4))
"""

FILTERS = """
    import multiprocessing as mp
    import sys

    from kit import registry


    def invert(p):
        return 255 - p


    registry.add("invert", invert)
    registry.add("threshold", THRESHOLD)


    def apply(name, pixels):
        fn = registry.resolve(name)
        with mp.Pool(2) as pool:
            return pool.map(fn, pixels)


    if __name__ == "__main__":
        print("RESULT", apply(NAME, [10, 200]))
"""

LAMBDA = "lambda p: 255 if p > 127 else 0"
NAMED = "invert"


def worker(daemon="True", task='"download"'):
    return {"kit/__init__.py": "", "kit/registry.py": REGISTRY,
            "main.py": WORKER.replace("DAEMON", daemon).replace("TASK", task)}


def filters(threshold=LAMBDA, name="sys.argv[1] if len(sys.argv) > 1 else 'threshold'"):
    return {"kit/__init__.py": "", "kit/registry.py": REGISTRY,
            "main.py": FILTERS.replace("THRESHOLD", threshold).replace("NAME", name)}


def line_of(text, needle):
    return next(i for i, line in enumerate(textwrap.dedent(text).splitlines(), 1) if needle in line)


def test_roles_read_from_the_syntax():
    defs = {f.name: f for f in ast.parse(textwrap.dedent(REGISTRY)).body if isinstance(f, ast.FunctionDef)}
    assert role_of(defs["register"]) == Role("decorate", "HANDLERS", 0)
    assert role_of(defs["add"]) == Role("add", "HANDLERS", 0, 1)
    assert role_of(defs["resolve"]) == Role("lookup", "HANDLERS", 0)
    other = ast.parse(textwrap.dedent("""
        def local(name):
            table = {}
            return table[name]
        def mixed(name):
            if name:
                return HANDLERS[name]
            return None
        def stores_a_constant(name):
            HANDLERS[name] = 1
    """)).body
    assert [role_of(f) for f in other] == [None, None, None]


def test_a_decorated_task_looked_up_by_name_opens_a_pool_in_a_daemon(tmp_path):
    files = worker()
    [finding] = findings(project(tmp_path, files) / "main.py", "MP413")
    assert finding.start.row == line_of(files["main.py"], "mp.Pool(2)")


@pytest.mark.parametrize("daemon, task", [("False", '"download"'), ("True", '"count"')])
def test_daemon_near_misses(tmp_path, daemon, task):
    # a worker that is not daemonic; a name that picks the task without a pool
    assert findings(project(tmp_path, worker(daemon, task)) / "main.py", "MP413") == []


def test_a_lambda_registered_and_sent_to_a_pool(tmp_path):
    files = filters()
    found = findings(project(tmp_path, files) / "main.py")
    assert [f.code for f in found] == ["MP201"]
    assert found[0].start.row == line_of(files["main.py"], "pool.map(fn, pixels)")


@pytest.mark.parametrize("threshold, name", [(NAMED, "sys.argv[1]"), (LAMBDA, '"invert"')])
def test_pickling_near_misses(tmp_path, threshold, name):
    # every registered value a module-level function; a constant name that picks one
    assert [f.code for f in findings(project(tmp_path, filters(threshold, name)) / "main.py")] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("files, fails, error, printed", [
    (worker(), True, "daemonic processes are not allowed to have children", None),
    (worker("False"), False, None, "RESULT 14"),
    (worker("True", '"count"'), False, None, "RESULT 4"),
    (filters(), True, "pickle", None),
    (filters(NAMED), False, None, "RESULT [245, 55]"),
    (filters(LAMBDA, '"invert"'), False, None, "RESULT [245, 55]"),
])
def test_runtime(tmp_path, method, files, fails, error, printed):
    root = project(tmp_path, files)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if fails and "daemonic" in error:  # the child's traceback; the parent then waits for a result in vain
        assert "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    else:
        assert_outcome(out, fails, error, printed)
