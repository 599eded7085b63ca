"""Cross-module questions, behind one interface.

`ProjectResolver` reads the project's own modules with `ast` (fast, never executes anything).
`mpguard.resolve.jedi_resolver.JediResolver` answers what `ast` can't (installed packages,
re-exports) and is consulted only when the project resolver has no answer.
"""
from __future__ import annotations

import ast
import hashlib
import os
import sys
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from mpguard.text.reading import regular_bytes
from mpguard.semantic.returns import (ReturnSummary, as_decorator, decoration, defines_method, holder_class,
                                     made_class_returned, summarize_returns)

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# The standard library is never "project code", even when mpguard checks the stdlib itself.
STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"multiprocessing", "concurrent", "logging", "os"}


@dataclass
class ModuleSummary:
    """What importing a module does, and what its top-level names are."""

    path: str
    definitions: dict = field(default_factory=dict)  # name -> def node / Lambda
    starts_processes: list = field(default_factory=list)  # [(line, text)] at import
    # [(line, text)] at import, made only by a process named MainProcess (`if current_process().name ==
    # "MainProcess":`): never by a child that imports the module, but by 3.14's forkserver server (rules/guard.py)
    main_only_starts: list = field(default_factory=list)
    side_effects: list = field(default_factory=list)  # [(line, text)] at import
    # top-level functions (and Class.method) whose call surely reaches a side effect a spawned child repeats
    # when the importer calls it at import time (rules/guard.function_effect) -> what it runs, "line N"
    effects_when_called: dict = field(default_factory=dict)
    sets_start_method: list = field(default_factory=list)  # [(line, method)] at import
    # [(line, text)] at import: get_start_method() / get_context() fix the default start method for good
    fixes_start_method: list = field(default_factory=list)
    # [(line, method)] at import: a set_start_method(method) at the top, under no test (force or not): the method
    # the importing program then runs with, when it sets none itself (optimum #1377's convert.py)
    chooses_start_method: list = field(default_factory=list)
    # [(line, platforms)] at import: a set_start_method() without force that nothing catches, under no test but
    # platform tests (on `platforms`): it raises when the importer fixed the method before (PyBaMM #3997)
    raises_if_fixed: list = field(default_factory=list)
    # top-level functions (and Class.method) that start processes when called -> the line where they do
    spawning: dict = field(default_factory=dict)
    # the names of `spawning` whose line starts a process or creates a pool there (not a call into yet
    # another module, a task submitted, or the `def`): the site a finding at a caller may move to
    spawn_sites: set = field(default_factory=set)
    # the other names of `spawning` whose line calls a helper of another project module that starts them:
    # name -> that helper's qualified name (its own site is there)
    spawn_via: dict = field(default_factory=dict)
    # top-level function -> (parameter, least): it makes a pool (a DataLoader) whose worker count is that parameter,
    # which no call of this module settles: it starts processes for a caller giving more than `least`
    counted: dict = field(default_factory=dict)
    # names of `spawning` whose every start is one a daemonic process may make (billiard's Pool: rules/daemon_children)
    daemon_allowed: set = field(default_factory=set)
    # names of `spawning` -> the start method of all they start, when it never re-imports the main module
    # (joblib's "loky", an explicit "fork"): calling one at import time bootstraps nothing
    spawn_methods: dict = field(default_factory=dict)
    # top-level functions (and classes, whose `__init__` does; and methods, "Class.method") that always call
    # set_start_method() (no force=True, no test of the current method) when called -> (line, method or None): a caller
    # that calls one twice gets `context has already been set`
    setting: dict = field(default_factory=dict)
    # top-level functions (and classes, whose `__init__` does) that fix the default start method whenever called (make a
    # multiprocessing lock or queue of the default context, or a library's: a tqdm bar) -> (line, what it makes): a
    # caller's later set_start_method() without force raises (linter/context_fixes.py)
    fixing: dict = field(default_factory=dict)
    # names of `setting` whose call runs on some platforms only (under a platform test alone) -> those platforms
    setting_platforms: dict = field(default_factory=dict)
    # names of `setting` whose set_start_method() sits in a `try` whose RuntimeError handler fails itself unless the
    # method already fixed is the one asked for (semantic/failing_handlers) -> the default methods under which it fails
    setting_failing: dict = field(default_factory=dict)
    # names of `setting` that are methods ("Class.method") -> the methods of the object they call on the way to the
    # set_start_method() (`self._run_all()`): a subclass overriding one of them runs its own code instead
    setting_via: dict = field(default_factory=dict)
    imports: object = None  # the module's ImportMap (to read its classes' attributes)
    # What a caller's values meet in this module's top-level functions (judged by the linter):
    # name -> [Sink]: a parameter that reaches a child process
    sinks: dict = field(default_factory=dict)
    # name -> (what, error): the function returns a value pickle refuses
    results: dict = field(default_factory=dict)
    # name (of `results`), or (name, key) (of `keyed`) -> (kind, place) of this module's node a fix would change
    # for that refused value: the lambda, or the nested def or class (semantic/pickle_problems.fix_handle)
    origins: dict = field(default_factory=dict)
    # name -> (what, error): the function returns an object pickle sends but cannot rebuild in the reader
    # (semantic/hash_cycles: hashed inside its own state): a task's result only, not an argument's problem
    rebuilt: dict = field(default_factory=dict)
    # name -> ((parameter, position or None), ...): parameters the function's return value holds
    # (`return {"config": {"client": client}}`): what the caller gives them is pickled with the result
    holds: dict = field(default_factory=dict)
    # name -> shape (semantic/returned_items): the function returns the items of a parameter, maybe regrouped
    # (`levels(nodes)`, a list of lists of the nodes): iterating a caller's result gives what it passed there
    shapes: dict = field(default_factory=dict)
    # name -> (what, error): the items iterating what the function returns gives, when pickle refuses them on every
    # call (`return tree.findall(path)`, lxml elements): a caller's `pool.map(task, read_citations(data))` sends each
    iterated: dict = field(default_factory=dict)
    # name -> {key: (kind, what, error)}: items of the dict literal the function returns that pickle refuses
    # (`return {"transform": lambda x: x * 2}`): a caller's `cfg["transform"]` is judged by them
    keyed: dict = field(default_factory=dict)
    # names of generator functions whose items can be listed (no `while True`, no itertools.count/cycle/repeat:
    # `semantic/endless.finite`): a caller's generator argument may become `list(...)` (MP203's fix)
    finite_generators: set = field(default_factory=set)
    # name -> ((parameter, position or None, method), ...): the function returns what a method of a parameter
    # gives (`def query(conn, sql): return conn.execute(sql)`): the caller's argument's class says what that is
    derived: dict = field(default_factory=dict)
    # name -> the catalog's type of every value the function returns (`open_db()` -> "sqlite3.Connection")
    types: dict = field(default_factory=dict)
    # name -> the class of this module every value the function returns is a new object of (`network_from_params`
    # returning `Network(...)`): a caller's method calls on it say what its methods stored there
    classes: dict = field(default_factory=dict)
    # name -> ((method, alternatives), ...): the function returns a multiprocessing context (or None) at every
    # return, each with its start method (None: the default one; "unknown") and the parameter conditions it is
    # returned under (semantic/param_guards): `context_for("default")` gives `get_context()`
    contexts: dict = field(default_factory=dict)
    # name -> (what, error): the function returns a library proxy (`structlog.get_logger(name)`) whose bound
    # logger (`.bind(...)`, semantic/configured_objects.py) pickle refuses under this module's configuration
    bound: dict = field(default_factory=dict)
    # "Class.method" -> ((constructor parameter, line, start method), ...): the method starts a Process whose target is
    # a bound method of the object (or builds such an object from what it keeps), so the object is pickled with what
    # the caller gave those parameters under spawn and forkserver (linter/bound_state, rules/bound_targets)
    bound_state: dict = field(default_factory=dict)
    # name -> positions of what the function returns that are a Manager proxy at every return (None: the value
    # itself; an int: that item of the tuple it returns, `return manager.logger(), manager`): a caller's method
    # calls on it send their arguments to the manager's server (rules/sent_exceptions)
    proxies: dict = field(default_factory=dict)
    # name -> [(class name, line)]: exceptions it may raise that pickle cannot rebuild in a parent
    raises: dict = field(default_factory=dict)
    # name -> [(class, line, what, path)]: what ends the process the function runs in that a Pool worker does not
    # catch (`sys.exit()`, `raise KeyboardInterrupt`; class "" for `os._exit()`), through the calls it makes
    # (rules/worker_ends); their conditions are in `guards` under `worker_ends.end_key`
    exits: dict = field(default_factory=dict)
    # When a raise or a refused return happens only for some arguments (semantic/param_guards): (name, line)
    # or (name, line, path of another module) -> alternatives of parameter conditions for that raise of
    # `raises`; (name, "results") -> [(what, error, alternatives)] for the returns. Absent: always.
    guards: dict = field(default_factory=dict)
    # name -> {position: {position of a bounding parameter: least integer there that fills the pipe, or None}}:
    # the parameters the function puts more into than a pipe holds, and the parameters whose loops bound that
    # (rules/queue_writes): a parent joining the process before reading the queue it gave there deadlocks
    # (MP410 for a Process target of another module)
    writes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sink:
    """A parameter of a function of another module that reaches a child process: `role` is target,
    args, initializer, task or task-args (or pool: the parameter is the pool the function hands tasks to, whose
    workers start there); `method` is the explicit start method there, if any."""

    param: str
    kind: str  # positional | vararg | kwarg
    role: str
    method: str | None
    line: int
    serializer: str = "pickle"  # dill / cloudpickle (pathos, loky, ...) accept lambdas and closures
    # `**options` handed on to another module's function whose parameter `key` reaches the child: the
    # caller's keyword `key` is what crosses (the other keywords go elsewhere)
    key: str | None = None
    items: bool = False  # each item of the argument crosses (`for step in steps: ex.submit(f, step)`)
    # role "daemon-method": the method of each item that a daemonic Pool worker calls (`node.run()` in the task
    # `_run_node(node)` mapped over the parameter): linter/daemon_sinks.daemon_methods
    calls: str | None = None
    # role "daemon-run" of a method whose pool the class's constructor picks by a parameter (`pool_cls =
    # _NonDaemonPool if allow_nesting else Pool`): (that __init__ parameter, the truth that picks the daemonic
    # pool); the caller's constructor arguments decide (rules/daemon_handover)
    when: tuple | None = None
    # role "task"/"task-args" of a method submitting to `self.<x>`, the pool the object's constructor was given
    # as its parameter `pool` (requests-futures' `FuturesSession(executor=...)`): only where the caller's
    # constructor call passes a process pool there (rules/forwarded_calls._given_process_pool)
    pool: str | None = None
    # the parameter is the key of a registry (the qualified name of another module's dict filled by registrars,
    # semantic/registries) whose item under that key crosses: what the caller's key names there
    # (`fn = registry.get(name)` handed to the pool); the registrations are read where the caller imports
    registry: str | None = None
    # the process is made by a context the caller gives as this parameter (`context.Process(target=worker,
    # args=(function, ...))` with `context` a parameter): its start method is that context's, read at the caller
    context: str | None = None
    # role "task"/"task-args" handed to the pool the caller gives as this parameter (`def execute(self, pool):
    # pool.submit(self.run_local)`): crosses only where the caller's argument there is a process pool, with that
    # pool's start method and serializer (rules/forwarded_calls._given_pool); with role "task" and `calls`, the task is
    # that method of the object the parameter `param` is (the instance a bound method pickles)
    receiver: str | None = None
    # role "caught-sent": the parameter is a function the child calls in a `try` whose first handler sends what it
    # caught on a queue or pipe (linter/caught_sends); the names that handler catches by ("" for a bare `except:`)
    catches: tuple | None = None


