"""Where a task's result crosses back: a finding about what a pool task returns or raises (MP207, MP208) sits
where the value is made (the task's `return`, a helper's `return`, the `raise`) and has a copy at the pool call
that runs the task (`pool.map(task, items)`, `ex.submit(task, x)`, through a partial or a helper that owns the
pool), whose related location is that finding (RuleContext.copy_at_dispatch). Pool.map raises there, an
executor's future re-raises it; the corpora anchor either place. The copy has no fix, one per row and code, and
follows its finding's suppression comment. And MP413 at a daemonic process's `start()` covers the
`Process(...)` made right before it (RuleContext.made_before). Near misses stay silent; proven under fork,
spawn and forkserver."""
import textwrap

import pytest

from helpers import check, run_program, sent_back_copy

MATCH_MAP = """
    import re
    from multiprocessing import Pool

    LINE = re.compile(r"(?P<status>\\d{3})")


    def first_status(text):
        return LINE.search(text)


    def main():
        with Pool(2) as pool:
            found = pool.map(first_status, ["x 200", "y 500"])
        print("RESULT=%s" % [m and m.group("status") for m in found])


    if __name__ == "__main__":
        main()
"""

# (a near miss: the task sends back the groups, which pickle copies)
GROUPS_MAP = MATCH_MAP.replace("return LINE.search(text)", "return LINE.search(text).groupdict()") \
    .replace('[m and m.group("status") for m in found]', "found")

RAISED_SUBMIT = """
    from concurrent.futures import ProcessPoolExecutor


    class QuotaExceeded(Exception):
        def __init__(self, user, limit):
            super().__init__(f"{user} is over {limit}")


    def charge(user):
        if user.startswith("x"):
            raise QuotaExceeded(user, 10)
        return user


    def bill(user):
        return charge(user)


    def main():
        with ProcessPoolExecutor(2) as ex:
            futures = [ex.submit(bill, u) for u in ["ann", "xavier"]]
            print("RESULT=%s" % [f.result() for f in futures])


    if __name__ == "__main__":
        main()
"""

# (a near miss: every argument reaches Exception.__init__, so pickle rebuilds it)
KEPT_SUBMIT = RAISED_SUBMIT.replace('super().__init__(f"{user} is over {limit}")', "super().__init__(user, limit)")

THROUGH_HELPERS = """
    import functools
    import sqlite3
    from multiprocessing import Pool


    def rows(prefix, sql):
        return sqlite3.connect(":memory:").execute(prefix + sql)


    def run_all(func, items):
        with Pool(2) as pool:
            return pool.map(func, items)


    def main():
        print(run_all(functools.partial(rows, "select "), ["1", "2"]))
        with Pool(2) as pool:
            print(pool.starmap(rows, [("select ", "3")]))
            print(pool.apply_async(rows, ("select ", "4")).get())


    if __name__ == "__main__":
        main()
"""

HELPER_GENERATOR = """
    from concurrent.futures import ProcessPoolExecutor


    def load(n):
        values = (i * n for i in range(3))
        return n, values


    def shard(n):
        return load(n)


    def main():
        with ProcessPoolExecutor(2) as ex:
            print("RESULT=%s" % [list(v) for _n, v in ex.map(shard, [1, 2])])


    if __name__ == "__main__":
        main()
"""

DAEMON_START = """
    import multiprocessing


    def leaf(q):
        q.put(1)


    class Monitor:
        def run(self):
            self.queue = multiprocessing.Queue()
            self.proc = multiprocessing.Process(
                target=leaf, args=(self.queue,), daemon=True)
            self.proc.start()
            return self.queue.get(timeout=10)


    def region(n):
        return Monitor().run() + n


    def main():
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % pool.map(region, [1, 2]))


    if __name__ == "__main__":
        main()
"""

# (a near miss: the region runs in the parent, which may start children)
DAEMON_NEAR_MISS = DAEMON_START.replace("""        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % pool.map(region, [1, 2]))""", """        print("RESULT=%s" % [region(n) for n in [1, 2]])""")


def of(src: str, code: str) -> list:
    return sorted((f for f in check(src) if f.code == code), key=lambda f: f.start.row)


def row_of(src: str, text: str) -> int:
    return next(i for i, line in enumerate(textwrap.dedent(src).splitlines(), 1) if text in line)


