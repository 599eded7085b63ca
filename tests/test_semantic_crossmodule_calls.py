"""Values that travel across modules and through call sites (issue 12): what another project module's
function raises or returns for the arguments a call site passes (semantic/param_guards), exception
classes of other modules and the arity their base classes hand to Exception.__init__
(semantic/exception_args), callables a helper runs in a daemonic process (linter/daemon_sinks,
rules/daemon_handover), Process subclasses of other modules started here (linter/process_classes,
rules/imported_process). Each cause has a hazard-free near miss that must stay silent."""
import ast
import textwrap

from helpers import at_import_copy, sent_back_copy
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.semantic import param_guards as G


def project(tmp_path, files: dict):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def findings(path, code=None, copies=False):
    """The findings of `path` (of `code`), without the copies placed at its import of the module where a hazard
    happens (RuleContext.report_at_origin) unless `copies`."""
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings
            if code in (None, f.code) and (copies or not at_import_copy(f) and not sent_back_copy(f))]


# ---- param_guards on its own ---------------------------------------------------------------------

def _function(src: str):
    tree = ast.parse(textwrap.dedent(src))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    func = tree.body[0]
    return func, parents, sorted((n for n in ast.walk(func) if isinstance(n, (ast.Return, ast.Raise))), key=lambda n: n.lineno)


def test_guards_read_the_if_around_a_statement_and_the_early_exits_before_it():
    func, parents, [first, second] = _function("""
        def load(path, plain=False):
            if plain:
                return 1
            return 2
    """)
    assert G.guards(first, parents, func) == {("plain", True)}
    assert G.guards(second, parents, func) == {("plain", False)}


def test_guards_ignore_tests_that_are_not_a_parameters_truth():
    func, parents, [raised] = _function("""
        def fetch(url, strict):
            status = 3
            if status != 200 and not strict:
                raise ValueError(url)
    """)
    assert G.guards(raised, parents, func) == {("strict", False)}


def test_a_call_meets_a_condition_by_its_literal_or_the_default_and_an_unknown_argument_may_meet_it():
    func, _parents, _ = _function("def fetch(url, strict=True):\n    pass\n")
    alternatives = ((frozenset({("strict", True)})),)
    call = lambda text: ast.parse(text).body[0].value  # noqa: E731
    assert G.reached(alternatives, func, call("fetch(u)"))
    assert not G.reached(alternatives, func, call("fetch(u, False)"))
    assert not G.reached(alternatives, func, call("fetch(u, strict=0)"))
    assert G.reached(alternatives, func, call("fetch(u, flag)"))
    assert G.reached(alternatives, func, call("fetch(*args)"))


# ---- exceptions raised in another module, through its calls --------------------------------------

ERRORS = """
    class FetchError(Exception):
        def __init__(self, url, retry, message):
            self.url = url
            super().__init__(message)
    class HTTPError(FetchError):
        def __init__(self, url, retry, status):
            super().__init__(url, retry, f"HTTP {status}")
    class PicklableError(Exception):
        def __init__(self, url, retry, status):
            super().__init__(url, retry, status)
"""
FETCH = """
    from app.errors import HTTPError, PicklableError
    def _request(url, strict):
        if url.endswith("x"):
            if strict:
                raise HTTPError(url, 3, 503)
            raise PicklableError(url, 3, 503)
        return url
    def _page(url, strict):
        return _request(url, strict)
    def fetch_page(url, strict=True):
        return len(_page(url, strict))
"""
MAIN_SUBMIT = """
    from concurrent.futures import ProcessPoolExecutor
    from app.fetch import fetch_page
    def main(urls):
        with ProcessPoolExecutor(2) as pool:
            return [pool.submit(fetch_page, ARGS).result() for url in urls]
    if __name__ == "__main__":
        main(["ax", "b"])
"""


def _fetch_project(tmp_path, args: str):
    return project(tmp_path, {"app/__init__.py": "", "app/errors.py": ERRORS, "app/fetch.py": FETCH,
                              "main.py": MAIN_SUBMIT.replace("ARGS", args)})


