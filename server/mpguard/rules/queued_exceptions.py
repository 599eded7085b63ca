"""MP208 for an exception a process catches and sends on a Queue or through a Pipe (inspect_scout #616,
fresh_reports17 scout616): `except Exception as ex: queue.put(ex)`. The put succeeds (pickle accepts any
exception: it keeps the class and `args`), but the reader's `get()` rebuilds it as `cls(*args)`, and a class
whose __init__ needs arguments that `args` does not hold (keyword-only `response`, `body`) raises TypeError
there, under every start method.

Which exceptions the clause takes is asked as for an exception a task returns (rules/caught_results): a raise of
this module in the `try` body or in a function called there, or a raise of another project module's function
called there (its summary, linter/raise_paths), when the clause is the first that certainly matches it. Each is
judged by the same rebuild check as an exception a task raises (`judge`: rules/pickling). A Queue write whose
item is not the clause's binding itself (a container, a wrapper) is left to rules/caught_results' model: not
said here.
"""
from __future__ import annotations

from mpguard.rules.caught_results import caught_raises, held_caught, innermost_try
from mpguard.rules.raised_elsewhere import imported_raises
from mpguard.rules.raising_library_calls import caught_raise
from mpguard.semantic.handlers import first_catching
from mpguard.semantic.platforms import ALL_METHODS

WRITES = {("Queue", "put"), ("Queue", "put_nowait"), ("SimpleQueue", "put"), ("PipeEnd", "send")}


def check(ctx, writes, raises: dict, names_of, judge, imported_fix=None, registered=None) -> None:
    """`writes`: (call, object, method, args) of the module's queue and pipe writes (rules/queue_items);
    `raises`: function -> its raise effects; `names_of(effect)`: the names a handler catches it by;
    `judge(effect)`: (class name, reason, error) when pickle cannot rebuild the exception it raises;
    `imported_fix(write, qualified, [(class, path)])`: the fix for classes another project module's function
    raises (rules/pickling's copyreg registration: the writer pickles with it, in the process that runs this
    module's code); `registered(qualified, class, path)`: whether this module registers such a class with copyreg
    (then it is rebuilt from its state, and nothing is said)."""
    seen = set()
    for node, obj, name, args in writes:
        if (obj.kind, name) not in WRITES or not args or id(node) in seen or obj.serializer not in (None, "pickle"):
            continue
        seen.add(id(node))
        for caught in _caught(ctx, ctx.flow.resolve(args[0][1])):
            found = _judged(ctx, caught, raises, names_of, judge, registered)
            if found is None:
                continue
            cls, line, error, where, origin = found[:5]
            reader = "get()" if obj.kind != "PipeEnd" else "recv()"
            fix = imported_fix(node, origin[0], [(cls, origin[1])]) if origin and imported_fix is not None else None
            if found[5:] == (True,):  # (a library exception pickle refuses: xml.sax's SAXParseException)
                lost = "the queue's feeder thread cannot pickle it, and the reader waits for an item that never " \
                    "comes" if obj.kind != "PipeEnd" else "send() raises"
                ctx.report("MP208", node, f"{name}() sends the `{cls}` caught on line {caught.handler.lineno} (raised "
                           f"by the call on line {line}{where}), which pickle refuses: {error} ({lost})",
                           ALL_METHODS, error=error)
                break
            ctx.report("MP208", node, f"{name}() sends the `{cls}` caught on line {caught.handler.lineno} (raised on "
                       f"line {line}{where}); pickle cannot rebuild it in the reader: its {reader} raises {error}",
                       ALL_METHODS, error=error, fix=fix)
            break


def _caught(ctx, value):
    """The `except ... as name` bindings the sent value is or holds (itself, one option of a union, an item of a
    tuple or list: `out.put((idx, exc))` pickles the exception with the tuple)."""
    for option in held_caught(ctx, value):
        if option.handler is not None and option.trial is not None:
            yield option


def _judged(ctx, caught, raises: dict, names_of, judge, registered=None):
    """(class, line, error, where, origin) of the first exception the clause takes that pickle cannot rebuild;
    origin: (the called function, the file of the raise) for a raise of another project module, else None."""
    function = ctx.enclosing_def(caught.trial)
    if function is None:
        return None
    for effect in caught_raises(ctx, function, caught, raises, names_of):
        judged = judge(effect)
        if judged is not None:
            name, _reason, error = judged
            return name, effect.node.lineno, error, "", None
    library = caught_raise(ctx, function, caught.trial, caught.handler, first_catching, innermost_try)
    if library is not None:  # `xml.sax.parse(...)` in the try body: a SAXParseException
        name, call, error, refused = library
        return name, call.lineno, error, "", None, refused
    if ctx.resolver is None:
        return None
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if where.function is not function or innermost_try(ctx, call, function) is not caught.trial:
            continue
        for found in imported_raises(ctx.resolver, qualified, ctx.as_read(call)):
            if first_catching(caught.trial, getattr(found, "names", frozenset((found[0],)))) is caught.handler:
                cls, line, error, path = tuple(found)
                if registered is not None and registered(qualified, cls, path):
                    continue  # rebuilt from its state: copyreg's registration of this module
                return cls, line, error, f" of {path.replace(chr(92), '/').rsplit('/', 1)[-1]}", (qualified, path)
    return None


