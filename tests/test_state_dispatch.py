"""MP302 at the call that runs a child reading globals the parent sets at run time (rules/state_dispatch;
fresh_reports19 spawnpoint11: `pool.map(neighbours, points)` over globals `main()` fills). Besides the findings at
the writes (the shared oracle's anchor), one finding per call that runs a reading child, naming the globals and
the functions, with the writes as related locations. Near misses: the values handed over by an initializer, a
ThreadPool, globals set at import. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import check, run_program, state_dispatch_copy

EXECUTOR = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    THRESHOLD = 0
    WORDS = ()


    def count(prefix):
        return sum(1 for w in WORDS if w.startswith(prefix) and len(w) > THRESHOLD)


    def configure(words, threshold):
        global WORDS, THRESHOLD
        WORDS = tuple(words)
        THRESHOLD = threshold


    def run():
        configure(["apple", "avocado", "banana", "blueberry", "cherry"], 3)
        with ProcessPoolExecutor(2) as ex:
            futures = [ex.submit(count, p) for p in "abc"]
            got = [f.result() for f in futures]
        print("RESULT=%s" % got)
        return 0 if got == [2, 2, 1] else 3


    if __name__ == "__main__":
        sys.exit(run())
"""

PROCESS = """
    import multiprocessing
    import sys

    settings = {}


    def report(q):
        q.put(settings.get("mode", "unset"))


    def main():
        settings["mode"] = "fast"
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=report, args=(q,))
        p.start()
        got = q.get(timeout=30)
        p.join()
        print("RESULT=%s" % got)
        return 0 if got == "fast" else 3


    if __name__ == "__main__":
        sys.exit(main())
"""

HANDED_OVER = EXECUTOR.replace("ProcessPoolExecutor(2)", "ProcessPoolExecutor(2, initializer=configure, "
                               "initargs=(WORDS, THRESHOLD))")
THREADS = EXECUTOR.replace("from concurrent.futures import ProcessPoolExecutor",
                           "from concurrent.futures import ThreadPoolExecutor as ProcessPoolExecutor")
AT_IMPORT = EXECUTOR.replace("    configure([\"apple\", \"avocado\", \"banana\", \"blueberry\", \"cherry\"], 3)\n", "") \
    .replace("WORDS = ()", "WORDS = (\"apple\", \"avocado\", \"banana\", \"blueberry\", \"cherry\")") \
    .replace("THRESHOLD = 0", "THRESHOLD = 3")


def mp302(src):
    return [f for f in check(src) if f.code == "MP302"]


def test_one_finding_at_the_submit_naming_both_globals():
    found = mp302(EXECUTOR)
    copies = [f for f in found if state_dispatch_copy(f)]
    writes = sorted(f.start.row for f in found if not state_dispatch_copy(f))
    lines = textwrap.dedent(EXECUTOR).splitlines()
    assert [lines[r - 1].strip() for r in writes] == ["WORDS = tuple(words)", "THRESHOLD = threshold"]
    [copy] = copies  # one per dispatch call, not one per global
    assert "ex.submit(count, p)" in lines[copy.start.row - 1]
    assert "`THRESHOLD` and `WORDS`" in copy.message and "`count`" in copy.message
    assert sorted(p.row for p, _text in copy.related) == writes
    assert copy.fix is None and set(copy.start_methods) == {"spawn", "forkserver"}


def test_at_the_process_call():
    found = mp302(PROCESS)
    [copy] = [f for f in found if state_dispatch_copy(f)]
    lines = textwrap.dedent(PROCESS).splitlines()
    assert "multiprocessing.Process(target=report" in lines[copy.start.row - 1]
    assert "`settings`" in copy.message and "`report`" in copy.message


@pytest.mark.parametrize("src", [HANDED_OVER, THREADS, AT_IMPORT], ids=["initializer", "threads", "at import"])
def test_near_misses_are_silent(src):
    assert mp302(src) == []


def test_a_comment_at_the_write_silences_the_copy_too():
    src = EXECUTOR.replace("THRESHOLD = threshold", "THRESHOLD = threshold  # noqa: MP302") \
        .replace("WORDS = tuple(words)", "WORDS = tuple(words)  # noqa: MP302")
    assert mp302(src) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name, src", [("executor", EXECUTOR), ("process", PROCESS), ("initializer", HANDED_OVER),
                                       ("threads", THREADS)])
def test_runtime(tmp_path, method, name, src):
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(src))
    out = run_program(path, method)
    flagged = bool([f for f in mp302(src) if state_dispatch_copy(f) and method in f.start_methods])
    assert out.returncode == (3 if flagged else 0), out.stdout + out.stderr