@dataclass(frozen=True)
class Summarizer:
    """How the layers above answer questions about another project module: what importing it does is a
    question for the whole analysis (the walker and the rules), so the linter hands these functions in.
    Each takes (the module's source, its path, its dotted name, the resolver for what it imports).
    - `whole`: the module's `ModuleSummary` (what importing it does, what its functions return, ...).
    - `may_give(resolver, module)`: a cheap test; a frozenset of names when the summary has no process
      effect at import and its other process parts (`PROCESS_EFFECTS`) only under those names (empty for
      none), else None; a question about those parts alone then skips building the summary. With
      `at_import=True` only None or not matters (`acts_at_import`).
    - `definitions`, `raises` (with a depth), `names`: the smaller facts of `top_definitions`,
      `raises_summary` and `module_names`, built alone so that one question does not walk the module nor
      what it imports in turn (issue 16). Without one, the answer is read from `whole`."""
    whole: Callable[[bytes, str, str, object], ModuleSummary]
    may_give: Callable | None = None
    definitions: Callable | None = None
    raises: Callable | None = None
    names: Callable | None = None
    results: Callable | None = None  # what its functions return that pickle refuses (`results_summary`)
    globals: Callable | None = None  # the values its top binds a name to once (`module_global`)
    writes: Callable | None = None  # what its functions put on a queue parameter (`writes_summary`)
    registered: Callable | None = None  # what importing it registers in registries (`registrations`)
    # what the module's own spawning functions start that fails whatever their caller gives (`linter.site_findings`)
    site_findings: Callable | None = None
    # (source bytes, path) -> a syntax tree of it for an answer that keeps none of its nodes: one the run parsed
    # already when there is one (`linter.trees`); the smaller facts of semantic/ parsed their own each time
    tree: Callable | None = None


