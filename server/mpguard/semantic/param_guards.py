"""Under which values of its parameters a statement of a function runs, for the callers in other modules.

A helper module's function often does one thing or another by a flag its callers pass:
`load_config(path, plain=False)` returns a config that holds an RLock unless `plain`, `fetch_page(url,
strict=True)` raises an exception pickle cannot rebuild only when `strict`. A summary that says "may
return / may raise" whatever the caller passes reports the caller that asked for the safe branch. So a
summary keeps, with what a statement does, the parameter tests it sits under (`if strict:`, `if not
plain:`, and the early exits before it: `if plain: return ...`), as *alternatives*: one set of
conditions per way of reaching it, through the module's own calls too (`_page(url, strict)` hands its
`strict` on). A caller's call then says which conditions it meets: a literal argument or a literal
default is known, anything else may be either (precision first: an unknown argument keeps the finding,
as the summary without conditions did).

Read: truth tests of plain parameters (`if p:`, `if not p:`, `and` of such tests), `len(p) op n`, a
parameter compared with a literal (`p == c`, `p is None`, `p > 1`), an `or` of such tests of one parameter
(`p is None or p > 0`: one condition that one of them holds), the same tests of a local computed once from
parameters (`parallelism = max(processes, threads)`, semantic/derived_locals: known when they are); other tests
constrain nothing. A parameter rebound once, at the top of the function, through a helper of its argument (`n =
determine_num_processes(n)`) keeps its comparisons when the caller says how (`rebinds`, `Via`): the
comparison then holds for a literal argument only when the helper returns that same value for it
(every return the literal may reach gives back the argument or a literal equal to it).
"""
from __future__ import annotations

import ast

from mpguard.semantic.bound_values import constructor_argument, self_attributes, unpacked_items
from mpguard.semantic.child_tests import CHILD, child_literal, in_child
from mpguard.semantic.conditions import exits
from mpguard.semantic.derived_locals import derived_locals, value_for
from mpguard.semantic.index import default_expression, nodes_in
from mpguard.semantic.keyed_modules import picks
from mpguard.semantic.node_memo import node_memo

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# A condition on a module's own global (`if max_parallel_uploads > 1:`, semantic/global_settings) is named
# "global <name>" in its module and "global <module>.<name>" once it crosses into another module's summary: no
# argument decides it, the values the program gives the global at import may (`known`).
GLOBAL = "global "
ALWAYS: tuple = (frozenset(),)  # one way to get there, under no condition
MAX_ALTERNATIVES = 8  # beyond this many ways, a statement counts as always reached (what it said before)


class Record(ast.expr):
    """An argument whose attributes are known literals (semantic/record_fields: a dataclass instance a pool
    hands its task), for an `("attr", parameter, attribute, condition)` condition; other attributes unknown."""
    _fields = ()

    def __init__(self, attributes: dict):
        super().__init__()
        self.attributes = attributes


def parameter_names(function) -> list[str]:
    a = function.args
    return [p.arg for p in (*getattr(a, "posonlyargs", ()), *a.args, *a.kwonlyargs)]


def _test(test, truth: bool, params, sized=frozenset(), vias=None) -> frozenset | None:
    """The conditions on parameters that `test` being `truth` means; None when they contradict. A condition
    is (parameter, truth) for a truth test, or (("len", parameter, op, n), truth) for `len(p) op n` of a
    parameter in `sized` (one the function neither rebinds nor changes in place)."""
    if not isinstance(params, dict):
        params = {p: p for p in params}
    if isinstance(test, (ast.Name, ast.Attribute)):
        name = _name(test, params)
        return frozenset({(name, truth)}) if name is not None else frozenset()
    key = _len_test(test, sized)
    if key is not None:
        return frozenset({(key, truth)})
    compared = _eq_test(test, {**params, **{v: v for v in vias or ()}})
    if compared is not None:
        key, same = compared
        return frozenset({(_via(key, vias), truth == same)})
    ordered = _cmp_test(test, {**params, **{v: v for v in vias or ()}})
    if ordered is not None:
        return frozenset({(_via(ordered, vias), truth)})
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _test(test.operand, not truth, params, sized, vias)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And if truth else ast.Or):
        found: set = set()
        for value in test.values:
            part = _test(value, truth, params, sized, vias)
            if part is None:
                return None
            found |= part
        return _consistent(frozenset(found))
    if isinstance(test, ast.BoolOp):  # `p is None or p > 0` true (or `not (p and q)`): one of them holds
        return _either(test, truth, params, sized, vias)
    return frozenset()


def _either(test: ast.BoolOp, truth: bool, params, sized, vias) -> frozenset:
    """The condition that one of `test`'s values is `truth`, when each of them is one test of the same
    parameter (`num_workers is None or num_workers > 0`): (("any", p, ((key, truth), ...)), True), known
    for a literal argument when one part holds or none can. Tests of several parameters constrain nothing
    (a condition is on one argument)."""
    parts = []
    for value in test.values:
        part = _test(value, truth, params, sized, vias)
        if part is None:  # this way contradicts itself: the others remain
            continue
        if len(part) != 1:
            return frozenset()
        parts.append(next(iter(part)))
    if not parts or len({_param(key) for key, _ in parts}) != 1:
        return frozenset()
    if len(parts) == 1:
        return frozenset(parts)
    return frozenset({(("any", _param(parts[0][0]), tuple(parts)), True)})


LEN_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
MUTATORS = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "update", "add", "discard",
                      "popitem", "setdefault", "__setitem__", "__delitem__"})


