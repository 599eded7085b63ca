from helpers import codes, found, methods, rows
from mpguard.semantic import errors

ALL = {"fork", "spawn", "forkserver"}
SPAWNISH = {"spawn", "forkserver"}


def test_closure_from_factory_as_process_target():
    src = """
        import multiprocessing

        def make(label):
            def worker():
                print(label)
            return worker

        if __name__ == "__main__":
            p = multiprocessing.Process(target=make("a"))
            p.start()
    """
    assert rows(src, "MP201") == [10]
    assert methods(src, "MP201") == SPAWNISH
    assert "make.<locals>.worker" in found(src, "MP201")[0].message


def test_factory_returning_module_function_is_fine():
    src = """
        import multiprocessing
        def fast(): pass
        def pick(mode):
            return fast
        if __name__ == "__main__":
            multiprocessing.Process(target=pick("x")).start()
    """
    assert "MP201" not in codes(src)


def test_lambda_as_pool_task_bites_under_fork_too():
    src = """
        from multiprocessing import Pool
        if __name__ == "__main__":
            with Pool(2) as pool:
                pool.map(lambda x: x + 1, range(3))
    """
    assert methods(src, "MP201") == ALL


def test_every_pool_method_and_executor_submit():
    src = """
        import multiprocessing as mp
        import concurrent.futures as cf

        def outer():
            def inner(*a):
                return a
            with mp.Pool() as pool:
                pool.apply(inner)
                pool.apply_async(inner).get()
                pool.starmap(inner, [(1, 2)])
                list(pool.imap_unordered(inner, [1]))
            with cf.ProcessPoolExecutor() as ex:
                ex.submit(inner).result()
                list(ex.map(inner, [1]))

        if __name__ == "__main__":
            outer()
    """
    assert rows(src, "MP201") == [9, 10, 11, 12, 14, 15]


def test_initializer_is_pickled_only_when_not_forked():
    src = """
        import multiprocessing
        def square(x): return x * x
        if __name__ == "__main__":
            with multiprocessing.Pool(2, initializer=lambda: None) as pool:
                pool.map(square, [1])
    """
    assert methods(src, "MP201") == SPAWNISH


def test_fork_context_never_pickles_process_target():
    src = """
        import multiprocessing as mp
        if __name__ == "__main__":
            p = mp.get_context("fork").Process(target=lambda: None)
            p.start()
    """
    assert "MP201" not in codes(src)


def test_set_start_method_fork_does_not_rescue_pool_tasks():
    src = """
        import multiprocessing as mp
        if __name__ == "__main__":
            mp.set_start_method("fork")
            with mp.Pool(2) as pool:
                pool.map(lambda x: x, [1])
    """
    assert methods(src, "MP201") == ALL


def test_partial_of_lambda_and_of_module_function():
    src = """
        import functools
        import multiprocessing
        def add(a, b): return a + b
        if __name__ == "__main__":
            bad = functools.partial(lambda a, b: a + b, 1)
            good = functools.partial(add, 1)
            multiprocessing.Process(target=bad, args=(2,)).start()
            multiprocessing.Process(target=good, args=(2,)).start()
    """
    assert rows(src, "MP201") == [8]


def test_bound_method_of_object_with_lock():
    src = """
        import multiprocessing
        import threading

        class Counter:
            def __init__(self):
                self.lock = threading.Lock()
            def bump(self):
                pass

        class Plain:
            def __init__(self, name):
                self.name = name
            def go(self):
                pass

        if __name__ == "__main__":
            multiprocessing.Process(target=Counter().bump).start()
            multiprocessing.Process(target=Plain("x").go).start()
    """
    assert rows(src, "MP201") == [18]


def test_default_parameter_value_holding_a_lock():
    src = """
        import multiprocessing
        import threading

        class Job:
            def __init__(self, lock=threading.RLock()):
                self.lock = lock
            def run(self):
                pass

        if __name__ == "__main__":
            multiprocessing.Process(target=Job().run).start()
    """
    assert "_thread.RLock" in found(src, "MP201")[0].message