# The parts of a summary that give an importer a process fact (see linter/reach.py).
REEXPORT_HOPS = 3  # packages followed through their re-exports at most (`defined_name`)
DEFINITIONS = "definitions"  # the index's name for `top_definitions` answers
RAISES = "raises"  # the index's name for `raises_summary` answers
NAMES = "names"  # the index's name for `module_names` answers
RESULTS = "results"  # the index's name for `results_summary` answers
GLOBALS = "globals"  # the index's name for `module_global` answers
WRITES = "writes"  # the index's name for `writes_summary` answers
REGISTERED = "registered"  # the index's name for `registrations` answers
SITE_FINDINGS = "site findings"  # the index's name for `linter.site_findings` answers
PROCESS_EFFECTS = ("starts_processes", "main_only_starts", "sets_start_method", "fixes_start_method", "spawning", "sinks", "setting",
                   "counted")


# A file's identity: what its summary is keyed by (its stat for a cheap "unchanged?", its digest for sure).
def digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# A file whose mtime is this close to the moment it was hashed may have changed again within the same
# clock tick without its mtime moving: its stat is not trusted, its content is hashed again.
RACY_NS = 2_000_000_000


@dataclass
class IndexEntry:
    """One module of the project index: its summary, the content hash of the text it was built from, and
    the project modules that summary read in turn (module -> (path, digest), path None when the module
    was looked for and not found). `epoch`: the run (or analysis) in which it was last checked."""

    digest: str
    summary: ModuleSummary | None
    deps: dict
    epoch: int
    # False: built by a resolver that records nothing (`ProjectResolver(record=False)`): `deps` is not
    # complete, so the entry serves that epoch only, and only resolvers that record nothing either.
    recorded: bool = True


# An open buffer's summaries kept per module: the current text's and the one before (a pass of the previous
# version may still be running), not one per keystroke.
BUFFER_TEXTS = 2