def _len_test(test, sized) -> tuple | None:
    """("len", p, op, n) for `len(p) op n` or `n op len(p)` (an int literal n, a parameter p of `sized`)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in LEN_OPS) or not sized:
        return None
    left, right, op = test.left, test.comparators[0], LEN_OPS[type(test.ops[0])]
    if _int(left) is not None and _len_of(right, sized) is not None:
        left, right, op = right, left, FLIPPED[op]
    name, n = _len_of(left, sized), _int(right)
    return ("len", name, op, n) if name is not None and n is not None else None


EQ_OPS = {ast.Eq: True, ast.NotEq: False, ast.Is: True, ast.IsNot: False}


def _eq_test(test, params) -> tuple | None:
    """(("eq", p, c), same) for `p == c`, `p != c`, `c == p`, `p is None`, `p is not None` of a parameter p
    and a literal constant c (a number, string, bool or None; `is` only with None, True, False); `same`:
    the test is true when p equals c. None for any other test."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in EQ_OPS):
        return None
    left, right, op = test.left, test.comparators[0], test.ops[0]
    if isinstance(left, ast.Constant) and isinstance(right, (ast.Name, ast.Attribute)):
        left, right = right, left
    name = _name(left, params)
    if not (name is not None and isinstance(right, ast.Constant)):
        return None
    if type(right.value) not in (int, float, str, bool, type(None)):
        return None
    if isinstance(op, (ast.Is, ast.IsNot)) and right.value not in (None, True, False):
        return None
    return ("eq", name, right.value), EQ_OPS[type(op)]


CMP_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def _number(expr):
    return expr.value if isinstance(expr, ast.Constant) and type(expr.value) in (int, float) else None


