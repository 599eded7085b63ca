"""Can anything in a module reach a process boundary? If not, the rules have nothing to say about it and
the module is only parsed (syntax errors are still reported).

Why this is sound. Every rule reports something about a process the module starts, a pool it submits
to, or a start method it sets, or about a project module it imports that does one of these. In the
module itself all of these are multiprocessing / concurrent.futures APIs, reached through the API
table (`semantic.names.API`: `multiprocessing.*`, `concurrent.futures.ProcessPoolExecutor`, `torch.multiprocessing.*`,
`billiard.*`) or the library catalog (`semantic.boundaries`: an import of one of its libraries), so its
text names one of those words (`mentions_processes`; identifiers are
NFKC-normalised by Python, so a non-ASCII text is normalised first). Through another module, what
the walker and the rules can learn comes from that module's summary (`resolve.project.ModuleSummary`),
and only these parts of it create process facts in the importer: processes started or a start
method set or fixed at import, functions (or methods) that start processes when called, parameters
that reach a child. Results, exceptions, side effects and definitions of another module matter
only once the importer has a child of its own (they are judged when something is sent to one).

Which modules can the walker ask about? Every qualified name it builds starts at a name an import
binds (an `import` or `from ... import` anywhere in the module, at module level or in a function)
and grows by attribute names (`pkg.sub.func`, `helpers.make().run`). `_modules_asked` lists
the modules that can be named this way: the imported names and their dotted prefixes, and the project
modules below an imported package whose names follow a period in the module's text (a superset of
its attribute names; `getattr` on a module is not followed). A star import names its module. Relative
imports are placed as `ImportMap` places them. Before any of this, a cheap look at the text: a module
none of whose identifiers is a top-level name in the resolver's roots, and without a relative import
into a project package, imports no project module at all.

By name (issue 16). An importer gets a spawning function or a sink of another module only by naming
it: the walker's qualified name `helpers.launch` or `helpers.Pool.run` ends in the text (`launch`,
`from helpers import launch as go`, `helpers.Pool().run()`; its first part after the module, `launch`
or `Pool`, is in the text, or in a name an import binds; or `make` of `helpers.make().run()`, a function of that
module returning a new `Pool` on every way out, whose methods the walker names through it). So `process_names` answers, per project
module, through which names it gives anything (its summary's spawning functions' first parts and its
sinks' owners), and an importer counts only where its identifiers meet them. A module that names no
process API has spawning functions only if its text names such a name of a module it asks about, so
whether it can is reachability in the graph of modules (an edge where the importer names one of the
imported module's functions, classes or re-exports), searched over parse-only facts (`Local`); only
for a module the search reaches is its summary built, to say exactly which names it gives through.
In the same way a cataloged library counts only where the text names one of its boundaries
(`semantic.boundaries.triggers`: `Parallel` for joblib; `compute` or `persist` with a process
scheduler or a bag for dask). `concurrent` is not a process word (see PROCESS_WORDS). What the
analysis never follows is not followed here either: a re-export (`from pkg import launch` is asked of
pkg's own summary) and `getattr` on a module.
"""
from __future__ import annotations

import ast
import hashlib
import os
import re
import time
import threading
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cached_property, lru_cache

from mpguard.linter.trees import TREES
from mpguard.resolve.project import RACY_NS
from mpguard.semantic.returns import made_class_returned

# The words every process API of the table contains (a superset: a comment mentioning one is enough).
# `os.fork()` (MP423: a fork while threads run) is a process boundary of its own: the word `fork` or
# `forkpty` however it is reached (`import os as o; o.fork()`, `from os import *`). `concurrent` is not
# a process word: the process APIs of concurrent.futures are named `ProcessPoolExecutor` and
# `InterpreterPoolExecutor` wherever they are reached (`cf.ProcessPoolExecutor`, `from
# concurrent.futures.process import ProcessPoolExecutor as P`, after a star import); its thread pool
# starts threads, which matter only next to a fork (MP423), itself a process word.
PROCESS_WORDS = re.compile(r"multiprocessing|ProcessPool|InterpreterPool|billiard|\bfork(?:pty)?\b")

# Set to compare findings with and without this test (tests/test_reach.py, benchmarks): every module is checked.
CHECK_ALL = bool(os.environ.get("MPGUARD_NO_PREFILTER"))



# Words one of which every match of PROCESS_WORDS contains. The patterns are searched only in a text that
# has one: searching them was a third of the time of checking the standard library on top of parsing it.
PROCESS_LITERALS = ("multiprocessing", "ProcessPool", "InterpreterPool", "billiard", "fork")