def test_a_returned_match_has_a_copy_at_the_map_that_runs_the_task():
    primary, copy = of(MATCH_MAP, "MP207")
    assert primary.start.row == row_of(MATCH_MAP, "return LINE.search") and not sent_back_copy(primary)
    assert copy.start.row == row_of(MATCH_MAP, "pool.map(") and sent_back_copy(copy)
    assert [(p.row, text) for p, text in copy.related] == [(primary.start.row, "the task sends it back from here")]
    assert copy.fix is None and copy.message == primary.message and copy.start_methods == primary.start_methods


def test_a_raise_in_a_helper_of_the_task_has_a_copy_at_the_submit():
    # (and at the read of each future the submit made: tests/test_result_reads.py)
    primary, copy, read = of(RAISED_SUBMIT, "MP208")
    assert primary.start.row == row_of(RAISED_SUBMIT, "raise QuotaExceeded")
    assert copy.start.row == row_of(RAISED_SUBMIT, "ex.submit(bill") and sent_back_copy(copy)
    assert copy.related[0][0].row == primary.start.row
    assert read.start.row == row_of(RAISED_SUBMIT, "f.result()") and sent_back_copy(read)
    assert read.related[0][0].row == primary.start.row


def test_each_pool_call_that_runs_the_task_has_its_copy_through_a_partial_or_a_helper():
    findings = of(THROUGH_HELPERS, "MP207")
    copies = [f.start.row for f in findings if sent_back_copy(f)]
    assert [f.start.row for f in findings if not sent_back_copy(f)] == [row_of(THROUGH_HELPERS, "return sqlite3")]
    assert copies == [row_of(THROUGH_HELPERS, "pool.map(func"), row_of(THROUGH_HELPERS, "pool.starmap("),
                      row_of(THROUGH_HELPERS, "pool.apply_async(")]


def test_one_copy_per_row_and_code_when_the_task_and_its_helper_both_return_it():
    findings = of(HELPER_GENERATOR, "MP207")
    assert [f.start.row for f in findings if not sent_back_copy(f)] == [row_of(HELPER_GENERATOR, "return n, values"),
                                                                     row_of(HELPER_GENERATOR, "return load(n)")]
    assert [f.start.row for f in findings if sent_back_copy(f)] == [row_of(HELPER_GENERATOR, "ex.map(shard")]


def test_a_comment_that_silences_the_finding_silences_its_copy():
    silenced = MATCH_MAP.replace("return LINE.search(text)", "return LINE.search(text)  # noqa: MP207")
    assert of(silenced, "MP207") == []
    at_call = MATCH_MAP.replace('["x 200", "y 500"])', '["x 200", "y 500"])  # noqa: MP207')
    assert [f.start.row for f in of(at_call, "MP207")] == [row_of(MATCH_MAP, "return LINE.search")]


@pytest.mark.parametrize("src", [GROUPS_MAP, KEPT_SUBMIT])
def test_near_miss_no_copy_without_a_finding(src):
    assert [f for f in check(src) if f.code in ("MP207", "MP208")] == []


def test_a_daemonic_start_covers_the_process_made_right_before_it():
    (finding,) = of(DAEMON_START, "MP413")
    assert finding.start.row == row_of(DAEMON_START, "self.proc = multiprocessing.Process(")
    assert finding.end.row == row_of(DAEMON_START, "self.proc.start()")
    apart = DAEMON_START.replace("            self.proc.start()\n", "            self.started = True\n"
                                 "            self.proc.start()\n")
    (finding,) = of(apart, "MP413")  # (not right after it: at start() only)
    assert finding.start.row == finding.end.row == row_of(apart, "self.proc.start()")
    assert of(DAEMON_NEAR_MISS, "MP413") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for name, src, fails, words in (
            ("match.py", MATCH_MAP, True, ("cannot pickle 're.Match' object", "MaybeEncodingError")),
            ("groups.py", GROUPS_MAP, False, ()),
            ("raised.py", RAISED_SUBMIT, True, ("BrokenProcessPool", "missing 1 required positional argument")),
            ("kept.py", KEPT_SUBMIT, True, ("QuotaExceeded: ('xavier', 10)",)),  # (rebuilt, re-raised)
            ("through.py", THROUGH_HELPERS, True, ("cannot pickle 'sqlite3.Cursor' object", "MaybeEncodingError")),
            ("generator.py", HELPER_GENERATOR, True, ("cannot pickle 'generator' object",)),
            ("daemon.py", DAEMON_START, True, ("daemonic processes are not allowed to have children",)),
            ("parent.py", DAEMON_NEAR_MISS, False, ())):
        path = tmp_path / name
        path.write_text(textwrap.dedent(src))
        out = run_program(path, method, timeout=60, cwd=tmp_path)
        if fails:
            assert out.returncode != 0 and any(w in out.stderr for w in words), (name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