def test_decorator_without_wraps_and_with_wraps():
    bad = """
        import multiprocessing

        def traced(func):
            def wrapper(*args):
                return func(*args)
            return wrapper

        @traced
        def work(n):
            pass

        if __name__ == "__main__":
            multiprocessing.Process(target=work, args=(1,)).start()
    """
    assert rows(bad, "MP201") == [14]
    good = bad.replace("    def wrapper", "    @functools.wraps(func)\n            def wrapper").replace(
        "import multiprocessing", "import functools\n        import multiprocessing")
    assert "MP201" not in codes(good)


def test_staticmethod_builtin_and_callable_instance_are_fine():
    src = """
        import multiprocessing
        class Tools:
            @staticmethod
            def work(n): pass
        class Scaler:
            def __init__(self, k): self.k = k
            def __call__(self, x): return x * self.k
        if __name__ == "__main__":
            multiprocessing.Process(target=Tools.work, args=(1,)).start()
            with multiprocessing.Pool() as pool:
                pool.map(str.upper, ["a"])
                pool.map(Scaler(3), [1])
    """
    assert codes(src) == set()


def test_local_class_instance_as_task():
    src = """
        import multiprocessing
        def main():
            class Adder:
                def __call__(self, a, b):
                    return a + b
            with multiprocessing.Pool() as pool:
                pool.starmap(Adder(), [(1, 2)])
        if __name__ == "__main__":
            main()
    """
    assert methods(src, "MP201") == ALL


def test_pool_stored_on_self():
    src = """
        from multiprocessing import Pool
        class Runner:
            def __init__(self):
                self.pool = Pool(2)
            def run(self, items):
                return self.pool.map(lambda x: x, items)
        if __name__ == "__main__":
            Runner().run([1])
    """
    assert rows(src, "MP201") == [7]


def test_function_defined_under_guard():
    src = """
        import multiprocessing
        if __name__ == "__main__":
            def work():
                pass
            multiprocessing.Process(target=work).start()
    """
    assert rows(src, "MP202") == [6]
    assert methods(src, "MP202") == SPAWNISH


def test_pool_created_before_guard_definition_breaks_fork_too():
    src = """
        import multiprocessing
        if __name__ == "__main__":
            pool = multiprocessing.Pool(2)
            def square(x):
                return x * x
            print(pool.map(square, range(4)))
    """
    assert methods(src, "MP202") == ALL


def test_guard_function_used_by_thread_is_fine():
    src = """
        import threading
        if __name__ == "__main__":
            def background(): pass
            threading.Thread(target=background).start()
    """
    assert codes(src) == set()


def test_unpicklable_arguments():
    src = """
        import multiprocessing
        import threading
        import queue
        def work(x): pass
        if __name__ == "__main__":
            lock = threading.Lock()
            fh = open("x.txt", "w")
            gen = (i for i in range(3))
            multiprocessing.Process(target=work, args=(lock,)).start()
            multiprocessing.Process(target=work, args=(fh,)).start()
            multiprocessing.Process(target=work, args=(gen,)).start()
            multiprocessing.Process(target=work, kwargs={"x": {"lock": threading.RLock()}}).start()
            multiprocessing.Process(target=work, args=(queue.Queue(),)).start()
    """
    assert rows(src, "MP203") == [10, 11, 12, 13, 14]
    by_row = {f.start.row: set(f.start_methods) for f in found(src, "MP203")}
    assert by_row[10] == SPAWNISH
    assert by_row[14] == ALL  # a forked child fills its own copy of a thread queue


