"""Servers and task queues that fork the user's code themselves (semantic/servers.py, boundaries.json:
"workers", "preload"): a celery task that starts processes in its daemonic prefork worker (MP413), and
gunicorn forking workers from a preloaded application that made sockets or connections at import (MP424)."""
from __future__ import annotations

from mpguard.rules.registry import Rule, register
from mpguard.semantic.boundaries import preload as preload_settings
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.semantic.servers import OBJECTS_FACT, import_time_objects, objects_at_import, preloads, worker_tasks
from mpguard.text.findings import RelatedFile

DAEMONIC = "AssertionError: daemonic processes are not allowed to have children"
SHARED = ("No exception at the fork: every worker uses the master's connection, and their messages interleave "
          "(psycopg2.OperationalError: SSL error: decryption failed or bad record mac)")

SHARED_AFTER_PRELOAD = register(Rule(
    "MP424", "preloaded-app-shares-connection",
    "gunicorn preloads the application (`preload_app`) whose import creates a socket, a database connection "
    "or a thread, and no post_fork hook re-creates it in the workers",
    ALL_METHODS, {m: SHARED for m in ("fork", "spawn", "forkserver")},
    severity="warning", fix_title="Create the connection in each worker (post_fork hook, or lazily on first use)",
))


def check(ctx) -> None:
    # Every task is named so (`@app.task`, `@shared_task`, a `Task` base) and every preload setting is
    # spelt out in the module: a module without the words has neither, and is not walked for them.
    text = ctx.source.text
    if "task" in text or "Task" in text:
        _worker_tasks(ctx)
    if any(setting in text for entry in preload_settings().values() for setting in entry.get("settings", ())):
        _preloaded(ctx)


def _worker_tasks(ctx) -> None:
    """A celery task (`@app.task`, `@shared_task`, a `Task` subclass's `run`) that starts processes, itself
    or through the functions it calls: the default prefork pool runs it in a daemonic worker."""
    if not ctx.facts.starts and not ctx.facts.creations and not ctx.facts.project_calls:
        return
    tasks = worker_tasks(ctx.tree, ctx.imports, ctx.resolver)
    if not tasks:
        return
    from mpguard.rules.daemon_children import checks_daemon
    from mpguard.rules.lifecycle import explicit_methods, spawn_sites

    spawns, elsewhere = spawn_sites(ctx)
    done = {(f.start.row, f.start.column) for f in ctx.findings if f.code == "MP413"}
    chosen = explicit_methods(ctx)
    reported = set()
    for task in tasks:
        for func in ctx.reachable([task.definition]):
            if func not in spawns or checks_daemon(func, ctx):
                continue
            for node in spawns[func]:
                qualified = ctx.imports.qualify(getattr(node, "func", node)) or ""
                if id(node) in reported or qualified.split(".")[0] in task.allowed:
                    continue  # billiard's own Pool may start processes in a worker (observed)
                reported.add(id(node))
                before = len(ctx.findings)
                where = f"this runs in the {task.library} task {task.name}" if func is task.definition \
                    else f"this runs in {func.name}(), called by the {task.library} task {task.name}"
                ctx.report("MP413", node, f"{where}, which {task.library}'s default prefork pool runs in a daemonic "
                           f"worker process that may not start child processes: "
                           f"{DAEMONIC} (use billiard's Pool, or a worker started with -P solo or -P threads)",
                           ctx.under_every_method(*chosen.get(id(node), (None, None))), error=DAEMONIC,
                           related_file=elsewhere.get(id(node)))
                if len(ctx.findings) > before and (ctx.findings[-1].start.row, ctx.findings[-1].start.column) in done:
                    ctx.findings.pop()  # the lifecycle rule reported this call already (a Pool's task too)


def _preloaded(ctx) -> None:
    """`preload_app = True` (a config file naming `wsgi_app`) or `{"preload_app": True}` given to a custom
    application class, no post_fork/post_worker_init hook, and the application's module creates at import
    time an object forked workers must not share."""
    resolver = ctx.resolver if hasattr(ctx.resolver, "module_fact") else None
    own = ""  # this module, whatever its dotted name
    for preloaded in preloads(ctx.tree, ctx.imports, own):
        if preloaded.workers == 1:
            continue  # one worker: nothing to share it with
        for module in preloaded.app_modules:
            if module == own or not module:
                found = objects_at_import(ctx.tree, ctx.source.text, ctx.imports)
                path = ctx.path
            elif resolver is None:
                continue  # another module, and no project to read it from
            else:
                found = resolver.module_fact(module, OBJECTS_FACT, import_time_objects, [])
                summary_path = resolver.locate(module) if hasattr(resolver, "locate") else None
                path = str(summary_path) if summary_path is not None else None
            if not found:
                continue
            line, what, text = found[0]
            where = "this module" if module == own or not module else f"`{module}`"
            related = RelatedFile(path, line, f"created at import: {text}") if path and where != "this module" else None
            ctx.report("MP424", preloaded.node, f"{preloaded.library} imports the application once in the master "
                       f"(`{preloaded.setting}`) and forks its workers from it: {where} creates {what} at import "
                       f"(line {line}: `{text}`), which every worker then shares, and no post_fork or "
                       f"post_worker_init hook re-creates it: their messages interleave on one connection", ALL_METHODS, error=SHARED,
                       related_file=related)
            break