def _cmp_test(test, params) -> tuple | None:
    """("cmp", p, op, n) for `p op n` or `n op p` (an ordering, a parameter p, an int or float literal n)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in CMP_OPS):
        return None
    left, right, op = test.left, test.comparators[0], CMP_OPS[type(test.ops[0])]
    if _number(left) is not None and isinstance(right, (ast.Name, ast.Attribute)):
        left, right, op = right, left, FLIPPED[op]
    name = _name(left, params)
    if name is not None and _number(right) is not None:
        return "cmp", name, op, _number(right)
    return None


def _name(expr, params) -> str | None:
    """The condition's name for `expr` when it is one of `params` (spelling -> name: a parameter `p`, an item
    `p[i]` unpacked from one, `self.attr` fixed by the constructor; semantic/bound_values); else None."""
    if isinstance(expr, ast.Name):
        spelled = expr.id
    elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        spelled = f"{expr.value.id}.{expr.attr}"
    else:
        return None
    if isinstance(params, dict):
        return params.get(spelled)
    return spelled if spelled in params else None


def _via(key: tuple, vias) -> tuple:
    """`key` of a rebound parameter carries the helper it went through (`Via`)."""
    via = (vias or {}).get(key[1])
    return key if via is None else (*key, via)


def _compare(op: str, a, b) -> bool:
    return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _len_of(expr, sized) -> str | None:
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "len" \
            and len(expr.args) == 1 and not expr.keywords and isinstance(expr.args[0], ast.Name) \
            and expr.args[0].id in sized:
        return expr.args[0].id
    return None


def _int(expr) -> int | None:
    return expr.value if isinstance(expr, ast.Constant) and type(expr.value) is int else None


def _size(expr) -> int | None:
    """The length of a literal argument: a list, tuple or set display without `*`, a dict display
    without `**`, a string or bytes constant; else None."""
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)) and not any(isinstance(e, ast.Starred) for e in expr.elts):
        return len(expr.elts)
    if isinstance(expr, ast.Dict) and None not in expr.keys:
        return len(expr.keys)
    if isinstance(expr, ast.Constant) and isinstance(expr.value, (str, bytes)):
        return len(expr.value)
    return None


def _holds(key, expr) -> bool | None:
    """The value of the condition `key` for the argument `expr`; None when it cannot be told."""
    if isinstance(key, tuple) and key[0] == "any":  # one of the parts holds: known when one does or none can
        values = [_holds(part, expr) for part, _ in key[2]]
        if any(value == truth for value, (_, truth) in zip(values, key[2]) if value is not None):
            return True
        return False if all(value is not None for value in values) else None
    if isinstance(key, tuple) and key[0] == "picks":  # the module a table of getters gives (keyed_modules)
        return picks(key, expr)
    if isinstance(key, tuple) and key[0] == "attr":  # `p.attr`'s condition: known for a Record's literal field
        value = expr.attributes.get(key[2]) if isinstance(expr, Record) else None
        return _holds(key[3], value) if value is not None else None
    if isinstance(key, tuple) and key[0] in ("eq", "cmp") and len(key) == (4 if key[0] == "eq" else 5):
        if not _gives_back(key[-1], expr):  # through a helper that may change this argument: unknown
            return None
        key = key[:-1]
    if isinstance(key, tuple) and key[0] == "cmp":  # `p > 1` for a literal number: it is known
        value = _number(expr)
        if value is None and isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
            value = -_number(expr.operand) if _number(expr.operand) is not None else None
        return _compare(key[2], value, key[3]) if value is not None else None
    if isinstance(key, tuple) and key[0] == "eq":  # `p == c` for a literal argument: it is known
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub) and _number(expr.operand) is not None:
            expr = ast.Constant(-_number(expr.operand))  # (`-1`: a number, never None)
        if isinstance(expr, ast.Constant) and type(expr.value) in (int, float, str, bool, type(None)):
            return expr.value == key[2] and (expr.value is None) == (key[2] is None)
        if isinstance(expr, ast.Lambda):  # a function (a bare decorator's argument) equals no literal, not None
            return False
        return None
    if isinstance(key, tuple) and key[0] == "is":  # the class a parameter's default names: only that name is it
        # (another class, or anything else, is taken not to be: the raise of the default's class is then not
        # reached; precision first)
        spelled = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else None
        return spelled == key[2]
    if isinstance(key, tuple):
        size = _size(expr)
        if size is None:
            return None
        op, n = key[2], key[3]
        return {"==": size == n, "!=": size != n, "<": size < n, "<=": size <= n, ">": size > n,
                ">=": size >= n}[op]
    return _truth(expr)


def unchanged_parameters(function) -> frozenset:
    """The parameters `function` never rebinds (public: linter/raise_paths)."""
    return _unchanged_parameters(function)


def _param(key) -> str:
    return key[1] if isinstance(key, tuple) else key


def _sized_parameters(function) -> frozenset:
    """The parameters whose length a test may speak for: never rebound, and not changed in place in the
    function (`urls.append(...)`, `urls[0] = ...`, `del urls[0]`)."""
    return _parameter_facts(function)[1]


def _consistent(conds: frozenset) -> frozenset | None:
    names = [p for p, _ in conds]
    return conds if len(names) == len(set(names)) else None


def _unchanged_parameters(function) -> frozenset:
    """The parameters a function never rebinds (`strict = strict or DEBUG` makes a test of `strict` say
    nothing about what the caller passed)."""
    return _parameter_facts(function)[0]


@node_memo(maxsize=256)  # asked for every raise and call of a function: its body is scanned once
def _parameter_facts(function) -> tuple:
    """(`_unchanged_parameters`, `_sized_parameters`) of a function, from one list of its nodes (`nodes_in`:
    the contexts and operators it leaves out are never asked about here). Two `ast.walk`s of each function
    were a third of the analysis of the 1,000-line benchmark file."""
    if not isinstance(function, FUNCS):
        return set(), frozenset()
    params = set(parameter_names(function))
    nodes = nodes_in(function)
    Name, Load, Global, Nonlocal = ast.Name, ast.Load, ast.Global, ast.Nonlocal
    for node in nodes:  # (a nested function's names too: it may rebind them with nonlocal)
        kind = type(node)
        if kind is Name:
            if type(node.ctx) is not Load:
                params.discard(node.id)
        elif kind is Global or kind is Nonlocal:
            params.difference_update(node.names)
    unchanged = frozenset(params)
    Call, Attribute, Subscript = ast.Call, ast.Attribute, ast.Subscript
    for node in nodes if params else ():
        kind = type(node)
        if kind is Call:
            func = node.func
            if type(func) is Attribute and func.attr in MUTATORS and type(func.value) is Name:
                params.discard(func.value.id)
        elif kind is Subscript and type(node.ctx) is not Load and type(node.value) is Name:
            params.discard(node.value.id)
    return unchanged, frozenset(params)


def guards(node, parents: dict, function, rebinds=None, settings=frozenset()) -> frozenset | None:
    """The parameter conditions under which `node` (inside `function`) runs: the `if`s around it and
    the early exits before it in each enclosing block. None when no call can reach it (they contradict).
    `rebinds`: parameter -> (line, `Via`) of a rebinding through a helper (`rebound_parameters`); the
    comparisons of that parameter after the line carry the helper. `settings`: the module's globals whose
    tests are conditions too (`GLOBAL`, semantic/global_settings), where `function` does not bind the name."""
    tests = _tests_around(node, parents, function)
    if not tests:
        return frozenset()  # (no `if` decides whether it runs: whatever the function's parameters are)
    found: set = set()
    for test, truth in tests:  # (whether it runs in a child process: semantic/child_tests)
        child = _child_condition(test, truth, parents)
        if child is not None:
            found.add(child)
    params = _unchanged_parameters(function)
    vias = {p: via for p, (line, via) in (rebinds or {}).items() if getattr(node, "lineno", 0) > line}
    read = _read_settings(function, settings) if settings else {}
    if not params and not vias and not read and not derived_locals(function):
        return _consistent(frozenset(found))
    sized = _sized_parameters(function)
    params = {**read, **_names(function, params, parents)}
    for test, truth in tests:
        part = _test(test, truth, params, sized, vias)
        if part is None:
            return None
        found |= part
    return _consistent(frozenset(found))


def _read_settings(function, settings) -> dict:
    """Spelling -> condition name of the module globals of `settings` that `function` reads as globals (it
    binds none of them itself: no parameter, local or `global` statement of that name)."""
    if not isinstance(function, FUNCS):
        return {}
    bound = _bound_names(function)
    return {name: GLOBAL + name for name in settings if name not in bound}


@node_memo(maxsize=256)  # (asked at every start of the function)
def _bound_names(function) -> frozenset:
    """The names `function` binds itself: its parameters, its stores, its `global` and `nonlocal` names."""
    bound = set(parameter_names(function))
    for node in nodes_in(function):
        if type(node) is ast.Name and type(node.ctx) is not ast.Load:
            bound.add(node.id)
        elif type(node) in (ast.Global, ast.Nonlocal):
            bound.update(node.names)
    return frozenset(bound)


def is_setting(key) -> bool:
    """Is this condition on a module's global (`GLOBAL`), not on an argument?"""
    name = _param(key)
    return type(name) is str and name.startswith(GLOBAL)


def _on_self(key) -> bool:
    name = _param(key)
    return type(name) is str and name.startswith("self.")


