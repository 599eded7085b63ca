"""MP423's fix (session 23, fixes/spawn_context.py): a Process, Pool or ProcessPoolExecutor of the default context,
forked while another thread of the parent runs, gets a spawn context, when the analysis found nothing in the module
that breaks under spawn. reformatters #215, openhands #459, datapipeline #472, dipy #3220, domainscan #157 (fresh
corpora): a logging or syncing thread holds a lock at the fork and the forked worker deadlocks. Near misses: a
Process handed a Queue of the default context (3.12+ refuses a fork-context SemLock in a spawned child), a
parameter that may be one, an explicit fork context (the program chose fork), a module whose child reads a global
the parent sets (it would break under spawn): no fix."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses

HEAD = """
    import multiprocessing
    import threading
    import time
    from concurrent.futures import ProcessPoolExecutor


    def square(x):
        return x * x


    def beat(stop):
        while not stop.is_set():
            time.sleep(0.01)


    def main():
        stop = threading.Event()
        ticker = threading.Thread(target=beat, args=(stop,), daemon=True)
        ticker.start()
"""
TAIL = """
        stop.set()
        ticker.join()
        print("OUT", out)


    if __name__ == "__main__":
        main()
"""
EXECUTOR = """
        with ProcessPoolExecutor(max_workers=2) as ex:
            out = list(ex.map(square, range(4)))
"""
POOL = """
        with multiprocessing.Pool(2) as pool:
            out = pool.map(square, range(4))
"""
PROCESS = """
        proc = multiprocessing.Process(target=square, args=(3,))
        proc.start()
        proc.join()
        out = [proc.exitcode, 1]
"""


def program(body: str) -> str:
    return textwrap.dedent(HEAD) + textwrap.indent(textwrap.dedent(body), "    ") + textwrap.dedent(TAIL)


def fixed(src: str) -> str:
    [finding] = found(src, "MP423")
    assert finding.fix is not None and finding.fix.applicability.name == "UNSAFE"
    out = apply_edits(src, finding.fix.edits)
    assert parses(out)
    assert found(out, "MP423") == []
    return out


def test_executor_gets_a_spawn_context():
    out = fixed(program(EXECUTOR))
    assert 'ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))' in out


def test_pool_is_made_from_a_spawn_context():
    out = fixed(program(POOL))
    assert 'multiprocessing.get_context("spawn").Pool(2)' in out


def test_imported_pool_name_and_missing_import():
    src = program(POOL).replace("import multiprocessing\n", "from multiprocessing import Pool\n") \
        .replace("multiprocessing.Pool(2)", "Pool(2)")
    out = fixed(src)
    assert "import multiprocessing\n" in out and 'multiprocessing.get_context("spawn").Pool(2)' in out


def test_process_with_plain_arguments():
    out = fixed(program(PROCESS))
    assert 'multiprocessing.get_context("spawn").Process(target=square, args=(3,))' in out


@pytest.mark.parametrize("body", [
    # a Queue of an explicit fork context in the args: a spawned child refuses a fork-context SemLock (3.12+), and
    # the program chose that context (a default-context Queue made here gets the spawn context too:
    # tests/test_fix_spawn_context_queues.py)
    PROCESS.replace("proc = ", 'q = multiprocessing.get_context("fork").Queue()\n        proc = ')
    .replace("args=(3,)", "args=(q,)"),
    # the program chose fork
    POOL.replace("multiprocessing.Pool(2)", 'multiprocessing.get_context("fork").Pool(2)'),
])
def test_no_fix(body):
    findings = found(program(body), "MP423")
    assert findings and all(f.fix is None for f in findings)


def test_no_fix_for_a_parameter_that_may_be_a_queue():
    src = program(PROCESS).replace("def main():", "def run(channel):\n    return channel\n\n\ndef main():")
    src = src.replace("args=(3,)", "args=(stop_queue,)").replace("def main():", "def main(stop_queue=None):")
    findings = found(src, "MP423")
    assert findings and all(f.fix is None for f in findings)


def test_no_fix_when_the_module_breaks_under_spawn():
    # the child reads a global the parent sets at run time (MP302 bites under spawn): spawn is no way out
    src = program(POOL).replace("def square(x):\n    return x * x",
                                "SCALE = 1\n\n\ndef square(x):\n    return x * SCALE")
    src = src.replace("    ticker.start()\n", "    ticker.start()\n    global SCALE\n    SCALE = 3\n")
    assert found(src, "MP302")
    findings = found(src, "MP423")
    assert findings and all(f.fix is None for f in findings)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("body", [EXECUTOR, POOL, PROCESS], ids=["executor", "pool", "process"])
def test_runtime(tmp_path, method, body):
    path = tmp_path / "ticking.py"
    path.write_text(fixed(program(body)))
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert "OUT [0, " in after.stdout
