"""Registries (semantic/registries.py): a module-level dict of another project module that a decorator
(`@registry.register("download")`) or a register() call fills, and a lookup (`registry.resolve(name)`) reads. The
lookup gives the value registered under a constant name, or any registered value for another name: a task a
daemonic child runs by name that opens a Pool (MP413; FHIR-PYrate #144, fresh_realistic7
fhir_bundle_download_pool_in_daemon_worker), a lambda registered and then sent to a pool (MP201; byexample #220).
Near misses: a registry of module-level functions, a name that picks one, a worker that is not daemonic. Proven
under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.registries import Role, role_of
from test_semantic_crossmodule import findings, project

REGISTRY = """
    HANDLERS = {}


    def register(name):
        def deco(fn):
            HANDLERS[name] = fn
            return fn
        return deco


    def add(name, fn):
        HANDLERS[name] = fn


    def resolve(name):
        try:
            return HANDLERS[name]
        except KeyError:
            raise KeyError(f"unknown task {name!r}") from None
"""

WORKER = """
    import multiprocessing as mp
    import sys

    from kit import registry


    def square(x):
        return x * x


    @registry.register("download")
    def download(n):
        with mp.Pool(2) as pool:
            return sum(pool.map(square, range(n)))


    @registry.register("count")
    def count(n):
        return n


    def child(task_name, arg, results):
        fn = registry.resolve(task_name)
        results.put(fn(arg))


    def run(task_name, arg):
        results = mp.Queue()
        proc = mp.Process(target=child, args=(task_name, arg, results))
        proc.daemon = DAEMON
        proc.start()
        value = results.get(timeout=5)
        proc.join()
        return value


    if __name__ == "__main__":
        print("RESULT", run(TASK, 4))
"""

FILTERS = """
    import multiprocessing as mp
    import sys

    from kit import registry


    def invert(p):
        return 255 - p


    registry.add("invert", invert)
    registry.add("threshold", THRESHOLD)


    def apply(name, pixels):
        fn = registry.resolve(name)
        with mp.Pool(2) as pool:
            return pool.map(fn, pixels)


    if __name__ == "__main__":
        print("RESULT", apply(NAME, [10, 200]))
