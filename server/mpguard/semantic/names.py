"""Import tracking and the table of multiprocessing APIs, by canonical qualified name."""
from __future__ import annotations

import ast
from functools import lru_cache

from mpguard.semantic.boundaries import aliases, thread_lookalikes

# Canonical kinds of the APIs mpguard reasons about. Aliases map to one kind each.
API = {
    "multiprocessing.Process": "Process",
    "multiprocessing.context.Process": "Process",
    "multiprocessing.process.BaseProcess": "Process",
    "multiprocessing.context.SpawnProcess": "Process:spawn",
    "multiprocessing.context.ForkProcess": "Process:fork",
    "multiprocessing.context.ForkServerProcess": "Process:forkserver",
    "multiprocessing.Pool": "Pool",
    "multiprocessing.pool.Pool": "Pool",
    "multiprocessing.Manager": "Manager",
    "multiprocessing.managers.SyncManager": "Manager",
    "concurrent.futures.ProcessPoolExecutor": "Executor",
    "concurrent.futures.process.ProcessPoolExecutor": "Executor",
    "multiprocessing.get_context": "get_context",
    "multiprocessing.set_start_method": "set_start_method",
    "multiprocessing.get_start_method": "get_start_method",
    "multiprocessing.freeze_support": "freeze_support",
    "multiprocessing.set_executable": "set_executable",
    "multiprocessing.Queue": "Queue",
    "multiprocessing.JoinableQueue": "Queue",
    "multiprocessing.queues.Queue": "Queue",
    "multiprocessing.SimpleQueue": "SimpleQueue",
    "multiprocessing.Pipe": "Pipe",
    "multiprocessing.Lock": "Lock",
    "multiprocessing.RLock": "Lock",
    "multiprocessing.Semaphore": "Lock",
    "multiprocessing.BoundedSemaphore": "Lock",
    "multiprocessing.Condition": "Lock",
    "multiprocessing.Event": "Lock",
    "multiprocessing.Barrier": "Lock",
    "multiprocessing.Value": "Value",
    "multiprocessing.Array": "Value",
    "multiprocessing.RawValue": "Value",
    "multiprocessing.RawArray": "Value",
    "multiprocessing.sharedctypes.Value": "Value",
    "multiprocessing.sharedctypes.Array": "Value",
    "multiprocessing.sharedctypes.RawValue": "Value",
    "multiprocessing.sharedctypes.RawArray": "Value",
    "threading.Lock": "thread.Lock",
    "threading.RLock": "thread.Lock",
    "threading.Condition": "thread.Lock",
    "threading.Semaphore": "thread.Lock",
    "threading.BoundedSemaphore": "thread.Lock",
    "threading.Event": "thread.Lock",
    "threading.Barrier": "thread.Lock",
    "threading.Thread": "Thread",
    "threading.Timer": "Thread",
    "_thread.allocate_lock": "thread.Lock",
    "queue.Queue": "thread.Queue",
    "queue.LifoQueue": "thread.Queue",
    "queue.PriorityQueue": "thread.Queue",
    "queue.SimpleQueue": "thread.Queue",
    "asyncio.Queue": "thread.Queue",
    "asyncio.Lock": "thread.Lock",
    "open": "open",
    "io.open": "open",
    "builtins.open": "open",
    "codecs.open": "open",
    "os.fdopen": "open",  # io.open(fd, mode, ...): an open file of the same classes, chosen by the same mode
    "tempfile.TemporaryFile": "open",
    "tempfile.NamedTemporaryFile": "open",
    "ssl.create_default_context": "ssl",
    "ssl.SSLContext": "ssl",
    "sqlite3.connect": "sqlite",
    "functools.partial": "partial",
    "functools.wraps": "wraps",
    "functools.update_wrapper": "wraps",
    "collections.namedtuple": "namedtuple",
    "typing.NamedTuple": "namedtuple",
    "dataclasses.make_dataclass": "namedtuple",  # a class named by its first argument, like namedtuple's
    "logging.basicConfig": "logging.config",
    "logging.config.dictConfig": "logging.config",
    "logging.config.fileConfig": "logging.config",
    "random.seed": "random.seed",
    "numpy.random.seed": "numpy.seed",
    "atexit.register": "atexit",
    "os.environ": "environ",
    "os.putenv": "putenv",
    "os.remove": "fs-effect",
    "os.unlink": "fs-effect",
    "os.rename": "fs-effect",
    "os.replace": "fs-effect",
    "os.makedirs": "fs-effect",
    "os.mkdir": "fs-effect",
    "os.rmdir": "fs-effect",
    "os.system": "fs-effect",
    "shutil.rmtree": "fs-effect",
    "shutil.move": "fs-effect",
    "subprocess.run": "fs-effect",
    "subprocess.call": "fs-effect",
    "subprocess.check_call": "fs-effect",
    "subprocess.check_output": "fs-effect",
    "subprocess.Popen": "fs-effect",
    "pathlib.Path.write_text": "fs-effect",
    "asyncio.get_event_loop": "loop",
    "asyncio.get_running_loop": "loop",
    "asyncio.new_event_loop": "loop",
}