class ProjectIndex:
    """Module summaries of one run (or of one language server), shared by every resolver of the process:
    every file of a run asks about the same project modules. Keyed by (summarizer, module name, path) and
    valid for one content hash of the file. In a new epoch (each `mpguard check`, each analysis of the
    language server) an entry is checked once before it is reused: its file's hash, and the location and
    hash of every module its summary read (an edit two imports away changes it too). Hashes come from
    the files' stats when those are older than the moment they were hashed, else from their bytes.
    Least recently used entries are dropped first."""

    def __init__(self, limit: int = 2048):
        self.limit = limit
        self.entries: OrderedDict = OrderedDict()
        self.epoch = 0
        self.files: dict = {}  # path -> (mtime_ns, size, digest, hashed_at_ns)
        self._seen: dict = {}  # path -> (digest, bytes or None), this epoch
        self.located: dict = {}  # (roots, module) -> its path or None, this epoch
        # (root, module) -> its file under that root or None, this epoch: every folder of a run has roots of its
        # own (`linter.files`), most of them shared (the project's top, the cwd), and each looked again for the
        # same files (dask: 46,000 stat calls)
        self.in_root: dict = {}
        self.summarised = 0  # how many summaries were built (tests count work, not time)
        self.facts = 0  # how many other answers were
        self.unrecorded = False  # whether an entry of this epoch was built without recording what it read
        self.buffers: dict = {}  # (kind, module, path, "buffer") -> the digests of its texts kept, oldest first

    def new_epoch(self) -> None:
        """Files may have changed since the last run: check entries again before reusing them (entries
        that do not know what they read are dropped)."""
        self.epoch += 1
        if self.unrecorded:
            self.entries = OrderedDict((key, entry) for key, entry in self.entries.items() if entry.recorded)
            self.unrecorded = False
        self._seen.clear()
        self.located.clear()
        self.in_root.clear()

    def identity(self, path: str) -> tuple[str | None, bytes | None]:
        """(content hash, the bytes when they had to be read) of a file, once per epoch; (None, None) if
        it cannot be read."""
        seen = self._seen.get(path)
        if seen is not None:
            return seen
        self._seen[path] = found = self._identity(path)
        return found

    def _identity(self, path: str):
        try:
            st = os.stat(path)
        except OSError:
            return None, None
        known = self.files.get(path)
        if known is not None and known[:2] == (st.st_mtime_ns, st.st_size) and st.st_mtime_ns < known[3] - RACY_NS:
            return known[2], None
        hashed_at = time.time_ns()
        data = _read(path)
        if data is None:
            return None, None
        digest = digest_of(data)
        self.files[path] = (st.st_mtime_ns, st.st_size, digest, hashed_at)
        if len(self.files) > 8 * self.limit:
            self.files.clear()
        return digest, data

    def get(self, key, digest: str, still_valid: Callable[[IndexEntry], bool],
            recording: bool = True) -> IndexEntry | None:
        entry = self.entries.get(key)
        if entry is None or entry.digest != digest or recording and not entry.recorded:
            return None
        if entry.epoch != self.epoch:
            if not still_valid(entry):
                return None
            entry.epoch = self.epoch
        self.entries.move_to_end(key)
        return entry

    def put(self, key, entry: IndexEntry) -> None:
        self.entries[key] = entry
        if len(key) == 5 and key[3] == "buffer":  # (kind, module, path, "buffer", digest): an editor's text
            texts = self.buffers.setdefault(key[:4], [])
            if key[4] not in texts:
                texts.append(key[4])
            while len(texts) > BUFFER_TEXTS:
                self.entries.pop((*key[:4], texts.pop(0)), None)
        self.unrecorded = self.unrecorded or not entry.recorded
        if isinstance(key[0], str):  # another answer (`module_fact`: definitions, the prefilter's facts)
            self.facts += 1
        else:
            self.summarised += 1
        if len(self.entries) > self.limit:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()
        self.buffers.clear()
        self.files.clear()
        self.new_epoch()


INDEX = ProjectIndex()


class Resolver(Protocol):
    def returns(self, qualified: str) -> ReturnSummary | None: ...
    def decoration(self, qualified: str, call) -> ReturnSummary | None: ...
    def definition_kind(self, qualified: str) -> str | None: ...
    def module_summary(self, module: str) -> ModuleSummary | None: ...


