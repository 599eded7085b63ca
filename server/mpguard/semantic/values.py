"""Abstract values: what the walker knows an expression evaluates to."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass(eq=False)
class Value:
    node: ast.AST | None = None


@dataclass(eq=False)
class Context(Value):
    """A `multiprocessing` context; `method` None means the default one."""

    method: str | None = None


@dataclass(eq=False)
class MPObject(Value):
    """Something multiprocessing made: Process, Pool, Executor, Manager, Queue, Lock, ..."""

    kind: str = ""
    method: str | None = None
    creation: object | None = None  # the facts.Creation that made it
    daemon: bool = False
    subclass: ast.ClassDef | None = None


@dataclass(eq=False)
class Callable(Value):
    """A reference to a function or class.

    kind: module | method | builtin | imported | lambda | nested | local_class | guard |
    closure (returned by a factory or made by a decorator without functools.wraps).
    """

    kind: str = "module"
    name: str = ""
    definition: ast.AST | None = None
    detail: str = ""
    # Decorators imported from other modules: whether they hide the function is asked lazily.
    decorators: tuple = ()


@dataclass(eq=False)
class Partial(Value):
    func: Value | None = None
    args: list = field(default_factory=list)


@dataclass(eq=False)
class BoundMethod(Value):
    instance: Value | None = None
    name: str = ""


@dataclass(eq=False)
class Instance(Value):
    cls: Callable | None = None
    args: list = field(default_factory=list)  # values given to the constructor (it may keep them)


@dataclass(eq=False)
class Unpicklable(Value):
    """An object pickle refuses: a thread lock, an open file, a generator, ..."""

    what: str = ""
    error: str = ""


@dataclass(eq=False)
class Sequence(Value):
    items: list = field(default_factory=list)


@dataclass(eq=False)
class ModuleRef(Value):
    qualified: str = ""


@dataclass(eq=False)
class Imported(Value):
    """A name imported from a module mpguard can read (project code)."""

    module: str = ""
    name: str = ""


@dataclass(eq=False)
class Constant(Value):
    """A literal whose pickled size is known to be small."""

    size: int = 0


@dataclass(eq=False)
class Returned(Value):
    """What a call to a function of another module returned; resolved only if it reaches a child."""

    qualified: str = ""
