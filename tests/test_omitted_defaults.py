"""A parameter the call leaves out holds its default (flow.bind_argument): `launch(items, offset)` of
`def launch(items, offset, method="spawn")` runs `get_context(method)` as `get_context("spawn")`, also through
`self.<attr>` of a constructor's keyword-only default (aqueduct PR #36, fresh_reports15 aqueduct36), and a
`context=None` left out is `get_context(None)`, the default context (sphinx #6865, fresh_reports15 sphinx6865).
Only constant defaults are read; a call that may pass the argument through `*args` or `**options` says nothing.
Near misses: the call gives "fork"; the argument comes from `**OPTS` or `*EXTRA`. Proven under fork, spawn and
forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import project

NESTED_TARGET = """
    import multiprocessing


    def launch(items, offset, method="spawn"):
        def shift(q, xs):
            q.put([x + offset for x in xs])

        ctx = multiprocessing.get_context(method)
        q = ctx.Queue()
        proc = ctx.Process(target=shift, args=(q, items))
        proc.start()
        got = q.get()
        proc.join()
        return got


    if __name__ == "__main__":
        print("RESULT=%s" % launch([1, 2], 3))
"""

# the same, the method given by the call or possibly by what it spreads
GIVEN = {
    "fork given": ("launch([1, 2], 3)", 'launch([1, 2], 3, "fork")'),
    "keywords spread": ("launch([1, 2], 3)", "launch([1, 2], 3, **OPTS)"),
    "positions spread": ("launch([1, 2], 3)", "launch([1, 2], 3, *EXTRA)"),
}
SPREAD = ('if __name__ == "__main__":', 'OPTS = dict(method=__import__("os").environ.get("M", "fork"))\n'
          '    EXTRA = __import__("sys").argv[1:] or ["fork"]\n\n\n    if __name__ == "__main__":')

FLOW = """
    import multiprocessing


    def _loop(cond, q):
        q.put(cond(1))


    class Flow:
        def __init__(self, *steps, mp_start_method="spawn"):
            self._steps = steps
            self._method = mp_start_method
            self._ctx = None

        def start(self, cond):
            self._ctx = multiprocessing.get_context(self._method)
            q = self._ctx.Queue()
            p = self._ctx.Process(target=_loop, args=(cond, q))
            p.start()
            got = q.get()
            p.join()
            return got


    def main():
        print("RESULT=%s" % Flow(1, 2).start(lambda t: t > 0))


    if __name__ == "__main__":
        main()
"""

DEFAULT_CONTEXT = """
    import multiprocessing as mp


    def _run(conn, fn):
        conn.send(fn())


    class Runner:
        def __init__(self, ctx_name=None):
            self.ctx = mp.get_context(ctx_name)

        def run(self, fn):
            here, there = self.ctx.Pipe()
            p = self.ctx.Process(target=_run, args=(there, fn))
            p.start()
            got = here.recv()
            p.join()
            return got


    def main():
        base = 40

        def answer():
            return base + 2

        print("RESULT=%s" % Runner().run(answer))


    if __name__ == "__main__":
        main()
"""


def methods_of(findings) -> set:
    return {m for f in findings for m in f.start_methods}


def test_a_default_method_left_out_is_the_context_made():
    hits = found(NESTED_TARGET, "MP201")
    assert [f.start.row for f in hits] == [11] and methods_of(hits) == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("change", sorted(GIVEN))
def test_a_method_the_call_gives_or_may_give(change):
    old, new = GIVEN[change]
    assert found(NESTED_TARGET.replace(old, new).replace(*SPREAD), "MP201") == []


def test_a_keyword_only_default_through_an_attribute():
    hits = found(FLOW, "MP201")
    assert {f.start.row for f in hits} == {18, 26} and methods_of(hits) == {"fork", "spawn", "forkserver"}


def test_a_keyword_only_default_the_call_overrides():
    assert found(FLOW.replace("Flow(1, 2)", 'Flow(1, 2, mp_start_method="fork")'), "MP201") == []


def test_a_default_of_none_is_the_default_context():
    hits = found(DEFAULT_CONTEXT, "MP201")
    assert {f.start.row for f in hits} == {15, 28} and methods_of(hits) == {"spawn", "forkserver"}


def test_a_default_of_none_the_call_overrides_with_fork():
    assert found(DEFAULT_CONTEXT.replace("Runner()", 'Runner("fork")'), "MP201") == []


def test_a_default_that_is_not_a_constant_is_not_read():
    src = NESTED_TARGET.replace('method="spawn"', "method=METHOD").replace(
        "import multiprocessing\n", "import multiprocessing\n\n    METHOD = __import__('os').environ.get('M')\n")
    assert found(src, "MP201") == []


def test_a_dict_literal_keyed_by_a_defaulted_parameter():
    """`{region: stub}[region]` with `region="eu"` left out: the literal's key is not a constant, so it may hold any
    key; its item is the stub (fresh_libs4 tqdm_process_map_grpc_stub)."""
    src = """
        import threading
        from concurrent.futures import ProcessPoolExecutor


        def use(lock):
            return 1


        def transmit(region="eu"):
            locks = {region: threading.Lock()}
            with ProcessPoolExecutor(2) as ex:
                return ex.submit(use, locks[region]).result()


        if __name__ == "__main__":
            transmit()
    """
    assert [f.start.row for f in found(src, "MP203")] == [13]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    files = {"nested.py": NESTED_TARGET, "flow.py": FLOW, "default.py": DEFAULT_CONTEXT}
    for change, (old, new) in GIVEN.items():
        files[change.replace(" ", "_") + ".py"] = NESTED_TARGET.replace(old, new).replace(*SPREAD)
    files["flow_fork.py"] = FLOW.replace("Flow(1, 2)", 'Flow(1, 2, mp_start_method="fork")')
    files["default_fork.py"] = DEFAULT_CONTEXT.replace("Runner()", 'Runner("fork")')
    root = project(tmp_path, files)
    failing = {"nested.py", "flow.py"} | ({"default.py"} if method != "fork" else set())
    for name in files:
        out = run_program(root / name, method, timeout=60, cwd=root)
        if name in failing:  # (3.14: "Can't get local object"; 3.11: "Can't pickle local object"; lambdas alike)
            assert out.returncode != 0 and "local object" in out.stderr, (name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