def test_an_exception_of_a_third_module_raised_two_calls_deep_under_the_default_flag(tmp_path):
    root = _fetch_project(tmp_path, "url")
    [finding] = findings(root / "main.py", "MP208")
    assert finding.start.row == 6 and "HTTPError" in finding.message
    # the base class keeps only the message: unpickling calls HTTPError(message)
    assert "missing 2 required positional arguments: 'retry' and 'status'" in finding.message
    assert finding.start_methods == {"fork", "spawn", "forkserver"}


def test_the_call_that_turns_the_flag_off_reaches_only_the_rebuildable_exception(tmp_path):
    root = _fetch_project(tmp_path, "url, False")
    assert findings(root / "main.py", "MP208") == []
    root = _fetch_project(tmp_path, "url, strict=False")
    assert findings(root / "main.py", "MP208") == []


def test_an_unknown_flag_may_be_either(tmp_path):
    root = _fetch_project(tmp_path, "url, url.startswith('s')")
    assert len(findings(root / "main.py", "MP208")) == 1


def test_a_base_class_that_hands_every_argument_on_rebuilds(tmp_path):
    errors = ERRORS.replace("super().__init__(message)", "super().__init__(url, retry, message)")
    root = project(tmp_path, {"app/__init__.py": "", "app/errors.py": errors, "app/fetch.py": FETCH,
                              "main.py": MAIN_SUBMIT.replace("ARGS", "url")})
    assert findings(root / "main.py", "MP208") == []


def test_the_base_chain_counts_in_the_checked_module_too():
    from mpguard.linter.analyze import analyze

    src = textwrap.dedent("""
        from concurrent.futures import ProcessPoolExecutor
        class FetchError(Exception):
            def __init__(self, url, message):
                super().__init__(message)
        class HTTPError(FetchError):
            def __init__(self, url, status):
                super().__init__(url, f"HTTP {status}")
        def task(url):
            raise HTTPError(url, 503)
        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                pool.submit(task, "u").result()
    """)
    [finding] = [f for f in analyze(src).findings if f.code == "MP208" and not sent_back_copy(f)]
    assert finding.start.row == 10
    assert "missing 1 required positional argument: 'status'" in finding.message


def test_a_base_class_of_an_unknown_library_says_nothing_about_the_chain():
    from mpguard.linter.analyze import analyze

    src = textwrap.dedent("""
        from concurrent.futures import ProcessPoolExecutor
        from somelib import LibError
        class FetchError(LibError):
            def __init__(self, url, message):
                super().__init__(url, message)
        class HTTPError(FetchError):
            def __init__(self, url, status):
                super().__init__(url, f"HTTP {status}")
        def task(url):
            raise HTTPError(url, 503)
        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                pool.submit(task, "u").result()
    """)
    assert [f for f in analyze(src).findings if f.code == "MP208"] == []


# ---- a callable a helper runs in a daemonic process ----------------------------------------------

CLUSTER = """
    import multiprocessing
    def _run_task(func, args, results):
        results.put(func(*args))
    def spawn_process(func, args, results):
        p = multiprocessing.Process(target=_run_task, args=(func, args, results))
        p.daemon = DAEMON
        p.start()
        return p
"""
TASKS = """
    import multiprocessing
    def _page(i, out):
        out.put(i)
    def build_report(n):
        out = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=_page, args=(i, out)) for i in range(n)]
        for p in procs:
            p.start()
        return sorted(out.get() for _ in procs)
    def count_words(n):
        return n * 2
"""
MAIN_CLUSTER = """
    import multiprocessing
    from app import cluster, tasks
    def main():
        results = multiprocessing.Queue()
        w = cluster.spawn_process(tasks.TASK, (3,), results)
        print(results.get())
        w.join()
    if __name__ == "__main__":
        main()
"""


def _cluster(tmp_path, daemon="True", task="build_report"):
    return project(tmp_path, {"app/__init__.py": "", "app/cluster.py": CLUSTER.replace("DAEMON", daemon),
                              "app/tasks.py": TASKS, "main.py": MAIN_CLUSTER.replace("TASK", task)})


