"""What the rules share: the facts of one module plus the relations derived from them."""
from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field, replace
from functools import cached_property

from mpguard.resolve.project import acts_at_import, effects_summary, function_summary, module_names, results_summary
from mpguard.semantic.reducers import registered_classes
from mpguard.semantic import values as V
from mpguard.semantic.command_groups import subcommands
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.facts import ModuleFacts
from mpguard.text.ipython import is_notebook
from mpguard.text.findings import (MADE_HERE, ORIGIN_TEXTS, SENT_BACK, Finding, Fix,
                                   LazyFix, RelatedFile)
from mpguard.semantic.conditions import EVERYWHERE, branch_reach, returned
from mpguard.semantic.dataclass_init import generated_init
from mpguard.semantic.errors import OnVersions
from mpguard.semantic.flow import CallSite, Flow
from mpguard.semantic.handlers import caught_in_function
from mpguard.semantic.index import nodes_in, spelling
from mpguard.semantic.method_reach import methods_at
from mpguard.semantic.module_globals import as_read, literal_globals
from mpguard.semantic.global_settings import import_time_values, setting_names, value_at
from mpguard.semantic.receiver_attributes import attribute_literal
from mpguard.semantic.resolved_arguments import with_resolved_literals
from mpguard.semantic.param_guards import (ALWAYS, guards, in_a_child, is_bound_method, merge, qualify_settings,
                                          reachable_returns, reached, rebinding_calls, spawn_key, via,
                                          spawns_when_called, summary_function, through_call)
from mpguard.semantic.pickling import Pickler
from mpguard.semantic.returned_items import passed_to, rebuilt
from mpguard.semantic.names import ImportMap, is_main_guard, package_name
from mpguard.semantic.platforms import ALL_METHODS, METHODS
from mpguard.text.source import SourceText
from mpguard.rules.swallowed_methods import swallowed
from mpguard.rules.unreachable import Reachability

NO_WINDOWS_METHODS = frozenset({"fork", "forkserver"})

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
FUNC_TYPES = frozenset(FUNCS)
TEST_HOOKS = {"setUp", "tearDown", "setUpClass", "tearDownClass", "setUpModule", "tearDownModule", "asyncSetUp",
              "asyncTearDown", "setup_method", "teardown_method", "setup_class", "teardown_class", "setup_module",
              "teardown_module", "setup_function", "teardown_function"}


class Reach(frozenset):
    """Default start methods under which code misbehaves, and `platforms` where it misbehaves whatever
    the default (a context chosen per platform: spawn on Windows, fork elsewhere)."""

    def __new__(cls, methods, platforms=frozenset(), unreachable=frozenset(), later=frozenset()):
        self = super().__new__(cls, methods)
        self.platforms = frozenset(platforms)
        self.unreachable = frozenset(unreachable)  # where the code never gets that far (no such method)
        # (method, (major, minor)): it misbehaves under that default from that Python version on only
        self.later = frozenset(later)
        return self


# 3.14's forkserver imports `__main__` in its server (`_preload_modules = ['__main__']`) and forks every child
# from that copy: what the script makes at import is made once and shared, as under fork.
PRELOADED_SINCE = {"forkserver": (3, 14)}


def joined(reaches) -> frozenset:
    """The union of several `breaks` answers (the children of one function, started from several places).
    A later method is kept only where no part bites under it on every version; where a part is reachable on
    Windows, so is the union."""
    reaches = list(reaches)
    methods = frozenset().union(*reaches)
    platforms = frozenset().union(*(getattr(r, "platforms", ()) for r in reaches))
    later = frozenset(pair for r in reaches for pair in getattr(r, "later", ()) if pair[0] not in methods)
    live = [r for r in reaches if r or getattr(r, "platforms", ()) or getattr(r, "later", ())]
    unreachable = frozenset.intersection(*(frozenset(getattr(r, "unreachable", ())) for r in live)) if live \
        else frozenset()
    if platforms or unreachable or later:
        return Reach(methods, platforms, unreachable, later)
    return methods


def _dill_lambda(value) -> list:
    """A lambda a dill pool runs: dill copies its code but refers to the globals of `__main__` by name
    (dill 0.4 `save_function` with `recurse` off, the default of multiprocess, pathos and datasets), so
    a spawned worker reads the globals of the script it re-imported, like a function pickle sends."""
    if type(value) is V.Callable and value.kind == "lambda" and type(value.definition) is ast.Lambda:
        return [value.definition]
    return []


# project modules an imported module imports, followed for the start method their import chooses
IMPORT_DEPTH = 3
IMPORTS_READ = 40
TOP_IMPORTS = "top imports"


def _top_imports(data, path: str, module: str, resolver=None) -> tuple:
    """What the module's own top-level import statements import, in order (`from .worker import X`:
    "pkg.worker.X"): those run whenever it is imported (not one under a test such as `if TYPE_CHECKING:`,
    a `try`, or in a function). Read from its syntax alone (a ProjectResolver.module_fact)."""
    try:
        tree = fact_tree(data, path, resolver)  # (it keeps none of the tree's nodes)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ()
    imports = ImportMap(package_name(module, path))
    out = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            out += [alias.name for alias in stmt.names]
        elif isinstance(stmt, ast.ImportFrom):
            out += [qualified for _local, qualified in imports.add(stmt)]
    return tuple(out)


@dataclass(eq=False)
class Child:
    """A function that runs in a child process, and how it got there."""

    definition: ast.AST
    role: str  # target | task | initializer
    spawner: object  # the Creation (target/initializer) or Submit (task)
    method: str | None  # explicit start method of the spawner, if any
    daemonic: bool


def spawn_line(summary, name: str) -> int | None:
    """The line where a function (or Class.method) of another module's summary starts processes; for a
    class, where its __init__ does (calling the class runs it: `Chrome(options)` starts the browser's
    process)."""
    spawning = summary.spawning
    return spawning.get(name) if name in spawning else spawning.get(f"{name}.__init__")


