"""MP423 fork-while-threads-run: unit tests on source strings, the corpus of programs (tests/corpus/threads)
against what Python printed when they ran, and a runtime check on any Python 3.12+ found here."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mpguard.linter.analyze import analyze
from helpers import runtime_proofs_or_skip, run_in_session

CORPUS = Path(__file__).parent / "corpus" / "threads"
RESULTS = json.loads((CORPUS / "results.json").read_text(encoding="utf-8"))["cases"]


def codes(source: str) -> list[str]:
    return [f.code for f in analyze(source, path="script.py").findings if f.code == "MP423"]


HEAD = "import multiprocessing\nimport threading\nimport time\n\n\ndef tick():\n    time.sleep(1)\n\n\ndef work():\n    pass\n\n\n"


def test_daemon_thread_then_process_start():
    assert codes(HEAD + 'if __name__ == "__main__":\n    threading.Thread(target=tick, daemon=True).start()\n'
                 '    p = multiprocessing.Process(target=work)\n    p.start()\n    p.join()\n') == ["MP423"]


def test_joined_thread_is_silent():
    assert codes(HEAD + 'if __name__ == "__main__":\n    t = threading.Thread(target=tick)\n    t.start()\n'
                 '    t.join()\n    p = multiprocessing.Process(target=work)\n    p.start()\n') == []


def test_thread_started_after_the_fork_is_silent():
    assert codes(HEAD + 'if __name__ == "__main__":\n    p = multiprocessing.Process(target=work)\n    p.start()\n'
                 '    threading.Thread(target=tick).start()\n') == []


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_spawn_and_forkserver_contexts_are_silent(method):
    assert codes(HEAD + f'if __name__ == "__main__":\n    threading.Thread(target=tick, daemon=True).start()\n'
                 f'    ctx = multiprocessing.get_context("{method}")\n    ctx.Process(target=work).start()\n') == []


def test_set_start_method_spawn_is_silent():
    assert codes(HEAD + 'if __name__ == "__main__":\n    multiprocessing.set_start_method("spawn")\n'
                 '    threading.Thread(target=tick, daemon=True).start()\n'
                 '    with multiprocessing.Pool(2) as pool:\n        pool.map(abs, [1])\n') == []


def test_explicit_fork_breaks_under_every_default():
    findings = [f for f in analyze(HEAD + 'if __name__ == "__main__":\n    threading.Thread(target=tick).start()\n'
                                   '    multiprocessing.get_context("fork").Process(target=work).start()\n',
                                   path="s.py").findings if f.code == "MP423"]
    assert len(findings) == 1 and findings[0].start_methods == frozenset({"fork", "spawn", "forkserver"})


def test_default_context_breaks_only_where_fork_is_the_default():
    findings = [f for f in analyze(HEAD + 'if __name__ == "__main__":\n    threading.Thread(target=tick).start()\n'
                                   '    multiprocessing.Process(target=work).start()\n', path="s.py").findings
                if f.code == "MP423"]
    assert [f.start_methods for f in findings] == [frozenset({"fork"})]
    assert "DeprecationWarning: This process (pid=N) is multi-threaded" in findings[0].message
    assert "popen_fork.py" in findings[0].message  # where the warning is attributed, hidden by default


def test_thread_in_other_branch_is_silent():
    assert codes(HEAD + 'import sys\nif __name__ == "__main__":\n    if sys.argv[1:]:\n'
                 '        threading.Thread(target=tick).start()\n    else:\n'
                 '        multiprocessing.Process(target=work).start()\n') == []


def test_thread_started_in_a_loop_before_the_fork_then_joined_in_a_loop_is_silent():
    assert codes(HEAD + 'if __name__ == "__main__":\n    ts = [threading.Thread(target=tick) for _ in range(3)]\n'
                 '    for t in ts:\n        t.start()\n    for t in ts:\n        t.join()\n'
                 '    multiprocessing.Process(target=work).start()\n') == []


def test_thread_started_by_a_helper_that_joins_it_is_silent():
    assert codes(HEAD + 'def prefetch():\n    t = threading.Thread(target=tick)\n    t.start()\n    t.join()\n\n\n'
                 'if __name__ == "__main__":\n    prefetch()\n    multiprocessing.Process(target=work).start()\n') == []


def test_timer_cancelled_is_silent():
    assert codes(HEAD + 'if __name__ == "__main__":\n    t = threading.Timer(5, tick)\n    t.start()\n'
                 '    t.cancel()\n    multiprocessing.Process(target=work).start()\n') == []


def test_shut_down_executor_is_silent():
    assert codes(HEAD + 'from concurrent.futures import ThreadPoolExecutor\nif __name__ == "__main__":\n'
                 '    ex = ThreadPoolExecutor(2)\n    ex.submit(tick)\n    ex.shutdown()\n'
                 '    multiprocessing.Process(target=work).start()\n') == []


def test_executor_with_a_task_not_shut_down():
    assert codes(HEAD + 'from concurrent.futures import ThreadPoolExecutor\nif __name__ == "__main__":\n'
                 '    ex = ThreadPoolExecutor(2)\n    ex.submit(tick)\n'
                 '    multiprocessing.Process(target=work).start()\n') == ["MP423"]


def test_thread_pool_in_its_block():
    assert codes(HEAD + 'from multiprocessing.pool import ThreadPool\nif __name__ == "__main__":\n'
                 '    with ThreadPool(2) as tp:\n        multiprocessing.Process(target=work).start()\n') == ["MP423"]


def test_os_fork_after_thread_without_multiprocessing():
    source = ("import os\nimport threading\nimport time\n\n\ndef tick():\n    time.sleep(1)\n\n\n"
              "threading.Thread(target=tick, daemon=True).start()\npid = os.fork()\n")
    assert codes(source) == ["MP423"]


def test_child_code_is_not_judged():
    assert codes(HEAD + 'def child():\n    threading.Thread(target=tick).start()\n    import os\n    os.fork()\n\n\n'
                 'if __name__ == "__main__":\n    multiprocessing.Process(target=child).start()\n') == []


def test_held_lock_keeps_its_own_code():
    """MP305 (a lock the child needs) is the specific finding; MP423 does not repeat it."""
    source = ("import multiprocessing\nimport threading\nimport time\n\nLOCK = threading.Lock()\n\n\n"
              "def hold():\n    with LOCK:\n        time.sleep(2)\n\n\ndef work():\n    with LOCK:\n        pass\n\n\n"
              'if __name__ == "__main__":\n    threading.Thread(target=hold).start()\n'
              "    p = multiprocessing.Process(target=work)\n    p.start()\n")
    found = [f.code for f in analyze(source, path="s.py").findings]
    assert "MP305" in found and "MP423" not in found


def _expected(case: str) -> bool:
    """The program forks while threads run: Python 3.12+ issued the warning under fork."""
    rows = RESULTS[case]
    return any(row["fork"]["warning_issued"] for version, row in rows.items() if not version.startswith("3.11"))


@pytest.mark.parametrize("case", sorted(RESULTS))
def test_corpus_findings_match_what_python_did(case):
    source = (CORPUS / "cases" / f"{case}.py").read_text(encoding="utf-8")
    assert bool(codes(source)) == _expected(case), case
    assert ("# MP423" in source) == _expected(case)  # the marked line is the one expected


def test_corpus_records_the_default_filter_hides_the_multiprocessing_warning():
    rows = [row for case in RESULTS.values() for version, row in case.items() if version.startswith("3.12")]
    forked = [r["fork"] for r in rows if r["fork"].get("warned_in") == "popen_fork.py"]
    assert forked and not any(r["warning_shown_by_default"] for r in forked)
    osfork = RESULTS["os_fork_after_thread"]["3.12.1"]["fork"]
    assert osfork["warning_issued"] and osfork["warning_shown_by_default"]


def _newer_python():
    for candidate in ("python3.13", "python3.12"):
        for path in (Path.home() / ".pyenv" / "versions").glob(f"{candidate[6:]}*/bin/{candidate}"):
            return str(path)
    return sys.executable if sys.version_info >= (3, 12) else None


@pytest.mark.skipif(sys.platform == "win32", reason="fork does not exist on Windows")
@pytest.mark.parametrize("case", ["timer_then_process", "joined_thread_ok", "threadpool_then_pool_inside_with",
                                  "threadpool_then_pool_after_with_ok"])
def test_runtime_warning_only_where_mpguard_reports(case):
    runtime_proofs_or_skip()
    python = _newer_python()
    if python is None:
        pytest.skip("no Python 3.12+ here: older versions never warn")
    env = {"MP_DEFAULT_METHOD": "fork", "PYTHONPATH": str(CORPUS.parent / "runner_site"), "PATH": "/usr/bin:/bin"}
    done = run_in_session([python, "-W", "default::DeprecationWarning", str(CORPUS / "cases" / f"{case}.py")],
                          text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert ("is multi-threaded, use of fork() may lead to deadlocks" in done.stderr) == _expected(case)


LOOPED = HEAD + ('def main(seasons):\n    threading.Thread(target=tick, daemon=True).start()\n'
                 '    for season in LOOP:\n        p = multiprocessing.Process(target=work)\n        p.start()\n'
                 '        p.join()\n\n\nif __name__ == "__main__":\n    main(["DJF"])\n')


@pytest.mark.parametrize("loop, found", [('("DJF", "JJA")', ["MP423"]), ("range(2)", ["MP423"]),
                                         ("seasons", []), ("()", []), ("range(0)", [])])
def test_a_fork_in_a_loop_sure_to_run_a_first_turn(loop, found):
    """e3sm_diags #1040 (fresh_reports7): the thread started before `for season in ("DJF", "JJA"):` is alive at the
    first turn's fork; a loop over what the callers pass (or an empty literal) may run no turn: not judged."""
    assert codes(LOOPED.replace("LOOP", loop)) == found


SHORT = HEAD + ('def status():\n    BODY\n\n\nif __name__ == "__main__":\n'
                '    threading.Thread(target=status, daemon=True).start()\n'
                '    p = multiprocessing.Process(target=work)\n    p.start()\n    p.join()\n')


@pytest.mark.parametrize("body, found", [("print('rendered so far')", []),
                                         ("while True:\n        time.sleep(1)", ["MP423"]),
                                         ("time.sleep(5)", ["MP423"]),
                                         ("tick()", ["MP423"])])
def test_a_thread_whose_target_neither_loops_nor_waits_is_not_known_alive(body, found):
    """fresh_realistic5 (report_service_static_render): a status thread that logs one line and ends has most likely
    ended before a later fork (and the fork then warns of nothing); one that loops, waits or calls into this module
    (which may loop) is still known alive."""
    assert codes(SHORT.replace("BODY", body)) == found