def test_a_task_that_starts_processes_handed_to_a_daemonic_worker_of_another_module(tmp_path):
    [finding] = findings(_cluster(tmp_path) / "main.py", "MP413")
    # build_report starts its processes in app/tasks.py: reported where main.py imports it, the call related
    assert finding.start.row == 3 and (6, "reached from here") in [(p.row, t) for p, t in finding.related]
    assert "app.tasks.build_report() starts processes" in finding.message
    assert "app.cluster.spawn_process() runs it in a daemonic process" in finding.message


def test_a_task_that_starts_no_process_is_fine_in_a_daemonic_worker(tmp_path):
    assert findings(_cluster(tmp_path, task="count_words") / "main.py", "MP413") == []


def test_a_non_daemonic_worker_may_run_a_task_that_starts_processes(tmp_path):
    assert findings(_cluster(tmp_path, daemon="False") / "main.py", "MP413") == []


# ---- a Process subclass of another module, started here ------------------------------------------

CONFIG = """
    import threading
    class AppConfig:
        def __init__(self, path):
            self.path = path
            self.lock = threading.RLock()
    class PlainConfig:
        def __init__(self, path):
            self.path = path
    def load_config(path, plain=False):
        if plain:
            return PlainConfig(path)
        return AppConfig(path)
"""
WORKERS = """
    import multiprocessing
    class BaseWorker(multiprocessing.Process):
        def __init__(self, config, results):
            super().__init__(daemon=True)
            self.config = config
            self.results = results
        def run(self):
            self.results.put(1)
    class SearchWorker(BaseWorker):
        pass
"""
MAIN_WORKERS = """
    import multiprocessing
    from app.config import load_config
    from app.workers import SearchWorker
    def start(config):
        results = multiprocessing.Queue()
        worker = SearchWorker(config, results)
        worker.start()
        return worker, results
    def main():
        worker, results = start(load_config("/tmp"ARGS))
        print(results.get())
    if __name__ == "__main__":
        main()
"""


def _workers(tmp_path, args=""):
    return project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/workers.py": WORKERS,
                              "main.py": MAIN_WORKERS.replace("ARGS", args)})


def test_a_process_subclass_of_another_module_keeps_a_config_holding_an_rlock(tmp_path):
    [finding] = findings(_workers(tmp_path) / "main.py", "MP203")
    assert finding.start.row == 8
    assert "`SearchWorker` (from app.workers) is a Process subclass" in finding.message
    assert "_thread.RLock" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}


def test_the_loader_asked_for_the_plain_config_returns_nothing_pickle_refuses(tmp_path):
    assert findings(_workers(tmp_path, ", plain=True") / "main.py") == []
    assert findings(_workers(tmp_path, ", True") / "main.py") == []


def test_the_loaders_result_handed_straight_to_a_process_is_judged_per_call_too(tmp_path):
    main = """
        import multiprocessing
        from app.config import load_config
        def work(config):
            pass
        if __name__ == "__main__":
            multiprocessing.Process(target=work, args=(load_config("/t"ARGS),)).start()
    """
    root = project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "main.py": main.replace("ARGS", "")})
    assert len(findings(root / "main.py", "MP203")) == 1
    root = project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG,
                              "main.py": main.replace("ARGS", ", plain=True")})
    assert findings(root / "main.py", "MP203") == []


def test_a_process_subclass_that_pickles_its_own_way_is_fine(tmp_path):
    workers = WORKERS.replace("    class SearchWorker", "        def __getstate__(self):\n"
                              "            return {}\n    class SearchWorker")
    root = project(tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/workers.py": workers,
                              "main.py": MAIN_WORKERS.replace("ARGS", "")})
    assert findings(root / "main.py", "MP203") == []


# ---- a class of another module configured through a classmethod ----------------------------------

SETTINGS = """
    class Settings:
        verbose = False
        scale = 1
        _instance = None
        @classmethod
        def get(cls):
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance
        @classmethod
        def configure(cls, scale):
            cls.scale = scale
        @classmethod
        def describe(cls):
            return {"scale": cls.scale}
"""
MAIN_SETTINGS = """
    import multiprocessing
    from app.settings import Settings
    def init_worker(scale):
        INIT
    def scale(value):
        READ
    def main():
        Settings.configure(scale=10)
        with multiprocessing.Pool(2POOL) as pool:
            return pool.map(scale, [1, 2])
    if __name__ == "__main__":
        main()
"""