def qualify_settings(alternatives, module: str) -> tuple:
    """`alternatives` of another module's summary as its importer sees them: a condition on that module's own
    global ("global workers") becomes one on `module`'s ("global pkg.settings.workers")."""
    def qualified(key):
        if not is_setting(key) or "." in _param(key):
            return key
        renamed = _renamed(key, f"{GLOBAL}{module}.{_param(key)[len(GLOBAL):]}", ())
        return key if renamed is None else renamed
    if not any(is_setting(key) for alternative in alternatives for key, _ in alternative):
        return alternatives
    return tuple(frozenset((qualified(key), truth) for key, truth in alternative) for alternative in alternatives)


def _setting_holds(key, truth: bool, known) -> bool | None:
    """Does the condition on a global hold, by the value the program surely gave it (`known(name)`: a literal
    expression or None)? None when that is not known."""
    value = known(_param(key)) if known is not None else None
    held = _holds(key, value) if value is not None else None
    return None if held is None else held == truth


def _child_condition(test, truth: bool, parents: dict) -> tuple | None:
    """(CHILD, in a child) when `test` being `truth` says whether the process is a child: a test of
    `current_process().name` (semantic/child_tests), or a comparison of a local with a
    literal that the local surely holds in a child at that `if` (`if current_process().name != "MainProcess":
    processes = 1` ... `if processes == 1: return ...`: what follows never runs in a child)."""
    child = in_child(test)
    if child is not None:
        return CHILD, truth == child
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)
            and isinstance(test.comparators[0], ast.Constant)):
        return None
    op = LEN_OPS.get(type(test.ops[0]))
    statement = parents.get(test)
    holder = parents.get(statement)
    block = next((b for b in (getattr(holder, n, None) for n in ("body", "orelse", "finalbody"))
                  if type(b) is list and any(s is statement for s in b)), None)
    if op is None or block is None:
        return None
    value, literal = child_literal(test.left.id, block, statement), test.comparators[0].value
    if value is None or type(value.value) not in (int, float, str, bool) or type(literal) not in (int, float, str, bool):
        return None
    try:
        holds = _compare(op, value.value, literal)
    except TypeError:
        return None
    return (CHILD, False) if holds != truth else None


def main_process_only(node, parents: dict, scope=None) -> bool:
    """Does `node` run only in a process named MainProcess: an `if` around it inside `scope` (the module's
    level when None), or an early exit before it, whose test holds in no child process (semantic/child_tests:
    `if current_process().name == "MainProcess":`). Not a main guard: the process 3.14's forkserver imports the
    script in, its server, is named MainProcess too."""
    return any(_child_condition(test, truth, parents) == (CHILD, False)
               for test, truth in _tests_around(node, parents, scope))


def _tests_around(node, parents: dict, function) -> list:
    """[(test, truth)] of the `if`s that decide whether `node` (inside `function`) runs: each `if` whose
    body or `else` holds it, and each earlier `if` of an enclosing block that exits on one side only. Read
    from the tree's shape alone, before any parameter is looked at: most calls sit under no such `if`."""
    tests = []
    child, parent = node, parents.get(node)
    while parent is not None and child is not function:
        block = None
        for name in ("body", "orelse", "handlers", "finalbody"):
            stmts = getattr(parent, name, None)
            if type(stmts) is list and any(s is child for s in stmts):
                block = stmts
                if type(parent) is ast.If and name in ("body", "orelse"):
                    tests.append((parent.test, name == "body"))
                break
        for before in block or ():
            if before is child:
                break
            if type(before) is ast.If:  # `if plain: return PlainConfig(...)`: what follows runs when not plain
                body_exits, else_exits = exits(before.body), exits(before.orelse)
                if body_exits != else_exits:
                    tests.append((before.test, not body_exits))
        child, parent = parent, parents.get(parent)
    return tests


def branch_conditions(choice, truth: bool, parents: dict, function) -> frozenset | None:
    """The parameter conditions under which the `truth` branch of `choice` (an `if` statement or an `a if test
    else b` inside `function`) runs: those of `choice` itself and its test being `truth`. Empty when the test
    speaks of no parameter; None when no call can reach that branch."""
    outer = guards(choice, parents, function)
    if outer is None or not isinstance(function, FUNCS):
        return outer
    params = _names(function, _unchanged_parameters(function), parents)
    part = _test(choice.test, truth, params, _sized_parameters(function))
    return None if part is None else _consistent(outer | part)


def tests_parameters(test, function, parents: dict) -> bool:
    """Does `test` (in `function`) speak of the function's parameters, so that the callers' arguments choose
    its branch (param_guards' conditions)?"""
    if not isinstance(function, FUNCS):
        return False
    params = _names(function, _unchanged_parameters(function), parents)
    return bool(params) and bool(_test(test, True, params, _sized_parameters(function)))


def _names(function, params: frozenset, parents: dict) -> dict:
    """Spelling -> condition name of what `function`'s tests may speak of (semantic/bound_values): its
    unchanged parameters, its locals computed once from parameters (semantic/derived_locals), the items unpacked
    from one, the attributes its object's constructor fixed."""
    names = {p: p for p in params}
    names.update({name: name for name in derived_locals(function)})  # (a test of one is judged like a parameter's)
    names.update(unpacked_items(function, params))
    names.update(self_attributes(function, parents))
    return names