def test_picklable_arguments_are_fine():
    src = """
        import logging
        import multiprocessing
        import socket
        def work(x): pass
        if __name__ == "__main__":
            a, b = socket.socketpair()
            lock = multiprocessing.Lock()
            multiprocessing.Process(target=work, args=(b,)).start()
            multiprocessing.Process(target=work, args=(lock,)).start()
            multiprocessing.Process(target=work, args=(logging.getLogger("x"),)).start()
            with multiprocessing.Pool() as pool:
                pool.map(work, (i for i in range(3)))
    """
    assert codes(src) == set()


def test_mp_primitives_in_pool_task_arguments():
    src = """
        import multiprocessing
        def work(x): pass
        if __name__ == "__main__":
            lock = multiprocessing.Lock()
            counter = multiprocessing.Value("i", 0)
            q = multiprocessing.Queue()
            with multiprocessing.Pool() as pool:
                pool.apply(work, (lock,))
                pool.map(work, [counter] * 3)
                pool.map(work, [(q, i) for i in range(3)])
            with multiprocessing.Pool(initializer=work, initargs=(q,)) as pool:
                pool.map(work, [1])
            with multiprocessing.Manager() as manager:
                proxy = manager.Queue()
                with multiprocessing.Pool() as pool:
                    pool.map(work, [proxy])
    """
    assert rows(src, "MP204") == [9, 10, 11]
    assert methods(src, "MP204") == ALL


def test_mixed_context_queue():
    src = """
        import multiprocessing as mp
        def produce(q): q.put(1)
        if __name__ == "__main__":
            q = mp.Queue()
            p = mp.get_context("spawn").Process(target=produce, args=(q,))
            p.start(); print(q.get()); p.join()
    """
    assert methods(src, "MP205") == {"fork"}
    same = src.replace("q = mp.Queue()", 'ctx = mp.get_context("spawn")\n            q = ctx.Queue()')
    assert "MP205" not in codes(same)


def test_inline_lock_not_kept_alive():
    src = """
        import multiprocessing
        def work(lock): pass
        if __name__ == "__main__":
            p = multiprocessing.Process(target=work, args=(multiprocessing.Lock(),))
            p.start()
    """
    assert methods(src, "MP206") == SPAWNISH


def test_unpicklable_return_and_exception():
    src = """
        import multiprocessing
        import threading

        class JobError(Exception):
            def __init__(self, job, reason):
                super().__init__(f"{job}: {reason}")

        class GoodError(Exception):
            def __init__(self, job, reason):
                super().__init__(job, reason)

        def returns_lock(name):
            return {"name": name, "lock": threading.Lock()}

        def raises(x):
            if x:
                raise GoodError(x, "fine")
            raise JobError(x, "failed")

        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                pool.map(returns_lock, ["a"])
                pool.map(raises, [1])
    """
    assert rows(src, "MP207") == [14]
    assert rows(src, "MP208") == [19]


def test_cross_module_factory_lambda_and_decorator(tmp_path):
    (tmp_path / "helpers").mkdir()
    (tmp_path / "helpers" / "__init__.py").write_text("")
    (tmp_path / "helpers" / "tools.py").write_text(
        "def make(k):\n    def inner(x):\n        return x * k\n    return inner\n"
        "double = lambda x: x * 2\n"
        "def traced(f):\n    def wrapper(*a):\n        return f(*a)\n    return wrapper\n"
        "def plain(x):\n    return x\n")
    script = tmp_path / "main.py"
    script.write_text(
        "from multiprocessing import Pool\n"
        "from helpers.tools import make, double, traced, plain\n"
        "from helpers import tools\n"
        "@traced\n"
        "def sq(x):\n    return x * x\n"
        "if __name__ == '__main__':\n"
        "    with Pool() as pool:\n"
        "        pool.map(make(3), [1])\n"
        "        pool.map(double, [1])\n"
        "        pool.map(sq, [1])\n"
        "        pool.map(tools.make(2), [1])\n"
        "        pool.map(plain, [1])\n")
    from mpguard.linter.files import analyze_path
    from mpguard.config import Settings

    result = analyze_path(script, Settings())
    assert sorted(f.start.row for f in result.findings if f.code == "MP201") == [9, 10, 11, 12]