def _settings(tmp_path, read, init="pass", pool=""):
    main = MAIN_SETTINGS.replace("READ", read).replace("INIT", init).replace("POOL", pool)
    return project(tmp_path, {"app/__init__.py": "", "app/settings.py": SETTINGS, "main.py": main})


def test_a_class_attribute_of_another_module_set_by_a_classmethod_and_read_through_its_singleton(tmp_path):
    root = _settings(tmp_path, "s = Settings.get()\n        return value * s.scale")
    found = findings(root / "main.py", "MP302")
    [finding] = [f for f in found if "is set by the parent" in f.message]
    assert finding.start.row == 10 and "`Settings.scale` is set by the parent" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}
    [read] = [f for f in found if f is not finding]  # and at the child's read, where the value is missing
    assert read.start.row == 8 and read.message.startswith("a child reads `Settings.scale`")


def test_read_on_the_class_itself_and_on_a_fresh_instance(tmp_path):
    assert len(findings(_settings(tmp_path, "return value * Settings.scale") / "main.py", "MP302")) == 2
    assert len(findings(_settings(tmp_path, "return value * Settings().scale") / "main.py", "MP302")) == 2


def test_the_initializer_configures_the_class_again_in_each_worker(tmp_path):
    root = _settings(tmp_path, "return value * Settings.get().scale", init="Settings.configure(scale)",
                     pool=", initializer=init_worker, initargs=(Settings.scale,)")
    assert findings(root / "main.py", "MP302") == []


def test_a_child_that_reads_another_attribute_or_what_a_plain_method_returns_is_fine(tmp_path):
    assert findings(_settings(tmp_path, "return value * Settings.verbose") / "main.py", "MP302") == []
    # describe() returns a dict, not an instance of the class: its `.scale` is not the class's
    assert findings(_settings(tmp_path, "d = Settings.describe()\n        return d.scale") / "main.py",
                    "MP302") == []


# ---- what a function raises through calls into a third module ------------------------------------

SHELL = """
    import subprocess
    class Error(ValueError):
        def __init__(self, msg, cmd):
            super().__init__(msg)
            self.cmd = cmd
    class CommandFailure(Error):
        def __init__(self, cmd, host, user, msg):
            super().__init__(f"Failed to run {cmd}: {msg}", cmd)
            self.host, self.user, self.msg = host, user, msg
        REDUCE
    class LocalShell:
        def run_or_raise(self, user, cmd):
            result = subprocess.run(cmd)
            if result.returncode:
                raise CommandFailure(cmd, None, user, "failed")
            return result.stdout
    def cluster_shell():
        return LocalShell()
"""
COLLECT = """
    from app import sh
    def collect_verify():
        return sh.cluster_shell().run_or_raise(None, ["crm_verify"])
"""
MAIN_COLLECT = """
    import multiprocessing
    from app import collect
    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.apply_async(collect.collect_verify).get())
"""


def _collect(tmp_path, reduce=""):
    return project(tmp_path, {"app/__init__.py": "", "app/sh.py": SHELL.replace("REDUCE", reduce or "pass"),
                              "app/collect.py": COLLECT, "main.py": MAIN_COLLECT})


def test_an_exception_raised_by_a_method_of_what_a_third_modules_factory_returns(tmp_path):
    [finding] = findings(_collect(tmp_path) / "main.py", "MP208")
    assert finding.start.row == 6 and "`CommandFailure`" in finding.message and "through sh.py" in finding.message
    assert finding.related_file.path.endswith("sh.py") and finding.related_file.line == 16


def test_the_exception_class_that_defines_reduce_is_fine(tmp_path):
    reduce = "def __reduce__(self):\n            return CommandFailure, (self.cmd, self.host, self.user, self.msg)"
    assert findings(_collect(tmp_path, reduce) / "main.py", "MP208") == []


# ---- work is counted, not timed -------------------------------------------------------------------

