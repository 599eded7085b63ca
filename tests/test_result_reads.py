"""A finding about what a pool task sends back (MP207, MP208) is copied to each read of the result the pool call made:
`future.result()`, an AsyncResult's `get()`. The parent unpickles the result there, and the error (or the
BrokenProcessPool an unrebuildable exception causes) is raised there, where the traceback points (pints #1233's
evaluator shape in fresh_realistic2: `n, (header, rows) = future.result()`).

The future is followed as the walker follows values: a name, an item of the list of futures, the futures
`concurrent.futures.as_completed(futures)` gives (each item of its argument, in another order), and the two sets
`concurrent.futures.wait(futures)` gives (the done ones and the pending ones)."""
import textwrap

from mpguard.linter.analyze import analyze

from helpers import assert_outcome, found, run_program, sent_back_copy

HEAD = """
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Pool


def lazy(n):
    return (i for i in range(n))


def fine(n):
    return list(range(n))


class Refused(Exception):
    def __init__(self, code, reason):
        super().__init__(f"{code}: {reason}")


def strict(n):
    raise Refused(n, "never")

"""


def _rows(body: str, code: str = "MP207") -> list:
    source = textwrap.dedent(HEAD) + textwrap.dedent(body)
    return sorted((f.start.row, sent_back_copy(f)) for f in analyze(source, "case.py").findings if f.code == code)


def _row_of(body: str, text: str) -> int:
    lines = (textwrap.dedent(HEAD) + textwrap.dedent(body)).splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


NAMED = """
def main():
    with ProcessPoolExecutor(2) as ex:
        pending = ex.submit(lazy, 3)
        print("submitted")
        values = pending.result()
    return values
"""


def test_a_future_kept_in_a_name_is_read_with_the_copy():
    assert (_row_of(NAMED, "pending.result()"), True) in _rows(NAMED)


AS_COMPLETED = """
def main():
    with ProcessPoolExecutor(2) as ex:
        jobs = [ex.submit(lazy, n) for n in range(3)]
        for done in as_completed(jobs):
            print(done.result())
"""


def test_futures_through_as_completed_are_read_with_the_copy():
    assert (_row_of(AS_COMPLETED, "done.result()"), True) in _rows(AS_COMPLETED)


WAITED = """
import concurrent.futures


def main():
    with ProcessPoolExecutor(2) as ex:
        jobs = {n: ex.submit(lazy, n) for n in range(3)}
        finished, _pending = concurrent.futures.wait(list(jobs.values()))
        for job in finished:
            print(job.result(timeout=5))
"""


def test_futures_through_wait_are_read_with_the_copy():
    assert (_row_of(WAITED, "job.result(timeout=5)"), True) in _rows(WAITED)


LIST_LOOP = """
def main():
    with ProcessPoolExecutor(2) as ex:
        jobs = []
        for n in range(3):
            jobs.append(ex.submit(lazy, n))
        return [job.result() for job in jobs]
"""


def test_futures_in_a_list_are_read_with_the_copy():
    assert (_row_of(LIST_LOOP, "job.result()"), True) in _rows(LIST_LOOP)


ASYNC_GET = """
def main():
    with Pool(2) as pool:
        handle = pool.apply_async(lazy, (3,))
        pool.close()
        pool.join()
        return handle.get(timeout=5)
"""


def test_an_async_result_get_is_read_with_the_copy():
    assert (_row_of(ASYNC_GET, "handle.get("), True) in _rows(ASYNC_GET)


RAISED = """
def main():
    with ProcessPoolExecutor(2) as ex:
        failing = ex.submit(strict, 1)
        print("waiting")
        return failing.result()
"""


def test_an_unrebuildable_exception_is_reported_at_the_result_read():
    assert (_row_of(RAISED, "failing.result()"), True) in _rows(RAISED, "MP208")


NEAR_MISS_OTHER_FUTURE = """
def main():
    with ProcessPoolExecutor(2) as ex:
        good = ex.submit(fine, 3)
        bad = ex.submit(lazy, 3)
        print(good.result())
        return bad
"""


def test_the_result_of_another_task_gets_no_copy():
    assert _row_of(NEAR_MISS_OTHER_FUTURE, "good.result()") not in [row for row, _ in _rows(NEAR_MISS_OTHER_FUTURE)]


NEAR_MISS_FINE = """
def main():
    with ProcessPoolExecutor(2) as ex:
        jobs = [ex.submit(fine, n) for n in range(3)]
        for done in as_completed(jobs):
            print(done.result())
"""


def test_a_task_sending_back_picklable_values_stays_silent():
    assert _rows(NEAR_MISS_FINE) == [] and _rows(NEAR_MISS_FINE, "MP208") == []


def test_found_leaves_the_copies_out():
    source = textwrap.dedent(HEAD) + textwrap.dedent(AS_COMPLETED)
    assert [f.start.row for f in found(source, "MP207")] == [_row_of(AS_COMPLETED, "return (i for")]


def test_a_comment_on_the_task_return_silences_the_copies():
    source = (textwrap.dedent(HEAD) + textwrap.dedent(AS_COMPLETED)).replace(
        "return (i for i in range(n))", "return (i for i in range(n))  # noqa: MP207")
    assert not [f for f in analyze(source, "case.py").findings if f.code == "MP207"]


PROGRAM = """
from concurrent.futures import ProcessPoolExecutor, as_completed


def lazy(n):
    return (i for i in range(n))


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as ex:
        jobs = [ex.submit(lazy, n) for n in range(2)]
        print("submitted")
        for done in as_completed(jobs):
            print(list(done.result()))
"""


def test_the_result_read_raises_what_the_task_could_not_send_back(tmp_path):
    """Under every start method the submit succeeds and `done.result()` raises the pickling error."""
    script = tmp_path / "reads.py"
    script.write_text(textwrap.dedent(PROGRAM))
    for method in ("fork", "spawn", "forkserver"):
        out = run_program(script, method, timeout=30)
        assert_outcome(out, True, "cannot pickle 'generator' object", "")
        assert "submitted" in out.stdout and "done.result()" in out.stderr, out.stderr