@dataclass(eq=False)
class RuleContext:
    source: SourceText
    tree: ast.Module
    facts: ModuleFacts
    parents: dict
    imports: object
    resolver: object = None
    path: str | None = None
    settings: object = None
    index: object = None  # core.index.TreeIndex
    findings: list = field(default_factory=list)
    fixes: bool = True  # build fixes (the language server builds them when a code action asks)
    # Set when only a slice of the module is analysed: does a finding at this node count?
    keeps: object = None
    identifiers: object = None  # the module's identifiers, when the tree is only a slice of it
    outside_spawners: object = None  # explicit start methods of the creations outside that slice
    # set for code a script execs into its own `__main__` (linter.exec_main): how to name that code, which no
    # spawned child ever runs
    main_label: str | None = None
    _callees: dict = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False)  # rules' own caches, keyed by (rule's key, node)

    def release(self) -> None:
        """Forget everything, once no finding will ask the context again (no lazy fix holds it). Its flows, pickler
        and memos refer back to it: left alone, the whole analysis (~8,000 objects at 1,000 lines) waits in
        reference cycles for the garbage collector, which then scans it after every analysis. So does each object a
        creation made, with its creation (`MPObject.creation`), and the functions it is made in, their trees."""
        for creation in getattr(self.__dict__.get("facts"), "creations", ()):
            if getattr(creation.value, "creation", None) is creation:
                creation.value.creation = None
        self.__dict__.clear()

    @cached_property
    def reachability(self) -> Reachability:
        return Reachability(self.tree, self.parents)

    @cached_property
    def pickler(self) -> Pickler:
        pickler = Pickler(self.parents, self.imports, self.resolver, self.unimported_main, self.flow,
                          self.facts.instance_attributes, self.facts.lineage, self.facts.configured,
                          registered_classes(self.tree, self.imports) if self.imports is not None else frozenset(),
                          receivers=self.facts.receivers, project_calls=self.facts.project_calls)
        if self.main_label is not None:  # the child looks the name up in the script it re-imports
            pickler.unimported_error = "main_attr_mp_main"
        return pickler

    @cached_property
    def flow(self) -> Flow:
        reach, choices = self.facts.return_reach, self.facts.return_choice
        return Flow(self.facts.call_sites, self.facts.functions, lambda pairs: returned(pairs, reach, choices),
                    self._spawn_sites(), self.facts.lineage, self.facts.instance_attributes,
                    lambda returns, function, call, bound: reachable_returns(returns, function, call, self.parents, bound),
                    self._returned_items)

    def _returned_items(self, value: V.Returned):
        """What the call `value` of another project module's function returned, when that is made of the items
        of what the call gave it (`ModuleSummary.shapes`, semantic/returned_items), else None."""
        summary, name = results_summary(self.resolver, value.qualified) if self.resolver is not None \
            and isinstance(value.node, ast.Call) else (None, None)
        shape = getattr(summary, "shapes", {}).get(name) if summary is not None else None
        return rebuilt(shape, value, passed_to) if shape is not None else None

    def _spawn_sites(self) -> dict:
        """A Process target's parameters hold the Process's `args`: each creation is a call of its
        target, made in the child (kept apart from `facts.call_sites`, which say what runs in the caller's
        own flow)."""
        sites: dict = {}
        for creation in self.facts.creations:
            if creation.kind != "Process" or creation.target is None or not creation.args \
                    or any(k.arg == "kwargs" for k in creation.node.keywords):
                continue
            target = creation.target
            if type(target) not in (V.Callable, V.BoundMethod):
                continue  # a target known only through the flow being built here: not followed
            for definition in self.definitions_of(target):
                if type(definition) in FUNC_TYPES:
                    sites.setdefault(definition, []).append(
                        CallSite(creation.node, creation.args, {}, type(target) is V.BoundMethod, creation.where))
        for submit in self.facts.submits:  # a pool task's parameters hold what each task is given
            passed = submit.task_args
            if passed is None or type(submit.func) not in (V.Callable, V.BoundMethod):
                continue
            for definition in self.definitions_of(submit.func):
                if type(definition) in FUNC_TYPES:
                    sites.setdefault(definition, []).append(
                        CallSite(submit.node, passed, {}, type(submit.func) is V.BoundMethod, submit.where))
        return sites

    @property
    def notebook(self) -> bool:
        """A notebook cell (the editor names its notebook as the path)."""
        return is_notebook(self.path)

    @property
    def unimported_main(self) -> str | None:
        """How to name this module when it is a `__main__` that spawned children never import, else None:
        a notebook (its kernel's `__main__` has no file) or a package's `__main__.py` (run by `python -m`;
        multiprocessing skips re-importing such modules). Nothing defined in it can be found by a
        child, and nothing in it runs again in one."""
        if self.main_label is not None:
            return self.main_label
        if self.notebook:
            return "the notebook"
        if self.path and self.path.replace("\\", "/").rsplit("/", 1)[-1] == "__main__.py":
            return "`__main__.py`"
        return None

    # ---- reporting ----------------------------------------------------------------------
    def report(self, code: str, node: ast.AST, message: str, methods, fix: Fix | None = None,
               platforms=frozenset(), end_node: ast.AST | None = None, error: str | None = None,
               related=(), related_file=None, at_import: bool = False, via: str | None = None) -> None:
        """`at_import`: report at the statement of this module that imports `related_file`'s module (else the
        one importing `via`, the module the call reaches it through), whatever the code; see report_at_origin."""
        if self.reachability.never_runs(node):
            return  # after `while True:` with no break, `raise`, `sys.exit()`: that program never runs
        platforms = frozenset(platforms) | getattr(methods, "platforms", frozenset())
        unreachable = getattr(methods, "unreachable", frozenset())
        later = getattr(methods, "later", frozenset())
        methods = frozenset(methods)
        if self.tests_start_method:  # the code runs only under the default methods its tests leave
            methods, platforms, later = self._narrowed(node, methods, platforms, later)
        reach = self.platforms_at(node)
        if reach != EVERYWHERE:  # the code runs only there: a finding says nothing about the others
            platforms &= reach
            unreachable |= EVERYWHERE - reach
            if "linux" not in reach:  # Windows and macOS default to spawn; nothing here runs on Linux
                if "spawn" in methods:
                    platforms |= reach
                methods, later = frozenset(), frozenset()
        if not methods and not platforms and not later:
            return
        started = ()
        if end_node is None and code in CROSSING_CODES:
            end_node = self.started_next.get(id(node))
            started = self.started_later.get(id(node), ()) if end_node is None else ()
        elif end_node is None and code in START_CODES and id(node) in self.made_before:
            node, end_node = self.made_before[id(node)], node
        merge, reached = None, ()
        if code in AT_IMPORT_CODES and related_file is not None and related_file.site \
                and (own := self.own_statement(related_file)) is not None and own is not node:
            # the site is in this very module (a module that imports itself by name: mutmut #466's CLI run as
            # __main__ by runpy, whose stats step re-runs its own set_start_method()): reported at that line
            reached = ((self.source.node_start(node), "reached from here"),)
            node, end_node = own, None
        elif related_file is not None and (at_import or code in AT_IMPORT_CODES and related_file.site):
            # the nested pool is made in another module of the project (the shared oracle anchors that inner
            # `Pool(...)`): reported where this module imports it, the call that reaches it a related location
            imported = self.import_of(related_file.path)
            if imported is None and via is not None:
                imported = self.import_of(via)
            if at_import and (imported is None or imported is node):
                return  # (no statement of this module brings it in: the finding at the call says it all)
            if imported is not None and imported is not node:
                reached = ((self.source.node_start(node), "reached from here"),)
                node, end_node = imported, None
                merge = (code, id(imported), related_file.path, related_file.line)
                at_import = self.memo.setdefault("reported at import", {})  # key -> index in self.findings
                if merge in at_import:  # another call reaching the same site: one finding, both calls related
                    index = at_import[merge]
                    self.findings[index] = replace(self.findings[index],
                                                   related=(*self.findings[index].related, *reached))
                    return
        start = self.source.node_start(node)
        end = self.source.node_end(end_node or node)
        shown = (*((self.source.node_start(n), text) for n, text in related), *reached)
        lazy = fix if isinstance(fix, LazyFix) else None  # analysed with fixes="lazy"
        self.findings.append(Finding(code, message, start, end, methods, frozenset(platforms),
                                     None if lazy else fix, error=error, related=shown, related_file=related_file,
                                     unreachable_on=unreachable - platforms, lazy_fix=lazy, later_methods=later,
                                     python_versions=error.versions if isinstance(error, OnVersions) else None))
        if merge is not None:
            self.memo["reported at import"][merge] = len(self.findings) - 1
        for start_call in started:
            self._copy_at_start(self.findings[-1], start_call)

    def _copy_at_start(self, primary: Finding, call: ast.Call) -> None:
        """A copy of `primary`, a finding about what a Process pickles, at a later `start()` of that process: the
        object is pickled there, where the traceback points (started_later). No fix (it edits the `Process(...)`
        call's values), no site; one per row and code."""
        if self.reachability.never_runs(call):
            return
        start, end = self.source.node_start(call), self.source.node_end(call)
        if any(f.code == primary.code and f.start.row <= start.row <= f.end.row for f in self.findings):
            return
        moved = replace(primary.related_file, site=False) if primary.related_file is not None else None
        self.findings.append(replace(primary, start=start, end=end, fix=None, lazy_fix=None,
                                     related=((primary.start, MADE_HERE),), related_file=moved))

    @cached_property
    def tests_start_method(self) -> bool:
        """Does the module ask for the start method in use anywhere (most never do)?"""
        return "get_start_method" in self.source.text

    def _narrowed(self, node, methods: frozenset, platforms: frozenset, later: frozenset):
        """A finding at code that runs only under some default start methods (semantic/method_reach) holds
        only under those: Windows, whose default is spawn, is left out when spawn is."""
        runs = methods_at(node, self.parents, self.imports)
        if runs == ALL_METHODS:
            return methods, platforms, later
        if "spawn" not in runs:
            platforms = platforms - {"windows"}
        return methods & runs, platforms, frozenset(pair for pair in later if pair[0] in runs)

    def report_at_origin(self, code: str, call: ast.AST, message: str, methods, related_file, via: str | None = None,
                         error: str | None = None) -> None:
        """A hazard found at a call of this module whose bad value is made in another project module (the `raise`
        a task reaches there): reported, besides the finding at the call, at the statement of this module that
        imports the module where the value is made (or `via`, the module the call reaches it through), with
        the call as a related location ("reached from here") and the origin as the related file. One finding
        per origin, whichever calls reach it. It stays in this module: the language server shows it in the
        open document at a statement of that document, and a helper shared by several scripts is not charged
        with a hazard one of its callers makes (linter/sites.py)."""
        origin = RelatedFile(related_file.path, related_file.line, related_file.message)  # (never moved: site False)
        self.report(code, call, message, methods, error=error, related_file=origin, at_import=True, via=via)

    def copy_at_dispatch(self, primaries, call) -> None:
        """Copies of `primaries`, findings about what a pool task returns or raises (MP207, MP208), at `call`,
        the pool call that runs the task (`pool.map(task, items)`, `ex.submit(task, x)`): what the worker
        sends back crosses into the parent through that call (Pool.map raises there, the future it made
        re-raises it), and the corpora anchor either place. The copy points at its primary (SENT_BACK); it has
        no fix (the fix edits the task's code) and no site (it stays at the call in `--report-at-site` runs).
        One copy per row and code, none where a finding of that code already covers the call's row."""
        if call is None or not primaries or self.reachability.never_runs(call):
            return
        start, end = self.source.node_start(call), self.source.node_end(call)
        for primary in primaries:
            if any(f.code == primary.code and f.start.row <= start.row <= f.end.row for f in self.findings):
                continue
            moved = replace(primary.related_file, site=False) if primary.related_file is not None else None
            self.findings.append(replace(primary, start=start, end=end, fix=None, lazy_fix=None,
                                         related=((primary.start, SENT_BACK),), related_file=moved))

    def copy_at_result_reads(self, submitted) -> None:
        """Copies of the findings about what a task sends back (MP207, MP208) at the pool call `submitted`, at each
        read of the result that call made (`future.result()`, an AsyncResult's `get()`; the future also taken from
        the list of futures or from `as_completed(futures)`): the parent unpickles the result there, and a result it
        cannot rebuild (or the BrokenProcessPool it causes) is raised there, where the traceback points. Each copy
        names the finding it copies (SENT_BACK), so a comment silencing that one silences it; no fix, no site."""
        if not self.findings or submitted is None:
            return
        row = self.source.node_start(submitted).row
        sent = [f for f in self.findings if f.code in RESULT_CODES and f.start.row <= row <= f.end.row]
        if not sent:
            return
        reads = [op.node for op in self.facts.ops if op.name in RESULT_READS and getattr(op.obj, "kind", "") ==
                 "AsyncResult" and op.obj.node is submitted and type(op.node) is ast.Call]
        for call in reads:
            if self.reachability.never_runs(call):
                continue
            start, end = self.source.node_start(call), self.source.node_end(call)
            for found in sent:
                if any(f.code == found.code and f.start.row <= start.row <= f.end.row for f in self.findings):
                    continue
                primary = next((position for position, text in found.related if text == SENT_BACK), found.start)
                moved = replace(found.related_file, site=False) if found.related_file is not None else None
                self.findings.append(replace(found, start=start, end=end, fix=None, lazy_fix=None,
                                             related=((primary, SENT_BACK),), related_file=moved))

    def own_statement(self, related_file):
        """The innermost statement on `related_file`'s line when that file is this module; else None."""
        if not self.path or os.path.realpath(related_file.path) != os.path.realpath(self.path):
            return None
        found = None
        for node in ast.walk(self.tree):
            if isinstance(node, ast.stmt) and node.lineno == related_file.line \
                    and (found is None or self.inside(node, found)):
                found = node
        return found

    def import_of(self, path: str):
        """The import statement of this module that brings in the project module at `path`, else None."""
        if self.resolver is None:
            return None
        memo = self.memo.setdefault("import of", {})
        if path not in memo:
            memo[path] = None
            wanted = os.path.realpath(path)
            for stmt in self.tree.body:
                names = [a.name for a in stmt.names] if type(stmt) is ast.Import else \
                    [m for a in stmt.names for m in (stmt.module, f"{stmt.module}.{a.name}")] \
                    if type(stmt) is ast.ImportFrom and stmt.module and not stmt.level else []
                for module in names:
                    found = self.resolver.locate(module) if hasattr(self.resolver, "locate") else None
                    if found is not None and os.path.realpath(found) == wanted:
                        memo[path] = stmt
                        break
                if memo[path] is not None:
                    break
        return memo[path]

    @cached_property
    def started_next(self) -> dict:
        """id(`Process(...)` call) -> the `start()` call of the statement right after the one that makes it
        (`p = Process(...)` then `p.start()`; `procs = [Process(...) ...]` then `for p in procs: p.start()`).
        A finding about what the process pickles covers both: the object is handed over at `Process(...)`
        and pickled at `start()`, where the traceback points (shared oracle anchors the first; bug reports
        and their readers often the second)."""
        out = {}
        for creation in self.facts.creations:
            if creation.kind != "Process" or type(creation.node) is not ast.Call:
                continue
            statement = self.parents.get(creation.node)
            while statement is not None and not isinstance(statement, ast.stmt):
                statement = self.parents.get(statement)
            if type(statement) is not ast.Assign or len(statement.targets) != 1:
                continue
            after = _next_statement(statement, self.parents.get(statement))
            made = spelling(statement.targets[0])  # (the same name or attribute, stored then loaded)
            if made is None or after is None:
                continue
            if type(after) is ast.For and spelling(after.iter) == made and type(after.target) is ast.Name \
                    and after.body:
                after, made = after.body[0], (after.target.id,)
            call = after.value if type(after) is ast.Expr else None
            if type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "start" \
                    and not call.args and spelling(call.func.value) == made:
                out[id(creation.node)] = call
        return out

    @cached_property
    def started_later(self) -> dict:
        """id(`Process(...)` call) -> the `start()` calls of the object it makes that are not right after it
        (started_next covers those): `procs.append(p)` in the loop that makes them, `for p in procs: p.start()`
        further on; `self.proc = Process(...)` in `__init__`, `self.proc.start()` in another method. The walker's
        facts say which object each `start()` starts (facts.Start.obj, the very value the creation made). start()
        pickles the object under spawn and forkserver (its target and arguments): the traceback points there, and
        bug reports quote that line."""
        out: dict = {}
        if not self.facts.starts:
            return out
        made = {id(c.value): c.node for c in self.facts.creations
                if c.kind == "Process" and type(c.node) is ast.Call and id(c.node) not in self.started_next}
        for start in self.facts.starts:
            node = made.get(id(start.obj))
            if node is not None and type(start.node) is ast.Call and start.node is not node \
                    and start.node not in out.get(id(node), ()):
                out.setdefault(id(node), []).append(start.node)
        return out

    @cached_property
    def made_before(self) -> dict:
        """id(`start()` call) -> the `Process(...)` call of the statement right before it (started_next read the
        other way). A finding about starting that process covers both: start() fails (the traceback points
        there), and `Process(...)` is where the code chose to make that child (its target, its arguments),
        which blind corpus authors anchor. One diagnostic over the adjacent rows rather than a copy: one
        hover, one code action, and a suppression comment on either row silences it."""
        creations = {id(c.node): c.node for c in self.facts.creations}
        return {id(start): creations[made] for made, start in self.started_next.items()}

    def inside(self, node: ast.AST, ancestor: ast.AST) -> bool:
        """Is `node` `ancestor` or somewhere below it?"""
        while node is not None:
            if node is ancestor:
                return True
            node = self.parents.get(node)
        return False

    def nodes_of(self, node: ast.AST) -> list:
        """`nodes_in(node)`, once per analysis: several rules walk the same function (its sends, its
        single assignments, its rebound parameters, its waits). The list is shared: do not change it."""
        known = self.memo.setdefault("nodes of", {})
        nodes = known.get(node)
        if nodes is None:
            nodes = known[node] = nodes_in(node)
        return nodes

    def enclosing_function(self, node: ast.AST):
        """The function or lambda `node` is written in (None at module level)."""
        node = self.parents.get(node)
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            node = self.parents.get(node)
        return node

    def statement_of(self, node: ast.AST):
        """The statement `node` is part of (itself when it is one; None outside any)."""
        while node is not None and not isinstance(node, ast.stmt):
            node = self.parents.get(node)
        return node

    def enclosing_def(self, node: ast.AST):
        """The def `node`'s code runs in: None when its innermost scope is a lambda, a class body or the module
        (a lambda's or class body's code is not the def's own statements)."""
        node = self.parents.get(node)
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                                         ast.ClassDef)):
            node = self.parents.get(node)
        return node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None

    def exclusive(self, a: ast.AST, b: ast.AST) -> bool:
        """Are a and b in different branches of one if/else or try/except (never both run)?"""
        path_a = self._ancestry(a)
        for child, parent in self._ancestry(b):
            for other_child, other_parent in path_a:
                if parent is other_parent and child is not other_child:
                    return _branch(parent, child) != _branch(parent, other_child)
        return False

    def _ancestry(self, node):
        out = []
        while node in self.parents:
            parent = self.parents[node]
            out.append((node, parent))
            node = parent
        return out

    # ---- start methods ------------------------------------------------------------------
    @cached_property
    def _sets_own_method(self) -> bool:
        return any(call.name == "set_start_method" and call.method and not self.runs_in_child(call.where)
                   and not swallowed(self, call) for call in self.facts.start_methods)

    @cached_property
    def global_method(self) -> str | None:
        """A start method the program itself chooses with set_start_method (parent code)."""
        for call in self.facts.start_methods:
            if call.name == "set_start_method" and call.method and not self.runs_in_child(call.where) \
                    and not swallowed(self, call):  # (one that raises after the method was fixed changes nothing)
                return call.method
        return self.imported_method

    @cached_property
    def imported_method(self) -> str | None:
        """The start method a project module imported at the top (under no test) sets when imported, at its top
        and under no test (`ModuleSummary.chooses_start_method`): the program runs with it (optimum #1377:
        importing convert.py made every later pool spawn). The first such import decides."""
        return self.imported_choice[0]

    @cached_property
    def imported_choice(self) -> tuple:
        """(`imported_method`, {platform: method} where that import chooses another one). A module imported
        by an imported project module counts too, a few imports deep (CompileIQ #46: the script imports the
        tuner, which imports the worker, whose import forces forkserver)."""
        if self.resolver is None or not hasattr(self.resolver, "module_summary"):
            return None, None
        seen: set = set()
        for stmt in self.tree.body:
            if isinstance(stmt, ast.Import):
                modules = [alias.name for alias in stmt.names]
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                modules = [stmt.module] + [f"{stmt.module}.{alias.name}" for alias in stmt.names]
            else:
                continue
            for module in modules:
                chosen = self._chosen_on_import(module, seen, IMPORT_DEPTH)
                if chosen is not None:
                    return chosen
        return None, None

    def _chosen_on_import(self, module: str, seen: set, depth: int):
        """(method, elsewhere) the first start method importing the project module `module` chooses, itself or
        through the project modules it imports (up to `depth` more), else None."""
        if module in seen or len(seen) > IMPORTS_READ:
            return None
        seen.add(module)
        if acts_at_import(self.resolver, module):
            summary = self.resolver.module_summary(module)
            chosen = getattr(summary, "chooses_start_method", None) if summary is not None else None
            if chosen:
                return chosen[0][1], (chosen[0][2] if len(chosen[0]) > 2 else None)
        fact = getattr(self.resolver, "module_fact", None) if depth > 0 else None
        imported = fact(module, TOP_IMPORTS, _top_imports) if fact is not None else None
        for qualified in imported or ():
            for candidate in (qualified, qualified.rpartition(".")[0]):
                if candidate and candidate not in seen and module_names(self.resolver, candidate) is not None:
                    found = self._chosen_on_import(candidate, seen, depth - 1)
                    if found is not None:
                        return found
                    break
        return None

    def breaks(self, explicit: str | None, bites, elsewhere: dict | None = None, later: dict | None = None) -> frozenset:
        """Default start methods under which the code misbehaves, given an explicit method if any.
        `elsewhere`: the platforms where a context chosen per platform has another method (the
        answer then also names the platforms where that one bites: a `Reach`). `later`: methods under
        which it misbehaves from a Python version on only ({"forkserver": (3, 14)}: PRELOADED_SINCE);
        the answer names them (`Reach.later`): an explicit such method, under every default."""
        method = explicit if explicit is not None else self.global_method
        if explicit is None and elsewhere is None and method is not None and method == self.imported_method \
                and not self._sets_own_method:
            elsewhere = self.imported_choice[1]  # (the platforms an imported module gives another method)
        later = {m: v for m, v in (later or {}).items() if not bites(m)}
        pending: frozenset = frozenset()
        if method == "unknown":  # chosen by an expression we cannot read: only what bites under any method
            methods = ALL_METHODS if all(bites(m) for m in METHODS) else frozenset()
        elif method is not None:
            methods = ALL_METHODS if bites(method) else frozenset()
            if method in later:
                pending = frozenset((m, later[method]) for m in METHODS)
        else:
            methods = frozenset(m for m in METHODS if bites(m))
            pending = frozenset(later.items())
        # Windows has neither fork nor forkserver: code that asks for one stops there with a ValueError
        # first (unless a context chosen per platform gives Windows its own method).
        unreachable = frozenset({"windows"}) if method in NO_WINDOWS_METHODS and (methods or pending) \
            and "windows" not in (elsewhere or {}) else frozenset()
        # a platform the context gives a method that does not bite is spared, whatever the other side asks for
        # (`get_context("spawn" if os.name == "nt" else "fork")`: nothing to say for Windows), and so is Windows
        # given fork or forkserver (`"fork" if os.name == "nt" else "spawn"`: a ValueError there, no process)
        spared = frozenset(p for p, m in (elsewhere or {}).items()
                           if not bites(m) or p == "windows" and m in NO_WINDOWS_METHODS)
        platforms = frozenset(p for p in (elsewhere or {}) if p not in spared)
        unreachable |= spared if methods or pending or platforms else frozenset()
        if not methods and not pending and not platforms:
            return methods
        if platforms or unreachable or pending:
            return Reach(methods, platforms, unreachable, pending)
        return methods

    @cached_property
    def preloaded(self) -> bool:
        """Does 3.14's forkserver import this module in its server? A script (a top-level main guard) run by
        path: the server imports `__main__` from its path (not a notebook, nor a package's `__main__.py` run with
        -m, which it is given no path for). A module without a guard may be imported by the script later or
        never: its import-time state is not judged to be shared."""
        return self.unimported_main is None and any(
            type(stmt) is ast.If and is_main_guard(stmt.test) for stmt in self.tree.body)

    def under_every_method(self, explicit: str | None, elsewhere: dict | None = None):
        """What is pickled whatever the start method (pool tasks, their arguments and results): every
        default, but not Windows when the code asks for fork or forkserver (a ValueError comes first there)."""
        return self.breaks(explicit, lambda _method: True, elsewhere)

    # ---- platforms ----------------------------------------------------------------------
    def platforms_at(self, node) -> frozenset:
        """The platforms on which `node` can run, from the platform and feature tests around it (and,
        for a function only ever called under such a test, around its calls)."""
        branches, after_exit = self.facts.branch_platforms, self.facts.after_exit
        if not branches:
            return EVERYWHERE  # most modules test no platform
        reach, child, parent = after_exit.get(node, EVERYWHERE), node, self.parents.get(node)
        while parent is not None:
            where = branches.get(parent)
            if where is not None:
                reach &= branch_reach(parent, child, where)
            reach &= after_exit.get(parent, EVERYWHERE)  # a platform test before it left the block
            if type(parent) in FUNC_TYPES:
                reach &= self._callers_reach(parent)
            child, parent = parent, self.parents.get(parent)
        return reach

    def _callers_reach(self, func) -> frozenset:
        known = self.memo.setdefault("callers reach", {})
        if func in known:
            return known[func]
        known[func] = EVERYWHERE  # a function that calls itself: its own calls say nothing
        sites = self.facts.call_sites.get(func, ())
        reach = EVERYWHERE
        name = getattr(func, "name", None)
        # Only a function that is only ever called (never handed to a Process or stored) takes its
        # callers' platforms: every read of its name must be one of those calls.
        if sites and name and len(self.index.loads_of(name)) == len(sites) \
                and all(isinstance(s.call.func, ast.Name) and s.call.func.id == name for s in sites):
            reach = frozenset().union(*(self.platforms_at(site.call) for site in sites))
        known[func] = reach
        return reach

    # ---- functions and calls --------------------------------------------------------------
    def subcommands(self, definition) -> list:
        key = ("subcommands", definition)
        if key not in self.memo:
            self.memo[key] = subcommands(self.tree, self.imports, definition)
        return self.memo[key]

    def definitions_of(self, value, _depth: int = 0) -> list:
        """The function definitions a value will run when called."""
        kind = type(value)  # the value classes have no subclasses; asked for every call of every function
        if kind is V.Callable:
            definition = value.definition
            if value.kind == "closure" and type(definition) in FUNC_TYPES and definition.name != value.name:
                # the closure a factory returns (`make_scorer(q)`): its nested def runs, not the factory (the one
                # the call's arguments chose when it defines that name in several branches: semantic/chosen_defs)
                if type(value.made) in FUNC_TYPES:
                    return [value.made]
                key = ("closure definition", definition, value.name)
                if key not in self.memo:
                    self.memo[key] = [f for f in nodes_in(definition) if type(f) in FUNC_TYPES
                                      and f.name == value.name][:1]
                return self.memo[key]
            if type(definition) in FUNC_TYPES:
                if value.detail == "attribute":
                    return []
                # a click group runs the subcommand its arguments name (semantic/command_groups.py)
                return [definition, *self.subcommands(definition)] if definition.decorator_list else [definition]
            if type(definition) is not ast.ClassDef:
                return []
            # Calling a class runs its __init__ (a Runner() whose __init__ starts a Pool).
            method = value.name.split(".", 1)[1] if value.detail == "attribute" else "__init__"
            return [f for f in definition.body if isinstance(f, FUNCS) and f.name == method]
        if kind is V.Partial:
            return self.definitions_of(value.func, _depth)
        if kind is V.BoundMethod and type(value.instance) in (V.Param, V.Element, V.CallResult) and _depth < 4:
            # `cell.execute()` of an object the callers pass: the method of each class of this module it may be
            resolved = self.flow.resolve(value.instance)
            options = resolved.options if type(resolved) is V.Union else (resolved,)
            return [d for option in options if type(option) is V.Instance
                    for d in self.definitions_of(V.BoundMethod(value.node, option, value.name), _depth + 1)]
        if kind is V.BoundMethod and type(value.instance) is V.Instance and value.instance.cls:
            cls = value.instance.cls.definition
            for c in self.facts.lineage(cls) if type(cls) is ast.ClassDef else [cls]:
                found = [f for f in getattr(c, "body", []) if isinstance(f, FUNCS) and f.name == value.name]
                if found:
                    return found
            return []
        if kind is V.Instance and value.cls is not None:
            return [f for f in getattr(value.cls.definition, "body", []) if isinstance(f, FUNCS) and f.name == "__call__"]
        if kind is V.Param or kind is V.CallResult or kind is V.Element:
            if _depth >= 4:  # what it resolves to is known later again (a container of itself): unknown
                return []
            return self.definitions_of(self.flow.resolve(value), _depth + 1)
        if kind is V.Union:
            return [d for option in value.options for d in self.definitions_of(option, _depth)]
        return []

    def callees(self, func: ast.AST) -> list:
        out = self._callees.get(func)
        if out is None:
            out = self._callees[func] = []
            info = self.facts.functions.get(func)
            for value, _call, _where in info.calls if info is not None else ():
                out.extend(self.definitions_of(value))
        return out

    def reachable(self, roots) -> set:
        seen, stack = set(), list(roots)
        while stack:
            func = stack.pop()
            if func in seen:
                continue
            seen.add(func)
            stack.extend(self.callees(func))
        return seen

    def reached_in_call_order(self, root) -> list:
        """The functions of `reachable([root])` in a fixed order: `root`, then depth first through each one's callees
        in the order it calls them. (A set of nodes is iterated in the order of their addresses, which change from
        one run to the next: a message naming the first of them changed with the memory layout.)"""
        out, seen, stack = [], set(), [root]
        while stack:
            func = stack.pop()
            if func in seen:
                continue
            seen.add(func)
            out.append(func)
            stack.extend(reversed(self.callees(func)))
        return out

    def escaping(self, root, names: frozenset) -> set:
        """The functions reachable from `root` whose exception of a class answering to `names` reaches
        `root` uncaught: a call made inside a `try` whose handler stops that exception is not followed."""
        memo = self.memo.setdefault("escaping", {})
        key = (root, names)
        if key not in memo:
            seen, stack = set(), [root]
            while stack:
                func = stack.pop()
                if func in seen:
                    continue
                seen.add(func)
                info = self.facts.functions.get(func)
                for value, call, _where in info.calls if info is not None else ():
                    if not caught_in_function(call, names, self.parents):
                        stack.extend(self.definitions_of(value))
            memo[key] = seen
        return memo[key]

    def escapes(self, root, func, node, names: frozenset) -> bool:
        """Does an exception answering to `names`, raised at `node` in `func`, leave the task `root`?"""
        return func in self.escaping(root, names) and not caught_in_function(node, names, self.parents)

    @cached_property
    def children(self) -> list:
        out = []
        own = {id(c.node) for c in self.facts.creations if c.kind == "Pool" and c.value.own_workers}
        for creation in self.facts.creations:
            if creation.kind == "Process":
                daemonic = creation.value.daemon
                if creation.value.subclass is not None:
                    for item in creation.value.subclass.body:
                        if isinstance(item, FUNCS) and item.name == "run":
                            out.append(Child(item, "target", creation, creation.value.method, daemonic))
                for definition in self.definitions_of(creation.target):
                    out.append(Child(definition, "target", creation, creation.value.method, daemonic))
            if creation.kind in ("Pool", "Executor", "LibPool") and creation.value.serializer != "cloudpickle":
                for definition in self.definitions_of(creation.initializer):
                    out.append(Child(definition, "initializer", creation, creation.value.method,
                                     V.daemonic_pool(creation.value) and id(creation.node) not in own))
        mixed = self.maybe_own_workers
        for submit in self.facts.submits:
            if submit.pool.serializer == "cloudpickle":
                continue  # joblib/loky, dask: a function of the script travels by value with the globals it reads
            definitions = self.definitions_of(submit.func)
            if submit.pool.serializer == "dill":
                definitions = definitions or _dill_lambda(self.flow.resolve(submit.func))
            daemonic = V.daemonic_pool(submit.pool) and id(submit.node) not in mixed \
                or (submit.pool.kind == "LibPool" and submit.pool.daemon)
            for definition in definitions:
                out.append(Child(definition, "task", submit, submit.pool.method, daemonic))
        return out

    @cached_property
    def maybe_own_workers(self) -> set:
        """id(submit call) of the submits whose pool may be a Pool subclass making its own workers (`pool_cls =
        _NonDaemonPool if allow_nesting else Pool`): whether the task runs in a daemonic worker is not known."""
        return {id(s.node) for s in self.facts.submits if s.pool.kind == "Pool" and s.pool.own_workers}

    @cached_property
    def child_functions(self) -> dict:
        """Every function that runs in a child (callees included) -> the Child records behind it."""
        out: dict = {}
        reached: dict = {}  # a task function submitted many times is followed once
        for child in self.children:
            funcs = reached.get(child.definition)
            if funcs is None:
                funcs = reached[child.definition] = self.reachable([child.definition])
            for func in funcs:
                out.setdefault(func, []).append(child)
        return out

    @cached_property
    def parent_functions(self) -> set:
        """Functions the parent runs: called from the main block, or at import, or by a test runner
        (unittest.TestCase methods, pytest's test_* functions)."""
        roots = []
        for value, _call, where in self.facts.module_calls:
            roots.extend(self.definitions_of(value))
        roots.extend(self.test_entry_points)
        return self.reachable(roots)

    @cached_property
    def test_entry_points(self) -> list:
        """What unittest and pytest call in the process that runs the tests."""
        out = []
        if "test" not in self.source.text and "Test" not in self.source.text:
            return out
        # a function named test_* is a test only in a test module: a script's `test_image()` handed to
        # `pool.map` runs in the workers, not in the parent (face_recognition's cli, fresh_reports3)
        tasks = {c.definition for c in self.children}
        test_module = self._test_module()
        for stmt in self.tree.body:
            if isinstance(stmt, FUNCS) and (stmt.name.startswith("test") or stmt.name in TEST_HOOKS) \
                    and (test_module or stmt not in tasks):
                out.append(stmt)
            elif isinstance(stmt, ast.ClassDef) and any(
                    (getattr(b, "attr", None) or getattr(b, "id", "")).endswith("TestCase") for b in stmt.bases):
                out.extend(f for f in stmt.body if isinstance(f, FUNCS)
                           and (f.name.startswith("test") or f.name in TEST_HOOKS))
            elif isinstance(stmt, ast.ClassDef) and stmt.name.startswith("Test") and not any(
                    isinstance(f, FUNCS) and f.name in ("__init__", "__new__") for f in stmt.body):
                # (pytest does not collect a Test* class with an __init__ or __new__: "cannot collect test class
                # 'Tester' because it has a __init__ constructor"; deeptools' doctest helper `class Tester`)
                out.extend(f for f in stmt.body if isinstance(f, FUNCS)
                           and (f.name.startswith("test") or f.name in TEST_HOOKS))
        return out

    def _test_module(self) -> bool:
        """A module pytest or unittest runs: named test_*.py / *_test.py, or importing either."""
        name = (self.path or "").replace("\\", "/").rsplit("/", 1)[-1]
        if name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py":
            return True
        return any(q.split(".")[0] in ("pytest", "unittest") for q in self.imports.names.values())

    @cached_property
    def import_functions(self) -> set:
        roots = []
        for value, _call, where in self.facts.module_calls:
            if where.at_import:
                roots.extend(self.definitions_of(value))
        return self.reachable(roots)

    def runs_in_child(self, where) -> bool:
        return where.function is not None and where.function in self.child_functions \
            and where.function not in self.parent_functions

    def in_parent(self, where) -> bool:
        if where.function is None:
            return True
        return where.function in self.parent_functions

    def at_import(self, where) -> bool:
        return where.at_import or (where.function is not None and where.function in self.import_functions)

    def imported_spawner(self, qualified: str, call: ast.Call | None = None, child: bool = False) -> bool:
        """A function (or Class.method) of another project module that starts processes when called (by
        `call`, when given: not when the call leaves the parameter that leads to them at a value that does
        not, `open_bam(path)` of `def open_bam(path, stats=False): if stats: ... Pool()`). `child`: as a
        child process sees it (a start only the main process reaches does not count; semantic/child_tests)."""
        summary, name = effects_summary(self.resolver, qualified)  # (not built when the module cannot spawn)
        # (calling a class runs its __init__: `Chrome(options)` whose constructor starts the browser's process)
        if summary is None or spawn_line(summary, name) is None:
            return False
        module, known = self.summary_module(qualified, name), self.settings_known(call, qualified=qualified)
        if not spawns_when_called(summary, name, self.as_read(call), child, module, known):
            return False
        read = self.flow_read(call, qualified)  # (an argument the flow knows: asked only when it may matter)
        return read is None or spawns_when_called(summary, name, read, child, module, known)

    def flow_read(self, call: ast.Call | None, qualified: str) -> ast.Call | None:
        """`call` (a call of another project module's `qualified`) with each argument whose value this module's
        flow resolves to one literal written as it (semantic/resolved_arguments); None when none is."""
        entry = next((e for e in self.facts.project_calls if e[0] is call and e[1] == qualified), None) \
            if call is not None else None
        if entry is None:
            return None
        written = self.as_read(call)
        read = with_resolved_literals(written, entry[2], entry[3] or {}, self.flow, self.tree)
        if read is written:
            return None
        if self.identifiers is not None:
            from mpguard.text.chunks import NeedsWholeModule  # (a slice may leave out a call that passes another value)
            raise NeedsWholeModule("flow literals")
        return read

    def summary_module(self, qualified: str, name: str) -> str | None:
        """The module whose summary answers for `qualified` (where `name`, its name there, is defined)."""
        defined = getattr(self.resolver, "defined_name", None)
        defined = defined(qualified) if defined is not None else qualified
        return defined[: -len(name) - 1] if name and defined.endswith("." + name) else None

    @cached_property
    def setting_names(self) -> frozenset:
        """This module's globals whose tests are start conditions (semantic/global_settings)."""
        return setting_names(self.tree)

    @cached_property
    def import_time_values(self) -> dict:
        """The literals this module gives other modules' globals at its top (semantic/global_settings)."""
        return import_time_values(self.tree, self.imports)

    def settings_known(self, call: ast.Call | None, module: str | None = None, qualified: str | None = None):
        """`known` of param_guards.through_call for `call`: the value this module's top surely gave a global
        that a condition reads (a call at the module's top sees only the statements above it); with `qualified`
        (a method of another project module's class), what the object the call is made on holds in an attribute
        its constructor fixed (semantic/receiver_attributes)."""
        receiver = self.facts.receivers.get((id(call), qualified)) if call is not None and qualified else None
        if not self.import_time_values and receiver is None:
            return None
        line = call.lineno if call is not None and self.enclosing_function(call) is None else None

        def known(name: str):
            if name.startswith("self."):
                return attribute_literal(self, receiver, name[len("self."):]) if receiver is not None else None
            return value_at(self.import_time_values, name, module, line)
        return known

    @cached_property
    def spawning_functions(self) -> set:
        """Functions that start processes themselves or through what they call."""
        return set(self.spawn_alternatives)

    def spawns_when_called(self, function, call, child: bool = False) -> bool:
        """May this call of the module's spawning `function` start processes (its parameter conditions,
        `spawn_alternatives`, judged for the call's arguments; in a child process, when `child`)?"""
        alternatives = self.spawn_alternatives.get(function, ())
        if child:
            alternatives = in_a_child(alternatives)
        if not isinstance(function, FUNCS):
            return bool(alternatives)
        bound = function.name == "__init__" or is_bound_method(function, self.parents)
        return reached(alternatives, function, self.as_read(call), bound)

    @cached_property
    def literal_globals(self) -> dict:
        return literal_globals(self.tree)

    def as_read(self, call: ast.Call | None) -> ast.Call | None:
        """`call` with each argument that reads a module global bound once to a literal given as that literal
        (`workers=workers` of the module's `workers = 1`): what the callee's parameter tests see of it."""
        if call is None or not self.literal_globals:
            return call
        read = as_read(call, self.literal_globals, self.parents)
        if read is not call and self.identifiers is not None:
            from mpguard.text.chunks import NeedsWholeModule  # (a slice may leave out another binding of the name)
            raise NeedsWholeModule("literal globals")
        return read

    def rebinds(self, function) -> dict:
        """Parameter -> (line, `param_guards.via`) for each parameter of `function` rebound once at its top
        through a helper of another project module (`n = determine_num_processes(n)`)."""
        cache = self.__dict__.setdefault("_rebinds", {})
        if function not in cache:
            out = {}
            for name, (call, line) in rebinding_calls(function).items():
                qualified = next((q for c, q, _a, _k, _w in self.facts.project_calls if c is call), None)
                summary, helper = function_summary(self.resolver, qualified) if qualified else (None, None)
                definition = summary_function(summary, helper)[0] if summary is not None else None
                described = via(definition) if definition is not None else None
                if described is not None:
                    out[name] = (line, described)
            cache[function] = out
        return cache[function]

    def construction_of_receiver(self, caller, call) -> tuple | None:
        """(module, the `__init__` it ran, the construction) of the object a method `call` in `caller` is made
        on, when it is a local name bound once to a construction of this module's class(es), used only by
        reading its attributes (never handed on, so nothing else may change it), all sharing one `__init__`
        of this module (semantic/bound_values); else None."""
        on = call.func.value if isinstance(call.func, ast.Attribute) else None
        if self.identifiers is not None and on is not None:
            from mpguard.text.chunks import NeedsWholeModule  # (a slice may leave out another store of the attribute)
            raise NeedsWholeModule("constructor-fixed attributes")
        info = self.facts.functions.get(caller)
        if not isinstance(on, ast.Name) or not isinstance(caller, FUNCS) or info is None:
            return None
        uses = [n for n in ast.walk(caller) if isinstance(n, ast.Name) and n.id == on.id]
        stores = [n for n in uses if not isinstance(n.ctx, ast.Load)]
        if len(stores) != 1 or any(isinstance(n, (ast.Global, ast.Nonlocal)) and on.id in n.names
                                   for n in ast.walk(caller)):
            return None
        assign = self.parents.get(stores[0])
        if not (isinstance(assign, ast.Assign) and assign.targets == [stores[0]] and isinstance(assign.value, ast.Call)):
            return None
        if any(n is not stores[0] and not (isinstance(self.parents.get(n), ast.Attribute)
                                           and isinstance(self.parents[n].ctx, ast.Load)) for n in uses):
            return None
        value = next((v for v, c, _w in info.calls if c is assign.value), None)
        options = value.options if type(value) is V.Union else [value]
        inits = set()
        for option in options:
            cls = option.definition if type(option) is V.Callable else None
            if type(cls) is not ast.ClassDef or option.detail:
                return None
            lineage = self.facts.lineage(cls)
            if any(c.keywords or len([b for b in c.bases if not (isinstance(b, ast.Name) and b.id == "object")])
                   != len(self.facts.class_bases.get(c, ())) for c in lineage):
                return None  # (a base of another module, a metaclass: its __init__ may come first)
            init = next((f for c in lineage for f in c.body if isinstance(f, FUNCS) and f.name == "__init__"),
                        None) or generated_init(cls)  # (a dataclass's: semantic/dataclass_init)
            if init is None:
                return None
            inits.add(init)
        return (self.tree, inits.pop(), assign.value) if len(inits) == 1 else None

    @cached_property
    def spawn_alternatives(self) -> dict:
        """Function -> the alternatives of conditions on its parameters under which a call of it starts
        processes, itself or through what it calls (semantic/param_guards): `def open_bam(path,
        stats=False): if stats: return _stats(path)`, where `_stats` makes a Pool, starts them only when
        called with a true `stats`, and a caller's `open_bam(path)` does not make it a spawning function."""
        found: dict = {}

        def add(function, alternatives) -> bool:
            if function is None or not alternatives:
                return False
            merged = merge(found.get(function, ()), alternatives)
            if merged == found.get(function):
                return False
            found[function] = merged
            return True

        def at(node, function) -> tuple:
            here = guards(node, self.parents, function, self.rebinds(function), self.setting_names)
            return (here,) if here is not None else ()

        for s in self.facts.starts:
            if s.obj.kind != "Thread":
                add(s.where.function, at(s.node, s.where.function))
        for s in self.facts.submits:
            add(s.where.function, at(s.node, s.where.function))
        for creation in self.facts.creations:
            if creation.kind in ("Pool", "Manager"):
                add(creation.where.function, at(creation.node, creation.where.function))
        for function, node, condition, _method in self.facts.param_spawns:  # `scheduler=settings["scheduler"]`
            add(function, tuple(alternative | {condition} for alternative in at(node, function)))
        for call, qualified, _a, _k, where in self.facts.project_calls:
            if where.function is not None and self.imported_spawner(qualified, call):
                summary, name = effects_summary(self.resolver, qualified)
                definition, bound = summary_function(summary, name)
                alternatives = summary.guards.get(spawn_key(name), summary.guards.get(
                    spawn_key(f"{name}.__init__"), ALWAYS))
                module = self.summary_module(qualified, name)
                if module is not None:  # (its globals' conditions, named for this module's reading)
                    alternatives = qualify_settings(alternatives, module)
                if isinstance(definition, FUNCS):
                    add(where.function, through_call(alternatives, definition, call, where.function, self.parents,
                                                     bound, self.rebinds(where.function), read=self.as_read(call),
                                                     known=self.settings_known(call)))
                else:
                    add(where.function, at(call, where.function))
        calls_of: dict = {}  # callee -> [(caller, call)]
        for func, info in self.facts.functions.items():
            for value, call, _where in info.calls:
                for callee in self.definitions_of(value):
                    calls_of.setdefault(callee, []).append((func, call))
        todo = list(found)
        while todo:
            callee = todo.pop()
            bound = isinstance(callee, FUNCS) and (callee.name == "__init__" or is_bound_method(callee, self.parents))
            for caller, call in calls_of.get(callee, ()):
                seen = through_call(found[callee], callee, call, caller, self.parents, bound, self.rebinds(caller),
                                    lambda c, caller=caller: self.construction_of_receiver(caller, c),
                                    self.as_read(call)) \
                    if isinstance(callee, (*FUNCS, ast.Lambda)) else at(call, caller)
                if add(caller, seen):
                    todo.append(caller)
        return found