def test_raise_paths_read_each_function_once_on_a_diamond_of_calls(monkeypatch):
    """Every function calls the two before it (2**n paths): the summary reads each raise and each call
    once per function, and the alternatives of conditions stay capped."""
    from mpguard.linter.summaries import raise_summary

    n = 60
    lines = ["class Failure(Exception):", "    def __init__(self, a, b):", "        super().__init__(a)",
             "def f0(x, strict):", "    if strict:", "        raise Failure(x, 1)"]
    for i in range(1, n):
        lines += [f"def f{i}(x, strict, flag{i}=True):", f"    if flag{i}:", f"        f{i - 1}(x, strict)",
                  f"    f{i - 1}(x, not strict)" if i % 2 else f"    f{i - 1}(x, strict)"]
    calls = {"guards": 0}
    real = G.guards

    def counted(*args):
        calls["guards"] += 1
        return real(*args)

    monkeypatch.setattr(G, "guards", counted)
    summary = raise_summary("\n".join(lines), "helper.py", "helper")
    assert summary.raises[f"f{n - 1}"][0][0] == "Failure"
    assert calls["guards"] <= 4 * n  # one per raise or call of each function, not one per path
    assert all(len(alternatives) <= G.MAX_ALTERNATIVES for alternatives in summary.guards.values()
               if isinstance(alternatives, tuple))


# ---- the same causes inside one module -----------------------------------------------------------

ONE_MODULE_WORKERS = """
    import multiprocessing
    import threading
    class AppConfig:
        def __init__(self, path):
            self.lock = threading.RLock()
    class PlainConfig:
        def __init__(self, path):
            self.path = path
    def load_config(path, plain=False):
        if plain:
            return PlainConfig(path)
        return AppConfig(path)
    class Worker(multiprocessing.Process):
        def __init__(self, config, results):
            super().__init__()
            self.config = config
            self.results = results
        def run(self):
            self.results.put(1)
    def main():
        results = multiprocessing.Queue()
        worker = Worker(load_config("/t"ARGS), results)
        worker.start()
        print(results.get())
    if __name__ == "__main__":
        main()
"""


def _analyze(src):
    from mpguard.linter.analyze import analyze

    return analyze(textwrap.dedent(src)).findings


def test_a_process_subclass_of_the_module_keeps_a_config_holding_an_rlock():
    [finding] = [f for f in _analyze(ONE_MODULE_WORKERS.replace("ARGS", "")) if f.code == "MP203"]
    assert finding.start.row == 24 and "`Worker` is a Process subclass that keeps its argument `config`" \
        in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}


def test_the_same_loader_asked_for_the_plain_config_in_one_module():
    assert _analyze(ONE_MODULE_WORKERS.replace("ARGS", ", plain=True")) == []


def test_a_parameter_the_function_rebinds_says_nothing_about_the_caller():
    src = ONE_MODULE_WORKERS.replace("ARGS", ", plain=True").replace(
        "        if plain:", "        plain = plain and path.startswith('/x')\n        if plain:")
    assert len([f for f in _analyze(src) if f.code == "MP203"]) == 1


def test_a_task_chosen_by_getattr_with_a_prefix_on_a_project_module_is_any_of_its_matching_functions(tmp_path):
    # fresh_realistic crossmodule_bulk_quote_error_deep: `getattr(pricing, "quote_" + kind)` returned by a helper
    pricing = """
        class PricingError(Exception):
            def __init__(self, sku, reason):
                super().__init__(f"{sku}: {reason}")
        def quote_bulk(sku, qty):
            if qty > 100:
                raise PricingError(sku, "too many")
            return qty * 2
        def quote_retail(sku, qty):
            return qty * 3
    """
    main = """
        import sys
        from concurrent.futures import ProcessPoolExecutor
        from shop import pricing
        def quote_function(kind):
            return getattr(pricing, "quote_" + kind)
        def main(kind):
            quote = quote_function(kind)
            with ProcessPoolExecutor(max_workers=2) as pool:
                print(pool.submit(quote, "x", 300).result())
        if __name__ == "__main__":
            main(sys.argv[1])
    """
    path = project(tmp_path, {"shop/__init__.py": "", "shop/pricing.py": pricing, "main.py": main}) / "main.py"
    [finding] = findings(path, "MP208")
    assert "shop.pricing.quote_bulk()" in finding.message
    # no function of that prefix raises: nothing
    quiet = pricing.replace('raise PricingError(sku, "too many")', "return 0")
    path = project(tmp_path / "b", {"shop/__init__.py": "", "shop/pricing.py": quiet, "main.py": main}) / "main.py"
    assert findings(path, "MP208") == []