def mentions_processes(text: str) -> bool:
    """Does the text name a process API outside its comments? (A comment never reaches the syntax tree;
    strings count, to stay on the safe side.) An import of a cataloged library counts only with one of its
    triggers (`imports_library`, read from the syntax tree)."""
    library, literals = _library_words(), _library_literals()
    if text.isascii():
        return _in_code(text, PROCESS_WORDS, PROCESS_LITERALS) or _in_code(text, library, literals)
    # `import ｍultiprocessing` (fullwidth m) imports multiprocessing: Python NFKC-normalises identifiers.
    # (Normalising may also turn characters into quotes or `#`: comments are not told apart here.)
    normal = unicodedata.normalize("NFKC", text)
    return any(_has_any(t, words) and pattern.search(t) is not None
               for pattern, words in ((PROCESS_WORDS, PROCESS_LITERALS), (library, literals)) for t in (text, normal))


def _has_any(text: str, words) -> bool:
    for word in words:
        if word in text:
            return True
    return False


def _in_code(text: str, pattern: re.Pattern, literals=()) -> bool:
    """Does `pattern` match outside comments? A match with no `#` before it on its line is not in a
    comment (comments end at the line's end); only when every match has one is the text tokenized.
    `literals`: words one of which every match contains (none: the text is searched)."""
    if literals and not _has_any(text, literals):
        return False
    found = False
    for match in pattern.finditer(text):
        found = True
        start = match.start()
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        if "#" not in text[line_start:start]:
            return True
    if not found:
        return False
    global TOKENIZED
    TOKENIZED += 1
    return pattern.search(_without_comments(text)) is not None


TOKENIZED = 0  # how many texts `_in_code` had to tokenize (tests count it)


def _without_comments(text: str) -> str:
    """The text with every comment blanked out, or the text itself if the tokenizer cannot read it, or
    if it has a lone carriage return (a line break to Python, but not to `io.StringIO`)."""
    import io
    import tokenize

    if "\r" in text:
        return text
    lines = text.split("\n")
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                (row, col), (_, end) = token.start, token.end
                line = lines[row - 1]
                lines[row - 1] = line[:col] + " " * (end - col) + line[end:]
    except (tokenize.TokenError, SyntaxError, IndexError, ValueError):
        return text
    return "\n".join(lines)


def imports_library(bound: set[str], text: str | None = None) -> bool:
    """Does an import bind a process module, or a cataloged library whose boundaries the text may reach
    (one of its `triggers`: `Parallel` for joblib; `compute` or `persist` and `processes` for dask), however it is
    written (`import os, joblib`, `if x: import dask`)? Without `text`, any import of a library counts.
    The drop-in copies of multiprocessing (multiprocess, pathos) count whatever the text says."""
    from mpguard.semantic.boundaries import triggers

    tops = {name.split(".")[0] for name in bound}
    if tops & _always_tops():
        return True
    found = tops & _import_tops()
    if not found or text is None:
        return bool(found)
    known = triggers()
    # A qualified name's parts are in the text or in a name an import binds (a relative import's package
    # is the file's place: `from .core import from_sequence` in dask/bag binds dask.bag.core.from_sequence).
    named = identifiers(text) | {part for name in bound for part in name.split(".")}
    return any(top not in known or any(trigger.met(named) for trigger in known[top]) for top in found)


@lru_cache(maxsize=1)
def _always_tops() -> frozenset:
    from mpguard.semantic.boundaries import aliases

    return PROCESS_TOPS | {name.split(".")[0] for name in aliases()}


@lru_cache(maxsize=1)
def _exempt_tops() -> frozenset:
    """Cataloged tops whose every boundary is named by a process word (concurrent: `...PoolExecutor`):
    the text test sees a use of any of them, so importing the top alone does not count."""
    from mpguard.semantic.boundaries import names_by_top

    return frozenset(top for top, names in names_by_top().items()
                     if all(PROCESS_WORDS.search(name.rpartition(".")[2]) for name in names))


@lru_cache(maxsize=1)
def _import_tops() -> frozenset:
    from mpguard.semantic.boundaries import library_tops

    return (library_tops() - _exempt_tops()) | PROCESS_TOPS


PROCESS_TOPS = frozenset({"multiprocessing", "billiard", "torch"})  # (concurrent: see PROCESS_WORDS)


@lru_cache(maxsize=1)
def _library_words() -> re.Pattern:
    """An import of a library whose process boundaries are cataloged (semantic/data/boundaries.json:
    pathos, joblib, dask, ...): its calls are process APIs too."""
    from mpguard.semantic.boundaries import module_pattern

    return module_pattern(_library_exempt())


