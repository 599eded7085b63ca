"""MP413 through a decorator factory of another project module (fresh_reports3 daemon_motion_fit_op_starts_pool,
dm4ml/motion#204): `@component.fit("query")` calls the method `fit`, which returns its nested `register(fn)`; that
decorator keeps the function (`self._fit_ops[key] = fn`) and the object's `run()` hands what it keeps to a daemonic
Process whose target calls it. A decorated function that starts a Pool then fails: "daemonic processes are not
allowed to have children". The helper's summary names the factory's sink ("daemon-decorated", linter/daemon_sinks),
and the decoration is the call that hands the function over (facts.factory_decorations). The helper is imported
through its package, which re-exports it (`from kit import Component`, resolve/project.defined_name).

Shapes: a method of an object the helper's class makes, and a module-level factory filling a module registry that a
daemonic Pool's task looks up. Near misses: a thread pool in the decorated function, a decorated function starting
nothing, a non-daemonic Process, a decorator that never keeps the function where a child calls it."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

COMPONENT = """
    import multiprocessing


    def _executor(fit_fn, state, batch, out):
        try:
            out.put(("ok", fit_fn(state, batch)))
        except Exception as exc:  # (sent back: the caller raises it)
            out.put(("error", repr(exc)))


    class Component:
        def __init__(self, name, init_state):
            self.name = name
            self.state = dict(init_state)
            self._fit_ops = {}

        def fit(self, key):
            def register(fn):
                self._fit_ops[KEPT] = fn
                return fn
            return register

        def run(self, key, batch):
            out = multiprocessing.Queue()
            proc = multiprocessing.Process(target=_executor, args=(self._fit_ops[key], self.state, batch, out),
                                           daemon=DAEMON)
            proc.start()
            result = out.get(timeout=20)
            proc.join()
            return result
"""

MAIN = """
    import multiprocessing
    from multiprocessing.pool import ThreadPool

    from IMPORT import Component


    def featurize(item):
        return len(item)


    ranker = Component("ranker", {"model": 0})


    @ranker.fit("query")
    def fit_query(state, batch):
        BODY


    if __name__ == "__main__":
        status, value = ranker.run("query", ["shoes", "hats", "socks"])
        if status == "error":
            raise SystemExit(value)
        print("RESULT=%s" % (value,))
"""

POOL = """with multiprocessing.Pool(2) as pool:
        feats = pool.map(featurize, batch)
    return state["model"] + sum(feats)"""
THREADS = POOL.replace("multiprocessing.Pool(2)", "ThreadPool(2)")
PLAIN = "return state[\"model\"] + sum(map(featurize, batch))"


def project(tmp_path, body=POOL, daemon="True", kept="key", package="from .component import Component",
            importing="kit"):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text(f"{package}\n\n__all__ = [\"Component\"]\n")
    (tmp_path / "kit" / "component.py").write_text(
        textwrap.dedent(COMPONENT).replace("DAEMON", daemon).replace("KEPT", kept))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent(MAIN).replace("BODY", body).replace("IMPORT", importing))
    return main


def mp413(main) -> list:
    return [f for f in analyze_path(main, Settings(), project_root=main.parent).findings if f.code == "MP413"]


def pool_row(main) -> int:
    return main.read_text().splitlines().index("    with multiprocessing.Pool(2) as pool:") + 1


def test_decorated_function_starting_a_pool(tmp_path):
    main = project(tmp_path)
    found = mp413(main)
    assert [f.start.row for f in found] == [pool_row(main)]
    assert "kit.Component.fit()" in found[0].message and "kit.component" in found[0].message


@pytest.mark.parametrize("package", ["from .component import Component", "from kit.component import Component"])
def test_through_the_package_or_its_module(tmp_path, package):
    main = project(tmp_path, package=package)
    assert [f.start.row for f in mp413(main)] == [pool_row(main)]
    other = tmp_path / "direct"
    other.mkdir()
    direct = project(other, importing="kit.component")
    assert [f.start.row for f in mp413(direct)] == [pool_row(direct)]


@pytest.mark.parametrize("body", [THREADS, PLAIN])
def test_a_function_starting_no_process_is_silent(tmp_path, body):
    assert mp413(project(tmp_path, body=body)) == []


def test_a_non_daemonic_process_is_silent(tmp_path):
    assert mp413(project(tmp_path, daemon="False")) == []


def test_a_package_defining_the_name_itself_is_not_followed(tmp_path):
    # `kit/__init__.py` defines its own Component after the import: that one is what `from kit import` gives
    main = project(tmp_path, package="from .component import Component\n\n\nclass Component:\n"
                                     "    def fit(self, key):\n        return lambda fn: fn\n")
    assert mp413(main) == []


REGISTRY = """
    from multiprocessing import Pool

    HANDLERS = {}


    def on(event):
        def deco(fn):
            HANDLERS[event] = fn
            return fn
        return deco


    def _dispatch(event, payload):
        return HANDLERS[event](payload)


    def fire(event, payload):
        with Pool(1) as pool:
            return pool.apply(_dispatch, (event, payload))