def chosen_classes(returned: ast.Return, function) -> dict:
    """Class name -> the parameter conditions under which `returned` makes an object of it, when the class
    is chosen by a test of a parameter: `cls = Shared if shared else Plain; return cls(url)`, or
    `return Shared(url) if shared else Plain(url)`. Empty when the return chooses nothing that way."""
    params = _unchanged_parameters(function)
    value = returned.value
    choice = value if isinstance(value, ast.IfExp) else None
    if choice is None and isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        bound = [n.value for n in ast.walk(function) if isinstance(n, ast.Assign) and len(n.targets) == 1
                 and isinstance(n.targets[0], ast.Name) and n.targets[0].id == value.func.id]
        choice = bound[0] if len(bound) == 1 and isinstance(bound[0], ast.IfExp) else None
    if choice is None or not params:
        return {}
    out = {}
    for arm, truth in ((choice.body, True), (choice.orelse, False)):
        part = _test(choice.test, truth, params)
        name = arm.func if isinstance(arm, ast.Call) else arm
        if part and isinstance(name, ast.Name):
            out[name.id] = part
    return out


def _argument(function, call: ast.Call, param: str, bound: bool):
    """(known, expression) of what `call` passes for `param` of `function`: the expression given or the
    literal default; known False when it cannot be told (a `*args` before it, a `**kwargs`). An item
    `p[i]` is known when the argument for `p` is a tuple or list display; `self.attr` is for the caller to
    tell (`through_call`'s `receiver`)."""
    if param.endswith("]") and "[" in param:
        base, _, index = param[:-1].partition("[")
        known, expr = _argument(function, call, base, bound)
        if known and isinstance(expr, (ast.Tuple, ast.List)) and index.isdigit() \
                and not any(isinstance(e, ast.Starred) for e in expr.elts) and int(index) < len(expr.elts):
            return True, expr.elts[int(index)]
        if known and isinstance(expr, ast.Dict) and index[:1] in "'\"" and len(index) > 1 and None not in expr.keys:
            # `p['key']` of a dict display: the value under that constant key (a key not there: not known)
            key = index[1:-1]
            found = [v for k, v in zip(expr.keys, expr.values) if isinstance(k, ast.Constant) and k.value == key]
            if len(found) == 1 and all(isinstance(k, ast.Constant) for k in expr.keys):
                return True, found[0]
        return False, None
    if "." in param:
        return False, None
    derived = derived_locals(function).get(param)
    if derived is not None:  # a local computed from parameters (`parallelism = max(processes, threads)`)
        value = value_for(derived, lambda name: _argument(function, call, name, bound))
        return (True, value) if value is not None else (False, None)
    a = function.args
    positional = [p.arg for p in (*getattr(a, "posonlyargs", ()), *a.args)]
    if bound:
        positional = positional[1:]
    for keyword in call.keywords:
        if keyword.arg == param:
            return True, keyword.value
    if param in positional:
        index = positional.index(param)
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                return False, None
            if i == index:
                return True, arg
    if any(k.arg is None for k in call.keywords):
        return False, None
    if param in positional:
        index = positional.index(param) - (len(positional) - len(a.defaults))
        return (True, a.defaults[index]) if index >= 0 else (False, None)
    names = [p.arg for p in a.kwonlyargs]
    if param in names:
        default = a.kw_defaults[names.index(param)]
        return (default is not None), default
    return False, None


def argument_truth(function, call: ast.Call, param: str, bound: bool):
    """(truth or None, the expression) of what `call` passes for `param` of `function` (the literal default
    when it passes nothing): the truth of a literal, None for anything else (the expression is returned for
    the caller to follow)."""
    known, expr = _argument(function, call, param, bound)
    return (_truth(expr), expr) if known else (None, None)


def _truth(expr) -> bool | None:
    if isinstance(expr, ast.Lambda):  # a function is true
        return True
    if isinstance(expr, ast.Constant):
        return bool(expr.value)
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return bool(getattr(expr, "elts", None) or getattr(expr, "keys", None))
    return None


def is_bound_method(function, parents: dict) -> bool:
    """A method called on its instance or class: its first parameter is not passed at the call."""
    if type(parents.get(function)) is not ast.ClassDef:
        return False
    return not any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list)


def through_call(alternatives, callee, call: ast.Call, caller, parents: dict, bound: bool = False, rebinds=None,
                 receiver=None, read: ast.Call | None = None, known=None):
    """The callee's alternatives seen from `caller`, which makes `call`: a condition on a parameter the
    caller hands on becomes a condition on the caller's parameter, one on a literal is decided now, any
    other is dropped (it may hold). The call's own place in the caller adds its conditions. A condition on
    `self.attr` of a bound method is one on the object the call is made on: the caller's own `self.attr`, or
    what the construction of the object passed (`receiver(call)`: (module, the `__init__` run, the
    construction), semantic/bound_values), else dropped. `read`: the call as its arguments read (a module's
    literal global given as its literal, semantic/module_globals.as_read), when the caller knows it. A condition
    on a module's global is kept as it is, or decided by the value `known(name)` the caller's module surely gave
    the global (semantic/global_settings)."""
    settings = known  # (`known` names each argument's answer below)
    here = guards(call, parents, caller, rebinds) if isinstance(caller, FUNCS) else frozenset()
    if here is None:
        return ()
    given = call if read is None else read
    caller_params = _unchanged_parameters(caller)
    caller_names = _names(caller, caller_params, parents) if isinstance(caller, FUNCS) else {}
    out = []
    for alternative in alternatives:
        conds, possible = set(here), True
        for key, truth in alternative:
            if key == CHILD:  # (no argument decides it: the caller keeps it as it is)
                conds.add((key, truth))
                continue
            if is_setting(key):
                holds = _setting_holds(key, truth, settings)
                if holds is False:
                    possible = False
                    break
                if holds is None:
                    conds.add((key, truth))
                continue
            name = _param(key)
            if name.startswith("self.") and bound:
                known, expr = _on_receiver(call, name[len("self."):], caller_names, receiver)
            else:
                known, expr = _argument(callee, given, name, bound)
            if not known:
                continue
            spelled = _name(expr, caller_names) if isinstance(expr, (ast.Name, ast.Attribute)) else None
            if spelled is not None:
                if isinstance(key, tuple) and key[0] == "attr":  # (the object passed on: no longer followed)
                    continue
                if not isinstance(key, tuple):
                    conds.add((spelled, truth))
                elif key[0] == "any":  # (its parts renamed alike; one of `len` kept when the caller's is sized)
                    renamed = _renamed(key, spelled, _sized_parameters(caller) if isinstance(caller, FUNCS) else ())
                    if renamed is not None:
                        conds.add((renamed, truth))
                elif key[0] in ("eq", "cmp", "is", "picks"):
                    conds.add(((key[0], spelled, *key[2:]), truth))
                elif isinstance(caller, FUNCS) and spelled in _sized_parameters(caller):
                    conds.add((("len", spelled, key[2], key[3]), truth))
                continue
            owner = _read_attribute(expr, caller, caller_params)
            if owner is not None and (not isinstance(key, tuple) or key[0] in ("eq", "cmp")):
                # `processors=test.processors`: a condition on the attribute of the caller's parameter, which
                # the caller only reads (a pool's call of its task tells it for each item, semantic/record_fields)
                conds.add((("attr", owner, expr.attr, key), truth))
                continue
            value = _holds(key, expr)
            if value is not None and value != truth:
                possible = False
                break
        merged = _consistent(frozenset(conds)) if possible else None
        if merged is not None and merged not in out:
            out.append(merged)
    return _capped(out)


