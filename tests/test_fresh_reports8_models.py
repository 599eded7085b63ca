"""General models found missing (or over-eager) by fresh_reports8's blind programs, each with a hazard-free near
miss and proven by running it under fork, spawn and forkserver:

- a Pool task whose start of processes sits under an equality test of a parameter (`if n_jobs != 1: Pool(n_jobs)`),
  judged for the arguments every task is given (`starmap(gap, [(data, k, 1) for k in ks])`: never reached; divik
  #57) - a false alarm of MP413 before;
- a global of another module that the child sets itself before reading it, through a method of one of that
  module's classes called on an object it was handed (`state.restore()`, spack #50866) - a false alarm of MP302;
- a Lock (Queue, Value) of the default context made when a project module is imported: it fixes the start method,
  and the script's later set_start_method() raises (numcodecs #522; MP401);
- a start method a project module sets at import (`set_start_method("spawn", force=True)`, optimum #1377): the
  program runs with it under every default, so a global set under the guard is lost under fork too (MP302)."""
import os
import sys
import textwrap

import pytest
from helpers import codes, methods, run_program

from test_semantic_crossmodule import findings, project

GAP = """
import sys
from multiprocessing import Pool


def dispersion(points, k):
    return sum(points) * k


def gap(data, k, n_jobs):
    if n_jobs != 1:
        with Pool(n_jobs) as pool:
            found = pool.starmap(dispersion, [(data, k), (data, k + 1)])
    else:
        found = [dispersion(data, k), dispersion(data, k + 1)]
    return k, sum(found)


def search(data, n_jobs):
    with Pool(2) as pool:
        return dict(pool.starmap(gap, [(data, k, INNER) for k in range(2, 4)]))


if __name__ == "__main__":
    scores = search([1, 2, 3], 2)
    print("RESULT=%d" % len(scores))
    sys.exit(0 if len(scores) == 2 else 3)
"""

# what each task passes for n_jobs -> does a task open a Pool in the daemonic worker
INNERS = {"1": False, "n_jobs": True, "2": True}


@pytest.mark.parametrize("inner", sorted(INNERS))
def test_a_task_argument_decides_the_nested_pool(inner):
    assert ("MP413" in codes(GAP.replace("INNER", inner))) is INNERS[inner]


def test_an_equality_test_of_a_string_parameter():
    src = GAP.replace("n_jobs != 1", 'n_jobs == "parallel"')
    assert "MP413" not in codes(src.replace("INNER", '"serial"'))
    assert "MP413" in codes(src.replace("INNER", '"parallel"'))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("inner", ["1", "2"])
def test_runtime_task_argument(tmp_path, inner, method):
    path = tmp_path / "gap.py"
    path.write_text(GAP.replace("INNER", inner))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    if INNERS[inner]:
        assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=2" in out.stdout, out.stderr


CONF = """
    CONFIG = None


    def ensure_configured(jobs):
        global CONFIG
        CONFIG = {"jobs": jobs}


    def get(key, default=None):
        return (CONFIG or {}).get(key, default)


    class Marshaler:
        def __init__(self):
            self.config = CONFIG

        def restore(self):
            global CONFIG
            CONFIG = self.config
"""

BUILD = """
    import multiprocessing as mp
    import sys

    from kit import conf


    def build(name, out, state):
        RESTORE
        out.put((name, conf.get("jobs", 1)))


    def main():
        conf.ensure_configured(4)
        out = mp.Queue()
        state = conf.Marshaler()
        procs = [mp.Process(target=build, args=(n, out, state)) for n in ("zlib", "cmake")]
        for p in procs:
            p.start()
        jobs = dict(out.get() for _ in procs)
        for p in procs:
            p.join()
        print("RESULT=%s" % sorted(jobs.values()))
        sys.exit(0 if set(jobs.values()) == {4} else 3)


    if __name__ == "__main__":
        main()
"""

# what the child does first -> does it miss the parent's configuration under spawn
RESTORES = {"state.restore()": False, "pass": True}


def _build(tmp_path, restore):
    return project(tmp_path, {"kit/__init__.py": "", "kit/conf.py": CONF,
                              "main.py": BUILD.replace("RESTORE", restore)})


