"""Issue 12, audited bullet by bullet (docs/issue12-audit.md): the points no other test proved, each
with its near miss. Every hazardous shape here was run under fork, spawn and forkserver (3.11-3.13)."""
from helpers import codes, found, methods, rows

ALL = {"fork", "spawn", "forkserver"}
SPAWNISH = {"spawn", "forkserver"}

# ---------------------------------------------------------------- join(timeout), then the exit
# NVIDIA multi-storage-client#178: the parent gives up waiting and returns; the child still holds
# rows for the queue's pipe, and multiprocessing's exit handler joins it forever (killed at 12 s
# under all three methods; the near misses below exit 0).
EXPORT = """
    import multiprocessing
    import sys

    def exporter(rows, out):
        for i in range(rows):
            out.put(("row", i, "x" * 20))
        out.put(("done", rows, ""))

    def run_export(rows):
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=exporter, args=(rows, out)DAEMON)
        proc.start()
        proc.join(timeout=1.0)
        if proc.is_alive():
            ENDreturn None
        return out

    def main():
        out = run_export(ROWS)
        print("timeout" if out is None else "finished")

    if __name__ == "__main__":
        sys.exit(main())
"""


def export(daemon="", end="", rows="40000"):
    return EXPORT.replace("DAEMON", daemon).replace("END", end).replace("ROWS", rows)


def test_join_with_a_timeout_then_the_exit_with_the_queue_unread_hangs():
    [finding] = found(export(), "MP410")
    assert finding.start.row == 14 and finding.start_methods == ALL
    assert "hangs at exit" in finding.message


def test_a_daemonic_child_is_terminated_at_exit_not_joined():
    assert found(export(daemon=", daemon=True"), "MP410") == []


def test_a_child_terminated_after_the_join_gave_up_is_fine():
    assert found(export(end="proc.terminate()\n            "), "MP410") == []


def test_a_child_given_a_small_known_number_of_rows_finishes_in_time():
    assert found(export(rows="10"), "MP410") == []


def test_a_queue_handed_to_a_function_of_another_module_may_be_read_there():
    src = export().replace("out = run_export(ROWS)", "out = run_export(40000)\n        consume(out)") \
        .replace("import sys", "import sys\nfrom elsewhere import consume")
    assert found(src.replace("ROWS", "40000"), "MP410") == []


def test_os_exit_skips_the_exit_handler():
    src = export().replace("sys.exit(main())", "main()\n        os._exit(0)").replace("import sys", "import os, sys")
    assert found(src, "MP410") == []


JOINS = """
    import multiprocessing

    def writer(q):
        for i in range(100000):
            q.put("x" * 20)
        q.put(None)

    if __name__ == "__main__":
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=writer, args=(q,))
        p.start()
        WAITS
"""


def test_a_join_with_a_timeout_before_the_drain_is_not_a_deadlock():
    # join(0.5) returns, the loop drains, the last join finds the child done: RESULT 100000 under all three
    src = JOINS.replace("WAITS", "p.join(timeout=0.5)\n        while q.get() is not None:\n            pass\n"
                                 "        p.join()")
    assert found(src, "MP410") == []


def test_join_with_a_timeout_then_join_before_the_drain_is_reported_at_the_first_join():
    # ifcpipeline#24 (reports/ifcpipeline_join_before_drain): the wait starts at the join(timeout)
    src = JOINS.replace("WAITS", "p.join(5)\n        if p.is_alive():\n            p.join()\n        q.get()")
    [finding] = found(src, "MP410")
    assert finding.start.row == 13 and "line 15" in finding.message


def test_join_with_a_timeout_polled_in_a_while_loop_waits_for_good():
    src = JOINS.replace("WAITS", "while p.is_alive():\n            p.join(1)\n        q.get()")
    assert rows(src, "MP410") == [14]