@lru_cache(maxsize=1)
def _library_literals() -> tuple:
    """Words one of which every match of `_library_words` contains."""
    from mpguard.semantic.boundaries import module_literals

    return module_literals(_library_exempt())


def _library_exempt() -> frozenset:
    return _import_tops() - _always_tops() | _exempt_tops()


def may_reach_processes(text: str, tree: ast.Module, package: str | None, resolver) -> bool:
    """False only when no rule can fire on this module (see the module's docstring)."""
    if CHECK_ALL or mentions_processes(text):
        return True
    bound = _bound(tree, package)
    if imports_library(bound, text):
        return True
    if resolver is None:
        return False
    words = None
    for module in _modules_asked(bound, text, resolver):
        gives = process_names(resolver, module)
        if gives is None or gives is NOTHING:
            continue
        at_import, _names, via, positive = gives
        if at_import or positive and via is ANY:
            return True
        if positive and via:
            words = identifiers(text) if words is None else words
            if not via.isdisjoint(words):
                return True
    return False


IDENTIFIER = re.compile(r"[^\W\d]\w*")
IDENTIFIER_ASCII = re.compile(r"[^\W\d]\w*", re.ASCII)  # (for a text of ASCII alone: the same matches)


def identifiers(text: str) -> frozenset:
    """Every identifier-like word of the text, comments and strings included (a superset of the names
    its syntax tree holds: Python NFKC-normalises identifiers, so a non-ASCII text is read both ways).
    The same text is asked about up to three times in a row (its `Local` facts, `imports_library`, the
    search of `may_reach_processes`): the last answer is kept for an equal text."""
    global _LAST_WORDS
    last_text, last_words = _LAST_WORDS
    if last_text is text or (len(last_text) == len(text) and last_text == text):
        return last_words
    if text.isascii():
        words = _ascii_words(text)
    else:
        words = set(IDENTIFIER.findall(text))
        words.update(IDENTIFIER.findall(unicodedata.normalize("NFKC", text)))
    words = frozenset(words)
    _LAST_WORDS = (text, words)  # (one tuple: a thread reads a consistent pair)
    return words


# Every ASCII character that is not a word character (`\w` of an ASCII text) becomes a space.
NOT_WORD = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})
DIGITS = "0123456789"


def _ascii_words(text: str) -> set:
    """`IDENTIFIER_ASCII.findall`'s words of an ASCII text, a quarter faster: the runs of word characters,
    each without the digits it starts with (the pattern's match starts at a run's first non-digit and runs
    to its end); a run of digits alone is no word. (The pattern was 5% of checking the 12 projects.)"""
    words = set()
    for run in set(text.translate(NOT_WORD).split()):
        if run[0] in DIGITS:
            run = run.lstrip(DIGITS)
            if not run:
                continue
        words.add(run)
    return words


_LAST_WORDS: tuple = ("\0", frozenset())  # (a NUL has no words: the answer is right for that text too)


# What importing a project module can give its importers (`process_names`): (at import: the summary may
# start processes or set or fix the start method at import; names: the top-level functions and classes
# that may be its spawning functions' and sinks' (first) names; via: those and the names its imports bind,
# which an importer may reach them through (a re-export: `from .impl import launch` in a package's
# __init__), or ANY after a star import; positive: it gives something through those names).
ANY = None
NOTHING = (False, frozenset(), frozenset(), False)
LOCAL = "process-local"  # the index's name for `local_facts` answers


@dataclass(frozen=True)
class Local:
    """What one module's own text says (parsed, not walked; kept by the project index per content)."""

    source: bool  # it names a process API or imports a cataloged library: its summary answers for it
    asked: tuple  # the project modules it may ask about (`_modules_asked`)
    words: frozenset  # its identifiers (`identifiers`)
    defined: frozenset  # its top-level functions and classes: all its spawning functions and sinks can be
    exported: frozenset = frozenset()  # the names its imports bind (re-exports)
    star: bool = False  # a star import: it may re-export any name
    package: bool = False  # a package's `__init__`: the analysis follows its named re-exports (`defined_name`)
    exports: tuple = ()  # (name, qualified) of each name its `from` imports of project modules bind

    def via(self, names: frozenset):
        """The names an importer reaches `names` through, once there are some: themselves, and the
        module's re-exports (a module's every project import counts as one; `star`: any name)."""
        if not names:
            return frozenset()
        return ANY if self.star else names | self.exported

    @cached_property
    def firsts(self) -> frozenset:
        """The first names of the modules it asks about (`locate` finds them only in roots holding one)."""
        return frozenset(name.split(".")[0] for name in self.asked)

    @cached_property
    def explored(self):
        """The names through which the search goes on into this module: its functions and classes and,
        when it has some, its re-exports. (A module that defines nothing, a package's `__init__`, gives
        nothing itself, and the analysis never follows a re-export: `from pkg import launch` with
        `launch` re-exported from pkg.impl is asked of pkg, whose summary has no `launch`. Following
        them anyway made dask's every module reach its one process-starting class.)"""
        if self.reexporting:  # (its own answer says which of them give: `_reexported`)
            return self.exported
        return self.via(self.defined)

    @property
    def reexporting(self) -> bool:
        """A package's `__init__` that defines nothing and names no process API but re-exports names of project
        modules: the analysis asks for `pkg.launch` where `launch` is defined (resolve/project.defined_name)."""
        return self.package and not self.defined and not self.source and bool(self.exports)


