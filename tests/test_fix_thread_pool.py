"""MP413's fix: a pool made in a daemonic Pool worker becomes a pool of threads (`ThreadPool`,
`ThreadPoolExecutor`), which a daemonic process may start. Proven by running the program and its fixed text
under fork, spawn and forkserver (fresh_reports4 daemon_asap_nested_withpool_downsample, asap-modules #125)."""

import pytest
from helpers import run_program
from mpguard.fixes.apply import fix_all
from mpguard.linter.analyze import analyze
from mpguard.text.findings import Applicability

SOURCE = '''import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def task(n):
    with INNER as inner:
        return sum(inner.map(square, range(n)))


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print("RESULT=%s" % pool.map(task, [3, 4]))
'''


def fixed(inner: str) -> str:
    return fix_all(SOURCE.replace("INNER", inner), lambda text: analyze(text, "case.py").findings, unsafe=True)[0]


@pytest.mark.parametrize("inner, made", [
    ("multiprocessing.Pool(2)", "multiprocessing.pool.ThreadPool(2)"),
    ("multiprocessing.Pool(processes=2, initializer=None)", "multiprocessing.pool.ThreadPool(processes=2, initializer=None)"),
    ("ProcessPoolExecutor(2)", "concurrent.futures.ThreadPoolExecutor(2)"),
])
def test_the_inner_pool_becomes_threads(inner, made):
    text = fixed(inner)
    assert f"with {made} as inner:" in text
    assert [f.code for f in analyze(text, "case.py").findings] == []
    [finding] = analyze(SOURCE.replace("INNER", inner), "case.py").findings
    assert finding.code == "MP413" and finding.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize("inner", [
    "multiprocessing.Pool(2, maxtasksperchild=1)",  # a thread pool takes no maxtasksperchild
    "ProcessPoolExecutor(2, max_tasks_per_child=1)",
    "multiprocessing.get_context('spawn').Pool(2, None, (), None)",  # a fourth positional argument
])
def test_no_fix_for_arguments_a_thread_pool_does_not_take(inner):
    [finding] = [f for f in analyze(SOURCE.replace("INNER", inner), "case.py").findings if f.code == "MP413"]
    assert finding.fix is None


def test_no_fix_for_a_process_started_in_a_worker():
    source = SOURCE.replace("    with INNER as inner:\n        return sum(inner.map(square, range(n)))",
                            "    p = multiprocessing.Process(target=square, args=(n,))\n    p.start()\n    p.join()")
    [finding] = analyze(source, "case.py").findings
    assert finding.code == "MP413" and finding.fix is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for inner, ok in (("multiprocessing.Pool(2)", False), ("ProcessPoolExecutor(2)", False)):
        for text, expect_ok in ((SOURCE.replace("INNER", inner), ok), (fixed(inner), True)):
            path = tmp_path / "prog.py"
            path.write_text(text)
            out = run_program(path, method, timeout=120)
            if expect_ok:
                assert out.returncode == 0 and "RESULT=[5, 14]" in out.stdout, out.stderr
            else:
                assert "daemonic processes are not allowed to have children" in out.stderr