def _renamed(key, spelled: str, sized) -> tuple | str | None:
    """`key` as a condition on the caller's `spelled` (its parameter handed on); None when it cannot be one
    (a length test of a parameter the caller changes)."""
    if not isinstance(key, tuple):
        return spelled
    if key[0] == "any":
        parts = tuple((_renamed(part, spelled, sized), truth) for part, truth in key[2])
        return None if any(part is None for part, _ in parts) else ("any", spelled, parts)
    if key[0] == "len" and spelled not in sized:
        return None
    return (key[0], spelled, *key[2:])


def _on_receiver(call: ast.Call, attr: str, caller_names: dict, receiver) -> tuple:
    """(known, expression) of the `attr` of the object `call` (a method call) is made on."""
    if not isinstance(call.func, ast.Attribute):
        return False, None
    on = call.func.value
    if isinstance(on, ast.Name) and _name(ast.Attribute(value=on, attr=attr), caller_names) is not None:
        return True, ast.Attribute(value=on, attr=attr, ctx=ast.Load())  # `self.compile_queue()`: the same object
    made = receiver(call) if receiver is not None else None
    if made is None:
        return False, None
    module, init, construction = made
    return constructor_argument(module, init, construction, attr, _argument)


@node_memo(maxsize=256)
def object_read_only(function, name: str) -> bool:
    """Is `name` used in `function` only as `name.attr` read (never stored, deleted, passed on bare)?"""
    parents = {child: parent for parent in ast.walk(function) for child in ast.iter_child_nodes(parent)}
    for node in ast.walk(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        if isinstance(node, ast.Name) and node.id == name:
            parent = parents.get(node)
            if not (isinstance(node.ctx, ast.Load) and isinstance(parent, ast.Attribute)
                    and isinstance(parent.ctx, ast.Load)):
                return False
    return True


def _read_attribute(expr, caller, caller_params) -> str | None:
    """The caller's parameter `p` of an argument `p.attr`, when the caller only reads attributes of `p`."""
    if isinstance(expr, ast.Attribute) and isinstance(expr.ctx, ast.Load) and isinstance(expr.value, ast.Name) \
            and expr.value.id in caller_params and isinstance(caller, FUNCS) \
            and object_read_only(caller, expr.value.id):
        return expr.value.id
    return None


def _capped(alternatives) -> tuple:
    if any(not alt for alt in alternatives) or len(alternatives) > MAX_ALTERNATIVES:
        return ALWAYS if alternatives else ()
    return tuple(alternatives)


def merge(*groups) -> tuple:
    """Alternatives of several ways of reaching the same statement."""
    out: list = []
    for group in groups:
        out.extend(alt for alt in group if alt not in out)
    return _capped(out)


def in_a_child(alternatives) -> tuple:
    """The alternatives that may hold in a child process (semantic/child_tests): those not tied to the main
    process."""
    return tuple(alternative for alternative in alternatives if (CHILD, False) not in alternative)


def reached(alternatives, function, call: ast.Call | None, bound: bool = False, skip: int = 0, known=None) -> bool:
    """May `call` of `function` (its arguments after the first `skip` of the call's) reach a statement
    that runs under `alternatives`? Unknown arguments may be either; without a call, yes. `known`: the
    values the caller's module surely gave the globals the conditions read (`through_call`)."""
    if not alternatives:
        return False
    if call is None or not isinstance(function, FUNCS):
        return True
    if skip:
        call = ast.Call(func=call.func, args=call.args[skip:], keywords=call.keywords)
    for alternative in alternatives:
        if all(_meets(function, call, param, truth, bound, known) for param, truth in alternative):
            return True
    return False


def _meets(function, call, key, truth: bool, bound: bool, settings=None) -> bool:
    if is_setting(key) or bound and _on_self(key):  # (`known` may tell what the object the call is made on holds)
        return _setting_holds(key, truth, settings) is not False
    known, expr = _argument(function, call, _param(key), bound)
    if isinstance(key, tuple) and key[0] == "default":  # the call leaves the parameter to its default
        return not known or (expr is default_expression(function, key[1])) == truth
    value = _holds(key, expr) if known else None
    return value is None or value == truth


def task_call(method: str, call: ast.Call) -> ast.Call | None:
    """The call a pool makes of its task, as far as the parent's call tells it: `submit(f, a, b)` calls
    `f(a, b)`, `apply_async(f, (a,))` calls `f(a)`, `map(f, items)` calls `f(item)` (an unknown item);
    None when it cannot be told (then every condition may hold)."""
    unknown = ast.Name(id="<item>", ctx=ast.Load())
    if method in ("submit", "schedule"):
        return ast.Call(func=call.func, args=call.args[1:], keywords=[k for k in call.keywords if k.arg != "fn"])
    if method in ("apply", "apply_async"):
        given = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "args"), None)
        if any(k.arg == "kwds" for k in call.keywords) or len(call.args) > 2:
            return None
        if given is None:
            return ast.Call(func=call.func, args=[], keywords=[])
        return ast.Call(func=call.func, args=list(given.elts), keywords=[]) if isinstance(given, ast.Tuple) else None
    if method in ("map", "map_async", "imap", "imap_unordered") and len(call.args) == 2:
        return ast.Call(func=call.func, args=[unknown], keywords=[])
    if method in ("starmap", "starmap_async") and len(call.args) == 2 and not call.keywords:
        # `starmap(f, [(data, k, 1) for k in ks])`: every call is f(data, k, 1), a literal where the tuple has one
        items = call.args[1]
        if isinstance(items, (ast.ListComp, ast.GeneratorExp)) and isinstance(items.elt, ast.Tuple) \
                and not any(isinstance(e, ast.Starred) for e in items.elt.elts):
            return ast.Call(func=call.func, args=list(items.elt.elts), keywords=[])
    return None


