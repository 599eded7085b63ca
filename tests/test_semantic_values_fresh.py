"""Values that cannot cross, followed through the shapes the fresh_values corpus found missing
(tests/corpus/fresh_values): class hierarchies, methods that start the process, containers a callee
fills through its parameter, ... Each with a hazard-free near miss beside it."""
from helpers import codes, found, methods, rows

SPAWNISH = {"spawn", "forkserver"}


def test_a_lock_stored_by_a_mixin_base_of_a_process_subclass():
    src = """
        import multiprocessing, threading
        class Base:
            def __init__(self, name):
                self.name = name
                self.lock = threading.Lock()
        class Worker(multiprocessing.Process, Base):
            def __init__(self, name):
                Base.__init__(self, name)
                multiprocessing.Process.__init__(self)
        if __name__ == "__main__":
            Worker("x").start()
    """
    assert rows(src, "MP201") == [12]
    assert methods(src, "MP201") == SPAWNISH


def test_a_subclass_of_a_process_subclass_carries_the_base_class_state():
    src = """
        import multiprocessing, threading
        class Worker(multiprocessing.Process):
            def __init__(self):
                super().__init__()
                self.lock = threading.Lock()
        class Google(Worker):
            pass
        if __name__ == "__main__":
            Google().start()
    """
    assert rows(src, "MP201") == [10]


def test_a_lock_made_in_run_stays_in_the_child():
    src = """
        import multiprocessing, threading
        class Worker(multiprocessing.Process):
            def __init__(self):
                super().__init__()
                self.lock = None
            def run(self):
                self.lock = threading.Lock()
        class Google(Worker):
            pass
        if __name__ == "__main__":
            Google().start()
    """
    assert "MP201" not in codes(src)


def test_a_method_of_the_subclass_that_calls_self_start():
    src = """
        import multiprocessing
        class Timed(multiprocessing.Process):
            def __init__(self, path):
                super().__init__()
                self.log = open(path, "a")
            def start_timed(self):
                self.start()
        if __name__ == "__main__":
            p = Timed("/tmp/x")
            p.start_timed()
    """
    assert rows(src, "MP201") == [8]
    assert methods(src, "MP201") == SPAWNISH


def test_a_method_that_does_not_start_the_process_is_not_a_start():
    src = """
        import multiprocessing
        class Timed(multiprocessing.Process):
            def __init__(self, path):
                super().__init__()
                self.log = open(path, "a")
            def describe(self):
                return self.name
        if __name__ == "__main__":
            p = Timed("/tmp/x")
            p.describe()
    """
    assert "MP201" not in codes(src)


def test_a_handler_appended_to_a_dataclass_list_field_by_a_callee():
    src = """
        import logging, multiprocessing, sys
        from dataclasses import dataclass, field
        @dataclass
        class Spec:
            name: str
            handlers: list = field(default_factory=list)
        def configure(spec):
            spec.handlers.append(logging.StreamHandler(sys.stdout))
            return spec
        def run(spec):
            pass
        if __name__ == "__main__":
            spec = configure(Spec("x"))
            multiprocessing.Process(target=run, args=(spec,)).start()
    """
    assert rows(src, "MP203") == [15]
    assert methods(src, "MP203") == SPAWNISH


def test_a_callee_that_appends_plain_data_is_fine():
    src = """
        import multiprocessing
        from dataclasses import dataclass, field
        @dataclass
        class Spec:
            name: str
            handlers: list = field(default_factory=list)
        def configure(spec):
            spec.handlers.append("stream")
        def run(spec):
            pass
        if __name__ == "__main__":
            spec = Spec("x")
            configure(spec)
            multiprocessing.Process(target=run, args=(spec,)).start()
    """
    assert codes(src) == [] or "MP203" not in codes(src)


def test_a_list_filled_through_the_parameter_of_a_helper():
    src = """
        import multiprocessing, threading
        def add_lock(items):
            items.append(threading.Lock())
        def run(items):
            pass
        if __name__ == "__main__":
            items = []
            add_lock(items)
            multiprocessing.Process(target=run, args=(items,)).start()
    """
    assert rows(src, "MP203") == [10]


