"""The value model: values followed through containers, objects, calls and returns (semantic/flow.py,
semantic/expressions.py, semantic/calls.py), each with a hazard-free near miss beside it."""
from helpers import codes, found, methods, rows

ALL = {"fork", "spawn", "forkserver"}
SPAWNISH = {"spawn", "forkserver"}


def test_a_lambda_taken_out_of_a_dict_by_an_unknown_key():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        def words(text): return len(text.split())
        EXTRACTORS = {"words": words, "upper": lambda text: text.upper()}
        def run(texts):
            with ProcessPoolExecutor() as ex:
                return [ex.submit(EXTRACTORS[name], t) for name in EXTRACTORS for t in texts]
        if __name__ == "__main__":
            run(["a"])
    """
    assert rows(src, "MP201") == [7]
    assert methods(src, "MP201") == ALL


def test_a_table_of_named_functions_is_fine():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        def words(text): return len(text.split())
        def upper(text): return text.upper()
        EXTRACTORS = {"words": words, "upper": upper}
        def run(texts):
            with ProcessPoolExecutor() as ex:
                return [ex.submit(EXTRACTORS[name], t) for name in EXTRACTORS for t in texts]
        if __name__ == "__main__":
            run(["a"])
    """
    assert "MP201" not in codes(src)


def test_items_added_by_item_assignment_append_and_get_default():
    src = """
        from multiprocessing import Pool
        HANDLERS = {}
        HANDLERS["digits"] = lambda s: sum(c.isdigit() for c in s)
        hooks = []
        hooks.append(lambda: None)
        def pick(kind):
            return HANDLERS.get(kind, str.upper)
        if __name__ == "__main__":
            with Pool(2) as pool:
                pool.map(pick("digits"), ["a1"])
                pool.map(hooks[0], [])
    """
    assert rows(src, "MP201") == [11, 12]


def test_a_generator_in_the_list_a_helper_returns():
    src = """
        import multiprocessing
        def make_chunks(items):
            chunks = []
            chunks.append(x for x in items)
            return chunks
        def size(chunk): return len(list(chunk))
        def main():
            chunks = make_chunks([1, 2])
            with multiprocessing.Pool(2) as pool:
                pool.map(size, chunks)
        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP203") == [11]


def test_a_helper_that_receives_the_target_and_starts_the_process():
    src = """
        import multiprocessing as mp
        def launch(target, *args):
            p = mp.Process(target=target, args=args)
            p.start()
            return p
        def main():
            def work(x):
                print(x)
            launch(work, 1).join()
        if __name__ == "__main__":
            main()
    """
    # Reported where the value crosses into the child, the call that handed it over related; and at that call
    # too (where the value is chosen: rules/pickle_reports.with_origin_copy), the crossing related.
    assert rows(src, "MP201") == [4, 10]
    assert methods(src, "MP201") == SPAWNISH
    finding, copy = found(src, "MP201")
    assert "main.<locals>.work" in finding.message and "parameter `target`, given on line 10" in finding.message
    assert [position.row for position, _text in finding.related] == [10]
    assert copy.message == finding.message and copy.fix is None
    assert [(position.row, text) for position, text in copy.related] == [(4, "it crosses into the child process here")]


def test_a_helper_whose_callers_pass_module_functions_is_fine():
    src = """
        import multiprocessing as mp
        def launch(target, *args):
            p = mp.Process(target=target, args=args)
            p.start()
            return p
        def work(x):
            print(x)
        if __name__ == "__main__":
            launch(work, 1).join()
    """
    assert "MP201" not in codes(src)


def test_arguments_forwarded_through_varargs_reach_the_child():
    src = """
        import multiprocessing as mp, threading
        def launch(target, *args):
            p = mp.Process(target=target, args=args)
            p.start()
        def work(lock): pass
        if __name__ == "__main__":
            launch(work, threading.Lock())
    """
    assert rows(src, "MP203") == [4, 8]  # (and at the call that hands the lock over)


def test_a_dataclass_field_holding_a_lambda():
    src = """
        from dataclasses import dataclass
        from typing import Callable
        from multiprocessing import Pool
        @dataclass
        class Job:
            name: str
            transform: Callable
        def apply(job, x):
            return job.transform(x)
        def main():
            jobs = [Job("double", lambda v: v * 2)]
            with Pool(2) as pool:
                for job in jobs:
                    pool.apply(apply, (job, 3))
                    pool.map(job.transform, [1, 2])
        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP203") == [15]
    assert "field `transform`" in found(src, "MP203")[0].message
    assert rows(src, "MP201") == [16]
    assert "main.<locals>.<lambda>" in found(src, "MP201")[0].message


