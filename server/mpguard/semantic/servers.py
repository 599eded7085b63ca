"""Servers and task queues that run the user's code in processes they fork themselves, as
`data/boundaries.json` describes them ("workers", "preload"); docs/libraries.md.

- Task workers (celery): which functions are tasks, which a daemonic worker runs under the default
  prefork pool, and whether the code picks a pool that runs tasks in the worker's main process.
- Preloading servers (gunicorn): where the settings turn `preload_app` on, which application module
  they name, whether a hook runs in each worker after the fork, and what a module creates at import
  time that forked workers would then share (`import_time_objects`, a per-module fact).

Pure syntax: the rules ask the project resolver for other modules (`module_fact`)."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from mpguard.semantic.boundaries import not_fork_safe, preload, workers
from mpguard.semantic.names import ImportMap, is_main_guard, package_name
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.local_values import own_nodes as _own_nodes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
APPS_FACT = "worker-apps"
OBJECTS_FACT = "fork-unsafe-at-import"


# ---- task workers -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class WorkerTask:
    definition: ast.AST  # the function the worker runs (a decorated function, or a task class's `run`)
    library: str
    name: str
    allowed: tuple  # packages whose processes the worker may start (billiard)


def _module_statements(tree: ast.Module):
    """Statements that run at import (through if/try/with blocks, never a main guard or a function)."""
    todo = list(tree.body)
    while todo:
        stmt = todo.pop(0)
        yield stmt
        if isinstance(stmt, ast.If):
            if not is_main_guard(stmt.test):
                todo[:0] = [*stmt.body, *stmt.orelse]
        elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            todo[:0] = [*stmt.body, *stmt.orelse, *stmt.finalbody, *(s for h in stmt.handlers for s in h.body)]
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            todo[:0] = stmt.body


def module_imports(tree: ast.Module, module: str, path=None) -> ImportMap:
    imports = ImportMap(package_name(module, path))
    for stmt in _module_statements(tree):
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.add(stmt)
    return imports


def _in_process_pool(tree: ast.Module, entry: dict) -> bool:
    """Does the code run tasks in a process that is not daemonic: a worker pool that runs them in the
    worker's main process (`worker_pool = "solo"`, `app.conf.worker_pool = "threads"`,
    `app.conf.update(worker_pool="solo")`, `{"worker_pool": "solo"}`, `-P solo`), or the caller itself
    (`task_always_eager = True`, in any of those forms)?"""
    names, pools = set(entry.get("pool_settings", ())), set(entry.get("in_process_pools", ()))
    eager = set(entry.get("in_caller_settings", ()))

    def picks(setting, value) -> bool:
        if not isinstance(value, ast.Constant):
            return False
        return setting in names and value.value in pools or setting in eager and value.value is True

    option = re.compile(rf"(?:--pool[= ]|-P ?)({'|'.join(map(re.escape, pools))})\b") if pools else None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            if any(picks(getattr(target, "id", getattr(target, "attr", None)), node.value) for target in node.targets):
                return True
        elif isinstance(node, ast.keyword):
            if picks(node.arg, node.value):
                return True
        elif isinstance(node, ast.Dict):  # app.conf.update(TEST_SETTINGS) with TEST_SETTINGS = {...}
            if any(isinstance(k, ast.Constant) and picks(k.value, v) for k, v in zip(node.keys, node.values)):
                return True
        elif isinstance(node, (ast.List, ast.Tuple)):  # worker_main(["worker", "-P", "solo"])
            items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if any(a in ("-P", "--pool") and b in pools for a, b in zip(items, items[1:])):
                return True
        elif option is not None and isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and option.search(node.value):
            return True
    return False


def apps_fact(data: bytes, path: str, module: str, resolver) -> dict:
    """A module's task-queue applications: {library: {"apps": [names], "in_process": bool}}. Built for
    the project index (`module_fact`), so a task module that imports `app` from `proj.celery` knows it."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return _apps(tree, module_imports(tree, module, path), resolver)


def _apps(tree: ast.Module, imports: ImportMap, resolver=None) -> dict:
    out = {}
    for library, entry in workers().items():
        out[library] = {"apps": sorted(_app_names(tree, imports, entry, library, resolver)),
                        "factories": sorted(_factories(tree, imports, entry)),
                        "in_process": _in_process_pool(tree, entry), "configs": _config_modules(tree)}
    return out


