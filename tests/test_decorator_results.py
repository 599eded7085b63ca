"""What a decorator gives back decides what the module-level name holds, and pickle's own algorithm decides the
rest: a function pickles by reference only if `getattr(module, f.__qualname__)` is that same function.

- A decorator factory (`@params(a=int)`: its call hands out the decorator, which returns its nested `wrapper`
  without functools.wraps) leaves a local function under the name: "Can't pickle local object
  'params.<locals>.decorator.<locals>.wrapper'" (dobarkod/typedecorator #3; fresh_reports9 typedecorator3).
- A decorator that returns an object of a dataclass keeping the function (`@task` returning `TaskSpec(func.__name__,
  func)`) leaves the object under the name; the function kept in its field is "not the same object as
  __main__.build", whether the object or its field (`spec.action`, read from each spec of a list) is pickled
  (smarie/python-doit-api #3; fresh_reports9 doitapi3).

Near misses: a factory's decorator with functools.wraps (pickled by the module's name, which is the wrapper), a
registering decorator that returns the function itself, doit's fix (the spec is attached to the function, which
stays under its name), a module-level function kept in a spec."""
import pytest
from helpers import assert_outcome, found, run_program

from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

DECORATORS = """
import functools
from dataclasses import dataclass

REGISTRY = {}


def params(**types):
    def decorator(fn):
        def wrapper(*args, **kwargs):
            return fn(*args, **kwargs)
        return wrapper
    return decorator


def traced(label):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(*args, **kwargs)
        return wrapper
    return decorator


def register(name):
    def decorator(fn):
        REGISTRY[name] = fn
        return fn
    return decorator


@dataclass
class TaskSpec:
    name: str
    action: object


def task(_func=None, *, targets=()):
    def decorate(func):
        return TaskSpec(func.__name__, func)
    return decorate(_func) if _func is not None else decorate


def marked(_func=None, *, targets=()):
    def decorate(func):
        func.spec = TaskSpec(func.__name__, func)
        return func
    return decorate(_func) if _func is not None else decorate
"""

POOL_PROGRAM = """
import sys
from multiprocessing import Pool
IMPORT


DECORATOR
def double(x):
    return 2 * x


if __name__ == "__main__":
    with Pool(2) as pool:
        out = pool.map(double, [1, 2, 3])
    print(f"RESULT={out}")
"""

SPEC_PROGRAM = """
import multiprocessing
import sys
IMPORT


def execute(name, action, results):
    results.put((name, action()))


class Runner:
    def __init__(self, tasks):
        self.tasks = tasks

    def run_all(self):
        results = multiprocessing.Queue()
        procs = []
        for item in self.tasks:
            spec = SPEC
            procs.append(multiprocessing.Process(target=execute, args=(spec.name, spec.action, results)))
        for p in procs:
            p.start()
        out = dict(results.get(timeout=20) for _ in procs)
        for p in procs:
            p.join(20)
        return out


DECORATOR
def build():
    return "built"


if __name__ == "__main__":
    done = Runner([build]).run_all()
    print(f"RESULT={done}")
"""

# decorator -> (refused, words of the error)
POOL_CASES = {"params(x=int)": (True, "params.<locals>.decorator.<locals>.wrapper"),
              "traced('t')": (False, ""), "register('d')": (False, "")}
SPEC_CASES = {"task(targets=['a'])": (True, "it's not the same object as __main__.build"),
              "task": (True, "it's not the same object as __main__.build"),  # task(build) -> decorate(build)
              "marked(targets=['a'])": (False, ""), "marked": (False, "")}
SPEC_OF = {"task": "item", "marked": "item.spec"}


def program(template: str, decorator: str, local: bool) -> str:
    name = decorator.split("(")[0]
    imported = DECORATORS if local else f"from helper import {name}"
    return template.replace("IMPORT", imported).replace("DECORATOR", f"@{decorator}") \
        .replace("SPEC", SPEC_OF.get(name, "item"))