def test_self_method_as_task_of_an_object_holding_a_lock_or_its_pool():
    src = """
        import multiprocessing
        import threading

        class Crawler:
            def __init__(self):
                self.lock = threading.Lock()

            def fetch(self, url):
                return url

            def run(self, urls):
                with multiprocessing.Pool() as pool:
                    return pool.map(self.fetch, urls)

        class Runner:
            def __init__(self):
                self.pool = multiprocessing.Pool(2)

            def work(self, x):
                return x

            def run(self, xs):
                return self.pool.map(self.work, xs)

        class Plain:
            def __init__(self):
                self.name = "x"

            def work(self, x):
                return x

            def run(self, xs):
                with multiprocessing.Pool() as pool:
                    return pool.map(self.work, xs)

        if __name__ == "__main__":
            Crawler().run(["a"])
            Runner().run([1])
            Plain().run([1])
    """
    assert rows(src, "MP201") == [14, 24]
    messages = [f.message for f in found(src, "MP201")]
    assert "_thread.lock" in messages[0] and "pool objects cannot be passed" in messages[1]


def test_instances_of_local_namedtuples_and_classes_as_arguments():
    src = """
        import collections
        import multiprocessing
        def work(item): pass
        def main():
            Point = collections.namedtuple("Point", "x y")
            class Job:
                pass
            multiprocessing.Process(target=work, args=(Point(1, 2),)).start()
            with multiprocessing.Pool() as pool:
                pool.map(work, [Job()])
        Row = collections.namedtuple("Row", "a b")
        if __name__ == "__main__":
            main()
            multiprocessing.Process(target=work, args=(Row(1, 2),)).start()
    """
    assert rows(src, "MP203") == [9, 11]
    assert methods(src, "MP203") == ALL