def _branch(parent, child) -> str:
    """Which branch of a compound statement `child` sits in."""
    for name in ("body", "orelse", "handlers", "finalbody"):
        branch = getattr(parent, name, ())
        # (a list of statements, or one expression: the two branches of `a if test else b`)
        if child is branch or isinstance(branch, list) and child in branch:
            return name if name != "handlers" else f"handler{id(child)}"
    return "other"


# the related texts that mark a finding as a copy of another one (at an import, at the call that gives the value,
# at the pool call that runs the task)
COPY_TEXTS = frozenset({"reached from here", "it crosses into the child process here", *ORIGIN_TEXTS})


def is_copy(finding) -> bool:
    """Is `finding` a copy of another finding at a second place (see COPY_TEXTS)? MP401 and MP413 sit only
    at the import (AT_IMPORT_CODES): there "reached from here" names the calls of a finding that is no copy."""
    return finding.code not in AT_IMPORT_CODES and any(text in COPY_TEXTS for _position, text in finding.related)


# findings whose hazard happens in another project module, reported at the statement importing it (import_of)
AT_IMPORT_CODES = frozenset({"MP413", "MP401"})
# findings about what a Process pickles: they cover its `start()` too when it comes right after (started_next)
CROSSING_CODES = frozenset({"MP201", "MP202", "MP203", "MP205", "MP206", "MP209"})
# findings about what a pool task sends back: copied to the reads of its result (copy_at_result_reads)
RESULT_CODES = frozenset({"MP207", "MP208"})
# the methods of a future (an AsyncResult) that hand the parent what the task sent back, raising what it raised
RESULT_READS = frozenset({"result", "get"})
# findings about starting a process at `start()` (a daemonic process may not start children): they cover the
# `Process(...)` right before it too (made_before)
START_CODES = frozenset({"MP413"})


def _next_statement(statement, parent):
    """The statement after `statement` in its block, or None."""
    for name in ("body", "orelse", "finalbody"):
        body = getattr(parent, name, None)
        if isinstance(body, list) and statement in body:
            index = body.index(statement)
            return body[index + 1] if index + 1 < len(body) else None
    return None
