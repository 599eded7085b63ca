from helpers import codes, found, methods, rows
from mpguard.linter.settings import Settings

# MP403 is outside the default set: the tests about it select it.
MP403_ON = Settings(select=("MP", "MP403"))

ALL = {"fork", "spawn", "forkserver"}


def test_set_start_method_twice():
    src = """
        import multiprocessing as mp
        if __name__ == "__main__":
            mp.set_start_method("spawn")
            mp.set_start_method("spawn")
    """
    assert rows(src, "MP401") == [5]
    lines = src.splitlines()
    lines[4] = lines[4].replace('("spawn")', '("spawn", force=True)')
    assert "MP401" not in codes("\n".join(lines))


def test_set_start_method_after_start_or_get_start_method():
    src = """
        import multiprocessing as mp
        def work(): pass
        if __name__ == "__main__":
            p = mp.Process(target=work); p.start(); p.join()
            mp.set_start_method("spawn")
    """
    assert rows(src, "MP401") == [6]
    after_get = """
        import multiprocessing as mp
        if __name__ == "__main__":
            print(mp.get_start_method())
            mp.set_start_method("spawn")
    """
    assert rows(after_get, "MP401") == [5]
    allow_none = after_get.replace("get_start_method()", "get_start_method(allow_none=True)")
    assert "MP401" not in codes(allow_none)


def test_set_start_method_in_exclusive_branches():
    src = """
        import multiprocessing, sys
        if __name__ == "__main__":
            if len(sys.argv) > 1:
                multiprocessing.set_start_method(sys.argv[1])
            else:
                multiprocessing.set_start_method("spawn")
    """
    assert "MP401" not in codes(src)


def test_set_start_method_at_import():
    src = """
        import multiprocessing as mp
        mp.set_start_method("spawn")
        def work(): pass
        if __name__ == "__main__":
            mp.Process(target=work).start()
    """
    assert rows(src, "MP402") == [3]
    assert methods(src, "MP402") == ALL
    for safe in ('mp.set_start_method("spawn", force=True)', 'mp.set_start_method("fork")'):
        assert "MP402" not in codes(src.replace('mp.set_start_method("spawn")', safe))
    checked = src.replace('mp.set_start_method("spawn")',
                          'if mp.get_start_method(allow_none=True) is None:\n            mp.set_start_method("spawn")')
    assert "MP402" not in codes(checked)


def test_fork_is_unavailable_on_windows():
    src = """
        import multiprocessing as mp
        if __name__ == "__main__":
            ctx = mp.get_context("fork")
    """
    from helpers import found

    (finding,) = found(src, "MP403", settings=MP403_ON)
    assert finding.start_methods == frozenset() and finding.extra_platforms == {"windows"}
    from mpguard.config import Settings, merge

    posix, _ = merge(MP403_ON, {"targets": ["linux", "macos"]})
    assert "MP403" not in codes(src, settings=posix)
    # Outside the default set: off unless selected by its code, which extend-select does.
    assert "MP403" not in codes(src)
    extended, _ = merge(Settings(), {"extend-select": ["MP403"]})
    assert "MP403" in codes(src, settings=extended) and "MP101" not in extended.ignore
    broad, _ = merge(Settings(), {"select": ["MP"]})
    assert "MP403" not in codes(src, settings=broad)


def test_max_tasks_per_child_with_fork_context():
    src = """
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        def f(x): return x
        if __name__ == "__main__":
            with ProcessPoolExecutor(2, mp_context=mp.get_context("fork"), max_tasks_per_child=1) as ex:
                list(ex.map(f, [1]))
    """
    assert methods(src, "MP404") == ALL


def test_join_before_drain():
    src = """
        import multiprocessing
        def produce(q):
            q.put("x" * 1_000_000)
        def produce_small(q):
            q.put(42)
        if __name__ == "__main__":
            q = multiprocessing.Queue()
            p = multiprocessing.Process(target=produce, args=(q,))
            p.start()
            p.join()
            print(len(q.get()))
            q2 = multiprocessing.Queue()
            p2 = multiprocessing.Process(target=produce_small, args=(q2,))
            p2.start()
            p2.join()
            print(q2.get())
    """
    assert rows(src, "MP410") == [11]


def test_join_after_drain_and_manager_queue_are_fine():
    src = """
        import multiprocessing
        def produce(q):
            for i in range(10000):
                q.put(i)
        if __name__ == "__main__":
            q = multiprocessing.Queue()
            p = multiprocessing.Process(target=produce, args=(q,))
            p.start()
            items = [q.get() for _ in range(10000)]
            p.join()
            with multiprocessing.Manager() as m:
                mq = m.Queue()
                p = multiprocessing.Process(target=produce, args=(mq,))
                p.start()
                p.join()
                mq.get()
    """
    assert "MP410" not in codes(src)


def test_pipe_send_large_join_first():
    src = """
        import multiprocessing
        def produce(conn):
            conn.send(list(range(200_000)))
        if __name__ == "__main__":
            a, b = multiprocessing.Pipe()
            p = multiprocessing.Process(target=produce, args=(b,))
            p.start()
            p.join()
            a.recv()
    """
    assert rows(src, "MP410") == [9]