class ProjectResolver:
    """Finds `a.b.c` as `<root>/a/b/c.py` or `<root>/a/b/c/__init__.py` under the given roots."""

    def __init__(self, roots, fallback: Resolver | None = None, summarizer: Summarizer | None = None,
                 record: bool = True):
        self.roots = [Path(r) for r in roots if r]
        self._root_names = [str(r) for r in self.roots]
        self._roots_key = tuple(self._root_names)
        self.fallback = fallback
        self.summarizer = summarizer or Summarizer(None)  # (a resolver without summaries is a test's)
        self.summarize = self.summarizer.whole
        self.quick = self.summarizer.may_give
        self.index = INDEX
        # (path, module) -> (summary, what it read): one analysis asks about a module once
        self._summaries: dict = {}
        # Every project module this resolver's answers depended on, transitively: module -> (path, digest),
        # path None for a module that was looked for and not found. The on-disk cache keys a file's
        # findings by these (an edit to an imported module changes the importer's findings).
        self.consulted: dict = {}
        # `record` False: nothing reads what the answers read, neither the cache across runs (`mpguard
        # check --no-cache`) nor the index in a later epoch (it drops such entries: `IndexEntry.recorded`).
        # Read sets are then neither merged nor copied (dask: a fifth of the run went to copying them).
        self._record = record
        self._reading: list[dict] = [self.consulted]  # the summaries being built, innermost last
        # Per level of `_reading`: the kept read sets already merged into it (id -> the set, kept alive so
        # that its id is not reused). Every file of dask asks about the same few hundred modules again and
        # again, each answer with the hundreds of modules it read: merging them again changed nothing and
        # was a fifth of the run (77 million entries copied for 365 files).
        self._merged: list[dict] = [{}]
        self._found: dict = {}  # module -> `_find`'s answer (this resolver serves one analysis, one epoch)
        # The answers being built now, outermost first ((kind, path, module) of `_build`): a question asked
        # meanwhile may get `building` for one of them, and its answer holds only while they are built.
        self.building: list = []
        self._followed: dict = {}  # qualified -> the name it is defined under (`defined_name`)
        self._modules_of: dict = {}  # qualified -> (`_module_of`'s answer, the prefixes it found missing)

    def locate(self, module: str) -> Path | None:
        """Where `module` is, looked up once per epoch for these roots (a file of a run asks about the
        same modules as the others; the next run, or the server's next analysis, looks again)."""
        key = (self._roots_key, module)
        located = self.index.located
        if key not in located:
            located[key] = self._locate(module)
        return located[key]

    def _locate(self, module: str) -> Path | None:
        in_root = self.index.in_root
        for root in self._root_names:
            found = in_root.get((root, module), False)
            if found is False:
                found = in_root[(root, module)] = _in_root(root, module)
            if found is not None:
                return Path(found)
        return None

    def defined_name(self, qualified: str) -> str:
        """The name under which a project package re-exports what `qualified` names: `motionkit.Component`, when
        `motionkit/__init__.py` defines no `Component` but imports it (`from motionkit.component import Component`,
        `from .component import Component`), is `motionkit.component.Component`, which a summary holds (the
        importer reaches the same object either way). Followed a few packages deep, read from the packages'
        syntax trees alone (`module_names`); anything else is kept as it is."""
        followed = self._followed.get(qualified)
        if followed is None:
            followed = self._followed[qualified] = self._follow_reexports(qualified)
        return followed

    def _follow_reexports(self, qualified: str) -> str:
        for _ in range(REEXPORT_HOPS):
            module = self._module_of(qualified)
            found = self._find(module) if module is not None else None
            if found is not None and not found[0].endswith("__init__.py"):
                return self._factory_method(module, qualified)
            if found is None or not found[0].endswith("__init__.py"):
                return qualified
            name, _, rest = qualified[len(module) + 1:].partition(".")
            names = self.module_names(module)
            if names is None or names[1] is None or name in names[0]:
                return qualified
            target = names[1].names.get(name)
            if target is None or target == f"{module}.{name}" or "." not in target \
                    or self._module_of(target) is None:
                return qualified
            qualified = f"{target}.{rest}" if rest else target
        return qualified

    def _factory_method(self, module: str, qualified: str) -> str:
        """`mod.make.method` -> `mod.Cls.method` when `make` is a top-level def of the project module `mod` whose every
        return gives a new `Cls(...)` of that module, and `Cls` (or a base of it there) defines `method`: the object
        the factory returns (`data_provider(args).batches()`: a `DataLoader`'s method). Anything else as it is."""
        name, _, rest = qualified[len(module) + 1:].partition(".")
        if not rest:
            return qualified
        names = self.module_names(module)
        function = names[0].get(name) if names is not None else None
        cls = made_class_returned(function, names[0]) if isinstance(function, FUNCS) else None
        if cls is None or not defines_method(cls, rest.partition(".")[0], names[0]):
            return qualified
        return f"{module}.{cls.name}.{rest}"

    def _split(self, qualified: str):
        """`pkg.mod.name` -> (summary of pkg.mod, "name"), trying the longest module first."""
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            summary = self.module_summary(".".join(parts[:cut]))
            if summary is not None:
                return summary, parts[cut:]
        return None, None

    def definition(self, qualified: str):
        qualified = self.defined_name(qualified)
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):  # the longest module first, as `_split`
            definitions = self.top_definitions(".".join(parts[:cut]))
            if definitions is not None:
                return definitions.get(parts[cut]) if cut == len(parts) - 1 else None
        return None

    def top_definitions(self, module: str) -> dict | None:
        """A project module's `ModuleSummary.definitions`; read from its syntax tree alone when the
        summarizer offers that (`Summarizer.definitions`), so that the walker's questions about another
        module (what does `helpers.make()` return?) do not walk it, nor what it imports in turn."""
        build = self.summarizer.definitions
        if build is None:
            summary = self.module_summary(module)
            return summary.definitions if summary is not None else None
        return self.module_fact(module, DEFINITIONS, build)

    def function_summary(self, qualified: str):
        """(the module's summary, the function's name) for a top-level function of a project module."""
        qualified = self.defined_name(qualified)
        summary, rest = self._split(qualified)
        if summary is None or len(rest) not in (1, 2):
            return None, None
        return summary, ".".join(rest)  # "func", or "Class.method"

    def raises_summary(self, qualified: str, depth: int | None = None):
        """`function_summary`, for a question about what the function raises (`ModuleSummary.raises` and
        `.guards`): read from a summary of that alone when the summarizer offers one (`Summarizer.raises`,
        built only when asked), so that the module summaries never read each other's raises (issue 16).
        `depth`: how many modules further its calls are followed; one answer per depth."""
        qualified = self.defined_name(qualified)
        build = self.summarizer.raises
        if build is None:
            return self.function_summary(qualified)
        module = self._module_of(qualified)
        kind = RAISES if depth is None else f"{RAISES}/{depth}"
        summary = self.module_fact(module, kind, build if depth is None else
                                   lambda data, path, name, resolver: build(data, path, name, resolver, depth)) \
            if module is not None else None
        return _with_member(summary, module, qualified)

    def results_summary(self, qualified: str):
        """`function_summary`, for a question about what the function returns that pickle refuses
        (`ModuleSummary.results` and their `guards`): built alone, only when a rule asks (`Summarizer.results`),
        so that reading which modules may start processes never judges every function's returns (issue 16)."""
        qualified = self.defined_name(qualified)
        build = self.summarizer.results
        if build is None:
            return self.function_summary(qualified)
        module = self._module_of(qualified)
        summary = self.module_fact(module, RESULTS, build) if module is not None else None
        return _with_member(summary, module, qualified)

    def writes_summary(self, qualified: str):
        """`function_summary`, for a question about how much the function puts on the queues it is given
        (`ModuleSummary.writes`): built alone, only when a rule asks (`Summarizer.writes`). (None, None) when
        the summarizer offers none: the whole summary does not hold it."""
        qualified = self.defined_name(qualified)
        build = self.summarizer.writes
        module = self._module_of(qualified) if build is not None else None
        summary = self.module_fact(module, WRITES, build) if module is not None else None
        return _with_member(summary, module, qualified)

    def site_findings(self, qualified: str):
        """(the answer of `Summarizer.site_findings` for the module of `qualified`, its member name): what that
        module's spawning functions start that fails whatever their caller gives, built only when a rule asks.
        (None, None) when the summarizer offers none or the module is not a project module."""
        qualified = self.defined_name(qualified)
        build = self.summarizer.site_findings
        module = self._module_of(qualified) if build is not None else None
        answer = self.module_fact(module, SITE_FINDINGS, build) if module is not None else None
        return _with_member(answer, module, qualified) if isinstance(answer, dict) else (None, None)

    def registrations(self, module: str) -> dict | None:
        """What importing a project module registers in registries (`Summarizer.registered`): table -> the
        registrations made at its top, or None for a table it registers in elsewhere too. Built alone, only
        when a rule asks about a registry's item (a caller's key into another module's registry). None when
        the module is not a project module or the summarizer offers none."""
        build = self.summarizer.registered
        if build is None or self._find(module) is None:
            return None
        found = self.module_fact(module, REGISTERED, build)
        return found if isinstance(found, dict) else None

    def names_summary(self, qualified: str):
        """`function_summary` for a question about definitions alone: a summary holding only the module's
        path, definitions and imports (`module_names`), never walked."""
        qualified = self.defined_name(qualified)
        if self.summarizer.names is None:
            return self.function_summary(qualified)
        module = self._module_of(qualified)
        names = self.module_names(module) if module is not None else None
        summary = ModuleSummary(str(self.locate(module)), definitions=names[0], imports=names[1]) \
            if names is not None else None
        return _with_member(summary, module, qualified)

    def raising_summary(self, qualified: str):
        """`names_summary`, for a question about a function's own `raise` statements (semantic/caught: what
        `except ... as exc` binds): they are read from its definition alone, so the module is not walked,
        nor what it imports in turn (a `try` around a call of another module built that module's whole
        summary: most of distributed's run). While the module's summary is being built (an import cycle),
        (None, None): `function_summary` found no summary for it then, and the name it fell back to under a
        shorter module (`mod.f`) is never a top-level function's."""
        qualified = self.defined_name(qualified)
        module = self._module_of(qualified)
        if module is not None and any(kind is self.summarize and name == module for kind, _path, name in self.building):
            return None, None
        return self.names_summary(qualified)

    def module_names(self, module: str):
        """(`ModuleSummary.definitions`, `.imports`) of a project module, read from its syntax tree alone
        when the summarizer offers that (`Summarizer.names`): questions about another module's classes
        (their state, their bases) then never walk it nor what it imports in turn (issue 16)."""
        build = self.summarizer.names
        if build is None:
            summary = self.module_summary(module)
            return (summary.definitions, summary.imports) if summary is not None else None
        return self.module_fact(module, NAMES, build)

    def effects_summary(self, qualified: str):
        """`function_summary`, for a question about the parts in `PROCESS_EFFECTS` only (spawning
        functions, sinks): (None, None), without building the summary, when the quick test says the module
        that `function_summary` would read can have none of them under this name."""
        qualified = self.defined_name(qualified)
        if self.quick is not None:
            module = self._module_of(qualified)
            names = self.quick(self, module) if module is not None else None
            if names is not None and qualified[len(module) + 1:].split(".")[0] not in names:
                return None, None
        return self.function_summary(qualified)

    def acts_at_import(self, module: str) -> bool:
        """False only when importing `module` starts no process and sets or fixes no start method (the
        quick test gives names only for a module without such effects at import)."""
        return self.quick is None or self.quick(self, module, at_import=True) is None

    def _module_of(self, qualified: str) -> str | None:
        """The module `_split` reads for `qualified`: the longest prefix that is a project module. Kept per
        name (a file's analysis asks about the same names hundreds of times): `_find` answers each prefix the
        same for this resolver, and the prefixes not found are recorded again, as `_find` records them."""
        known = self._modules_of.get(qualified)
        if known is not None:
            module, missed = known
            if missed:
                reading = self._reading[-1]
                for name in missed:
                    reading[name] = self._found[name]
            return module
        parts = qualified.split(".")
        module, missed = None, []
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if self._find(prefix) is not None:
                module = prefix
                break
            if self._found.get(prefix) is not None:  # (not found; a module of the standard library is not recorded)
                missed.append(prefix)
        self._modules_of[qualified] = (module, tuple(missed))
        return module

    def module_global(self, qualified: str):
        """The expression a project module's top assigns its global `qualified` to, when that is the one
        binding of the name (semantic/module_globals.py), else None. Read from the syntax tree alone."""
        build = self.summarizer.globals
        module, _, name = qualified.rpartition(".")
        if build is None or not module or self._find(module) is None:
            return None
        found = self.module_fact(module, GLOBALS, build)
        return found.get(name) if found is not None else None

    def class_definition(self, qualified: str):
        """(ClassDef, that module's imports) for a class of a project module, else None."""
        qualified = self.defined_name(qualified)
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):  # the longest module first, as `_split`
            names = self.module_names(".".join(parts[:cut]))
            if names is not None:
                definition = names[0].get(parts[cut]) if cut == len(parts) - 1 else None
                return (definition, names[1]) if isinstance(definition, ast.ClassDef) else None
        return None

    def returns(self, qualified: str) -> ReturnSummary | None:
        definition = self.definition(qualified)
        if isinstance(definition, FUNCS):
            summary = summarize_returns(definition)
            if summary.kind == "":  # a decorator giving back an object of its module's class that keeps the function
                names = self.module_names(qualified.rpartition(".")[0])
                holder = holder_class(definition, names[0].get) if names is not None else None
                if holder is not None:
                    return ReturnSummary("holder", holder)
            return summary
        if definition is None and self._ask_fallback(qualified):
            return self.fallback.returns(qualified)
        return None

    def decoration(self, qualified: str, call) -> ReturnSummary | None:
        """What the project's decorator `qualified` gives back in place of the function it decorates, applied
        bare (`call` None) or as the decorator its factory's `call` hands out (semantic/returns.decoration)."""
        definition = self.definition(qualified)
        if isinstance(definition, FUNCS):
            names = self.module_names(qualified.rpartition(".")[0])
            return decoration(definition, call, names[0].get if names is not None else (lambda name: None))
        if definition is None and call is None and self._ask_fallback(qualified):
            return as_decorator(self.fallback.returns(qualified))
        return None

    def definition_kind(self, qualified: str) -> str | None:
        definition = self.definition(qualified)
        if isinstance(definition, ast.Lambda):
            return "lambda"
        if isinstance(definition, FUNCS):
            if any(_closure_decorator(self, d, qualified) for d in definition.decorator_list):
                return "closure"
            return "function"
        if definition is None and self._ask_fallback(qualified):
            return self.fallback.definition_kind(qualified)
        return None

    def _ask_fallback(self, qualified: str) -> bool:
        return self.fallback is not None and qualified.split(".")[0] not in STDLIB

    def buffer_text(self, path: str) -> str | None:
        """The editor's unsaved text of the file at `path`, when this resolver reads one (the language server's):
        None here, where modules are read from disk."""
        return None

    def answered_modules(self) -> list[tuple[str, str]]:
        """(module, path) of every project module this resolver has answered a question about (a fix may edit
        one of them: `fixes/other_module`)."""
        return list(dict.fromkeys((module, path) for (_kind, path, module) in self._summaries if path))

    def holding_module(self, node) -> tuple[str, str] | None:
        """(module, path) of the project module among those answered whose top-level definitions, in an answer
        of this resolver (a summary, the definitions, the names), hold `node` itself."""
        line = getattr(node, "lineno", None)
        if line is None:
            return None
        for (_kind, path, module), (answer, _read) in list(self._summaries.items()):
            definitions = getattr(answer, "definitions", None)
            if definitions is None and isinstance(answer, tuple) and answer and isinstance(answer[0], dict):
                definitions = answer[0]
            if definitions is None and isinstance(answer, dict):
                definitions = answer
            for definition in (definitions or {}).values() if isinstance(definitions, dict) else ():
                if isinstance(definition, ast.AST) and getattr(definition, "lineno", line + 1) <= line \
                        <= (getattr(definition, "end_lineno", 0) or 0) and any(n is node for n in ast.walk(definition)):
                    return module, path
        return None

    def module_summary(self, module: str) -> ModuleSummary | None:
        found = self._find(module)
        if found is None:
            return None
        return self._answer(module, found[0], found[1], self.summarize, self._summarize)

    def syntax_tree(self, data: bytes, path: str) -> ast.Module:
        """A syntax tree of a project module's source, for a fact built from it that keeps none of its nodes
        (`Summarizer.tree`; parsed here without one). Raises as `ast.parse` does (a text that does not
        decode: ValueError)."""
        lend = self.summarizer.tree
        return lend(data, path) if lend is not None else ast.parse(data, path)

    def module_fact(self, module: str, kind: str, build: Callable, building=None) -> object | None:
        """Another answer about a project module (`linter.reach`: may importing it give processes?), built
        by `build(data, path, module, resolver)` and kept in the index as summaries are: per content, with
        the modules it read. None when the module is not a project module; `building` while it is being
        built (a module that imports itself back)."""
        found = self._find(module)
        if found is None:
            return None
        return self._answer(module, found[0], found[1], kind, build, building)

    def _find(self, module: str) -> tuple[str, str | None] | None:
        """(path, the editor's text or None) of a project module; recorded as not found otherwise."""
        found = self._found.get(module, False)
        if found is False:
            if module.split(".")[0] in STDLIB:
                found = self._found[module] = None
                return None
            path = self.locate(module)
            found = self._found[module] = (str(path), None) if path is not None else (None, None)
        if found is None:
            return None  # (the standard library: never recorded)
        if found[0] is None:
            self._reading[-1][module] = found
            return None
        return found

    def _merge(self, read: dict) -> None:
        """Record a kept read set (`_answer`'s, `linter.reach`'s) in the innermost level, once per level."""
        if not self._record:
            return
        merged = self._merged[-1]
        if id(read) not in merged:
            merged[id(read)] = read
            self._reading[-1].update(read)

    @contextmanager
    def reading(self, record: bool = True):
        """The modules the answers inside the block read (module -> (path, digest)), recorded as usual too
        (unless not `record`: then only when the caller replays them): an answer kept elsewhere
        (`linter.reach`) is replayed with them."""
        self._reading.append({})
        self._merged.append({})
        try:
            yield self._reading[-1]
        finally:
            read = self._reading.pop()
            merged = self._merged.pop()
            if record and self._record:
                self._reading[-1].update(read)
                self._merged[-1].update(merged)  # (all of them are in the outer level now)

    def replay(self, read: dict) -> None:
        self._merge(read)

    def note(self, key: str, path: str | None, digest: str | None) -> None:
        """Something else an answer depended on (a folder's listing: `linter.reach`), for the cache."""
        self._reading[-1][key] = (path, digest)

    def summary_at(self, module: str, path: str, text: str | None = None) -> ModuleSummary | None:
        return self._answer(module, path, text, self.summarize, self._summarize)

    def _summarize(self, data: bytes, path: str, module: str, resolver) -> ModuleSummary | None:
        return self.summarize(data, path, module, resolver) if self.summarize is not None else ModuleSummary(path)

    def _answer(self, module: str, path: str, text: str | None, kind, build, building=None):
        """An answer about `module` read from `path` (or from `text`, an editor's unsaved buffer), from
        this resolver's memo, the shared index, or built now."""
        memo = self._summaries.get((kind, path, module))
        if memo is not None:
            self._merge(memo[1])
            return memo[0]
        if text is not None:
            data = text.encode("utf-8", "surrogatepass")
            digest = digest_of(data)
            # Keyed by the text too: the language server's slower jedi pass of an older version may still be
            # running with the buffer's previous text. Under one key per buffer, that pass and the current
            # analysis each replaced the other's summary and built it again (a flaky count in
            # tests/test_lsp_offload.py); `ProjectIndex.put` keeps the last few texts of each buffer.
            key = (kind, module, path, "buffer", digest)
        else:
            key, (digest, data) = (kind, module, path), self.index.identity(path)
            if digest is None:  # unreadable
                self._reading[-1][module] = (None, None)
                return None
        entry = self.index.get(key, digest, self._still_valid, self._record)
        if entry is None:
            if data is None:
                data = _read(path)
                if data is None or digest_of(data) != digest:  # changed while we looked: next time
                    self._reading[-1][module] = (None, None)
                    return None
            entry = self._build(key, module, path, data, digest, build, building)
        if not self._record:
            self._summaries[(kind, path, module)] = (entry.summary, {})
            return entry.summary
        read_here = dict(entry.deps)
        read_here[module] = (path, entry.digest)
        self._summaries[(kind, path, module)] = (entry.summary, read_here)
        self._merge(read_here)
        return entry.summary

    def _still_valid(self, entry: IndexEntry) -> bool:
        """Is every module the entry's summary read where it was, with the same text?"""
        for module, (path, digest) in entry.deps.items():
            located = self.locate(module) if module.split(".")[0] not in STDLIB else None
            if (str(located) if located is not None else None) != path:
                return False
            if path is not None and self.index.identity(path)[0] != digest:
                return False
        return True

    def _build(self, key, module: str, path: str, data: bytes, digest: str, build, building) -> IndexEntry:
        # A module that imports itself back, while it is built, gets `building` (summaries: unknown).
        memo_key = (key[0], path, module)
        self._summaries[memo_key] = (building, {})
        self._reading.append({})
        self._merged.append({})
        self.building.append(memo_key)
        try:
            answer = build(data, path, module, self)
        finally:
            self.building.pop()
            deps = self._reading.pop()
            self._merged.pop()
            del self._summaries[memo_key]
        deps.pop(module, None)
        entry = IndexEntry(digest, answer, deps, self.index.epoch, self._record)
        if self.summarize is not None:  # (a resolver without summaries is a test's)
            self.index.put(key, entry)
        return entry