def summary_function(summary, name: str):
    """(definition, bound) of "func", "Class.method" or "Class" (its __init__: the constructor's parameters)
    in a module summary (duck-typed: `definitions`); bound when the first parameter is the object."""
    head, _, method = name.partition(".")
    definition = summary.definitions.get(head)
    if isinstance(definition, ast.ClassDef):
        found, seen = None, set()
        while found is None and isinstance(definition, ast.ClassDef) and definition.name not in seen:
            seen.add(definition.name)
            found = next((f for f in definition.body if isinstance(f, FUNCS) and f.name == (method or "__init__")),
                         None)
            # (inherited from a base of the module: `ChangeReload(...)` runs `BaseReload.__init__`)
            base = definition.bases[0] if len(definition.bases) == 1 else None
            definition = summary.definitions.get(base.id) if type(base) is ast.Name else None
        static = found is not None and any(isinstance(d, ast.Name) and d.id == "staticmethod"
                                           for d in found.decorator_list)
        return found, not static
    return (None, False) if method else (definition, False)


def both(one: frozenset, other: frozenset) -> frozenset | None:
    """The conditions of `one` and of `other` together; None when they contradict."""
    return _consistent(one | other)


def called_with(summary, name: str, found: list, call: ast.Call | None) -> list:
    """The entries of `found` (a summary's `raises[name]` or `results`: (.., line, ..) tuples) that this
    call of `name` may reach, by the conditions the summary keeps for them (`summary.guards`)."""
    if call is None or not found:
        return list(found)
    definition, bound = summary_function(summary, name)
    if not isinstance(definition, FUNCS):
        return list(found)
    guards_of = getattr(summary, "guards", None) or {}
    return [entry for entry in found
            if reached(guards_of.get(guard_key(name, entry[1], getattr(entry, "path", None)), ALWAYS),
                       definition, call, bound)]


def guard_key(name: str, line: int, path: str | None = None) -> tuple:
    """The key of a summary's `guards` for a raise of `name` at `line` (of `path`, when another module's)."""
    return (name, line) if path is None else (name, line, path)


def factory_method(summary, name: str) -> str:
    """`make_shell.run` (a method called on what the function `make_shell` returns) -> `Shell.run`, when
    every return of `make_shell` builds the module's class `Shell`; else `name` unchanged."""
    head, _, method = name.partition(".")
    factory = summary.definitions.get(head)
    if not method or not isinstance(factory, FUNCS):
        return name
    returns = [n for n in ast.walk(factory) if isinstance(n, ast.Return)]
    made = {n.value.func.id for n in returns if isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)}
    if len(made) == 1 and len(returns) == len([n for n in returns if isinstance(n.value, ast.Call)
                                               and isinstance(n.value.func, ast.Name)]):
        cls = next(iter(made))
        if isinstance(summary.definitions.get(cls), ast.ClassDef):
            return f"{cls}.{method}"
    return name


def called_returns(summary, name: str, refused: list, call: ast.Call | None) -> list:
    """The returns of `name` pickle refuses ((what, error, alternatives)) that this call may reach."""
    if call is None:  # (a return refused only for its parameter's default: not said without the call)
        return [entry for entry in refused if not all(_defaulted(alt) for alt in entry[2])]
    definition, bound = summary_function(summary, name)
    if not isinstance(definition, FUNCS):
        return [entry for entry in refused if not all(_defaulted(alt) for alt in entry[2])]
    return [entry for entry in refused if reached(entry[2], definition, call, bound)]


def _defaulted(alternative) -> bool:
    return any(isinstance(key, tuple) and key[0] == "default" for key, _truth in alternative)


def reachable_returns(returns: list, function, call: ast.Call, parents: dict, bound: bool = False) -> list:
    """[(value, return node)] of `function` that this call of it may reach (all of them when none can be
    told apart: a function without parameter tests keeps every return)."""
    if len(returns) < 2 or not isinstance(function, FUNCS) or not _unchanged_parameters(function):
        return returns
    kept = [(value, node) for value, node in returns
            if (here := guards(node, parents, function)) is not None and reached((here,), function, call, bound)]
    return kept