# Look-alikes that run threads: nothing is pickled and nothing is re-imported.
THREAD_LOOKALIKES = (
    "multiprocessing.dummy",
    "multiprocessing.pool.ThreadPool",
    "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.thread",
    "threading",
    *thread_lookalikes(),  # the libraries' thread pools (semantic/data/boundaries.json)
)

CONTEXT_FACTORIES = {"Process", "Pool", "Manager", "Queue", "SimpleQueue", "Pipe", "Lock", "Value"}
CONTEXT_METHODS = {
    "Process": "Process", "Pool": "Pool", "Manager": "Manager", "Queue": "Queue",
    "JoinableQueue": "Queue", "SimpleQueue": "SimpleQueue", "Pipe": "Pipe",
    "Lock": "Lock", "RLock": "Lock", "Semaphore": "Lock", "BoundedSemaphore": "Lock",
    "Condition": "Lock", "Event": "Lock", "Barrier": "Lock",
    "Value": "Value", "Array": "Value", "RawValue": "Value", "RawArray": "Value",
    "set_start_method": "set_start_method", "get_start_method": "get_start_method",
    "get_context": "get_context", "freeze_support": "freeze_support",
}

POOL_TASK_METHODS = {
    "map", "map_async", "imap", "imap_unordered", "starmap", "starmap_async", "apply", "apply_async",
}
EXECUTOR_TASK_METHODS = {"submit", "map"}
TASK_METHODS = frozenset(POOL_TASK_METHODS | EXECUTOR_TASK_METHODS)  # what hands a pool or executor work
# what the lifecycle rules read on a process, queue or pipe the callers pass (`p.join()` in a helper)
DEFERRED_OPS = frozenset({"join", "get", "get_nowait", "recv", "recv_bytes"})
ASYNC_POOL_METHODS = {"map_async", "starmap_async", "apply_async", "imap", "imap_unordered"}


def package_name(module: str, path=None) -> str:
    """The package a module's relative imports start from: the module itself for a package's `__init__.py`
    (`from .core import launch` in `pkg/__init__.py` is `pkg.core`), else the module's parent."""
    name = str(path or "").replace("\\", "/").rsplit("/", 1)[-1]
    return module if name in ("__init__.py", "__init__.pyi") else module.rpartition(".")[0]