def _row(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("local", [True, False])
@pytest.mark.parametrize("decorator", sorted(POOL_CASES))
def test_factory_decorators(tmp_path, decorator, local):
    text = program(POOL_PROGRAM, decorator, local)
    if local:
        findings = found(text, "MP201")
    else:
        (tmp_path / "helper.py").write_text(DECORATORS)
        (tmp_path / "main.py").write_text(text)
        findings = [f for f in analyze_path(tmp_path / "main.py", Settings(), project_root=tmp_path).findings
                    if f.code == "MP201"]
    refused, words = POOL_CASES[decorator]
    assert [f.start.row for f in findings] == ([_row(text, "pool.map(")] if refused else [])
    if findings:
        assert words in findings[0].message


@pytest.mark.parametrize("decorator", sorted(SPEC_CASES))
def test_decorator_returning_a_dataclass_object(decorator):
    text = program(SPEC_PROGRAM, decorator, True)
    findings = found(text, "MP203")
    refused, words = SPEC_CASES[decorator]
    assert [f.start.row for f in findings] == ([_row(text, "procs.append(")] if refused else [])
    if findings:
        assert words in findings[0].message and set(findings[0].start_methods) == {"spawn", "forkserver"}


@pytest.mark.parametrize("decorator", sorted(SPEC_CASES))
def test_the_object_itself_pickled_from_another_module(tmp_path, decorator):
    (tmp_path / "helper.py").write_text(DECORATORS)
    text = program(SPEC_PROGRAM, decorator, False).replace("Runner([build]).run_all()", "Runner([]).run_all()\n"
        "    q = multiprocessing.Queue()\n    multiprocessing.Process(target=execute, args=('x', build, q)).start()")
    (tmp_path / "main.py").write_text(text)
    findings = [f for f in analyze_path(tmp_path / "main.py", Settings(), project_root=tmp_path).findings
                if f.code in ("MP201", "MP203")]
    refused, words = SPEC_CASES[decorator]
    assert [f.start.row for f in findings] == ([_row(text, "args=('x', build, q)")] if refused else [])
    if findings:
        assert words in findings[0].message


ITEMS = """
import multiprocessing
from dataclasses import dataclass


@dataclass
class Spec:
    name: str
    action: object


def execute(name, action):
    action()


def helper():
    return 1


def run(specs):
    for spec in specs:
        multiprocessing.Process(target=execute, args=(spec.name, spec.action)).start()


if __name__ == "__main__":
    run([Spec("x", ACTION)])
"""


@pytest.mark.parametrize("action,refused", [("lambda: 1", True), ("helper", False)])
def test_field_of_each_item_of_a_list_the_callers_pass(action, refused):
    text = ITEMS.replace("ACTION", action)
    assert [f.start.row for f in found(text, "MP201")] == ([_row(text, "Process(target=execute")] if refused else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("decorator", ["params(x=int)", "traced('t')"])
def test_runtime_factories(tmp_path, decorator, method):
    (tmp_path / "helper.py").write_text(DECORATORS)
    path = tmp_path / "main.py"
    path.write_text(program(POOL_PROGRAM, decorator, False))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    refused, words = POOL_CASES[decorator]
    assert_outcome(out, refused, (words, words.replace("pickle", "get")), "RESULT=[2, 4, 6]")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("decorator", sorted(SPEC_CASES))
def test_runtime_specs(tmp_path, decorator, method):
    path = tmp_path / "main.py"
    path.write_text(program(SPEC_PROGRAM, decorator, True))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    refused, words = SPEC_CASES[decorator]
    assert_outcome(out, refused and method != "fork", words, "RESULT={'build': 'built'}")


RENAMED = """import functools
from multiprocessing import Pool


def logged(fn):
    def wrapper(*args):
        return fn(*args)
    functools.update_wrapper(wrapper, fn)
    return wrapper


def named(fn):
    def wrapper(*args):
        return fn(*args)
    wrapper.__qualname__ = fn.__qualname__
    return wrapper


def plain(fn):
    def wrapper(*args):
        return fn(*args)
    return wrapper


@logged
def a(x):
    return x


@named
def b(x):
    return x


@plain
def c(x):
    return x


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(a, [1]), pool.map(b, [1]))
        print(pool.map(c, [1]))
"""


def test_wrappers_renamed_without_decorating_them():
    """`functools.update_wrapper(wrapper, fn)` or `wrapper.__qualname__ = fn.__qualname__` gives the wrapper the
    function's name as functools.wraps does (pickled by the module's name); only the plain wrapper is refused."""
    assert [f.start.row for f in found(RENAMED, "MP201")] == [_row(RENAMED, "pool.map(c")]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_renamed(tmp_path, method):
    path = tmp_path / "main.py"
    path.write_text(RENAMED)
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, True, "plain.<locals>.wrapper", "")
    assert "[1] [1]" in out.stdout  # a and b went through the pool