def test_a_nested_function_submitted_to_a_pool_the_helper_is_given():
    src = """
        import multiprocessing
        def schedule(pool, shards):
            pending = []
            for i in shards:
                def hello(j):
                    return j
                pending.append(pool.apply_async(hello, (i,)))
            return pending
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                schedule(pool, range(4))
    """
    assert rows(src, "MP201") == [8]
    assert methods(src, "MP201") == {"fork", "spawn", "forkserver"}


def test_a_module_function_submitted_to_a_pool_the_helper_is_given_is_fine():
    src = """
        import multiprocessing
        def hello(j):
            return j
        def schedule(pool, shards):
            return [pool.apply_async(hello, (i,)) for i in shards]
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                schedule(pool, range(4))
    """
    assert "MP201" not in codes(src)


def test_a_pool_stored_from_the_constructor_parameter_and_a_generator_of_bound_methods():
    src = """
        import multiprocessing
        def worker(tup):
            process, x = tup
            return process(x)
        class Gen:
            def __init__(self, pool=None):
                self.pool = pool
            def process(self, x):
                return x
            def flow(self, batch):
                return self.pool.map(worker, ((self.process, x) for x in batch))
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                Gen(pool=pool).flow([1, 2])
    """
    assert rows(src, "MP203") == [12]


def test_a_generator_of_plain_tuples_mapped_over_is_fine():
    src = """
        import multiprocessing
        def worker(tup):
            return tup
        class Gen:
            def __init__(self, pool=None):
                self.pool = pool
            def flow(self, batch):
                return self.pool.map(worker, ((x, x * 2) for x in batch))
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                Gen(pool=pool).flow([1, 2])
    """
    assert codes(src) & {"MP201", "MP203"} == set()


def test_an_exception_raised_by_a_static_method_chosen_by_getattr_on_the_class():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        class FormatError(Exception):
            def __init__(self, content, formats):
                super().__init__(f"no format among {formats}")
                self.formats = formats
        class Converters:
            @staticmethod
            def convert_auto(text):
                raise FormatError(text, ("srt",))
            @staticmethod
            def convert_srt(text):
                return text
        def pick(kind):
            return getattr(Converters, "convert_" + kind)
        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                pool.submit(pick("auto"), "x").result()
    """
    assert rows(src, "MP208") == [10]


def test_static_methods_chosen_by_getattr_on_the_class_pickle_by_name():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        class Converters:
            @staticmethod
            def convert_srt(text):
                return text
            @staticmethod
            def convert_ass(text):
                return text.upper()
        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                for kind in ("srt", "ass"):
                    pool.submit(getattr(Converters, "convert_" + kind), "x").result()
    """
    assert codes(src) & {"MP201", "MP207", "MP208"} == set()


def test_a_handler_bound_to_an_object_with_a_connection_chosen_by_getattr():
    src = """
        import multiprocessing, sqlite3
        class Indexer:
            def __init__(self):
                self.db = sqlite3.connect(":memory:")
            def handle_csv(self, path):
                return path
            def dispatch(self, pool, kind, paths):
                handler = getattr(self, "handle_" + kind)
                return [pool.apply_async(handler, (p,)) for p in paths]
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                Indexer().dispatch(pool, "csv", ["a"])
    """
    assert rows(src, "MP201") == [10]


def test_a_lambda_bound_in_a_class_body_and_read_off_the_class():
    src = """
        import multiprocessing
        class Cfg:
            transform = lambda x: x
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                pool.map(Cfg.transform, [1])
    """
    assert rows(src, "MP201") == [7]
    assert "Cfg.<lambda>" in found(src, "MP201")[0].message


def test_a_class_body_lambda_read_through_an_instance_is_a_bound_method_that_pickles():
    src = """
        import multiprocessing
        def double(x):
            return 2 * x
        class Cfg:
            transform = lambda self, x: x
            other = double
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                pool.map(Cfg().transform, [1])
                pool.map(Cfg.other, [1])
    """
    assert "MP201" not in codes(src)