def local_facts(data: bytes, path: str, module: str, resolver) -> Local:
    """A module's `Local` facts. Text that does not decode or parse summarises to nothing."""
    from mpguard.semantic.names import ImportMap, package_name
    from mpguard.text.source import SourceDecodeError, decode_source

    try:
        text = decode_source(data)
        source = mentions_processes(text)
        tree = TREES.borrow(text, path)  # (it keeps nothing of the tree: any of the same text will do)
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return Local(False, (), frozenset(), frozenset())
    package = package_name(module, path)  # as the summary reads its imports (`linter.summaries`)
    statements = list(_imports(tree))  # (read twice: walked once)
    bound = _bound(tree, package, statements)
    # Re-exports: names `from` imports of project modules bind (`from .impl import launch`).
    tops = _top_names(resolver)
    imports = [node for node in statements if type(node) is ast.ImportFrom
               and (node.level or (node.module or "").split(".")[0] in tops)]
    exports = tuple(pair for node in imports for pair in ImportMap(package).add(node))
    exported = frozenset(local for local, _ in exports)
    star = any(alias.name == "*" for node in imports for alias in node.names)
    source = source or imports_library(bound, text)
    defined = frozenset(s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
    return Local(source, tuple(_modules_asked(bound, text, resolver)), identifiers(text), defined, exported, star,
                 os.path.basename(path) == "__init__.py", exports)


def process_names(resolver, module: str):
    """What importing the project module `module` can give an importer: (at import, names), or None when
    it is not a project module. The importer's summary or findings can have a process fact from it only
    at import, or where the importer's text names one of `names` (`f` of `module.f()`, `from module import
    f as g`, `C` of `module.C().m()` or `class D(module.C)`).

    For a module whose text names a process API (a source), its summary answers (built once). For one
    that does not, the argument of this module's docstring applied to the module itself: it starts
    nothing at import, and its summary has spawning functions only if its text names a name through
    which one of the modules it asks about gives them; then any of its top-level functions and classes
    may be one. That is reachability in the graph of modules (an edge where the importer names one of
    the imported module's names) from the module to a source with names: found by a search over the
    modules' `Local` facts (no summary is built on the way but the sources'), so an import cycle is
    answered exactly, whatever the order of the questions. Answers are kept for the epoch with what they
    read (the cache across runs keys a file's findings by it).

    An answer that met a summary being built holds only while the same summaries are being built: it is
    kept apart for exactly those (`_building`), and meeting it again counts as meeting them. (A summary
    that is not being built is either built already or built by the search itself, and never changes
    within an epoch; dask's first summaries, nested ten deep, searched the same modules 198,000 times.)"""
    memo = _memo(resolver)
    known = memo.get(module)
    building = _building(resolver)
    if known is None and building:
        known = memo.get((building, module))
        if known is not None:
            _BUILDING.met = True
    if known is not None:
        answer, read = known
        _replay(resolver, read)
        return answer
    outer = getattr(_BUILDING, "met", False)
    _BUILDING.met = False
    try:
        with _reading(resolver) as read:
            answer, settled = _search(resolver, module, memo)
        if _BUILDING.met:  # an answer for the summaries being built only: kept for them alone
            if building:
                for name, answer_there in settled.items():
                    memo[(building, name)] = (answer_there, read)
                if answer is not None:
                    memo[(building, module)] = (answer, read)
            return answer
    finally:
        _BUILDING.met = outer or _BUILDING.met
    for name, answer_there in settled.items():
        memo[name] = (answer_there, read)
    if answer is not None:
        memo[module] = (answer, read)
    return answer


# Set when a search met a source whose summary is being built (a question asked while building it).
_BUILDING = threading.local()


def _building(resolver) -> tuple:
    """The answers the resolver is building now (`ProjectResolver.building`), outermost first."""
    return tuple(getattr(resolver, "building", ()))


def _search(resolver, root: str, memo: dict):
    """(the root's answer, {module: answer} found on the way for modules that give nothing)."""
    local = resolver.module_fact(root, LOCAL, local_facts)
    if local is None:
        return None, {}
    at_import, own = _own(resolver, root, local)
    if local.source:  # its summary holds what it reaches (the search below is for the others)
        return (at_import, own, local.via(own), bool(own)), {}
    if local.reexporting:
        return _reexported(resolver, root, local), {}
    seen, stack, settled = {root}, [(root, local)], {}
    while stack:
        module, here = stack.pop()
        edges = _edges(resolver, module, here)
        for name, other, at in edges.project:
            known = memo.get(name)
            if known is not None:  # (what it read is part of this answer's)
                _replay(resolver, known[1])
                if _through(known[0], here.words):
                    return _reached(resolver, root, local, edges, at), {}
                continue
            if name in seen:
                continue
            if other.source or other.reexporting:
                # (what it gives is named by its own definitions: an importer that names none of them, nor
                # of its re-exports, gets nothing from it, and its summary need not be built to say so)
                if other.explored is not ANY and other.explored.isdisjoint(here.words):
                    continue
                # (its answer is its summary's, kept like any other: the searches of a run met the same
                # sources again and again, and read their summaries each time: dask, 226,000 times)
                if _through(process_names(resolver, name), here.words):
                    return _reached(resolver, root, local, edges, at), {}
                continue
            via = other.explored
            if via is ANY or not via.isdisjoint(here.words):
                seen.add(name)
                settled[name] = NOTHING
                stack.append((name, other))
        _replay(resolver, edges.read)  # (what asking for the facts of each module it asks about read)
    return NOTHING, settled  # nothing reachable from the root gives anything: nor from any of them


_REEXPORTING = threading.local()  # the packages whose re-exports are being judged (a package re-exporting itself)


def _reexported(resolver, root: str, local: Local):
    """The answer for a package that only re-exports: it gives each name whose module gives the name it
    re-exports (`from .impl import launch` gives `launch` when pkg.impl gives `launch`), and nothing at import of
    its own. Only those names: a package of many re-exports (dask's) gives an importer only what it names."""
    busy = getattr(_REEXPORTING, "modules", None)
    if busy is None:
        busy = _REEXPORTING.modules = set()
    if root in busy:
        return NOTHING
    busy.add(root)
    try:
        gives = set()
        for name, qualified in local.exports:
            parts = qualified.split(".")
            for cut in range(len(parts) - 1, 0, -1):  # the longest module first, as the resolver
                module = ".".join(parts[:cut])
                if resolver.module_fact(module, LOCAL, local_facts) is None:
                    continue
                there = process_names(resolver, module) if module != root else None
                if there is not None and there is not NOTHING and there[3] \
                        and (there[2] is ANY or parts[cut] in there[2]):
                    gives.add(name)
                break
    finally:
        busy.discard(root)
    return (False, frozenset(gives), frozenset(gives), True) if gives else NOTHING


def _reached(resolver, root: str, local: Local, edges, at: int):
    """The answer for a module (not a source) from which a module that gives is reachable: its summary
    says which of its functions start processes through it (a summary is exact: only what it lists
    gives), and its re-exports pass on what they name. The search stopped at the `at`-th module its last
    module asks about: what asking about those up to there read is part of the answer's."""
    for read in edges.reads[:at + 1]:
        _replay(resolver, read)
    own = _own(resolver, root, Local(True, (), frozenset(), frozenset()))[1]
    return False, own, local.via(own), bool(own)


def _through(gives, words) -> bool:
    """Does a module with these words get something from a module that gives `gives`? (Effects at
    import do not pass through: an importer's summary holds its own only.)"""
    _at_import, _names, via, positive = gives
    return positive and (via is ANY or not via.isdisjoint(words))


def _own(resolver, module: str, local: Local):
    """(at import, names) a module gives by itself: a source's summary's effects at import, the first part
    of each spawning function's name (`f`, `C` of `C.method`), its sinks' owners and the functions whose pool's
    worker count the caller gives (`counted`); nothing for any other
    module. A summary that is being built (the question comes from building it, through an import cycle)
    counts as nothing, as the summary itself does for that question (`ProjectResolver.module_summary` is
    None while it is built), and the answer is not kept."""
    if not local.source:
        return False, frozenset()
    summary = resolver.module_summary(module)  # (its summary is built once, for every importer)
    if summary is None:
        _BUILDING.met = True
        return False, frozenset()
    at_import = bool(summary.starts_processes or getattr(summary, "main_only_starts", None) or summary.sets_start_method or summary.fixes_start_method
                     or getattr(summary, "chooses_start_method", None))
    names = frozenset(key.split(".")[0] for key in (*summary.sinks, *summary.spawning, *summary.setting,
                                                      *getattr(summary, "counted", ())))
    return at_import, names | _factories(summary.definitions, names)


def _factories(definitions: dict, names: frozenset) -> frozenset:
    """The module's functions that return a new object of one of its classes among `names` (`data_provider()`
    giving a `DataLoader` whose `batches()` makes a Pool): the walker names that class's methods through the
    function (`data_provider(args).batches`, resolve.project `_factory_method`)."""
    classes = {n for n in names if isinstance(definitions.get(n), ast.ClassDef)}
    if not classes:
        return frozenset()
    out = set()
    for name, definition in definitions.items():
        if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
            made = made_class_returned(definition, definitions)
            if made is not None and made.name in classes:
                out.add(name)
    return frozenset(out)


# module -> (answer, what it read), per resolver roots, for one epoch of the project index.
_MEMO: dict = {}
# module -> its edges (`_edges`), kept as `_MEMO` is.
_EDGES: dict = {}


def _memo(resolver, memos: dict = _MEMO, by_roots: bool = True) -> dict:
    index = getattr(resolver, "index", None)
    roots = (getattr(resolver, "_roots_key", None) or tuple(map(str, getattr(resolver, "roots", ()) or ()))) \
        if by_roots else None  # (`ProjectResolver._roots_key`: the same strings, made once per resolver)
    key = (getattr(index, "epoch", None), id(index), roots,
           getattr(resolver, "_record", True))  # (answers found without recording what they read: apart)
    memo = memos.get(key)
    if memo is None:
        if len(memos) > 64:
            memos.clear()
        memo = memos[key] = {}
    return memo


class Edges:
    """The modules one module asks about (`Local.asked`), each asked for its `Local` facts once per epoch:
    the searches of every file of a run cross the same modules (dask: two million questions for 365
    files), and each question, asked again within an epoch, gives the same answer and reads the same
    modules (`_MEMO` keeps the searches' answers on the same terms)."""

    __slots__ = ("project", "reads", "read")

    def __init__(self, resolver, local: Local):
        self.project = []  # (name, its Local facts, its place in `asked`) for the project modules
        self.reads = []  # per module asked about: what asking for its facts read
        for at, name in enumerate(local.asked):
            with _reading(resolver, record=False) as read:  # (recorded where a search meets it)
                other = resolver.module_fact(name, LOCAL, local_facts)
            self.reads.append(read)
            if other is not None:
                self.project.append((name, other, at))
        # What asking about all of them read: a search that goes through every one records it at once.
        # (One that skips a module it already met, or that a kept answer covers, has recorded it already:
        # asking for a module's facts is the first thing its search does.)
        self.read = {key: value for read in self.reads for key, value in read.items()}


def _edges(resolver, module: str, local: Local) -> Edges:
    memo = _memo(resolver, _EDGES)
    edges = memo.get(module)
    if edges is None:
        # Every folder of a project has roots of its own (`linter.files`: the file's folder is one), and
        # each asked the same modules about the same modules again (dask: 3,145 edge lists for 202
        # modules). The edges depend on the roots only through where the modules asked about are found:
        # a root that holds none of their first names (no `p.py`, no `p/`) finds none of them, and
        # leaving it out changes no answer of `locate`. So the edges are shared by every list of roots
        # that is the same once those are left out. (What asking for a module's facts reads is the index
        # entry's, the same for every resolver of the epoch.)
        shared = _memo(resolver, _SHARED_EDGES, by_roots=False)
        key = (module, _roots_finding(resolver, local.firsts))
        edges = shared.get(key)
        if edges is None:
            edges = shared[key] = Edges(resolver, local)
        memo[module] = edges
    return edges


_SHARED_EDGES: dict = {}  # (module, the roots that can find what it asks about) -> its edges, per epoch


def _roots_finding(resolver, firsts: frozenset) -> tuple:
    """The resolver's roots that hold an entry named by one of `firsts` (listed once per epoch)."""
    listings = _memo(resolver, _EPOCH_LISTINGS, by_roots=False)
    out = []
    for root in getattr(resolver, "_root_names", None) or map(str, getattr(resolver, "roots", ()) or ()):
        names = listings.get(root)
        if names is None:
            names = listings[root] = _listing(root)
        if not firsts.isdisjoint(names):
            out.append(root)
    return tuple(out)


_EPOCH_LISTINGS: dict = {}  # folder -> its entries, per epoch (as `ProjectIndex.located` is)


def _reading(resolver, record: bool = True):
    reading = getattr(resolver, "reading", None)
    return (reading() if record else reading(record=False)) if reading is not None else nullcontext({})


def _replay(resolver, read: dict) -> None:
    replay = getattr(resolver, "replay", None)
    if replay is not None:
        replay(read)


def may_give(resolver, module: str, at_import: bool = False):
    """The summarizers' quick test (`resolve.project.Summarizer`): the names through which importing
    `module` may give a process fact (`process_names`) when it gives none at import, so that a question
    about those parts alone (does `module.f` start processes? where do its parameters go?) does not
    build the summary for another name; None when it cannot tell (the prefilter is off, or `module` is
    not a project module). `at_import`: the question is only whether importing it acts (None) or not;
    a module that is not a source (it names no process API, imports no cataloged library) never does,
    whatever it imports (`_search` answers False for it), so its own text answers without a search."""
    if CHECK_ALL or getattr(resolver, "module_fact", None) is None:
        return None
    if at_import and module not in _memo(resolver):
        local = resolver.module_fact(module, LOCAL, local_facts)
        if local is not None and not local.source:
            return frozenset()
    gives = process_names(resolver, module)
    if gives is None or gives[0]:
        return None
    return gives[1] if gives[3] else frozenset()  # (names, not via: the summary's own parts)


def _bound(tree: ast.Module, package: str | None, statements=None) -> set[str]:
    """The qualified names the module's imports bind, and the modules they read. `statements`: its import
    statements (`_imports`), when the caller has them."""
    from mpguard.semantic.names import ImportMap

    bound: set[str] = set()
    for node in _imports(tree) if statements is None else statements:
        if type(node) is ast.ImportFrom:
            bound.add(_absolute(node, package))  # (a star import binds nothing else)
        else:
            bound.update(alias.name for alias in node.names)
        bound.update(qualified for _local, qualified in ImportMap(package).add(node))
    bound.discard("")
    return bound


def _modules_asked(bound: set[str], text: str, resolver) -> list[str]:
    """The modules the walker may ask about, standard library left out (the resolver never summarises it).
    Whether a module is there is itself asked of the resolver, so that the cache across runs sees a
    module that appears later."""
    from mpguard.resolve.project import STDLIB

    bound = {name for name in bound if name.split(".")[0] not in STDLIB}
    if not bound:
        return []
    tops = {name.split(".")[0] for name in bound}
    if not tops & _top_names(resolver):
        for top in tops:  # none is there; the cache across runs must see one that appears (as a folder too)
            note_folder(resolver, top, _package_dirs(resolver, top))
        return sorted(tops)  # (asking records that they were looked for)
    asked = set()
    for name in bound:
        parts = name.split(".")
        asked.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return sorted(asked | _below(bound, text, resolver))


# Identifiers after a period (attribute names: `a . b`, `a.\\` + newline + `b`, or across lines and
# comments inside brackets). A comment runs to its line's end (the lookahead) and is read one way only:
# the backtracking pattern this replaces could split a run of `#` in exponentially many ways (nltk's
# banners: 73 s for one file). No possessive quantifiers: they need Python 3.11 and mpguard runs on 3.10.
ATTRIBUTE = re.compile(r"\.(?:[\s\\]|#[^\r\n]*(?=[\r\n]|\Z))*([^\W\d]\w*)")


def _top_names(resolver) -> frozenset[str]:
    """Module and package names directly in the resolver's roots: listed once per epoch for these roots,
    as modules are located (`ProjectResolver.locate`); every file of a folder asks."""
    memo = _memo(resolver, _TOPS)
    names = memo.get(None)
    if names is None:
        # (each folder of the run has roots of its own, all of them holding the cwd: every root is listed
        # once per epoch, as `_roots_finding` lists them. From /tmp, a folder of thousands of entries that
        # other programs keep changing, `_listing` listed it again for every folder: 3% of the 12 projects.)
        listings = _memo(resolver, _EPOCH_LISTINGS, by_roots=False)
        found = []
        for root in getattr(resolver, "roots", None) or ():
            root = str(root)
            listed = listings.get(root)
            if listed is None:
                listed = listings[root] = _listing(root)
            found.append(listed)
        names = memo[None] = frozenset().union(*found)
    return names


_TOPS: dict = {}  # the roots' `_top_names`, kept as `_MEMO` is


_LISTINGS: dict = {}  # folder -> (its mtime, when it was listed, the names in it)


def _listing(folder: str) -> frozenset:
    """A folder's entries (".py" taken off), listed again when its mtime moved (a module was added or
    removed), or when it is too recent to be sure (an entry added within the same clock tick)."""
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return frozenset()
    known = _LISTINGS.get(folder)
    if known is not None and known[0] == mtime and mtime < known[1] - RACY_NS:
        return known[2]
    listed_at = time.time_ns()
    try:
        entries = os.listdir(folder)
    except OSError:
        entries = []
    names = frozenset(e[:-3] if e.endswith(".py") else e for e in entries)
    if len(_LISTINGS) > 256:
        _LISTINGS.clear()
    _LISTINGS[folder] = (mtime, listed_at, names)
    return names


def _absolute(node: ast.ImportFrom, package: str | None) -> str:
    """The module a `from` import reads, as `ImportMap` places it."""
    module = node.module or ""
    if node.level and package is not None:
        parts = package.split(".") if package else []
        parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
        module = ".".join(p for p in (*parts, module) if p)
    return module


def _imports(tree: ast.Module):
    """Import statements anywhere in the module (statements only: imports are never expressions)."""
    from mpguard.semantic.index import body_fields

    stack = list(tree.body)
    Import, ImportFrom = ast.Import, ast.ImportFrom
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is Import or kind is ImportFrom:
            yield node
            continue
        for name in body_fields(kind):
            children = getattr(node, name, None)
            if children:
                stack.extend(children)


def _below(bound: set[str], text: str, resolver) -> set[str]:
    """Project modules under an imported package, named by attributes the module uses: `support.os_helper`
    (read from the text: every identifier after a period, a superset of the attribute names)."""
    words = None
    found: set[str] = set()
    todo = sorted(bound)
    while todo:
        name = todo.pop()
        folders = _package_dirs(resolver, name)
        note_folder(resolver, name, folders)
        if not folders:
            continue
        if words is None:
            words = set(ATTRIBUTE.findall(text))
        for folder in folders:
            for stem in _listing(folder):
                if stem in words and f"{name}.{stem}" not in found:
                    found.add(f"{name}.{stem}")
                    todo.append(f"{name}.{stem}")
    return found


FOLDER_KEY = "folder:"  # the key of a folder's listing among the modules an analysis read


def note_folder(resolver, module: str, folders: list[str]) -> None:
    """Tell the resolver which modules could be found below `module` (the cache across runs re-lists them)."""
    note = getattr(resolver, "note", None)
    if note is not None:
        note(FOLDER_KEY + module, None, _folders_digest(folders))


def folder_digest(roots, module: str) -> str | None:
    return _folders_digest(_dirs(roots, module))


def _folders_digest(folders: list[str]) -> str | None:
    if not folders:
        return None
    listed = tuple(_listing(folder) for folder in folders)
    key = tuple(folders)
    known = _DIGESTS.get(key)
    if known is not None and all(a is b for a, b in zip(known[0], listed)):
        return known[1]  # (the same listings as last time: every test file of a package notes its folder)
    listing = [[folder, sorted(n for n in names if n.isidentifier())] for folder, names in zip(folders, listed)]
    digest = hashlib.blake2b(repr(listing).encode(), digest_size=16).hexdigest()
    if len(_DIGESTS) > 256:
        _DIGESTS.clear()
    _DIGESTS[key] = (listed, digest)
    return digest


# folders -> (their `_listing`s, the digest of them): `_listing` hands out the same set while a folder is
# unchanged, so a digest is made again only when one of them was listed again.
_DIGESTS: dict = {}


def _package_dirs(resolver, module: str) -> list[str]:
    """`_dirs` for the resolver's roots, looked up once per epoch (as `ProjectResolver.locate` is): every
    file of a folder asks about the same packages (mypy: 21,000 lookups of 5 roots each)."""
    memo = _memo(resolver, _DIRS)
    found = memo.get(module)
    if found is None:
        found = memo[module] = _dirs(getattr(resolver, "roots", None) or (), module)
    return found


_DIRS: dict = {}  # the roots' package folders per module, kept as `_MEMO` is


def _dirs(roots, module: str) -> list[str]:
    tail = module.replace(".", os.sep)
    return [folder for folder in (os.path.join(root, tail) for root in roots) if os.path.isdir(folder)]