# ---- a bound method of what another module's factory returns ------------------------------------------

STORE = """
    import sqlite3

    class Store:
        def __init__(self, path):
            self.path = path
            self.conn = sqlite3.connect(path)

        def fetch(self, key):
            return key

    class Plain:
        def __init__(self, path):
            self.path = path

        def fetch(self, key):
            return key

    def open_store(path=":memory:"):
        return Store(path)

    def open_plain(path=":memory:"):
        return Plain(path)
"""

FACTORY_TASK = """
    from concurrent.futures import ProcessPoolExecutor
    from pkg.store import {factory}

    def main():
        store = {factory}()
        with ProcessPoolExecutor(2) as ex:
            print(list(ex.map(store.fetch, ["a", "b"])))

    if __name__ == "__main__":
        main()
"""


def test_a_bound_method_of_an_object_another_modules_factory_returns_pickles_that_object(tmp_path):
    """`open_store().fetch` as a pool task: the bound method pickles the Store, which holds an sqlite3
    connection (TypeError under every start method; tests/test_runtime_behaviours.py runs it)."""
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/store.py": STORE,
                              "main.py": FACTORY_TASK.format(factory="open_store")})
    [finding] = findings(root / "main.py", "MP201")
    assert "bound method .fetch of what pkg.store.open_store() returns" in finding.message
    assert "sqlite3.Connection" in finding.message


def test_a_bound_method_of_a_plain_object_another_modules_factory_returns_is_fine(tmp_path):
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/store.py": STORE,
                              "main.py": FACTORY_TASK.format(factory="open_plain")})
    assert findings(root / "main.py") == []


# ---- a method of another module's class that hands its argument to a pool --------------------------------

PAR = """
    import multiprocessing as mp

    class Executor:
        def __init__(self, workers=2):
            self.workers = workers

        def map(self, func, items):
            with mp.Pool(self.workers) as pool:
                return pool.map(func, items)
"""

METHOD_TASK = """
    from tools.par import Executor

    def shift(x):
        return x + 3

    def main():
        ex = Executor(2)
        offset = 3
        print(ex.map({task}, range(5)))

    if __name__ == "__main__":
        main()
"""


def test_a_method_of_another_modules_class_that_maps_its_argument_on_a_pool(tmp_path):
    """`Executor(2).map(lambda x: x + offset, xs)`: the method of tools.par maps the lambda on its Pool
    (PicklingError under every start method; tests/test_runtime_behaviours.py runs it)."""
    root = project(tmp_path, {"tools/__init__.py": "", "tools/par.py": PAR,
                              "main.py": METHOD_TASK.format(task="lambda x: x + offset")})
    [finding] = findings(root / "main.py", "MP201")
    assert "tools.par.Executor.map() makes a pool task (line 10 of tools.par)" in finding.message
    assert finding.start_methods >= {"fork", "spawn", "forkserver"}


def test_a_module_function_given_to_that_method_is_fine(tmp_path):
    root = project(tmp_path, {"tools/__init__.py": "", "tools/par.py": PAR,
                              "main.py": METHOD_TASK.format(task="shift")})
    assert findings(root / "main.py") == []


# ---- a parameter handed on to another module's function that gives it to a child -----------------------

FAN_OUT = """
    import multiprocessing

    def _convert(chunk, transform, out):
        out.put([transform(x) for x in chunk])

    def fan_out(chunks, transform, label="job"):
        out = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=_convert, args=(c, transform, out)) for c in chunks]
        for p in procs:
            p.start()
        rows = [out.get() for _ in procs]
        for p in procs:
            p.join()
        return rows
"""

