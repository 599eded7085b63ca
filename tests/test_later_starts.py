"""A finding about what a Process pickles is copied to a later `start()` of that very process: one that is not
right after the statement making it (test_start_span.py covers that one with the finding's range). start() is where
spawn and forkserver pickle the object (its target, its arguments): the traceback points there, and bug reports
quote that line (doit-api #3's runner makes its processes in one loop and starts them in the next).

The walker says which object a `start()` starts (facts.Start.obj is the value the `Process(...)` call made), so a
process kept in a list, in `self`, or under another name is followed; a `start()` of some other process is not."""
import textwrap

from mpguard.linter.analyze import analyze

from helpers import assert_outcome, found, run_program, start_copy


def _findings(src: str) -> list:
    return analyze(textwrap.dedent(src), "case.py").findings


def _rows(src: str, code: str) -> list:
    return sorted((f.start.row, start_copy(f)) for f in _findings(src) if f.code == code)


RUNNER_LOOPS = """
import multiprocessing


def work(label):
    print(label)


def run_all(labels):
    procs = []
    for label in labels:
        fn = lambda: work(label)
        procs.append(multiprocessing.Process(target=fn))
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()


if __name__ == "__main__":
    run_all(["a", "b"])
"""


def test_a_process_kept_in_a_list_is_reported_at_the_loop_that_starts_it():
    assert _rows(RUNNER_LOOPS, "MP201") == [(13, False), (15, True)]


KEPT_IN_SELF = """
import multiprocessing
import threading


def serve(lock):
    with lock:
        pass


class Service:
    def __init__(self):
        self.lock = threading.Lock()
        self.worker = multiprocessing.Process(target=serve, args=(self.lock,))

    def begin(self):
        self.worker.start()


if __name__ == "__main__":
    svc = Service()
    svc.begin()
"""


def test_a_process_kept_in_self_is_reported_at_the_method_that_starts_it():
    rows = _rows(KEPT_IN_SELF, "MP203")
    assert (14, False) in rows and (17, True) in rows


SEPARATE_NAME = """
import multiprocessing


def main():
    child = multiprocessing.Process(target=lambda: None)
    print("about to start")
    started = child
    started.start()
    started.join()


if __name__ == "__main__":
    main()
"""


def test_a_start_through_another_name_gets_the_copy():
    assert _rows(SEPARATE_NAME, "MP201") == [(6, False), (9, True)]


NEAR_MISS_OTHER_PROCESS = """
import multiprocessing


def work():
    pass


def main():
    fine = multiprocessing.Process(target=work)
    broken = multiprocessing.Process(target=lambda: None)
    broken.start()
    print("started one")
    fine.start()
    fine.join()
    broken.join()


if __name__ == "__main__":
    main()
"""


def test_the_start_of_another_process_gets_no_copy():
    assert _rows(NEAR_MISS_OTHER_PROCESS, "MP201") == [(11, False)]


NEAR_MISS_RIGHT_AFTER = """
import multiprocessing


def main():
    p = multiprocessing.Process(target=lambda: None)
    p.start()
    p.join()


if __name__ == "__main__":
    main()
"""


def test_a_start_right_after_is_covered_by_the_range_not_a_copy():
    found_here = [f for f in _findings(NEAR_MISS_RIGHT_AFTER) if f.code == "MP201"]
    assert [(f.start.row, f.end.row) for f in found_here] == [(6, 7)]


CLEAN = """
import multiprocessing


def work(label):
    print(label)


def run_all(labels):
    procs = [multiprocessing.Process(target=work, args=(label,)) for label in labels]
    print(len(procs))
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()


if __name__ == "__main__":
    run_all(["a", "b"])
"""


def test_a_picklable_process_started_later_stays_silent():
    assert not [f for f in _findings(CLEAN) if f.code.startswith("MP2")]


def test_a_comment_on_the_process_line_silences_the_copy_too():
    silenced = RUNNER_LOOPS.replace("target=fn))", "target=fn))  # noqa: MP201")
    assert not [f for f in _findings(silenced) if f.code == "MP201"]


def test_found_leaves_the_copies_out():
    assert [f.start.row for f in found(RUNNER_LOOPS, "MP201")] == [13]


def test_start_is_where_the_object_is_pickled(tmp_path):
    """Under spawn and forkserver the error comes from `proc.start()` in the second loop, not from
    `Process(...)`; under fork nothing is pickled."""
    script = tmp_path / "later.py"
    script.write_text(textwrap.dedent(RUNNER_LOOPS))
    for method in ("spawn", "forkserver"):
        out = run_program(script, method, timeout=30)
        assert_outcome(out, True, ("Can't pickle", "Can't get local object", "PicklingError"), "")
        assert "proc.start()" in out.stderr, out.stderr
    assert_outcome(run_program(script, "fork", timeout=30), False, None, "b")