"""

LAMBDA = "lambda p: 255 if p > 127 else 0"
NAMED = "invert"


def worker(daemon="True", task='"download"'):
    return {"kit/__init__.py": "", "kit/registry.py": REGISTRY,
            "main.py": WORKER.replace("DAEMON", daemon).replace("TASK", task)}


def filters(threshold=LAMBDA, name="sys.argv[1] if len(sys.argv) > 1 else 'threshold'"):
    return {"kit/__init__.py": "", "kit/registry.py": REGISTRY,
            "main.py": FILTERS.replace("THRESHOLD", threshold).replace("NAME", name)}


def line_of(text, needle):
    return next(i for i, line in enumerate(textwrap.dedent(text).splitlines(), 1) if needle in line)


def test_roles_read_from_the_syntax():
    defs = {f.name: f for f in ast.parse(textwrap.dedent(REGISTRY)).body if isinstance(f, ast.FunctionDef)}
    assert role_of(defs["register"]) == Role("decorate", "HANDLERS", 0)
    assert role_of(defs["add"]) == Role("add", "HANDLERS", 0, 1)
    assert role_of(defs["resolve"]) == Role("lookup", "HANDLERS", 0)
    other = ast.parse(textwrap.dedent("""
        def local(name):
            table = {}
            return table[name]
        def mixed(name):
            if name:
                return HANDLERS[name]
            return None
        def stores_a_constant(name):
            HANDLERS[name] = 1
    """)).body
    assert [role_of(f) for f in other] == [None, None, None]


def test_a_decorated_task_looked_up_by_name_opens_a_pool_in_a_daemon(tmp_path):
    files = worker()
    [finding] = findings(project(tmp_path, files) / "main.py", "MP413")
    assert finding.start.row == line_of(files["main.py"], "mp.Pool(2)")


@pytest.mark.parametrize("daemon, task", [("False", '"download"'), ("True", '"count"')])
def test_daemon_near_misses(tmp_path, daemon, task):
    # a worker that is not daemonic; a name that picks the task without a pool
    assert findings(project(tmp_path, worker(daemon, task)) / "main.py", "MP413") == []


def test_a_lambda_registered_and_sent_to_a_pool(tmp_path):
    files = filters()
    found = findings(project(tmp_path, files) / "main.py")
    assert [f.code for f in found] == ["MP201"]
    assert found[0].start.row == line_of(files["main.py"], "pool.map(fn, pixels)")


@pytest.mark.parametrize("threshold, name", [(NAMED, "sys.argv[1]"), (LAMBDA, '"invert"')])
def test_pickling_near_misses(tmp_path, threshold, name):
    # every registered value a module-level function; a constant name that picks one
    assert [f.code for f in findings(project(tmp_path, filters(threshold, name)) / "main.py")] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("files, fails, error, printed", [
    (worker(), True, "daemonic processes are not allowed to have children", None),
    (worker("False"), False, None, "RESULT 14"),
    (worker("True", '"count"'), False, None, "RESULT 4"),
    (filters(), True, "pickle", None),
    (filters(NAMED), False, None, "RESULT [245, 55]"),
    (filters(LAMBDA, '"invert"'), False, None, "RESULT [245, 55]"),
])
def test_runtime(tmp_path, method, files, fails, error, printed):
    root = project(tmp_path, files)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if fails and "daemonic" in error:  # the child's traceback; the parent then waits for a result in vain
        assert "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    else:
        assert_outcome(out, fails, error, printed)


def test_a_role_is_read_once_per_def_and_an_edited_text_is_read_again():
    """`role_of` keeps a def's role on its node (every walk of a run asks about the same functions): asked
    again, the node gives the same answer without reading it again; an edited module is a new tree, read anew."""
    from mpguard.semantic import registries

    defs = {f.name: f for f in ast.parse(textwrap.dedent(REGISTRY)).body if isinstance(f, ast.FunctionDef)}
    first = role_of(defs["resolve"])
    assert first == Role("lookup", "HANDLERS", 0) and role_of(defs["resolve"]) is first
    assert defs["resolve"]._mpguard_role is first and registries._role_of(defs["resolve"]) == first
    edited = textwrap.dedent(REGISTRY).replace("return HANDLERS[name]", "return HANDLERS.copy()")
    again = {f.name: f for f in ast.parse(edited).body if isinstance(f, ast.FunctionDef)}
    assert role_of(again["resolve"]) is None  # (not the role kept on the first tree's node)


def test_own_nodes_walk_in_the_order_of_iter_child_nodes():
    """The fast walk of a function's own nodes gives ast.iter_child_nodes' depth-first order, without expression
    contexts and operators and without the bodies of nested functions, lambdas and classes."""
    from mpguard.semantic.registries import _own_nodes

    source = textwrap.dedent(REGISTRY) + textwrap.dedent("""
        def mixed(a, *args, b=1, **kw):
            x, y = a + b, -a
            f = lambda z: z * 2
            class Inner:
                HIDDEN = 1
            def nested():
                return SECRET
            TABLE[a] = {k: v for k, v in kw.items() if not k} or [*args]
            return f"{x!r:>{y}}" if a < b and not x else TABLE.get(a)
    """)
    skip = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
    for func in ast.parse(source).body:
        if not isinstance(func, ast.FunctionDef):
            continue
        stack, expected = list(reversed(func.body)), []
        while stack:
            node = stack.pop()
            expected.append(node)
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.extend(reversed(list(ast.iter_child_nodes(node))))
        assert _own_nodes(func) == [n for n in expected if not isinstance(n, skip)]


def test_an_edit_to_the_registry_module_changes_the_importer_in_the_same_process(tmp_path):
    """The roles kept on def nodes live as long as their trees: after the registry module is edited (its
    decorator no longer registers), the next analysis of the importer in the same process reads the new text."""
    from mpguard.resolve.project import INDEX

    files = worker()
    root = project(tmp_path, files)
    assert len(findings(root / "main.py", "MP413")) == 1
    edited = textwrap.dedent(REGISTRY).replace("HANDLERS[name] = fn\n        return fn", "return fn", 1)
    assert edited != textwrap.dedent(REGISTRY)
    (root / "kit" / "registry.py").write_text(edited)
    INDEX.new_epoch()  # (what each run, and each analysis of the language server, starts with)
    assert findings(root / "main.py", "MP413") == []