@pytest.mark.parametrize("restore", sorted(RESTORES))
def test_a_child_that_restores_the_global_itself(tmp_path, restore):
    got = findings(_build(tmp_path, restore) / "main.py", "MP302")
    assert bool(got) is RESTORES[restore]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("restore", sorted(RESTORES))
def test_runtime_restored_global(tmp_path, restore, method):
    root = _build(tmp_path, restore)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    lost = RESTORES[restore] and method != "fork"
    assert out.returncode == (3 if lost else 0), out.stderr


CODEC = {
    "import": """
        import multiprocessing
        import zlib

        mutex = multiprocessing.Lock()


        def compress(buf):
            with mutex:
                return zlib.compress(buf)
    """,
    "lazy": """
        import multiprocessing
        import zlib

        _mutex = None


        def compress(buf):
            global _mutex
            if _mutex is None:
                _mutex = multiprocessing.Lock()
            with _mutex:
                return zlib.compress(buf)
    """,
}

STORE = """
    import multiprocessing as mp
    import sys

    from kit import codec


    def encode(chunk):
        return len(codec.compress(chunk))


    def main():
        mp.set_start_method("spawn")
        with mp.Pool(2) as pool:
            sizes = pool.map(encode, [b"a" * 100, b"b" * 100])
        print("RESULT=%d" % len(sizes))


    if __name__ == "__main__":
        main()
"""


def _store(tmp_path, kind):
    return project(tmp_path, {"kit/__init__.py": "", "kit/codec.py": CODEC[kind], "main.py": STORE})