def test_an_exception_with_an_optional_argument_rebuilds():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        class ResourceError(Exception):
            def __init__(self, message, resource=None):
                super().__init__(message)
                self.resource = resource
        def task(n):
            if n > 1:
                raise ResourceError("too big", resource=n)
            return n
        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                ex.submit(task, 2)
    """
    assert "MP208" not in codes(src)


def test_an_exception_that_keeps_an_object_holding_a_lock():
    src = """
        import threading
        from concurrent.futures import ProcessPoolExecutor
        class Resource:
            def __init__(self):
                self.lock = threading.RLock()
        class ResourceError(Exception):
            def __init__(self, message, resource=None):
                super().__init__(message)
                self.resource = resource
        def task(n):
            if n > 1:
                raise ResourceError("too big", resource=Resource())
            return n
        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                ex.submit(task, 2)
    """
    assert rows(src, "MP208") == [13]
    assert "_thread.RLock" in found(src, "MP208")[0].message


def test_an_exception_that_formats_its_two_arguments_into_one_message_still_fails():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        class JobError(Exception):
            def __init__(self, job, reason):
                super().__init__(f"{job}: {reason}")
        def task(n):
            raise JobError(n, "bad")
        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                ex.submit(task, 2)
    """
    assert rows(src, "MP208") == [7]


def test_no_generator_fix_when_the_generator_mapped_over_is_not_what_pickle_refuses():
    src = """
        import multiprocessing
        def worker(tup):
            return tup
        class Gen:
            def __init__(self, pool=None):
                self.pool = pool
            def process(self, x):
                return x
            def flow(self, batch):
                return self.pool.map(worker, ((self.process, x) for x in batch))
        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                Gen(pool=pool).flow([1, 2])
    """
    [finding] = found(src, "MP203", fixes=True)
    assert finding.fix is None


def test_no_rebuild_fix_for_an_exception_whose_state_pickle_refuses_anyway():
    src = """
        import threading
        from concurrent.futures import ProcessPoolExecutor
        class SeatMap:
            def __init__(self):
                self.lock = threading.RLock()
        class ReservationError(Exception):
            def __init__(self, message, seat_map):
                super().__init__(message)
                self.seat_map = seat_map
        def task(n):
            raise ReservationError("taken", SeatMap())
        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                ex.submit(task, 2)
    """
    [finding] = found(src, "MP208", fixes=True)
    assert finding.fix is None


def test_a_helper_given_a_plain_object_at_import_and_a_pool_in_a_test_starts_nothing_at_import():
    # pathos/tests/test_map.py: timed_pool(BuiltinPool(), ...) at import, timed_pool(Pool()) in tests
    src = """
        import multiprocessing
        def add(x):
            return x + 1
        def timed_pool(pool, items):
            return list(pool.map(add, range(items)))
        class BuiltinPool:
            def map(self, *args):
                return list(map(*args))
        std = timed_pool(BuiltinPool(), 10)
        def test_pool():
            with multiprocessing.Pool(2) as pool:
                assert timed_pool(pool, 10) == std
    """
    assert "MP101" not in codes(src)


def test_a_class_attribute_table_is_read_through_self():
    # fresh_realistic container_extension_table_lambda: `self.PARSERS[ext]`, a class-level dict with a lambda
    from helpers import rows
    src = """
        import multiprocessing
        def parse_json(text):
            return text
        class Bundle:
            PARSERS = {".json": parse_json, ".ini": lambda text: text.split("=")}
            def parser(self, ext):
                return self.PARSERS[ext]
        def apply(job):
            parser, text = job
            return parser(text)
        if __name__ == "__main__":
            bundle = Bundle()
            with multiprocessing.Pool(2) as pool:
                print(pool.map(apply, [(bundle.parser(".ini"), "x=1")]))
    """
    assert rows(src, "MP201") == [15]
    assert rows(src.replace('".ini": lambda text: text.split("=")', '".ini": parse_json'), "MP201") == []
    # a method that stores `self.PARSERS` shadows the class's table: not read
    shadowed = src.replace("            def parser(self, ext):",
                           "            def __init__(self):\n                self.PARSERS = {}\n            def parser(self, ext):")
    assert rows(shadowed, "MP201") == []
    # a class attribute made by a call is not evaluated (class bodies run at import: not walked as code)
    called = src.replace('PARSERS = {".json": parse_json, ".ini": lambda text: text.split("=")}',
                         'PARSERS = dict(ini=lambda text: text)')
    assert rows(called, "MP201") == []