def _in_root(root: str, module: str) -> str | None:
    """`module`'s file directly under `root` (`a/b.py` or `a/b/__init__.py` for `a.b`), or None."""
    base = os.path.join(root, *module.split("."))
    for candidate in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(candidate):  # never raises, even in a folder that cannot be entered
            return candidate
    return None


def _read(path: str) -> bytes | None:
    return regular_bytes(path)  # only a regular file: an imported name may be a FIFO or a link to /dev/zero


def _with_member(summary, module: str | None, qualified: str):
    """(summary, "func" or "Class.method") for `qualified` in `module`, else (None, None)."""
    rest = qualified[len(module) + 1:].split(".") if summary is not None else ()
    return (summary, ".".join(rest)) if len(rest) in (1, 2) else (None, None)


def function_summary(resolver, qualified: str):
    """(module summary, "func" or "Class.method") for a function of a project module, asked of any
    resolver (one without `function_summary` is asked for the module); (None, None) if unknown."""
    if resolver is None:
        return None, None
    lookup = getattr(resolver, "function_summary", None)
    if lookup is not None:
        return lookup(qualified)
    module, _, name = qualified.rpartition(".")
    return (resolver.module_summary(module), name) if module else (None, None)


def raises_summary(resolver, qualified: str, depth: int | None = None):
    """`function_summary` for a question about what the function raises (`ProjectResolver.raises_summary`)."""
    lookup = getattr(resolver, "raises_summary", None) if resolver is not None else None
    return lookup(qualified, depth) if lookup is not None else function_summary(resolver, qualified)


