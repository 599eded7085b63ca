"""unittest's objects as values: a suite loaded from this module's TestCase classes, the TestResult a suite is run
with, and what that result keeps (numba #682: a parallel test runner returned each child's result to the parent;
its `failures` are `(TestCase, traceback text)` pairs, and a failing test case whose setUp kept a lock made the
result fail to pickle: "MaybeEncodingError: Error sending result").

- A suite (`defaultTestLoader.loadTestsFromName(name, sys.modules[__name__])`, `loadTestsFromTestCase(Cls)`,
  `loadTestsFromModule(...)` of this module, `makeSuite(Cls)`) holds one test case of each class it may load.
- `suite.run(result)` / `suite(result)` / `TextTestRunner().run(suite)`: the result may keep each of those test
  cases, after its setUp and test method ran, in `failures`, `errors`, `skipped`, `expectedFailures` and
  `unexpectedSuccesses` (whichever the test ends in: not known here, so any of them may hold any test).
- A test case that ran holds what its setUp and test methods stored in `self`, unless its tearDown (or a
  cleanup) rebinds or deletes the attribute: `_ran_test` in semantic/pickled_instances.py judges those.

Only the classes of this module are known; a suite of another module's tests gives nothing."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

SUITE, RESULT, LOADER, RUNNER = "unittest-suite", "unittest-result", "unittest-loader", "unittest-runner"
TYPES = frozenset({SUITE, RESULT, LOADER, RUNNER})
RAN = "a test case that ran"  # the V.Instance label of a test case a result keeps
KEPT = frozenset({"failures", "errors", "skipped", "expectedFailures", "unexpectedSuccesses"})
LOADERS = ("unittest.defaultTestLoader", "unittest.loader.defaultTestLoader")
RESULTS = frozenset({"unittest.TestResult", "unittest.TextTestResult", "unittest.result.TestResult",
                     "unittest.runner.TextTestResult"})
RUNNERS = frozenset({"unittest.TextTestRunner", "unittest.runner.TextTestRunner"})
LOADER_CLASSES = frozenset({"unittest.TestLoader", "unittest.loader.TestLoader"})
MODULE_LOADS = frozenset({"loadTestsFromName", "loadTestsFromNames", "loadTestsFromModule"})
TEST_CASE = frozenset({"unittest.TestCase", "unittest.case.TestCase", "unittest.IsolatedAsyncioTestCase"})
# a test case's own hooks that leave what they store in `self` behind for the result to keep
LEFT_BEHIND = ("setUp", "asyncSetUp", "test")
RESET = frozenset({"tearDown", "asyncTearDown", "doCleanups"})


def library_call(walker, e: ast.Call, qualified: str, args: list):
    """The value of a call of `qualified` (a function of unittest) when it makes one of these objects."""
    if qualified in RESULTS:
        return V.Library(e, RESULT, qualified=qualified, stored={"tests": []})
    if qualified in RUNNERS:
        return V.Library(e, RUNNER, qualified=qualified)
    if qualified in LOADER_CLASSES:
        return V.Library(e, LOADER, qualified=qualified)
    owner, _, name = qualified.rpartition(".")
    if owner in LOADERS:
        return load(walker, e, name, args)
    if qualified == "unittest.makeSuite" and args:
        return load(walker, e, "loadTestsFromTestCase", args)
    return None


def method_call(walker, e: ast.Call, obj: V.Library, name: str, args: list):
    """`loader.loadTestsFromName(...)`, `suite.run(result)`, `runner.run(suite)`; None for any other method."""
    if obj.type == LOADER:
        return load(walker, e, name, args)
    if obj.type == SUITE and name in ("run", "__call__", "debug") and args:
        ran(obj, args[0][1])
    if obj.type == RUNNER and name == "run" and args and _is(args[0][1], SUITE):
        result = V.Library(e, RESULT, qualified="unittest.TextTestRunner.run", stored={"tests": []})
        ran(args[0][1], result)
        return result
    return None


def ran(suite, result) -> None:
    if _is(suite, SUITE) and _is(result, RESULT):
        done = [V.Instance(t.node, t.cls, label=RAN) for t in suite.stored.get("tests", ())]
        result.stored["tests"] = [*result.stored["tests"], *done]


def kept(e: ast.AST, result: V.Library, name: str):
    """`result.failures` (or errors, ...): (test case, text) pairs of any test the result ran."""
    if not _is(result, RESULT) or name not in KEPT:
        return None
    # each pair a tuple of two (so `for test, text in ...` and `pair[1]` take the text, not the test case)
    pair = ast.copy_location(ast.Tuple(elts=[ast.Constant(None), ast.Constant(None)], ctx=ast.Load()), e)
    return V.Sequence(e, [V.Sequence(pair, [test, None]) for test in result.stored.get("tests", ())])


def load(walker, e: ast.Call, method: str, args: list):
    classes = None
    if method == "loadTestsFromTestCase" and args:
        cls = args[0][1]
        if type(cls) is V.Callable and type(cls.definition) is ast.ClassDef and is_test_case(walker, cls.definition):
            classes = [cls.definition]
    elif method in MODULE_LOADS and args and _this_module(args[-1][0] if method != "loadTestsFromModule"
                                                          else args[0][0]):
        classes = [c for c in walker.tree.body if type(c) is ast.ClassDef and is_test_case(walker, c)]
    if classes is None:
        return None
    tests = [V.Instance(e, V.Callable(e, "module", c.name, c)) for c in classes]  # (not run yet)
    return V.Library(e, SUITE, qualified=f"unittest.TestLoader.{method}", stored={"tests": tests})


def is_test_case(walker, cls: ast.ClassDef) -> bool:
    """A class of this module that is a unittest.TestCase (directly or through classes of this module)."""
    for c in walker.facts.lineage(cls):
        for base in getattr(c, "bases", ()):
            if walker.imports.qualify(base) in TEST_CASE:
                return True
    return False


def left_behind(lineage) -> set:
    """The attributes a test case that ran still holds as its setUp and test methods left them: stored in
    `self` there, and neither rebound nor deleted by a tearDown or cleanup of its classes."""
    stored, reset = set(), set()
    for cls in lineage:
        for method in getattr(cls, "body", ()):
            if type(method) not in (ast.FunctionDef, ast.AsyncFunctionDef):
                continue
            if method.name in RESET:
                reset |= _self_targets(method)
            elif method.name.startswith(LEFT_BEHIND):
                stored |= _self_targets(method)
    return set() if "*" in reset else stored - reset


def _self_targets(method) -> set:
    out = set()
    for node in ast.walk(method):
        if type(node) is ast.Attribute and type(node.ctx) is not ast.Load and type(node.value) is ast.Name \
                and node.value.id == "self":
            out.add(node.attr)
        elif type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "addCleanup":
            out.add("*")  # a cleanup may undo anything
    return out


def _this_module(expr) -> bool:
    """`sys.modules[__name__]` (or `["__main__"]`): this module's own test classes."""
    return type(expr) is ast.Subscript and type(expr.value) is ast.Attribute and expr.value.attr == "modules" \
        and type(expr.value.value) is ast.Name and expr.value.value.id == "sys" \
        and (type(expr.slice) is ast.Name and expr.slice.id == "__name__"
             or type(expr.slice) is ast.Constant and expr.slice.value == "__main__")


def _is(value, kind: str) -> bool:
    return type(value) is V.Library and value.type == kind