def test_a_method_of_an_object_the_callers_pass_gives_what_that_class_method_gives():
    # fresh_realistic container_extension_table_lambda: `count_records(bundle)` runs `list(bundle.jobs())`
    from helpers import rows
    src = """
        import multiprocessing
        class Bundle:
            PARSERS = {".ini": lambda text: text}
            def __init__(self, files):
                self.files = files
            def jobs(self):
                for name in self.files:
                    yield (self.PARSERS[name], name)
            def first(self):
                return (self.PARSERS[".ini"], "x")
        def apply_parser(job):
            parser, name = job
            return parser(name)
        def count(bundle):
            jobs = list(bundle.jobs())
            with multiprocessing.Pool(2) as pool:
                pool.map(apply_parser, jobs)
                return pool.apply(apply_parser, (bundle.first(),))
        if __name__ == "__main__":
            print(count(Bundle([".ini"])))
    """
    assert rows(src, "MP201") == [18, 19]
    # what the callers pass decides: an object of another class with a plain table is fine
    assert rows(src.replace('PARSERS = {".ini": lambda text: text}', 'PARSERS = {".ini": str}'), "MP201") == []


def test_what_a_helper_merges_into_a_dict_from_its_parameter_comes_from_its_callers():
    # fresh_realistic container_cleaners_update_initargs: `cleaners.update(extra or {})`, then returned
    from helpers import rows
    src = """
        import multiprocessing
        def build(extra=None):
            cleaners = {"strip": str.strip}
            cleaners.update(extra or {})
            return cleaners
        def init(cleaners):
            pass
        def clean(x):
            return x
        def main():
            cleaners = build({"ws": lambda s: " ".join(s.split())})
            with multiprocessing.Pool(2, initializer=init, initargs=(cleaners,)) as pool:
                return pool.map(clean, ["a"])
        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP201") == [13]
    assert rows(src.replace('lambda s: " ".join(s.split())', "str.title"), "MP201") == []
    extended = src.replace('cleaners = {"strip": str.strip}', "cleaners = [str.strip]").replace(
        "cleaners.update(extra or {})", "cleaners.extend(extra or [])").replace(
        'build({"ws": lambda s: " ".join(s.split())})', "build([lambda s: s])")
    assert rows(extended, "MP201") == [13]


def test_a_method_called_on_an_object_a_helper_is_given_is_a_call_site_of_that_method():
    # fresh_realistic container_event_bus_setdefault_lambda: `register_defaults(bus)` subscribes a lambda
    from helpers import rows
    src = """
        import multiprocessing
        class Bus:
            def __init__(self):
                self.handlers = {}
            def subscribe(self, event, handler):
                self.handlers.setdefault(event, []).append(handler)
            def publish(self, event):
                for handler in self.handlers.get(event, []):
                    p = multiprocessing.Process(target=handler)
                    p.start()
                    p.join()
        def register_defaults(bus):
            bus.subscribe("saved", lambda: print("saved"))
        if __name__ == "__main__":
            bus = Bus()
            register_defaults(bus)
            bus.publish("saved")
    """
    assert rows(src, "MP201") == [10]
    assert rows(src.replace('lambda: print("saved")', "print"), "MP201") == []


def test_keywords_forwarded_through_kwargs_reach_the_function_they_are_spread_into():
    # fresh_realistic crossmodule_export_closure_through_kwargs, in one module: run_export(**options)
    from helpers import rows
    src = """
        import multiprocessing
        def fan_out(chunks, transform=None):
            procs = [multiprocessing.Process(target=work, args=(c, transform)) for c in chunks]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
        def work(c, transform):
            print(transform(c))
        def run_export(rows, chunk_size=2, **options):
            fan_out([rows[i:i + chunk_size] for i in range(0, len(rows), chunk_size)], **options)
        def main():
            factor = 2
            def scale(c):
                return [x * factor for x in c]
            run_export([1, 2, 3], transform=scale)
        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP201") == [4]
    # a keyword the forwarding function takes itself is not spread
    assert rows(src.replace("run_export([1, 2, 3], transform=scale)", "run_export([1, 2, 3], chunk_size=scale)"),
                "MP201") == []