def results_summary(resolver, qualified: str):
    """`function_summary` for a question about what the function returns (`ProjectResolver.results_summary`)."""
    lookup = getattr(resolver, "results_summary", None) if resolver is not None else None
    return lookup(qualified) if lookup is not None else function_summary(resolver, qualified)


def writes_summary(resolver, qualified: str):
    """(summary, name) for what a project module's function puts on its queue parameters
    (`ProjectResolver.writes_summary`); (None, None) from a resolver that cannot say."""
    lookup = getattr(resolver, "writes_summary", None) if resolver is not None else None
    return lookup(qualified) if lookup is not None else (None, None)


def site_findings(resolver, qualified: str):
    """(answer, member) of `ProjectResolver.site_findings`; (None, None) from a resolver that cannot say."""
    lookup = getattr(resolver, "site_findings", None) if resolver is not None else None
    return lookup(qualified) if lookup is not None else (None, None)


def names_summary(resolver, qualified: str):
    """`function_summary` for a question about definitions alone (`ProjectResolver.names_summary`)."""
    lookup = getattr(resolver, "names_summary", None) if resolver is not None else None
    return lookup(qualified) if lookup is not None else function_summary(resolver, qualified)


def module_names(resolver, module: str):
    """(definitions, imports) of a project module (`ProjectResolver.module_names`), asked of any resolver."""
    lookup = getattr(resolver, "module_names", None) if resolver is not None else None
    if lookup is not None:
        return lookup(module)
    summary = resolver.module_summary(module) if resolver is not None else None
    return (summary.definitions, summary.imports) if summary is not None else None