def test_torch_multiprocessing_is_multiprocessing_and_spawn_always_pickles():
    src = """
        import torch.multiprocessing as mp
        def train(rank):
            pass
        def main():
            def local(rank):
                pass
            mp.spawn(local, nprocs=2)
            mp.spawn(train, nprocs=2)
            with mp.Pool(2) as pool:
                pool.map(lambda x: x, [1])
        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP201") == [8, 11]
    assert all(set(f.start_methods) == ALL for f in found(src, "MP201"))


def test_dict_call_arguments_and_returned_closures():
    src = """
        import multiprocessing
        import threading
        def work(**kw): pass
        def make(x):
            def inner():
                return x
            return inner
        if __name__ == "__main__":
            multiprocessing.Process(target=work, kwargs=dict(lock=threading.Lock())).start()
            with multiprocessing.Pool() as pool:
                pool.map(make, [1])
    """
    assert rows(src, "MP203") == [10]
    assert rows(src, "MP207") == [8]


def test_state_set_outside_init_dict_lookups_and_factory_methods():
    src = """
        import multiprocessing

        class Logger:
            def __init__(self, path):
                self.path = path
            def open(self):
                self.fh = open(self.path, "a")
            def write(self, line):
                self.fh.write(line)

        class Builder:
            def make(self, k):
                def scale(x):
                    return x * k
                return scale

        OPS = {"square": lambda x: x * x, "neg": lambda x: -x}

        if __name__ == "__main__":
            log = Logger("out.txt")
            log.open()
            with multiprocessing.Pool() as pool:
                pool.map(log.write, ["a"])
                pool.map(OPS["square"], [1])
                pool.map(Builder().make(3), [1])
    """
    assert rows(src, "MP201") == [24, 25, 26]


def test_objects_built_with_unpicklable_arguments():
    src = """
        import dataclasses
        import multiprocessing
        import threading

        @dataclasses.dataclass
        class Job:
            name: str
            lock: object = None

        class Holder:
            def __init__(self, resource):
                self.resource = resource

        class Ignores:
            def __init__(self, resource):
                self.size = 1

        def work(job):
            pass

        if __name__ == "__main__":
            multiprocessing.Process(target=work, args=(Job("a", threading.Lock()),)).start()
            multiprocessing.Process(target=work, args=(Holder(open("x.txt")),)).start()
            multiprocessing.Process(target=work, args=(Ignores(threading.Lock()),)).start()
            multiprocessing.Process(target=work, args=(Job("b"),)).start()
    """
    assert rows(src, "MP203") == [23, 24]


def test_subclasses_of_imported_classes_may_pickle_their_own_way():
    src = """
        import multiprocessing
        import multiprocessing.queues
        import threading

        class TaggedQueue(multiprocessing.queues.Queue):
            def __init__(self, *, ctx, lock):
                self.lock = lock
                super().__init__(ctx=ctx)

        def work(q):
            pass

        if __name__ == "__main__":
            q = TaggedQueue(ctx=multiprocessing.get_context(), lock=threading.Lock())
            multiprocessing.Process(target=work, args=(q,)).start()
    """
    assert "MP203" not in codes(src)


def test_instances_of_classes_from_other_project_modules(tmp_path):
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "client.py").write_text(
        "from threading import Lock as _Lock\n\n"
        "class Client:\n    def __init__(self, url):\n        self.url = url\n        self._lock = _Lock()\n\n"
        "    def fetch(self, path):\n        return self.url + path\n\n"
        "class Plain:\n    def __init__(self, url):\n        self.url = url\n\n"
        "    def fetch(self, path):\n        return self.url + path\n")
    script = tmp_path / "main.py"
    script.write_text(
        "import multiprocessing\nfrom svc.client import Client, Plain\n\n"
        "def use(client):\n    return client\n\n"
        "if __name__ == '__main__':\n"
        "    c = Client('http://x')\n"
        "    with multiprocessing.Pool() as pool:\n"
        "        pool.map(c.fetch, ['/a'])\n"
        "        pool.map(Plain('http://y').fetch, ['/a'])\n"
        "    multiprocessing.Process(target=use, args=(c,)).start()\n")
    from mpguard.config import Settings
    from mpguard.linter.files import analyze_path

    found = {(f.code, f.start.row) for f in analyze_path(script, Settings()).findings}
    assert found == {("MP201", 10), ("MP203", 12)}


# ---- MP209: notebook cells (the editor names the notebook as the path) ------------------------------
NOTEBOOK_CELL = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor


    class Point:
        def __init__(self, x):
            self.x = x


    def work(x):
        return x * 2


    with multiprocessing.Pool(2) as pool:
        print(pool.map(work, range(3)))
    with ProcessPoolExecutor() as ex:
        print(ex.submit(len, [Point(1)]).result())
    p = multiprocessing.Process(target=work, args=(1,))
    p.start()
    p.join()
"""


def test_notebook_functions_and_classes_used_by_children():
    assert rows(NOTEBOOK_CELL, "MP209", path="demo.ipynb") == [16, 18, 19]
    assert methods(NOTEBOOK_CELL, "MP209", path="demo.ipynb") == {"spawn", "forkserver"}
    message = found(NOTEBOOK_CELL, "MP209", path="demo.ipynb")[0].message
    assert "function 'work' defined in the notebook" in message
    # quoted in the running interpreter's words (3.11: "on <module '__main__' (built-in)>")
    assert errors.render(errors.text("notebook_attr", name="work"), errors.running_version()) in message


def test_a_notebook_is_not_re_imported_by_its_children():
    """Starting processes at the top level of a cell is what notebooks do: no child runs the cell."""
    assert codes(NOTEBOOK_CELL, path="demo.ipynb") == {"MP209"}
    assert "MP101" in codes(NOTEBOOK_CELL, path="demo.py") and "MP209" not in codes(NOTEBOOK_CELL, path="demo.py")