def _app_names(tree: ast.Module, imports: ImportMap, entry: dict, library: str, resolver=None) -> set:
    """Names bound at import to an application: `app = Celery(...)`, or `celery = make_celery(app)` where
    `make_celery` is a factory of this module or of a project module it imports (the Flask pattern). Also
    the two other shapes of Flask's factories: an attribute of a module-level object (`app.celery =
    make_celery(app)`, named "app.celery") and a global a module-level function binds (`def init(app):
    global celery; celery = make_celery(app)`: a task decorated with `@celery.task` at import can only
    see that application, whatever `celery` held before)."""
    constructors = set(entry.get("apps", ()))
    local = _factories(tree, imports, entry)

    def made(value) -> bool:
        if not isinstance(value, ast.Call):
            return False
        func = value.func
        return imports.qualify(func) in constructors or isinstance(func, ast.Name) and func.id in local \
            and func.id not in imports.names or _imported_factory(func, imports, library, resolver)

    names = set()
    for stmt in _module_statements(tree):
        if isinstance(stmt, ast.Assign) and made(stmt.value):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
            names |= {_dotted(t) for t in stmt.targets if isinstance(t, ast.Attribute) and _dotted(t)}
        elif isinstance(stmt, FUNCS):
            declared, assigns, _returns = _own_facts(stmt)
            for node in assigns if declared else ():
                if made(node.value):
                    names |= {t.id for t in node.targets if isinstance(t, ast.Name) and t.id in declared}
    return names


