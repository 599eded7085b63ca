"""Why an exception instance cannot be rebuilt after pickling: BaseException keeps only the positional arguments that
reached its __init__, and unpickling calls the class with them (MP208's wording of the TypeError)."""
from __future__ import annotations

import ast

from mpguard.semantic.exception_args import init_chain, init_of, reaching_base
from mpguard.semantic.index import nodes_in


def rebuild_problem(cls, made, base_of=None) -> str | None:
    """Why an exception instance cannot be rebuilt after pickling (BaseException keeps only the
    positional arguments it was built with, and unpickling calls the class with them): its __init__
    passes other arguments to super().__init__, or it was built with keyword arguments that
    __init__ requires and keeps nowhere else."""
    reason = exception_not_rebuildable(cls, base_of)
    if reason or not isinstance(cls, ast.ClassDef) or not isinstance(made, ast.Call) or not made.keywords:
        return reason
    if not any((getattr(b, "id", None) or getattr(b, "attr", "")).endswith(("Error", "Exception", "Warning"))
               for b in cls.bases):
        return None
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None or any(_is_reduce(f) for f in cls.body) or init.args.vararg:
        return None
    params = [a.arg for a in init.args.args[1:]]
    required = set(params[: len(params) - len(init.args.defaults)])
    if not required & {k.arg for k in made.keywords}:
        return None
    if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "__init__" and n.args
           for n in nodes_in(init)):
        return None  # it hands its arguments to the base itself
    return "was built with keyword arguments, which BaseException does not keep"


def exception_not_rebuildable(cls, base_of=None) -> str | None:
    """An exception class whose __init__ needs arguments it does not pass to Exception.__init__ (with
    `base_of`, through the chain of the project's base classes: semantic/exception_args). A class that
    defines no __init__ is judged by the one it inherits (`init_owner`)."""
    if not isinstance(cls, ast.ClassDef) or not cls.bases:
        return None
    found = init_chain(cls, base_of)
    if found is None or not found[0].bases:
        return None
    cls, rest = found
    init = init_of(cls)
    if _required_keywords(init):  # unpickling calls `cls(*args)`: a keyword-only argument is never given
        return "needs keyword-only argument(s) in __init__, which unpickling never passes"
    params = [a.arg for a in init.args.args[1:]]
    required = params[: len(params) - len(init.args.defaults)]
    if init.args.vararg:
        return None
    for node in nodes_in(init):  # (no required argument: still too many when more reach the base than it takes)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__":
            if any(isinstance(a, ast.Starred) for a in node.args):
                return None
            passed = node.args
            if isinstance(node.func.value, ast.Name) and passed[:1] and isinstance(passed[0], ast.Name) \
                    and passed[0].id == "self":
                passed = passed[1:]
            # Unpickling calls the class with the arguments that reached BaseException.__init__: that
            # fails only when they are fewer than __init__ requires, or more than it takes
            # (`super().__init__(message)` with `__init__(self, message, resource=None)` rebuilds).
            if len(required) <= len(passed) <= len(params):
                reaching = reaching_base(cls, len(passed), base_of, rest) if base_of is not None \
                    and not node.keywords else None
                if reaching is None or len(required) <= reaching <= len(params):
                    return None
                return (f"takes {len(required)} required argument(s) in __init__ but only {reaching} reach "
                        "Exception.__init__ through its base classes")
            return f"takes {len(required)} required argument(s) in __init__ but passes other arguments to super().__init__"
    return None


def missing_arguments(cls, made=None, base_of=None) -> str:
    """The TypeError unpickling raises: BaseException rebuilds with the positional arguments that
    reached BaseException.__init__ (those of the constructor call when __init__ does not call it), and
    __init__ then lacks the rest. Python's own wording (3.10+), e.g. `TypeError: JobError.__init__()
    missing 1 required positional argument: 'reason'`; the generic form when it cannot be counted."""
    generic = f"TypeError: {getattr(cls, 'name', 'the exception')}.__init__() missing required arguments"
    # (Python names the __init__ that runs: the inherited one's class)
    cls, rest = init_chain(cls, base_of) or (cls, None)
    init = init_of(cls)
    if init is None or init.args.vararg:
        return generic
    params = [a.arg for a in init.args.args[1:]]
    required = params[: len(params) - len(init.args.defaults)]
    calls = [n for n in nodes_in(init) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr == "__init__"]
    if len(calls) > 1 or any(isinstance(a, ast.Starred) for c in calls for a in c.args):
        return generic
    if calls:
        args = calls[0].args
        kept = len(args) - (1 if isinstance(calls[0].func.value, ast.Name) and args
                            and isinstance(args[0], ast.Name) and args[0].id == "self" else 0)
        reaching = reaching_base(cls, kept, base_of, rest) if base_of is not None and not calls[0].keywords \
            else None
        kept = kept if reaching is None else reaching
    elif isinstance(made, ast.Call) and not any(isinstance(a, ast.Starred) for a in made.args):
        kept = len(made.args)
    else:
        return generic
    missing = required[kept:]
    if not missing and kept > len(params):  # Python's own words for too many (self counted)
        taken = len(params) + 1
        return (f"TypeError: {cls.name}.__init__() takes {taken} positional argument{'s' if taken != 1 else ''} "
                f"but {kept + 1} were given")
    kind = "positional"
    if not missing:
        missing, kind = _required_keywords(init), "keyword-only"
    if not missing:
        return generic
    names = [f"'{name}'" for name in missing]
    listed = names[0] if len(names) == 1 else (" and ".join(names) if len(names) == 2
                                                 else ", ".join(names[:-1]) + ", and " + names[-1])
    plural = "argument" if len(missing) == 1 else "arguments"
    return f"TypeError: {cls.name}.__init__() missing {len(missing)} required {kind} {plural}: {listed}"


def _required_keywords(init) -> list:
    """The keyword-only parameters of `init` without a default."""
    return [a.arg for a, default in zip(init.args.kwonlyargs, init.args.kw_defaults) if default is None]


def _is_reduce(node) -> bool:
    return isinstance(node, ast.FunctionDef) and node.name in ("__reduce__", "__reduce_ex__", "__getnewargs__")