def sink_key(name: str, line: int) -> tuple:
    """The key of a summary's `guards` for the conditions under which what `name` hands a child at `line` (a
    Sink) crosses: `if workers > 1: ex.map(fn, items)` sends `fn` only when called with more than one worker."""
    return (name, line, "sink")


def spawn_key(name: str) -> tuple:
    """The key of a summary's `guards` for the conditions under which calling `name` starts processes."""
    return (name, "spawns")


def spawns_when_called(summary, name: str, call: ast.Call | None, child: bool = False, module: str | None = None,
                       known=None) -> bool:
    """May this call of `name` (a function, Class.method or class of `summary`, which `spawning` lists)
    start processes, by the parameter conditions the summary keeps for it (`spawn_key`)? Without a call,
    or without conditions, yes: `open_bam(path)` does not when only `if stats:` leads to the pool and
    `stats` defaults to False. `module`, `known`: the summary's module and the values the caller's module surely
    gave globals (`through_call`), for the conditions on that module's globals; `known` also tells the attributes
    (`self.<name>`) of the object a method is called on, when the caller knows them."""
    guards_of = getattr(summary, "guards", None) or {}
    key = name if spawn_key(name) in guards_of else f"{name}.__init__"
    alternatives = guards_of.get(spawn_key(key))
    if alternatives is not None and child:  # asked as a child process sees it: the main process's ways left out
        alternatives = in_a_child(alternatives)
        if not alternatives:
            return False
    if alternatives is None or call is None:
        return True
    definition, bound = summary_function(summary, name)
    if not isinstance(definition, FUNCS):
        return True
    if module is not None:
        alternatives = qualify_settings(alternatives, module)
    return reached(alternatives, definition, call, bound, known=known)


def rebinding_calls(function) -> dict:
    """Parameter -> (the call, its line) for each parameter whose only binding in `function` is one
    statement of its top-level body `p = helper(p)` (the helper given the argument alone). What the
    helper returns is for the caller to tell (`via`, with the helper's definition)."""
    if not isinstance(function, FUNCS):
        return {}
    params = set(parameter_names(function))
    candidates = []  # the top-level `p = helper(p)` statements: most functions have none, and then
    for stmt in function.body:  # the walk of the whole body below is skipped (it was a tenth of the analysis)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call) and len(stmt.value.args) == 1 and not stmt.value.keywords:
            name, arg = stmt.targets[0].id, stmt.value.args[0]
            if name in params and isinstance(arg, ast.Name) and arg.id == name:
                candidates.append((name, stmt))
    if not candidates:
        return {}
    stores: dict = {}
    for node in nodes_in(function):
        if type(node) is ast.Name and type(node.ctx) is not ast.Load and node.id in params:
            stores[node.id] = stores.get(node.id, 0) + 1
        elif type(node) in (ast.Global, ast.Nonlocal):
            params.difference_update(node.names)
    return {name: (stmt.value, stmt.lineno) for name, stmt in candidates
            if name in params and stores.get(name) == 1}


@node_memo(maxsize=256)
def via(helper) -> tuple | None:
    """What a one-argument helper returns, for `_gives_back`: (its first parameter, ((what, alternatives),
    ...) for each return), `what` being "arg" (the parameter, never rebound), ("const", c) (a literal) or
    "other"; None when it cannot be told (a generator, a body that may end without a return, a helper
    with other parameters without defaults)."""
    if not isinstance(helper, FUNCS) or not isinstance(helper.body[-1] if helper.body else None, ast.Return):
        return None
    a = helper.args
    positional = [*getattr(a, "posonlyargs", ()), *a.args]
    if not positional or len(positional) - len(a.defaults) > 1 or a.vararg is not None \
            or any(d is None for d in a.kw_defaults):
        return None
    nodes = list(ast.walk(helper))
    if any(isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)) for n in nodes):
        return None
    parents = {child: parent for parent in nodes for child in ast.iter_child_nodes(parent)}
    param, unchanged = positional[0].arg, _unchanged_parameters(helper)
    entries = []
    for node in nodes:
        if not isinstance(node, ast.Return) or _owner(node, parents) is not helper:
            continue
        here = guards(node, parents, helper)
        if here is None:
            continue
        value = node.value
        if isinstance(value, ast.Name) and value.id == param and param in unchanged:
            what = "arg"
        elif isinstance(value, ast.Constant) and type(value.value) in (int, float, str, bool, type(None)):
            what = ("const", value.value)
        else:
            what = "other"
        entries.append((what, here))
    return param, tuple(entries)


def _owner(node, parents):
    parent = parents.get(node)
    while parent is not None and not isinstance(parent, (*FUNCS, ast.Lambda, ast.ClassDef)):
        parent = parents.get(parent)
    return parent


def _gives_back(described, expr) -> bool:
    """Does the helper `described` (`via`) return a value equal to the literal argument `expr`? Every
    return that argument may reach must give back the parameter or an equal literal."""
    if described is None or not (isinstance(expr, ast.Constant) and type(expr.value) in (int, float, str, bool,
                                                                                       type(None))):
        return False
    param, entries = described
    for what, conds in entries:
        reachable = True
        for key, truth in conds:
            if _param(key) != param or (isinstance(key, tuple) and len(key) > (3 if key[0] == "eq" else 4)):
                continue
            value = _holds(key, expr)
            if value is not None and value != truth:
                reachable = False
                break
        if not reachable or what == "arg":
            continue
        if what == "other" or not (what[1] == expr.value and type(what[1]) is type(expr.value)):
            return False
    return True