@pytest.mark.parametrize("kind", sorted(CODEC))
def test_a_lock_made_at_import_fixes_the_start_method(tmp_path, kind):
    got = findings(_store(tmp_path, kind) / "main.py", "MP401")
    assert [f.start.row for f in got] == ([13] if kind == "import" else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kind", sorted(CODEC))
def test_runtime_lock_at_import(tmp_path, kind, method):
    root = _store(tmp_path, kind)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if kind == "import":
        assert out.returncode != 0 and "context has already been set" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=2" in out.stdout, out.stderr


EXPORTER = """
    import multiprocessing as mp

    SET


    def export(name):
        return name + ".onnx"
"""

TOOL = """
    import multiprocessing as mp
    import sys

    from kit import exporter

    SETTINGS = {"opset": 11}


    def validate(name):
        return "%s:%d" % (exporter.export(name), SETTINGS["opset"])


    def main():
        SETTINGS["opset"] = 14
        with mp.Pool(2) as pool:
            checks = pool.map(validate, ["bert", "gpt2"])
        print("RESULT=%s" % checks)
        sys.exit(0 if all(c.endswith(":14") for c in checks) else 3)


    if __name__ == "__main__":
        main()
"""

# what the exporter does at import -> the defaults under which the global is lost
EXPORTERS = {'mp.set_start_method("spawn", force=True)': {"fork", "spawn", "forkserver"},
             'CTX = mp.get_context("spawn")': {"spawn", "forkserver"},
             'if mp.get_start_method(allow_none=True) is None:\n        mp.set_start_method("spawn")':
                 {"fork", "spawn", "forkserver"}}


def _tool(tmp_path, set_it):
    return project(tmp_path, {"kit/__init__.py": "", "kit/exporter.py": EXPORTER.replace("SET", set_it),
                              "main.py": TOOL})


@pytest.mark.parametrize("set_it", sorted(EXPORTERS))
def test_a_start_method_an_imported_module_sets(tmp_path, set_it):
    got = findings(_tool(tmp_path, set_it) / "main.py", "MP302")
    assert len(got) == 1 and set(got[0].start_methods) == EXPORTERS[set_it]


def test_a_local_set_start_method_still_decides():
    src = textwrap.dedent(TOOL).replace("from kit import exporter", "").replace("exporter.export(name)", "name")
    assert methods(src.replace('SETTINGS = {"opset": 11}', 'mp.set_start_method("spawn", force=True)\n'
                               'SETTINGS = {"opset": 11}'), "MP302") == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("set_it", sorted(EXPORTERS))
def test_runtime_method_set_at_import(tmp_path, set_it, method):
    root = _tool(tmp_path, set_it)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == (3 if method in EXPORTERS[set_it] else 0), out.stderr


BANNER = """
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

RUN_LOG = Path(tempfile.gettempdir()) / ("r8_banner_%s.log" % os.environ.get("R8_TAG", "x"))
TOP


def task():
    with RUN_LOG.open("a") as fh:
        fh.write("hello\\n")


if __name__ == "__main__":
    GUARDED
    with ProcessPoolExecutor(max_workers=1) as pool:
        pool.submit(task).result()
    lines = RUN_LOG.read_text().splitlines()
    print("RESULT=%s" % lines)
    sys.exit(0 if lines == ["001 %d" % os.getpid(), "hello"] else 3)
"""

WRITE = 'RUN_LOG.write_text("001 %d\\n" % os.getpid())'
# where the run log is started -> is it started again by the spawned worker
BANNERS = {"top": True, "guarded": False}


def _banner(where):
    return BANNER.replace("TOP", WRITE if where == "top" else "").replace("GUARDED", WRITE if where == "guarded"
                                                                           else "pass")


@pytest.mark.parametrize("where", sorted(BANNERS))
def test_a_path_rewritten_at_import(where):
    assert ("MP102" in codes(_banner(where))) is BANNERS[where]


def test_a_path_method_of_a_plain_string_is_not_a_write():
    src = _banner("top").replace('Path(tempfile.gettempdir()) / ("r8_banner_%s.log" % os.environ.get("R8_TAG", "x"))',
                                 '"r8_banner.log"')
    assert "MP102" not in codes(src.replace(WRITE, 'RUN_LOG.replace("a", "b")'))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("where", sorted(BANNERS))
def test_runtime_path_rewritten(tmp_path, where, method):
    path = tmp_path / "banner.py"
    path.write_text(_banner(where).replace('os.environ.get("R8_TAG", "x")', repr(f"{where}{method}{os.getpid()}")))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    lost = BANNERS[where] and method != "fork"
    assert out.returncode == (3 if lost else 0), out.stderr + out.stdout


TUNER = """
import multiprocessing as mp
import os
import sys


def probe(out):
    out.put(os.getpid())


def bench(choice, out):
    out.put((choice, os.environ.get("CUDA_VISIBLE_DEVICES", "all")))


class Tuner:
    def __init__(self):
        self.out = mp.Queue()

    def warmup(self):
        p = mp.Process(target=probe, args=(self.out,))
        p.start()
        self.out.get()
        p.join()

    def benchmark(self, device, choice):
        os.environ["CUDA_VISIBLE_DEVICES"] = str(device)
        p = mp.Process(target=bench, args=(choice, self.out))
        p.start()
        seen = self.out.get()[1]
        p.join()
        return seen


if __name__ == "__main__":
    os.environ.pop("CUDA_VISIBLE_DEVICES", None)
    tuner = Tuner()
    FIRST
    seen = tuner.benchmark(0, "mm")
    LAST
    print("RESULT=%s" % seen)
    sys.exit(0 if seen == "0" else 3)
"""

# is the warm-up process started before the benchmark sets the environment
WARMUPS = {True: True, False: False}


def _tuner(first):
    return TUNER.replace("FIRST", "tuner.warmup()" if first else "pass").replace(
        "LAST", "pass" if first else "tuner.warmup()")


@pytest.mark.parametrize("first", [True, False])
def test_environment_set_in_a_method_after_an_earlier_start(first):
    assert ("MP304" in codes(_tuner(first))) is first
    if first:
        assert methods(_tuner(first), "MP304") == {"forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("first", [True, False])
def test_runtime_environment_after_warmup(tmp_path, first, method):
    path = tmp_path / "tuner.py"
    path.write_text(_tuner(first))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == (3 if first and method == "forkserver" else 0), out.stderr + out.stdout


EXECUTORS = """
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Dict, Optional

MODEL_NAME = "base"
POOLS = {}


def embed(text):
    return "%s:%d" % (MODEL_NAME, len(text))


class PoolManager:
    _pools: Dict[str, ProcessPoolExecutor] = {}

    @classmethod
    def get_executor(cls, name: str, max_tasks_per_child: Optional[int] = None) -> ProcessPoolExecutor:
        if name not in cls._pools:
            cls._pools[name] = ProcessPoolExecutor(max_workers=2, max_tasks_per_child=max_tasks_per_child)
        return cls._pools[name]


def get_module(name, max_tasks_per_child=None):
    if name not in POOLS:
        POOLS[name] = ProcessPoolExecutor(max_workers=2, max_tasks_per_child=max_tasks_per_child)
    return POOLS[name]


def main():
    global MODEL_NAME
    MODEL_NAME = "large"
    executor = GET
    vectors = list(executor.map(embed, ["alpha", "beta"]))
    executor.shutdown()
    print("RESULT=%s" % vectors)
    sys.exit(0 if vectors == ["large:5", "large:4"] else 3)


if __name__ == "__main__":
    main()
"""

# how main() gets its executor -> the defaults under which the global set in main() is lost
GETS = {'PoolManager.get_executor("embed", max_tasks_per_child=4)': {"fork", "spawn", "forkserver"},
        'PoolManager.get_executor("embed")': {"spawn", "forkserver"},
        'get_module("embed", max_tasks_per_child=2)': {"fork", "spawn", "forkserver"},
        'get_module("embed")': {"spawn", "forkserver"}}


@pytest.mark.parametrize("get", sorted(GETS))
def test_an_executor_kept_in_a_dict_and_returned(get):
    assert methods(EXECUTORS.replace("GET", get), "MP302") == GETS[get]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="ProcessPoolExecutor(max_tasks_per_child=) is new in Python 3.11")
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("get", sorted(GETS))
def test_runtime_executor_kept_in_a_dict(tmp_path, get, method):
    path = tmp_path / "pools.py"
    path.write_text(EXECUTORS.replace("GET", get))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == (3 if method in GETS[get] else 0), out.stderr + out.stdout


SCENES = """
import sys
from multiprocessing import Pool


def worker(info):
    return info * 2


if __name__ == "__main__":
    infos = [1, 2, 3]
    po = Pool(2)
    results = []
    BODY
    po.join()
    done = [r.get() for r in results]
    print("RESULT=%s" % done)
    sys.exit(0 if done == [2, 4, 6] else 3)
"""

# how the scenes are submitted -> is the pool handed work after close() (ValueError: Pool not running)
BODIES = {
    "in_loop": "for info in infos:\n        results.append(po.apply_async(worker, (info,)))\n        po.close()",
    "after_loop": "for info in infos:\n        results.append(po.apply_async(worker, (info,)))\n    po.close()",
    "before": "po.close()\n    results = [po.apply_async(worker, (i,)) for i in infos]",
    "loop_leaves": "for info in infos:\n        results.append(po.apply_async(worker, (info,)))\n        if info == 1:\n"
                   "            po.close()\n            break\n    results += [po.apply_async(worker, (i,)) for i in ()]",
}
FAILS = {"in_loop": True, "after_loop": False, "before": True, "loop_leaves": False}


@pytest.mark.parametrize("body", sorted(BODIES))
def test_a_pool_handed_work_after_close(body):
    assert ("MP414" in codes(SCENES.replace("BODY", BODIES[body]))) is FAILS[body]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("body", ["in_loop", "after_loop", "before"])
def test_runtime_pool_after_close(tmp_path, body, method):
    path = tmp_path / "scenes.py"
    path.write_text(SCENES.replace("BODY", BODIES[body]))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    if FAILS[body]:
        assert out.returncode != 0 and "ValueError: Pool not running" in out.stderr
    else:
        assert out.returncode == 0 and "RESULT=[2, 4, 6]" in out.stdout, out.stderr


def test_a_terminate_before_leaving_is_not_a_use_after_close():
    body = "if not infos:\n        po.terminate()\n        sys.exit(1)\n    results = [po.apply_async(worker, (i,)) for i in infos]\n    po.close()"
    assert "MP414" not in codes(SCENES.replace("BODY", body))