EXPORTS = """
    from pkg import workers

    def run_export(items, **options):
        return workers.fan_out([items], **options)

    def run_plain(items, transform):
        return workers.fan_out([items], transform)
"""

EXPORT_CALLER = """
    from pkg import export

    def double(x):
        return 2 * x

    def main():
        factor = 3
        def scale(x):
            return factor * x
        print(export.{call})

    if __name__ == "__main__":
        main()
"""


def test_a_closure_forwarded_through_kwargs_into_another_modules_process_args(tmp_path):
    """`run_export(items, transform=scale)` -> `fan_out([items], **options)` -> `Process(args=(..., transform,
    ...))`: the closure crosses under spawn and forkserver (tests/corpus/fresh_realistic's
    crossmodule_export_closure_through_kwargs runs that shape)."""
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/workers.py": FAN_OUT, "pkg/export.py": EXPORTS,
                              "main.py": EXPORT_CALLER.format(call="run_export([1, 2], transform=scale)")})
    [finding] = findings(root / "main.py", "MP201")
    assert "`transform` (through `**options`)" in finding.message
    assert finding.start_methods & {"fork", "spawn", "forkserver"} == {"spawn", "forkserver"}


def test_a_parameter_handed_on_positionally_is_followed_too(tmp_path):
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/workers.py": FAN_OUT, "pkg/export.py": EXPORTS,
                              "main.py": EXPORT_CALLER.format(call="run_plain([1, 2], scale)")})
    assert [f.code for f in findings(root / "main.py")] == ["MP201"]


def test_only_the_forwarded_keyword_crosses(tmp_path):
    """A module function as `transform` is found by name; `label` (a lambda here) never reaches the child."""
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/workers.py": FAN_OUT, "pkg/export.py": EXPORTS,
                              "main.py": EXPORT_CALLER.format(call="run_export([1, 2], transform=double, label=lambda: 0)")})
    assert findings(root / "main.py") == []


# ---- objects of another module's classes built here, lists another module returned, items that cross -----

REGISTRY = """
    from dataclasses import dataclass, field
    from typing import Callable

    @dataclass
    class Step:
        name: str
        func: Callable
        options: dict = field(default_factory=dict)

    def upper(s):
        return s.upper()

    def build_steps(names):
        return [Step(n, upper) for n in names]
"""

RUNNER = """
    from concurrent.futures import ProcessPoolExecutor

    def _apply(step, rows):
        return [step.func(r) for r in rows]

    class Runner:
        def __init__(self, workers=2):
            self.workers = workers

        def run(self, steps, rows):
            with ProcessPoolExecutor(self.workers) as ex:
                futures = [ex.submit(_apply, s, rows) for s in steps]
                return [f.result() for f in futures]
"""

STEPS_MAIN = """
    from etl.registry import Step, build_steps, upper
    from etl.runner import Runner

    def main():
        steps = build_steps(["upper"])
        steps.append(Step("strip", {func}))
        print(Runner().run(steps, [" a ", "b "]))

    if __name__ == "__main__":
        main()
"""


def test_a_dataclass_of_another_module_built_with_a_lambda_in_a_list_another_module_returned(tmp_path):
    """`build_steps()` of etl.registry returns a list; this module appends a `Step` (a dataclass of that
    module) built with a lambda; `Runner.run` of etl.runner submits each step to an executor: the lambda
    fails under every start method (observed on 3.11 under fork and spawn)."""
    root = project(tmp_path, {"etl/__init__.py": "", "etl/registry.py": REGISTRY, "etl/runner.py": RUNNER,
                              "main.py": STEPS_MAIN.format(func="lambda s: s.strip()")})
    [finding] = findings(root / "main.py", "MP203")
    assert "an instance of Step (from etl.registry), built with a lambda" in finding.message
    assert finding.start_methods >= {"fork", "spawn", "forkserver"}


def test_steps_of_module_functions_are_fine(tmp_path):
    root = project(tmp_path, {"etl/__init__.py": "", "etl/registry.py": REGISTRY, "etl/runner.py": RUNNER,
                              "main.py": STEPS_MAIN.format(func="upper")})
    assert findings(root / "main.py") == []