# ---------------------------------------------------------------- values
def test_a_local_alias_of_a_parameter_is_followed():
    src = """
        from multiprocessing import Pool
        def square(x): return x * x
        def run(func, items):
            f = func
            with Pool(2) as pool:
                return pool.map(f, items)
        if __name__ == "__main__":
            run(FUNC, [1, 2])
    """
    assert rows(src.replace("FUNC", "lambda x: x * 2"), "MP201") == [7]
    assert methods(src.replace("FUNC", "lambda x: x * 2"), "MP201") == ALL
    assert "MP201" not in codes(src.replace("FUNC", "square"))


def test_dict_views_give_their_values_and_items():
    src = """
        from multiprocessing import Pool
        def work(x): return x
        if __name__ == "__main__":
            d = {"a": VALUE, "b": 2}
            with Pool(2) as pool:
                print(pool.map(work, d.VIEW()))
    """
    for view in ("values", "items"):
        assert rows(src.replace("VALUE", "lambda: 1").replace("VIEW", view), "MP201") == [7], view
        assert "MP201" not in codes(src.replace("VALUE", "1").replace("VIEW", view)), view
    # keys are the strings: the lambdas stay in the parent
    assert "MP201" not in codes(src.replace("VALUE", "lambda: 1").replace("VIEW", "keys"))


def test_a_task_that_returns_re_finditer_names_the_iterator_pickle_refuses():
    # MaybeEncodingError: '[<callable_iterator ...>]'. Reason: TypeError("cannot pickle '_sre.SRE_Scanner' object")
    src = """
        import re
        from multiprocessing import Pool
        def task(text):
            return RESULT
        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(task, ["a1b22"]))
    """
    [finding] = found(src.replace("RESULT", 're.finditer(r"\\d+", text)'), "MP207")
    assert finding.start.row == 5 and finding.start_methods == ALL
    assert "callable_iterator" in finding.message and "SRE_Scanner" in finding.message
    assert "re.Match" not in finding.message
    assert "MP207" not in codes(src.replace("RESULT", '[m.group() for m in re.finditer(r"\\d+", text)]'))
    assert "re.Match" in found(src.replace("RESULT", 're.search(r"\\d+", text)'), "MP207")[0].message


def test_a_global_assigned_through_global_in_a_function_before_dispatch():
    src = """
        import multiprocessing
        CONFIG = None
        def setup():
            global CONFIG
            CONFIG = {"scale": 3}
        def work(x):
            return x * CONFIG["scale"]
        if __name__ == "__main__":
            setup()
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [1, 2]))
    """
    assert rows(src, "MP302") == [6]
    assert methods(src, "MP302") == SPAWNISH
    passed = src.replace('x * CONFIG["scale"]', 'x * 3')
    assert "MP302" not in codes(passed)


# ---------------------------------------------------------------- start methods
def test_set_start_method_in_a_constructor_that_runs_twice():
    src = """
        import multiprocessing
        def monitor(): pass
        class Tracker:
            def __init__(self):
                multiprocessing.set_start_method("fork"FORCE)
                self.proc = multiprocessing.Process(target=monitor)
                self.proc.start()
        def main():
            for phase in ("train", "eval"):
                Tracker().proc.join()
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src.replace("FORCE", ""), "MP401")
    assert finding.start.row == 6 and finding.start_methods == ALL and "Tracker()" in finding.message
    assert found(src.replace("FORCE", ", force=True"), "MP401") == []


def test_an_explicit_spawn_makes_fork_platforms_lose_the_state_too():
    # lncrawl#2774: set_start_method("spawn") in main(), then a global filled in: wrong under fork as well
    src = """
        import multiprocessing
        SOURCE = None
        def download(n):
            return SOURCE and n
        def main():
            global SOURCE
            multiprocessing.set_start_method(METHOD)
            SOURCE = "https://example"
            with multiprocessing.Pool(2) as pool:
                return pool.map(download, [1, 2])
        if __name__ == "__main__":
            main()
    """
    assert rows(src.replace("METHOD", '"spawn"'), "MP302") == [9]
    assert methods(src.replace("METHOD", '"spawn"'), "MP302") == ALL
    assert "MP302" not in codes(src.replace("METHOD", '"fork"'))