"""

LISTENER = """
    import multiprocessing

    from hooks import events


    def square(n):
        return n * n


    @events.on("resize")
    def resize(n):
        BODY


    if __name__ == "__main__":
        print("RESULT=%s" % (events.fire("resize", 3),))
"""


def registry_project(tmp_path, body):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "__init__.py").write_text("")
    (tmp_path / "hooks" / "events.py").write_text(textwrap.dedent(REGISTRY))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent(LISTENER).replace("BODY", body))
    return main


def test_a_module_factory_filling_a_registry_a_pool_task_calls(tmp_path):
    main = registry_project(tmp_path, "with multiprocessing.Pool(2) as p:\n        return sum(p.map(square, range(n)))")
    row = main.read_text().splitlines().index("    with multiprocessing.Pool(2) as p:") + 1
    assert [f.start.row for f in mp413(main)] == [row]


def test_a_registered_function_starting_nothing_is_silent(tmp_path):
    assert mp413(registry_project(tmp_path, "return sum(square(i) for i in range(n))")) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("body", ["pool", "threads"])
def test_runtime(tmp_path, method, body):
    main = project(tmp_path, body=POOL if body == "pool" else THREADS)
    out = run_program(main, method, cwd=tmp_path)
    assert_outcome(out, body == "pool", "daemonic processes are not allowed to have children", "RESULT=14")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("body", ["pool", "plain"])
def test_runtime_registry(tmp_path, method, body):
    main = registry_project(tmp_path, "with multiprocessing.Pool(2) as p:\n        return sum(p.map(square, range(n)))"
                            if body == "pool" else "return sum(square(i) for i in range(n))")
    out = run_program(main, method, cwd=tmp_path)
    assert_outcome(out, body == "pool", "daemonic processes are not allowed to have children", "RESULT=5")


def one_file(daemon="True", pool="multiprocessing.Pool(2)"):
    component = textwrap.dedent(COMPONENT).replace("DAEMON", daemon).replace("KEPT", "key")
    main = textwrap.dedent(MAIN).replace("BODY", POOL.replace("multiprocessing.Pool(2)", pool))
    return component + main.replace("from IMPORT import Component\n", "")


def test_in_one_file_a_factory_method_of_this_module(tmp_path):
    """`@ranker.fit("query")` of this module's class: the nested `register` is called with the function (a call
    site of it), so the daemonic target's `fit_fn` resolves to it."""
    main = tmp_path / "main.py"
    main.write_text(one_file())
    assert [f.start.row for f in mp413(main)] == [pool_row(main)]


@pytest.mark.parametrize("variant", [{"daemon": "False"}, {"pool": "ThreadPool(2)"}])
def test_in_one_file_near_misses_are_silent(tmp_path, variant):
    main = tmp_path / "main.py"
    main.write_text(one_file(**variant))
    assert mp413(main) == []