def test_pool_results_lost():
    src = """
        import multiprocessing
        def work(x): return x
        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                pool.apply_async(work, (1,))
                pending = pool.map_async(work, [1])
                it = pool.imap(work, [1])
            print(it)
    """
    assert rows(src, "MP411") == [6, 7, 8]


def test_pool_results_fetched_or_closed_are_fine():
    src = """
        import multiprocessing
        import concurrent.futures
        def work(x): return x
        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                rs = [pool.apply_async(work, (i,)) for i in range(3)]
                print([r.get() for r in rs])
            with multiprocessing.Pool() as pool:
                pool.apply_async(work, (1,))
                pool.close()
                pool.join()
            with concurrent.futures.ProcessPoolExecutor() as ex:
                ex.submit(work, 1)
    """
    assert "MP411" not in codes(src)


def test_daemonic_children():
    src = """
        import multiprocessing
        def grandchild(): pass
        def child():
            p = multiprocessing.Process(target=grandchild)
            p.start()
        def task(x):
            with multiprocessing.Pool(2) as inner:
                return inner.map(abs, [x])
        if __name__ == "__main__":
            d = multiprocessing.Process(target=child)
            d.daemon = True
            d.start()
            with multiprocessing.Pool() as pool:
                pool.map(task, [1])
    """
    assert rows(src, "MP413") == [5, 8]  # (the first from `Process(...)` to its start() on row 6)
    assert methods(src, "MP413") == ALL


def test_executor_workers_and_non_daemonic_processes_may_have_children():
    src = """
        import concurrent.futures
        import multiprocessing
        def grandchild(): pass
        def child():
            p = multiprocessing.Process(target=grandchild)
            p.start(); p.join()
        if __name__ == "__main__":
            multiprocessing.Process(target=child).start()
            with concurrent.futures.ProcessPoolExecutor() as ex:
                ex.submit(child).result()
    """
    assert "MP413" not in codes(src)


def test_join_before_drain_needs_evidence_of_a_full_pipe():
    src = """
        import multiprocessing
        def one_result(q, data):
            q.put(sum(data))
        def few(q):
            for i in range(3):
                q.put(i)
        def stream(q, items):
            for item in items:
                q.put(item)
        if __name__ == "__main__":
            for target, args in ((one_result, [1, 2]), (few, ()), (stream, ([1, 2],))):
                pass
            q1, q2, q3 = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Queue()
            p1 = multiprocessing.Process(target=one_result, args=(q1, [1, 2]))
            p2 = multiprocessing.Process(target=few, args=(q2,))
            p3 = multiprocessing.Process(target=stream, args=(q3, list(range(100000))))
            for p in (p1, p2, p3):
                p.start()
            p1.join(); q1.get()
            p2.join(); q2.get()
            p3.join(); q3.get()
    """
    assert rows(src, "MP410") == [22]


def test_fork_chosen_behind_a_platform_check_is_fine():
    src = """
        import sys
        import multiprocessing as mp
        if sys.platform != "win32":
            mp.set_start_method("fork", force=True)
    """
    assert "MP403" not in codes(src, settings=MP403_ON)


def test_daemonic_process_subclass_starting_children():
    src = """
        import multiprocessing

        def leaf():
            pass

        class Supervisor(multiprocessing.Process):
            def __init__(self):
                super().__init__(daemon=True)

            def run(self):
                child = multiprocessing.Process(target=leaf)
                child.start()
                child.join()

        if __name__ == "__main__":
            s = Supervisor()
            s.start()
            s.join()
    """
    assert rows(src, "MP413") == [12]  # (from `Process(...)` to its start() on row 13)


def test_set_start_method_in_a_notebook_cell_fails_when_the_cell_runs_again():
    cell = """
        import multiprocessing

        multiprocessing.set_start_method("spawn")
        multiprocessing.set_start_method("fork", force=True)
    """
    [finding] = found(cell, "MP402", path="demo.ipynb")
    assert finding.start.row == 4 and "when the cell runs again" in finding.message
    assert finding.fix.applicability.value == "safe" and finding.fix.edits[0].content == ", force=True"
    assert rows(cell, "MP402", path="demo.py") == [4]  # a script: the child's re-import is the problem
    assert "child" in found(cell, "MP402", path="demo.py")[0].message


def test_a_large_report_sent_once_through_json_dumps_and_joined_first():
    # ifcpipeline#24: one put of a ~200 KB JSON report; the parent joins (with a timeout, then for good)
    # before it reads. The size is a lower bound: the parts it cannot size count as nothing.
    src = """
        import json, multiprocessing
        def validate(path, out):
            report = {"file": path, "results": [{"entity": "IfcWall", "status": "pass"} for i in range(3000)]}
            out.put(("ok", json.dumps(report)))
        def run(path):
            ctx = multiprocessing.get_context("spawn")
            out = ctx.Queue()
            proc = ctx.Process(target=validate, args=(path, out))
            proc.start()
            proc.join(30)
            if proc.is_alive():
                proc.join()
            return out.get()
        if __name__ == "__main__":
            run("model.ifc")
    """
    # one deadlock, one finding: where the waiting begins, naming the join that never returns
    [finding] = found(src, "MP410")
    assert finding.start.row == 11 and "line 13" in finding.message
    small = src.replace("range(3000)", "range(3)")
    assert "MP410" not in codes(small)
