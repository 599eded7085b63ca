"""The Pickler's judging of multiprocessing and library objects with state of their own: a Process object (its
authkey), containers of objects holding a started Process, and library singletons and loggers this module configured."""
from __future__ import annotations

import ast

from mpguard.semantic import errors
from mpguard.semantic import values as V
from mpguard.semantic.pickle_catalog import file_type, refused, refused_type_error
from mpguard.semantic.boundaries import configured_objects
from mpguard.semantic.pickle_problems import CUSTOM_PICKLING, Problem


def _refusing(expr, refusing: dict, imports) -> tuple[str, str] | None:
    """(what, error) when `expr` calls a constructor of the catalog's `refusing` table in the way that makes a
    refused object: with its `keyword` given (`KeyValueRenderer(key_order=[...])`), or without its `unless` keyword
    naming one of the `unless_values` (`WriteLoggerFactory(file=open(...))`)."""
    if type(expr) is not ast.Call or imports is None:
        return None
    qualified = imports.qualify(expr.func) or ""
    rule = refusing.get(qualified)
    if rule is None:
        return None
    given = {k.arg: k.value for k in expr.keywords}
    if "keyword" in rule and rule["keyword"] not in given:
        return None
    if "unless" in rule:
        value = given.get(rule["unless"])
        if value is None and rule.get("position") is not None and len(expr.args) > rule["position"]:
            value = expr.args[rule["position"]]
        if value is None or (imports.qualify(value) or "") in rule.get("unless_values", ()):
            return None
    shown = f"{rule['keyword']}=..." if "keyword" in rule else f"{rule['unless']}=..."
    return f"`{qualified.rpartition('.')[2]}({shown})`", rule["error"]


class LibraryObjectPickling:
    """What pickle meets in a Process object or a library object this module set up."""

    @staticmethod
    def _process_object(value: V.MPObject, pool_task: bool) -> Problem | None:
        """A multiprocessing Process object itself: a pool's task (pickled outside a spawn) refuses its authkey; held by
        what a spawned child is given (`target=self.task` while `self.processes` keeps the workers made in a loop,
        lczero-training #75), one started already refuses the weakref its Popen's finalizer keeps. A single process
        pickled during its own start has no Popen yet: not judged."""
        if pool_task:
            return Problem("unpicklable", "a multiprocessing Process object", errors.text("process_object"))
        where = getattr(value.creation, "where", None)
        if value.start_seen and value.kept_by_self and where is not None and where.loop:
            found = refused("weakref.ref")
            if found is not None:
                return Problem("unpicklable", "a started multiprocessing Process (one of those made in a loop: its "
                               "Popen keeps a weakref)", found[1], at=value.node)
        return None

    def _started_in_items(self, value: V.Sequence, pool_task: bool) -> Problem | None:
        """A container that a loop fills with objects each holding the Process it starts (`self.handlers.append(h)`
        after `h.process.start()`, the Process made in the object's own method): pickled while a later child is
        spawned, it holds the earlier objects, whose processes are started and refuse the weakref their Popen's
        finalizer keeps (southwest-check-in #119). Only the container's items say it: the object the child is
        handed itself holds its own process, not started yet while it is being spawned."""
        if pool_task or self.attributes is None:
            return None  # (a pool task refuses any Process object: _process_object)
        for item in value.items:
            if type(item) is not V.Instance or not item.kept_in_loop or item.cls is None \
                    or not isinstance(item.cls.definition, ast.ClassDef):
                continue
            cls = item.cls.definition
            if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
                continue  # the class decides what is pickled
            lineage = self.lineage(cls) if self.lineage is not None else [cls]
            for name, held in (pair for c in lineage for pair in self.attributes.get(c, ())):
                if type(held) is V.MPObject and held.kind == "Process" and held.start_seen \
                        and held.boundary is None and held.subclass is None:
                    found = refused("weakref.ref")
                    if found is not None:
                        return Problem("unpicklable", f"the {cls.name} objects a loop keeps, whose .{name} is a started "
                                       "multiprocessing Process (the earlier ones': its Popen keeps a weakref)",
                                       found[1], at=held.node)
        return None

    def _configured(self, value: V.ModuleRef, state, pool_task: bool) -> Problem | None:
        """A library singleton judged by the handlers this module's configuration calls gave it
        (semantic/configured_objects.py): the first that makes it refused."""
        if state.unsure:
            return None
        entry = configured_objects().get(value.qualified, {})
        for handler in state.handlers:
            line = handler.call.lineno
            if handler.queued:
                if pool_task:
                    return Problem("sync", f"`{value.qualified}`, whose handler added with `{entry.get('queue')}=True` "
                                   f"(line {line}) holds a multiprocessing SimpleQueue",
                                   errors.text("inheritance", kind="SimpleQueue"))
                continue  # its sink stays in this process; the queue crosses while a child is spawned
            if handler.path:
                mode = entry.get("path_mode", "a")
                return Problem("unpicklable", f"`{value.qualified}`, whose handler added at line {line} writes to a "
                               f"file it opened (mode {mode!r})", refused_type_error(file_type(mode)) or "", mode=mode)
            found = self.object_problem(handler.value, pool_task) if handler.value is not None else None
            if found is not None:
                return Problem(found.kind, f"`{value.qualified}`, whose handler added at line {line} holds "
                               f"{found.what}", found.error, found.definition, mode=found.mode)
        return None

    def _configured_logger(self, value: V.Library, state, pool_task: bool) -> Problem | None:
        """A bound logger pickles the processors and the factory's logger the module's `configure(...)` set: the
        first of them the catalog's `refusing` constructors make (with their deciding keyword) or that is refused
        itself (a lambda processor)."""
        if state.unsure:
            return None
        entry = configured_objects().get(value.qualified, {})
        library = entry.get("library")
        for name, expr, given in state.settings:
            for item in expr.elts if type(expr) in (ast.List, ast.Tuple) else [expr]:
                refusing = _refusing(item, entry.get("refusing", {}), self.imports)
                if refusing is not None:
                    return Problem("unpicklable", f"a {library} logger configured with {refusing[0]} (its `{name}`, "
                                   f"line {item.lineno})", refusing[1])
            found = self.object_problem(given, pool_task) if given is not None else None
            if found is not None:
                return Problem(found.kind, f"a {library} logger configured with {found.what} (its `{name}`, line "
                               f"{expr.lineno})", found.error, found.definition, mode=found.mode)
        return None