def _dotted(expr) -> str | None:
    """`app` -> "app", `app.celery` -> "app.celery"; None for anything else."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = _dotted(expr.value)
        return f"{base}.{expr.attr}" if base else None
    return None


def _factories(tree: ast.Module, imports: ImportMap, entry: dict) -> set:
    """Module-level functions that return a new application: `return Celery(...)`, or a local name bound
    to `Celery(...)` and returned (`def make_celery(app): celery = Celery(app.import_name); ...; return celery`).
    Every return must be one (a factory that may return something else is not followed)."""
    constructors = set(entry.get("apps", ()))
    out = set()
    for stmt in tree.body:
        if not isinstance(stmt, FUNCS):
            continue
        made = set()
        _declared, assigns, returns = _own_facts(stmt)
        for node in assigns:
            if imports.qualify(node.value.func) in constructors:
                made |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        if returns and all(isinstance(r, ast.Call) and imports.qualify(r.func) in constructors
                           or isinstance(r, ast.Name) and r.id in made for r in returns):
            out.add(stmt.name)
    return out


def _own_facts(func) -> tuple:
    """(the names its `global` statements declare, its assignments of a call, the values of its `return`
    statements) in a function's own nodes. Kept on the function's node: every library of the catalog asks
    about every module-level function of a module (dask: 427,000 nodes visited for 49 modules), and a
    syntax tree is never changed once parsed."""
    known = getattr(func, "_mpguard_own_facts", None)
    if known is None:
        declared, assigns, returns = set(), [], []
        for node in _own_nodes(func):
            kind = type(node)
            if kind is ast.Global:
                declared.update(node.names)
            elif kind is ast.Assign and isinstance(node.value, ast.Call):
                assigns.append(node)
            elif kind is ast.Return:
                returns.append(node.value)
        known = func._mpguard_own_facts = (frozenset(declared), tuple(assigns), tuple(returns))
    return known



def _imported_factory(func, imports: ImportMap, library: str, resolver) -> bool:
    """`from proj.factory import make_celery`: a factory of another project module."""
    if resolver is None or not hasattr(resolver, "module_fact") or not isinstance(func, ast.Name):
        return False
    module, _, attr = (imports.names.get(func.id) or "").rpartition(".")
    fact = resolver.module_fact(module, APPS_FACT, apps_fact, {}) if module else None
    return bool(fact) and attr in fact.get(library, {}).get("factories", ())


def _config_modules(tree: ast.Module) -> list[str]:
    """`app.config_from_object("celeryconfig")`: modules named as the configuration (read for the pool)."""
    return [node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "config_from_object" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
            and ":" not in node.args[0].value]


def worker_tasks(tree: ast.Module, imports: ImportMap, resolver=None) -> list[WorkerTask]:
    """The tasks of this module that a daemonic worker runs (none when the code picks an in-process pool,
    here or in the module its application comes from). Other modules are read only for a name used as
    `@name.task` that this module imports."""
    out = []
    for library, entry in workers().items():
        if not entry.get("daemonic"):
            continue
        methods = set(entry.get("task_methods", ()))
        used = {_dotted(d.value) for stmt in tree.body if isinstance(stmt, FUNCS) for d in _decorator_targets(stmt)
                if isinstance(d, ast.Attribute) and d.attr in methods}
        used |= {_dotted(b.value) for stmt in tree.body if isinstance(stmt, ast.ClassDef) for b in stmt.bases
                 if isinstance(b, ast.Attribute) and b.attr == "Task"}
        used.discard(None)
        # (only names used as `@name.task` can be applications that matter: without any, none is looked for)
        apps = _app_names(tree, imports, entry, library, resolver) & used if used else set()
        in_process = False
        for name in used - apps:  # `from proj.celery import app`, `from proj import app` then `app.celery`
            first, _, rest = name.partition(".")
            module, _, attr = (imports.names.get(first) or "").rpartition(".")
            fact = resolver.module_fact(module, APPS_FACT, apps_fact, {}) if module and resolver is not None \
                and hasattr(resolver, "module_fact") else None
            if fact and (f"{attr}.{rest}" if rest else attr) in fact.get(library, {}).get("apps", ()):
                apps.add(name)
                in_process |= fact[library].get("in_process", False) or _configured_in_process(
                    resolver, fact[library].get("configs", ()), library)
        allowed = tuple(entry.get("allowed_spawners", ()))
        tasks = []
        for stmt in tree.body:
            if isinstance(stmt, FUNCS) and _is_task(stmt, imports, apps, entry):
                tasks.append(WorkerTask(stmt, library, stmt.name, allowed))
            elif isinstance(stmt, ast.ClassDef) and _is_task_class(stmt, imports, apps, entry):
                for item in stmt.body:
                    if isinstance(item, FUNCS) and item.name == entry.get("task_body", "run"):
                        tasks.append(WorkerTask(item, library, f"{stmt.name}.{item.name}", allowed))
        if tasks and not in_process and not _in_process_pool(tree, entry) and not _undaemonizes(tree) \
                and not _configured_in_process(resolver, _config_modules(tree), library):
            out.extend(tasks)
    return out


def _undaemonizes(tree: ast.Module) -> bool:
    """`current_process().daemon = False` (in a worker_process_init handler: celery#1709's workaround):
    multiprocessing then lets the worker start children."""
    return any(isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is False
               and any(isinstance(t, ast.Attribute) and t.attr == "daemon" for t in node.targets)
               for node in ast.walk(tree))


def _configured_in_process(resolver, modules, library: str) -> bool:
    """Does a configuration module (`config_from_object("celeryconfig")`) pick an in-process pool?"""
    if resolver is None or not hasattr(resolver, "module_fact"):
        return False
    for module in modules:
        fact = resolver.module_fact(module, APPS_FACT, apps_fact, {})
        if fact and fact.get(library, {}).get("in_process"):
            return True
    return False


def _decorator_targets(func) -> list:
    return [d.func if isinstance(d, ast.Call) else d for d in func.decorator_list]


def _is_task(func, imports: ImportMap, apps: set, entry: dict) -> bool:
    decorators, methods = set(entry.get("task_decorators", ())), set(entry.get("task_methods", ()))
    for decorator in func.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if imports.qualify(target) in decorators:
            return True  # @shared_task, @shared_task(bind=True)
        if isinstance(target, ast.Attribute) and target.attr in methods and _dotted(target.value) in apps:
            return True  # @app.task, @app.task(bind=True), @app.celery.task
    return False


def _is_task_class(cls: ast.ClassDef, imports: ImportMap, apps: set, entry: dict) -> bool:
    """`class Export(celery.Task)` or `class Export(app.Task)`: its `run` is the task."""
    bases = set(entry.get("task_classes", ()))
    for base in cls.bases:
        if imports.qualify(base) in bases:
            return True
        if isinstance(base, ast.Attribute) and base.attr == "Task" and _dotted(base.value) in apps:
            return True
    return False


# ---- preloading servers -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Preload:
    node: ast.AST  # where preloading is turned on
    library: str
    setting: str
    app_modules: tuple  # the modules the master imports before it forks (the application's)
    workers: object  # the constant number of workers, or None


def _hooked(tree: ast.Module, hooks: set) -> bool:
    """A post-fork hook anywhere: `def post_fork(server, worker)`, `"post_fork": reset`, `post_fork = f`,
    `self.cfg.set("post_worker_init", ...)`. Assumed to reset what the workers inherit."""
    for node in ast.walk(tree):
        if isinstance(node, FUNCS) and node.name in hooks:
            return True
        if isinstance(node, ast.Constant) and node.value in hooks:
            return True
        if isinstance(node, ast.Name) and node.id in hooks and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, ast.keyword) and node.arg in hooks:
            return True
    return False


def preloads(tree: ast.Module, imports: ImportMap, module: str) -> list[Preload]:
    """Where this module turns preloading on with no post-fork hook: a config file's `preload_app = True`
    next to `wsgi_app = "pkg.app:app"`, or `{"preload_app": True}` given to a custom application class
    (`gunicorn.app.base.BaseApplication`) whose application this module imports or defines."""
    out = []
    for library, entry in preload().items():
        settings, hooks = set(entry.get("settings", ())), set(entry.get("hooks", ()))
        found = len(out)
        top = {t.id: stmt for stmt in tree.body if isinstance(stmt, ast.Assign) for t in stmt.targets
               if isinstance(t, ast.Name)}
        count = top.get("workers")
        count = count.value.value if count is not None and isinstance(count.value, ast.Constant) else None
        for name in settings & top.keys():  # a config file
            stmt = top[name]
            app = top.get(entry.get("app_setting", ""))
            if _true(stmt.value) and app is not None and isinstance(app.value, ast.Constant) \
                    and isinstance(app.value.value, str) and ":" in app.value.value:
                out.append(Preload(stmt, library, name, (app.value.value.split(":")[0].strip(),), count))
        bases = set(entry.get("application_bases", ()))
        classes = [c for c in tree.body if isinstance(c, ast.ClassDef) and any(imports.qualify(b) in bases for b in c.bases)]
        for node in ast.walk(tree) if classes else ():
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and key.value in settings and _true(value):
                        out.append(Preload(key, library, key.value, _application_modules(tree, imports, classes, module),
                                           _workers_in(node)))
        if len(out) > found and _hooked(tree, hooks):
            del out[found:]  # a post-fork hook is assumed to reset what the workers inherit
    return out


def _true(expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is True


def _workers_in(options: ast.Dict):
    for key, value in zip(options.keys, options.values):
        if isinstance(key, ast.Constant) and key.value == "workers" and isinstance(value, ast.Constant):
            return value.value
    return None


def _application_modules(tree, imports: ImportMap, classes, module: str) -> tuple:
    """This module (the master runs it before forking) and the modules the application object given to
    the class comes from: `StandaloneApplication(app, options)` with `from proj.wsgi import app`."""
    names = {c.name for c in classes}
    out = [module]  # "" when it is the module being checked
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names and node.args:
            qualified = imports.qualify(node.args[0])
            if qualified and "." in qualified:
                out.append(qualified.rpartition(".")[0])
    return tuple(dict.fromkeys(out))


def import_time_objects(data: bytes, path: str, module: str, resolver) -> list:
    """[(line, what, text)]: objects forked workers must not share that importing the module creates
    (catalog: `not_fork_safe`), at module level outside a main guard. Empty when the module re-creates
    them after a fork itself (`os.register_at_fork`)."""
    try:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        tree = ast.parse(text, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return objects_at_import(tree, text, module_imports(tree, module, path))


def objects_at_import(tree: ast.Module, text: str, imports: ImportMap) -> list:
    if "register_at_fork" in text:
        return []
    unsafe = not_fork_safe()
    lines = text.splitlines()
    threads = set()  # names bound to threading.Thread(...) at import
    out = []
    for stmt in _module_statements(tree):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.Try, ast.With)):
            continue  # their bodies: a function runs later; blocks are walked statement by statement
        for node in _calls_now(stmt):
            qualified = imports.qualify(node.func)
            what = unsafe.get(qualified or "")
            if what is None and isinstance(node.func, ast.Attribute) and node.func.attr == "start":
                owner = node.func.value
                started = imports.qualify(owner.func) if isinstance(owner, ast.Call) else None
                if started == "threading.Thread" or isinstance(owner, ast.Name) and owner.id in threads:
                    what = unsafe.get("threading.Thread.start")
            if what is not None:
                out.append((node.lineno, what, lines[node.lineno - 1].strip() if node.lineno <= len(lines) else ""))
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) \
                and imports.qualify(stmt.value.func) == "threading.Thread":
            threads.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
    return out


def _calls_now(stmt) -> list:
    """The calls a statement makes when it runs (not those inside a lambda or a comprehension's function)."""
    out, todo = [], [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Lambda, *FUNCS, ast.ClassDef)) and node is not stmt:
            continue
        if isinstance(node, ast.Call):
            out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return sorted(out, key=lambda n: (n.lineno, n.col_offset))