def test_a_bound_method_whose_object_holds_a_client_with_a_lock():
    src = """
        import threading
        from multiprocessing import Process
        class Client:
            def __init__(self):
                self.lock = threading.Lock()
        class Worker:
            def __init__(self, client):
                self.client = client
            def run(self):
                pass
        def main():
            p = Process(target=Worker(Client()).run)
            p.start()
        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP201") == [13]
    assert methods(src, "MP201") == SPAWNISH


def test_a_process_that_is_built_but_never_started_pickles_nothing():
    src = """
        import multiprocessing
        def preview():
            return [multiprocessing.Process(target=lambda: print("x"), name="preview")]
        def main():
            for p in preview():
                print(p.name)
        if __name__ == "__main__":
            main()
    """
    assert "MP201" not in codes(src)


def test_a_process_started_somewhere_the_walker_cannot_follow_is_still_checked():
    src = """
        import multiprocessing
        def build():
            return multiprocessing.Process(target=lambda: print("x"))
        def main(registry):
            registry.put(build())
            registry.get().start()
        if __name__ == "__main__":
            main(None)
    """
    assert rows(src, "MP201") == [4]


def test_a_module_function_call_is_not_a_write_to_the_module():
    src = """
        import os
        from multiprocessing import Pool
        def work(path):
            return os.path.exists(path)
        def main(paths):
            for p in paths:
                os.remove(p)
            with Pool(2) as pool:
                pool.map(work, paths)
        if __name__ == "__main__":
            main([])
    """
    assert "MP302" not in codes(src)


def test_a_container_that_holds_itself_is_judged_once():
    src = """
        from multiprocessing import Pool
        def work(x): return x
        if __name__ == "__main__":
            items = []
            items.append(items)
            with Pool(2) as pool:
                pool.map(work, items)
    """
    assert codes(src) == set()


def test_an_object_holding_its_own_process_is_sent_while_spawning():
    # uvicorn's supervisor: the target is a bound method of an object that keeps the Process itself.
    # A Process object pickles while a child is being spawned (measured: 'child ran', exit 0 under spawn).
    src = """
        import multiprocessing as mp
        class Wrapper:
            def __init__(self):
                self.process = mp.get_context("spawn").Process(target=self.target)
            def target(self):
                print("child ran")
        if __name__ == "__main__":
            w = Wrapper()
            w.process.start()
    """
    assert "MP201" not in codes(src) and "MP203" not in codes(src)


def test_a_staticmethod_reached_through_self_carries_no_instance():
    # CPython's test_logging: `target=self._extract_logrecord_process_name`, a staticmethod, while the
    # TestCase holds a logging handler (measured: the test passes under spawn).
    src = """
        import logging, multiprocessing
        class LogRecordTest:
            def setUp(self):
                self.handler = logging.StreamHandler()
            @staticmethod
            def extract(key, conn=None):
                pass
            def test_multiprocessing(self):
                p = multiprocessing.Process(target=self.extract, args=(2,))
                p.start()
                p.join()
            def test_bound(self):
                p = multiprocessing.Process(target=self.bound)
                p.start()
            def bound(self):
                pass
    """
    assert rows(src, "MP201") == [14]  # the bound method drags the handler along; the staticmethod does not


def test_a_process_that_is_only_looked_at_is_never_started():
    # billiard's test_flushing: the lambda Process is only asserted; the module starts others it cannot follow.
    src = """
        import multiprocessing
        class Tests:
            def test_flushing(self):
                proc = multiprocessing.Process(target=lambda: print("x"))
                self.assertTrue(proc)
                print(proc.name)
            def test_started(self, registry):
                registry.get().start()
                proc = multiprocessing.Process(target=lambda: print("y"))
                keep(proc)
    """
    assert rows(src, "MP201") == [10]  # the one handed to an unknown call may be started there