def test_notebook_tasks_imported_from_modules_are_fine():
    cell = """
        import multiprocessing
        from work import work

        with multiprocessing.Pool(2) as pool:
            print(pool.map(work, range(3)))
            print(pool.map(lambda x: x, range(3)))
    """
    assert rows(cell, "MP209", path="demo.ipynb") == []
    assert rows(cell, "MP201", path="demo.ipynb") == [7]  # a lambda fails everywhere, notebook or not


def test_a_process_subclass_holding_a_lock_is_reported_once_where_it_starts():
    src = """
        import multiprocessing
        import threading
        class Worker(multiprocessing.Process):
            def __init__(self, n):
                super().__init__()
                self.n = n
                self.lock = threading.Lock()
            def run(self):
                with self.lock:
                    print(self.n)
        if __name__ == "__main__":
            w = Worker(3)
            w.start()
            w.join()
    """
    assert rows(src, "MP201") == [14]


def test_a_process_subclass_defined_in_a_function_cannot_be_found_by_a_spawned_child():
    src = """
        import multiprocessing
        def main():
            class Worker(multiprocessing.Process):
                def run(self):
                    print("hi")
            w = Worker()
            w.start()
            w.join()
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src, "MP201")
    assert finding.start.row == 8 and "main.<locals>.Worker" in finding.message
    assert methods(src, "MP201") == SPAWNISH
    guarded = """
        import multiprocessing
        if __name__ == "__main__":
            class Worker(multiprocessing.Process):
                def run(self):
                    print("hi")
            w = Worker()
            w.start()
    """
    assert rows(guarded, "MP202") == [8]


NESTED_POOL = """
    import multiprocessing
    import multiprocessing.pool
    class NestedPool(multiprocessing.pool.Pool):
        def Process(self, *args, **kwds):
            proc = super(NestedPool, self).Process(*args, **kwds)
            class NoDaemonProcess(proc.__class__):
                @property
                def daemon(self):
                    return False
                @daemon.setter
                def daemon(self, val):
                    pass
            proc.__class__ = NoDaemonProcess
            return proc
    def work(x):
        return x * 2
    if __name__ == "__main__":
        with NestedPool(2) as pool:
            print(pool.map(work, [1, 2]))
"""


def test_the_non_daemonic_pool_recipe_with_a_local_process_class_breaks_under_spawn():
    """The recipe copied from Stack Overflow (BluePyMM#252: "Can't pickle local object
    'NestedPool.Process.<locals>.NoDaemonProcess'" on macOS)."""
    [finding] = found(NESTED_POOL, "MP201")
    assert finding.start.row == 19 and "NestedPool.Process.<locals>.NoDaemonProcess" in finding.message
    assert methods(NESTED_POOL, "MP201") == SPAWNISH


def test_a_pool_subclass_is_a_pool_whose_tasks_are_pickled():
    module_level = """
        import multiprocessing
        import multiprocessing.pool
        class NoDaemonProcess(multiprocessing.Process):
            @property
            def daemon(self):
                return False
            @daemon.setter
            def daemon(self, value):
                pass
        class NoDaemonContext(type(multiprocessing.get_context())):
            Process = NoDaemonProcess
        class NestablePool(multiprocessing.pool.Pool):
            def __init__(self, *args, **kwargs):
                kwargs["context"] = NoDaemonContext()
                super().__init__(*args, **kwargs)
        if __name__ == "__main__":
            with NestablePool(2) as pool:
                print(pool.map(abs, [-1]))
                print(pool.map(lambda x: x, [1]))
    """
    assert rows(module_level, "MP201") == [20]  # the lambda task, not the module-level recipe


def test_an_object_holding_the_process_it_starts_pickles_while_spawning():
    """`self.proc = Process(target=self.loop)`: spawn pickles the Service with its own process object,
    which multiprocessing allows while spawning (run: no pickling error under any method). A pool task
    holding a process object still fails: AuthenticationString."""
    src = """
        import multiprocessing
        class Service:
            def __init__(self):
                self.proc = None
            def start_worker(self):
                self.proc = multiprocessing.Process(target=self.loop)
                self.proc.start()
            def loop(self):
                print("serving")
            def work(self, x):
                return x
        if __name__ == "__main__":
            s = Service()
            s.start_worker()
            s.proc.join()
            with multiprocessing.Pool(1) as pool:
                pool.map(s.work, [1])
    """
    [finding] = found(src, "MP201")
    assert finding.start.row == 18 and "AuthenticationString" in finding.message


# --- objects the catalog knows, made by factories the model used to skip (fresh_realistic misses) -----

def test_a_thread_local_is_refused_although_threading_is_not_a_process_module():
    # object_crawler_process_thread_local: `threading.local()` kept by a Process subclass
    src = """
        import multiprocessing, threading
        def work(state):
            pass
        if __name__ == "__main__":
            p = multiprocessing.Process(target=work, args=(threading.local(),))
            p.start()
            p.join()
    """
    [finding] = found(src, "MP203")
    assert "cannot pickle '_thread._local' object" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}