class ImportMap:
    """Local name -> fully qualified name, for module-level and function-level imports."""

    def __init__(self, package: str | None = None):
        self.names: dict[str, str] = {}
        self.package = package
        # the dotted modules `import a.b` imports (it binds only `a`): what importing them does counts too
        # (a plugin module registering into a registry, rules/forwarded_calls._registering_modules)
        self.submodules: list[str] = []
        # the local names an `import` statement bound (`import math`, `import numpy as np`): module objects, which
        # plain pickle refuses (a `from` import may bind anything: a later one of the name unbinds it here)
        self.modules: set[str] = set()

    def add(self, node: ast.Import | ast.ImportFrom) -> list[tuple[str, str]]:
        added = []
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    added.append((alias.asname, alias.name))
                else:
                    top = alias.name.split(".")[0]
                    added.append((top, top))
                    if top != alias.name:
                        self.submodules.append(alias.name)
        else:
            module = node.module or ""
            if node.level and self.package is not None:
                parts = self.package.split(".") if self.package else []
                parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                module = ".".join(p for p in (*parts, module) if p)
            elif node.level:
                module = module or ""
            for alias in node.names:
                if alias.name == "*":
                    continue
                qualified = f"{module}.{alias.name}" if module else alias.name
                added.append((alias.asname or alias.name, qualified))
        for local, qualified in added:
            self.names[local] = qualified
            if isinstance(node, ast.Import):
                self.modules.add(local)
            else:
                self.modules.discard(local)
        return added

    def qualify(self, expr: ast.expr) -> str | None:
        """`mp.get_context` -> `multiprocessing.get_context` when `mp` is an import alias."""
        parts = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        base = self.names.get(expr.id)
        if base is None:
            if expr.id in ("open", "print", "exec", "eval"):
                base = expr.id
            else:
                return None
        return ".".join([base, *reversed(parts)])


# Drop-in re-exports of multiprocessing (torch adds `spawn`; multiprocess pickles with dill, which the
# rules read from the object's serializer).
ALIASED_PACKAGES = ("torch.multiprocessing", "billiard", "multiprocess")
# multiprocessing and its drop-ins: the modules whose own functions (get_start_method, get_all_start_methods)
# and whose use as a context (`_mp = multiprocessing`) mean multiprocessing's.
MULTIPROCESSING_PACKAGES = ("multiprocessing", *ALIASED_PACKAGES)
# Single names that are multiprocessing's objects under another name (pathos.multiprocessing.Pool).
ALIASED_NAMES = {name: target for name, target in aliases().items() if "." in name}


# Made without starting anything: the server process starts at `start()`, or when a `with` statement enters the
# manager (BaseManager.__enter__ starts one not started yet). `multiprocessing.Manager()` starts it before returning.
STARTED_LATER = frozenset({"multiprocessing.managers.SyncManager"})


def starts_when_made(qualified: str | None) -> bool:
    """Does calling `qualified` (a Pool, Manager, ... of the API table) start its processes?"""
    return _canonical(qualified) not in STARTED_LATER if qualified is not None else True


def _canonical(qualified: str) -> str:
    """The multiprocessing name an alias or a drop-in package's name stands for."""
    qualified = ALIASED_NAMES.get(qualified, qualified)
    for package in ALIASED_PACKAGES:
        if qualified.startswith(package + "."):
            return "multiprocessing" + qualified[len(package):]
    return qualified


@lru_cache(maxsize=4096)  # a pure function of a dotted name, asked for every call
def api_kind(qualified: str | None) -> str | None:
    if qualified is None:
        return None
    qualified = ALIASED_NAMES.get(qualified, qualified)
    for package in ALIASED_PACKAGES:
        if qualified.startswith(package + "."):
            if qualified in ("torch.multiprocessing.spawn", "torch.multiprocessing.start_processes"):
                return "spawn-processes"
            qualified = "multiprocessing" + qualified[len(package):]
    if is_thread_lookalike(qualified):
        kind = API.get(qualified)
        return kind if kind in ("Thread", "thread.Lock", "thread.Queue") else "thread-lookalike"
    kind = API.get(qualified)
    if kind is None and qualified.startswith("multiprocessing.context."):
        kind = API.get("multiprocessing." + qualified.rsplit(".", 1)[1])
    return kind


def is_thread_lookalike(qualified: str) -> bool:
    return any(qualified == p or qualified.startswith(p + ".") for p in THREAD_LOOKALIKES)


def is_main_guard(test: ast.expr) -> bool:
    """`__name__ == "__main__"`, in either order."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1
