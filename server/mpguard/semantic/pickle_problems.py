"""What pickle refuses, as a Problem, and the words of its errors (the Pickler's answers)."""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from mpguard.semantic import errors
from mpguard.semantic.kept_lambdas import field_of, module_lineage, stored_lambda
from mpguard.semantic import values as V
from mpguard.semantic.boundaries import command_groups


def local_error(qualname_: str, definition: ast.AST | None = None):
    """Pickling a nested function or class: the words differ per version (semantic/errors.py)."""
    if isinstance(definition, ast.ClassDef):
        return errors.text("local_class", module="__main__", qualname=qualname_)
    return errors.text("local_function", qualname=qualname_)


DECORATED = re.compile(r"decorated by (?:[\w.]*\.)?(\w+)(?:\(.*?\))?, which returns its nested ([\w.<>]+) without")


def wrapper_qualname(detail: str) -> str:
    """`traced.<locals>.wrapper` for a function decorated by a plain-named `traced` that returns its
    nested `wrapper`: the name pickle prints. A called decorator (`@traced(...)`) nests deeper."""
    match = DECORATED.match(detail)
    return f"{match.group(1)}.<locals>.{match.group(2)}" if match else "<decorator>.<locals>.wrapper"


def lambda_error(module: str = "__main__", qualname_: str = "<lambda>"):
    return errors.text("lambda", qualname=qualname_, module=module)


FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


CUSTOM_PICKLING = {"__getstate__", "__reduce__", "__reduce_ex__"}


@dataclass(frozen=True)
class Problem:
    kind: str  # lambda | local | guard | unpicklable | state | sync
    what: str
    error: str
    definition: ast.AST | None = None
    # Where the refused value itself is made, when a fix can change it there: the lambda in a
    # dataclass field or an attribute, the generator in a list of chunks.
    origin: ast.AST | None = None
    mode: str | None = None  # an open file's mode, when known: cloudpickle copies a file opened for reading
    # The expression that makes the refused object, when known (`httpx.Client(...)` stored in a field): a function's
    # summary reads the parameter conditions it is made under (linter/summaries._judge_results)
    at: ast.AST | None = None


@dataclass(frozen=True)
class Elsewhere:
    """The node a fix would change for a refused value made in another project module (a lambda, or a nested def or
    class), named by its file and its place there: `(lineno, col_offset, end_lineno, end_col_offset)` as `ast`
    gives them. A Problem's `origin` when the value was judged in that module's summary (`ModuleSummary.origins`),
    whose nodes the importing module's analysis does not hold: `fixes/other_module.py` finds it again."""

    path: str
    place: tuple
    kind: str  # "lambda" | "local"


def fix_handle(problem: Problem, parents: dict) -> tuple | None:
    """(kind, place) of the node of this module (held in `parents`) a fix would change for `problem`: the lambda
    it names as its origin, or the nested def or class of a `local` problem. What a summary keeps for its callers
    (`ModuleSummary.origins`)."""
    node = origin_of(problem)
    kind = "lambda" if isinstance(node, ast.Lambda) else None
    if node is None and problem.kind == "local" and isinstance(problem.definition, (*FUNCS, ast.ClassDef)):
        node, kind = problem.definition, "local"
    field = field_of(problem.what) if node is None and isinstance(problem.definition, ast.ClassDef) \
        and problem.what.count("whose ") == 1 else None
    if field is not None and parents.get(problem.definition) is not None:  # a lambda an object of this module keeps
        node = stored_lambda(module_lineage(problem.definition, parents), field)
        kind = "lambda" if node is not None else None
    if kind is None or parents.get(node) is None:
        return None
    return kind, (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def origin_of(problem: Problem) -> ast.AST | None:
    if problem.origin is not None:
        return problem.origin
    return problem.definition if problem.kind == "lambda" else None


def with_article(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def qualname(definition: ast.AST | None, parents: dict, name: str) -> str:
    parts, node = [name], parents.get(definition)
    while node is not None:
        if type(node) is ast.arguments:  # a default: the def's enclosing scope evaluates it
            node = parents.get(parents.get(node))
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            parts.append(f"{node.name}.<locals>")
        elif isinstance(node, ast.ClassDef):
            parts.append(node.name)
        elif isinstance(node, ast.Lambda):
            parts.append("<lambda>.<locals>")
        elif type(node) in COMPREHENSIONS:  # 3.11's words; 3.12+ inlines all but generators (errors.py)
            parts.append(COMPREHENSIONS[type(node)])
        node = parents.get(node)
    return ".".join(reversed(parts))


COMPREHENSIONS = {ast.ListComp: "<listcomp>", ast.DictComp: "<dictcomp>", ast.SetComp: "<setcomp>",
                  ast.GeneratorExp: "<genexpr>"}


def authkey_only(error: str) -> bool:
    """Is this the refusal of a Process object's authentication key, which only pickling outside a spawn meets (a pool
    task): while a child is spawned it pickles (rules/process_arguments.while_spawning drops it), so the object's
    other state must still be judged rather than hidden behind it."""
    return "AuthenticationString" in error


def replaced_error(name: str) -> str:
    """What pickle says of a function a library decorator replaced with its command object (`command_groups`)."""
    entry = next((e for e in command_groups().values() if e.get("replaced_error")), {})
    return entry.get("replaced_error", "").format(name=name)


def call_text(value: V.Returned) -> str:
    """`kit.cloud.s3_resource().Object()`: the call chain that made a method's result of another module's value."""
    method = value.qualified.rpartition(".")[2]
    if type(value.receiver) is V.Returned:
        return f"{call_text(value.receiver)}.{method}()"
    return f"{value.qualified}()"