def test_a_cursor_made_by_a_connection_method_is_refused_as_a_result():
    # returns_query_cursor_from_executor: a task returns `conn.execute(...)`, an sqlite3.Cursor
    src = """
        import sqlite3
        from concurrent.futures import ProcessPoolExecutor
        def query(path):
            conn = sqlite3.connect(path)
            return conn.execute("select 1")
        if __name__ == "__main__":
            with ProcessPoolExecutor(1) as ex:
                print(ex.submit(query, ":memory:").result())
    """
    [finding] = found(src, "MP207")
    assert "sqlite3.Cursor" in finding.message
    # fetched rows are plain tuples: no finding
    assert "MP207" not in codes(src.replace('conn.execute("select 1")', 'conn.execute("select 1").fetchall()'))


def test_a_class_made_by_make_dataclass_in_a_function_is_not_found_by_name():
    # dataclass_rows_from_make_dataclass: pickle looks the class up as types.Row (3.11) or __main__.Row
    src = """
        import multiprocessing
        from dataclasses import make_dataclass
        def work(row):
            return row.x
        def main():
            Row = make_dataclass("Row", [("x", int)])
            with multiprocessing.Pool(1) as pool:
                print(pool.map(work, [Row(1)]))
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src, "MP203")
    assert "made by make_dataclass() inside a function" in finding.message
    assert "Can't pickle <class '" in finding.message  # in the running Python's words
    made = errors.text("made_dataclass_class", module="__main__", qualname="Row")  # the words per version
    assert errors.render(made, (3, 11)).endswith("attribute lookup Row on types failed")
    assert errors.render(made, (3, 12)).endswith("attribute lookup Row on __main__ failed")
    assert finding.start_methods == {"fork", "spawn", "forkserver"}
    # made at module level under its own name: found by name from 3.12 (not judged: silent)
    module_level = """
        import multiprocessing
        from dataclasses import make_dataclass
        Row = make_dataclass("Row", [("x", int)])
        def work(row):
            return row.x
        if __name__ == "__main__":
            with multiprocessing.Pool(1) as pool:
                print(pool.map(work, [Row(1)]))
    """
    assert "MP203" not in codes(module_level)


def test_a_defaultdict_is_pickled_with_its_default_factory():
    # dataclass_run_state_defaultdict_lambda: `defaultdict(lambda: "queued")` sent to a pool task
    src = """
        import multiprocessing
        from collections import defaultdict
        def work(counts):
            return counts["a"]
        if __name__ == "__main__":
            with multiprocessing.Pool(1) as pool:
                print(pool.map(work, [defaultdict(lambda: 0)]))
    """
    [finding] = found(src, "MP201")
    assert "a lambda" in finding.message
    assert not codes(src.replace("defaultdict(lambda: 0)", "defaultdict(int)"))
    # a copy keeps its factory; the items put in it are judged as before
    copied = src.replace("[defaultdict(lambda: 0)]", "[defaultdict(lambda: 0).copy()]")
    assert rows(copied, "MP201") == rows(src, "MP201")


def test_the_items_a_generator_function_yields_are_the_tasks_it_feeds():
    # container_extension_table_lambda: `list(bundle.jobs())` of tuples holding a lambda, given to a pool
    src = """
        import multiprocessing
        def make_jobs(names):
            for name in names:
                yield (lambda t: t.upper(), name)
        def run(job):
            fn, name = job
            return fn(name)
        if __name__ == "__main__":
            with multiprocessing.Pool(1) as pool:
                print(pool.map(run, list(make_jobs(["a", "b"]))))
                print(pool.imap(run, make_jobs(["c"])))
    """
    assert rows(src, "MP201") == [11, 12]
    # a generator defined after its use is read when the rule asks
    later = """
        import multiprocessing
        def run(job):
            return job
        def main():
            with multiprocessing.Pool(1) as pool:
                return pool.map(run, make_jobs())
        def make_jobs():
            yield open("data.txt")
        if __name__ == "__main__":
            main()
    """
    assert "MP203" in codes(later)
    assert not codes(src.replace("lambda t: t.upper()", "str.upper"))


def test_state_a_process_subclass_keeps_and_a_dataclass_default_factory_are_read_through_the_catalog():
    # object_crawler_process_thread_local: `self._local = threading.local()` in a Process subclass
    crawler = """
        import multiprocessing, threading
        class Crawler(multiprocessing.Process):
            def __init__(self, url):
                super().__init__()
                self.url = url
                self._local = threading.local()
            def run(self):
                pass
        if __name__ == "__main__":
            c = Crawler("http://example.com")
            c.start()
            c.join()
    """
    [finding] = found(crawler, "MP201")
    assert "._local is a thread._local object" in finding.message
    # dataclass_run_state_defaultdict_lambda: a default_factory lambda making a defaultdict of a lambda
    state = """
        import multiprocessing
        from collections import defaultdict
        from dataclasses import dataclass, field
        @dataclass
        class RunState:
            run_id: str
            status: dict = field(default_factory=lambda: defaultdict(lambda: "queued"))
        def execute(state):
            pass
        if __name__ == "__main__":
            p = multiprocessing.Process(target=execute, args=(RunState("r1"),))
            p.start()
            p.join()
    """
    [finding] = found(state, "MP203")
    assert "local object" in finding.message and "RunState.<lambda>.<locals>.<lambda>" in finding.message
    assert not codes(state.replace('defaultdict(lambda: "queued")', "defaultdict(str)"))


def test_a_closure_task_runs_its_nested_function_not_its_factory():
    # fresh_libs mpire_default_closure_shared_objects_ok: `pool.map(make_scorer(q), ...)`; the factory's
    # `return score` is not what the task sends back
    src = """
        import multiprocessing
        def make_scorer(query):
            def score(doc):
                return (doc, doc.count(query))
            return score
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(make_scorer("a"), ["abc"]))
    """
    assert "MP207" not in codes(src)
    assert "MP201" in codes(src)  # the closure itself is still refused as a task
    returning = src.replace("return (doc, doc.count(query))", "return (x for x in doc)")
    assert "MP207" in codes(returning)


def test_a_generator_function_as_a_task_returns_a_generator_every_time():
    # fresh_libs pathos_map_returns_generator: `pool.map(sentences, docs)` where sentences() yields
    src = """
        import multiprocessing
        def sentences(doc):
            for part in doc.split("."):
                yield part
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(sentences, ["a. b"]))
    """
    [finding] = found(src, "MP207")
    assert "generator function" in finding.message
    assert finding.start_methods == {"fork", "spawn", "forkserver"}
    assert "MP207" not in codes(src.replace("yield part", "print(part)"))