def effects_summary(resolver, qualified: str):
    """`function_summary` for a question about process effects only (spawning functions, sinks)."""
    lookup = getattr(resolver, "effects_summary", None) if resolver is not None else None
    return lookup(qualified) if lookup is not None else function_summary(resolver, qualified)


def acts_at_import(resolver, module: str) -> bool:
    """False only when importing the project module `module` starts no process and sets or fixes no
    start method (`ModuleSummary.starts_processes`, `sets_start_method`, `fixes_start_method` are empty)."""
    test = getattr(resolver, "acts_at_import", None)
    return test is None or test(module)


def _closure_decorator(resolver: ProjectResolver, decorator: ast.expr, qualified: str) -> bool:
    if not isinstance(decorator, ast.Name):
        return False
    module = qualified.rsplit(".", 1)[0]
    definitions = resolver.top_definitions(module)
    target = definitions.get(decorator.id) if definitions else None
    return isinstance(target, FUNCS) and as_decorator(summarize_returns(target)).kind == "closure"


class DeferredResolver:
    """A fallback that answers nothing but remembers what it was asked: the fast first pass of
    the language server uses it, and a second pass with jedi runs only when something was asked."""

    def __init__(self):
        self.asked: set[str] = set()

    def returns(self, qualified: str):
        self.asked.add(qualified)
        return None

    def definition_kind(self, qualified: str):
        self.asked.add(qualified)
        return None

    def module_summary(self, module: str):
        return None
