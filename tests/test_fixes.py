"""Golden before/after tests for the fix builders (tests/fixtures/fixes/<name>_before.py / _after.py).

Each fixture is fixed with the same loop as `mpguard check --fix --unsafe-fixes`; the result must
equal the golden file, parse, and no longer carry the finding the fix was for. Every fixture is
also run with CRLF line endings: the fix must keep them and give the same code.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import state_dispatch_copy
from mpguard.linter.analyze import analyze
from mpguard.fixes.apply import apply_edits, fix_all
from mpguard.text.findings import Applicability

HERE = Path(__file__).parent / "fixtures" / "fixes"
CASES = sorted(p.name[: -len("_before.py")] for p in HERE.glob("*_before.py"))

# fixture -> (code fixed, applicability of the first fix)
EXPECTED = {
    "guard_tail": ("MP101", Applicability.UNSAFE),  # a def after the start moves ahead of the guard
    "guard_existing": ("MP101", Applicability.UNSAFE),
    "guard_main_function": ("MP101", Applicability.SAFE),  # long tail: def main() + guard
    "side_effect": ("MP102", Applicability.UNSAFE),
    "lambda_closure": ("MP201", Applicability.UNSAFE),
    "lambda_loop_default": ("MP201", Applicability.SAFE),  # the default moves into the partial
    "module_lambda": ("MP201", Applicability.SAFE),
    "factory_closure": ("MP201", Applicability.UNSAFE),
    "nested_async": ("MP201", Applicability.UNSAFE),
    "decorator_wraps": ("MP201", Applicability.SAFE),
    "local_class": ("MP201", Applicability.SAFE),
    "guard_def": ("MP202", Applicability.SAFE),
    "thread_lock": ("MP203", Applicability.UNSAFE),
    "exception": ("MP208", Applicability.SAFE),
    "start_method": ("MP402", Applicability.SAFE),
    "drain": ("MP410", Applicability.SAFE),
    "fetch": ("MP411", Applicability.SAFE),
    "generator_result": ("MP207", Applicability.UNSAFE),  # the items are computed before the answer
    "same_context": ("MP205", Applicability.SAFE),
    # fields pickle refuses are left out of the state and built again (the parameter through its field)
    "state_connection": ("MP201", Applicability.UNSAFE),
    "state_dataclass_factory": ("MP203", Applicability.UNSAFE),  # default_factory=threading.Lock
    "generator_argument": ("MP203", Applicability.UNSAFE),  # a list where the generator is made
    "lambda_field": ("MP203", Applicability.SAFE),  # a dataclass field's lambda default is lifted
    "namedtuple_local": ("MP203", Applicability.SAFE),  # the local namedtuple moves to module level
    "drain_join_loop": ("MP410", Applicability.SAFE),  # the loop of joins moves after the reads
    "drain_read_first": ("MP410", Applicability.UNSAFE),  # join(timeout) + is_alive(): the read moves up
    "exception_returned": ("MP207", Applicability.SAFE),  # a returned exception records its arguments
    "state_other_function": ("MP302", Applicability.UNSAFE),  # set in main(), the pool made in another function
    "state_several_globals": ("MP302", Applicability.UNSAFE),  # two globals, one initializer for both
    "state_one_statement_two_globals": ("MP302", Applicability.UNSAFE),  # `a, b = load()`: both restored
    "local_process_subclass": ("MP201", Applicability.SAFE),  # a local class whose __init__ calls super()
    "unread_field": ("MP201", Applicability.UNSAFE),  # the bound method's object holds the pool running it
    "lock_made_elsewhere": ("MP203", Applicability.UNSAFE),  # the lock reaches the args through spec.update()
    "base_lock_process": ("MP201", Applicability.UNSAFE),  # the lock is stored by a base class of the Process
    "state_recorded_local": ("MP201", Applicability.UNSAFE),  # rebuilt from a local recorded in self
    "drain_through_helpers": ("MP410", Applicability.UNSAFE),  # the joining helper's call moves after the read
    "exception_state": ("MP208", Applicability.UNSAFE),  # the attribute's class drops its lock, args recorded
    "unread_dispatch": ("MP201", Applicability.UNSAFE),  # getattr(self, "parse_" + fmt): no option reads it
    "unread_sent_method": ("MP203", Applicability.UNSAFE),  # a bound method in the task tuples; the caller's pool
    "unread_partial_method": ("MP201", Applicability.UNSAFE),  # functools.partial(self.count, word)
    "initializer_called": ("MP302", Applicability.UNSAFE),  # initializer=setup(5, 2) ran it in the parent
    "match_groups": ("MP207", Applicability.UNSAFE),  # a re.Match of named groups becomes its groupdict()
}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def findings(text: str, name: str = "case.py"):
    return analyze(text, name).findings


def fix(text: str) -> str:
    fixed, _ = fix_all(text, findings, unsafe=True)
    return fixed


def test_every_fixture_is_listed():
    assert sorted(EXPECTED) == CASES


@pytest.mark.parametrize("name", CASES)
def test_golden(name):
    before, after = read(HERE / f"{name}_before.py"), read(HERE / f"{name}_after.py")
    code, applicability = EXPECTED[name]
    reported = [f for f in findings(before) if f.code == code and not state_dispatch_copy(f)]
    assert reported, f"{name}: the rule no longer reports {code}"
    assert reported[0].fix is not None and reported[0].fix.applicability == applicability
    fixed = fix(before)
    assert fixed == after
    ast.parse(fixed)
    assert not [f for f in findings(fixed) if f.code == code]


@pytest.mark.parametrize("name", CASES)
def test_crlf(name):
    before, after = read(HERE / f"{name}_before.py"), read(HERE / f"{name}_after.py")
    fixed = fix(before.replace("\n", "\r\n"))
    assert fixed == after.replace("\n", "\r\n")
    assert "\n" not in fixed.replace("\r\n", "")


@pytest.mark.parametrize("name", ["state_other_function", "local_process_subclass", "unread_field",
                                  "lock_made_elsewhere"])
def test_a_second_fix_changes_nothing(name):
    after = read(HERE / f"{name}_after.py")
    assert fix(after) == after


def test_safe_only_leaves_unsafe_fixes():
    text = read(HERE / "lambda_closure_before.py")
    fixed, applied = fix_all(text, findings, unsafe=False)
    assert fixed == text and not applied


def test_guard_fix_is_safe_for_a_plain_tail():
    text = "import multiprocessing\n\n\ndef work():\n    pass\n\n\np = multiprocessing.Process(target=work)\np.start()\n"
    finding = next(f for f in findings(text) if f.code == "MP101")
    assert finding.fix.applicability == Applicability.SAFE
    assert fix(text).endswith('if __name__ == "__main__":\n    p = multiprocessing.Process(target=work)\n    p.start()\n')


def test_multiline_string_is_not_reindented():
    after = read(HERE / "factory_closure_after.py")
    assert '\n    keep this indentation\n        inside the string\n"""' in after


def test_functools_is_imported_once():
    text = read(HERE / "lambda_closure_before.py").replace(
        "print(pool.map(lambda x: x * scale + offset, range(4)))",
        "print(pool.map(lambda x: x * scale + offset, range(4)))\n"
        "        print(pool.map(lambda y: y - offset, range(2)))")
    fixed = fix(text)
    assert fixed.count("import functools") == 1
    assert not [f for f in findings(fixed) if f.code == "MP201"]


def test_non_utf8_columns():
    text = ('import multiprocessing\n\n\ndef main():\n    label = "é€"\n'
            '    p = multiprocessing.Process(target=lambda: print(label, "ü"))\n    p.start()\n    p.join()\n\n\n'
            'if __name__ == "__main__":\n    main()\n')
    fixed = fix(text)
    ast.parse(fixed)
    assert 'functools.partial(_target, label)' in fixed
    assert not [f for f in findings(fixed) if f.code == "MP201"]


def test_heavy_table_is_not_moved():
    text = ("import multiprocessing\n\nTABLE = [i for i in range(10)]\nopen('x.log', 'w')\n\n\ndef lookup(i):\n"
            "    return TABLE[i]\n\n\nif __name__ == '__main__':\n    with multiprocessing.Pool(2) as p:\n"
            "        print(p.map(lookup, [1]))\n")
    for f in findings(text):
        if f.code == "MP102" and f.fix is not None:
            assert "TABLE" not in "".join(e.content for e in f.fix.edits)


def test_parent_state_builder():
    from mpguard.linter.analyze import run_rules  # noqa: F401  (the builder is exercised through a ctx)
    from mpguard.rules.context import RuleContext
    from mpguard.semantic.names import ImportMap
    from mpguard.text.source import SourceText
    from mpguard.semantic.walker import Walker
    from mpguard.fixes.apply import apply_edits
    from mpguard.fixes.state import parent_state_fix

    text = ("import multiprocessing\n\nSCALE = 1\n\n\ndef scaled(x):\n    return x * SCALE\n\n\n"
            "if __name__ == '__main__':\n    SCALE = 100\n    with multiprocessing.Pool(2) as pool:\n"
            "        print(pool.map(scaled, [1, 2]))\n")
    tree = ast.parse(text)
    walker = Walker(tree, ImportMap(None), None)
    facts = walker.run()
    ctx = RuleContext(SourceText(text), tree, facts, walker.parents, walker.imports, None, "s.py")
    write = next(e for e in facts.effects if e.kind == "global-write")
    result = parent_state_fix(ctx, write.node)
    assert result is not None and result.applicability == Applicability.UNSAFE
    fixed = apply_edits(text, result.edits)
    assert "initializer=_restore_SCALE, initargs=(SCALE,)" in fixed
    assert "def _restore_SCALE(value):\n    global SCALE\n    SCALE = value\n" in fixed


# ---- checking that a fix parses (core.fixer.validated) ------------------------------------------------
def _validated_in(text: str, fix_):
    from mpguard.fixes import apply as fixer
    from mpguard.text.source import SourceText

    tree = ast.parse(text)
    token = fixer.TOP_LEVEL.set((SourceText(text), fixer.top_level_starts(tree)))
    try:
        return fixer.validated(text, fix_)
    finally:
        fixer.TOP_LEVEL.reset(token)


@pytest.mark.parametrize("far_edit, parses", [("_task", True), ("_task)", False), ("(_task", False)])
def test_a_fix_with_edits_far_apart_is_checked_statement_by_statement(far_edit, parses):
    """The import at the top and the replacement far below are checked as two short texts; the
    answer is the same as parsing the whole fixed module."""
    from mpguard.fixes.apply import apply_edits
    from mpguard.text.findings import Edit, Fix, Position

    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(50))
    text = "import os\n\n\n" + body + "pool.map(lambda x: x, [1])\n"
    row = text.count("\n")
    column = len("pool.map(")
    edits = (Edit(Position(2, 0), Position(2, 0), "import functools\n"),
             Edit(Position(row, column), Position(row, column + len("lambda x: x")), far_edit))
    candidate = Fix("lift", Applicability.SAFE, edits)
    expected = candidate if _parses(apply_edits(text, edits)) else None
    assert (expected is not None) == parses
    assert _validated_in(text, candidate) is expected


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def test_a_class_attribute_restored_in_the_child_is_fixed_once():
    """The MP302 fix wraps the target in a function that sets `Settings.debug` in the child. That
    assignment is not a read: the fix must not be offered again for its own wrapper (the fix loop
    used to stack ten of them)."""
    text = ("import multiprocessing\n\n\nclass Settings:\n    debug = False\n\n\n"
            "def probe(q):\n    q.put(Settings.debug)\n\n\n"
            "if __name__ == '__main__':\n    Settings.debug = True\n    q = multiprocessing.SimpleQueue()\n"
            "    p = multiprocessing.Process(target=probe, args=(q,))\n    p.start()\n    print(q.get())\n    p.join()\n")
    assert [f.code for f in findings(text) if not state_dispatch_copy(f)] == ["MP302"]
    fixed = fix(text)
    assert fixed.count("def _run_with_Settings_debug") == 1
    assert "Settings.debug = value" in fixed
    assert [f.code for f in findings(fixed)] == []


ORACLE_CASES = sorted((Path(__file__).resolve().parent / "corpus" / "oracle" / "cases").glob("*.py"))


@pytest.mark.parametrize("path", ORACLE_CASES + sorted(HERE.glob("*_before.py")), ids=lambda p: p.name)
def test_fixing_everything_leaves_nothing_to_fix_and_adds_no_hazard(path):
    """Every fix, safe and unsafe, applied until none is left: no finding still offers a fix (a fix
    that does not make its own finding go away is applied again and again), and no rule fires that
    did not fire before."""
    text = read(path)
    before = {f.code for f in findings(text, str(path))}
    fixed, _ = fix_all(text, lambda t: findings(t, str(path)), unsafe=True)
    after = findings(fixed, str(path))
    assert [f.code for f in after if f.fix is not None] == []
    assert {f.code for f in after} <= before


def test_the_methods_context_when_the_context_is_bound_after_the_object():
    text = ("import multiprocessing as mp\n\n\ndef produce(q):\n    q.put(1)\n\n\n"
            "if __name__ == '__main__':\n    q = mp.Queue()\n    ctx = mp.get_context('spawn')\n"
            "    p = ctx.Process(target=produce, args=(q,))\n    p.start()\n    print(q.get())\n    p.join()\n")
    found = [f for f in findings(text) if f.code == "MP205"]
    # not `ctx.Queue()` (a NameError there): the Queue is made from the context of the method the child starts
    # with, named where it is made (session 22); UNSAFE, as that method is the one the analysis found
    assert len(found) == 1 and found[0].fix.applicability == Applicability.UNSAFE
    fixed = apply_edits(text, found[0].fix.edits)
    assert "    q = mp.get_context(\"spawn\").Queue()\n" in fixed


def test_rules_that_say_their_fix_is_never_safe_offer_no_safe_fix():
    """`Rule.safe_fix` lets the server offer fix-all without building fixes: it must not hide a safe one."""
    from mpguard.rules import registry

    for path in ORACLE_CASES + sorted(HERE.glob("*_before.py")):
        for finding in findings(read(path), str(path)):
            if finding.fix is not None and finding.fix.applicability == Applicability.SAFE:
                rule = registry.get(finding.code)
                assert rule.fix_title and rule.safe_fix, (path.name, finding.code)


def _mp201_fix(text):
    finding = next(f for f in findings(text) if f.code == "MP201")
    return finding.fix


UNREAD_FIELD = read(HERE / "unread_field_before.py")


@pytest.mark.parametrize("body", [
    "return sum(block) * self.weight + len(self.pool._pool)",  # the method reads the pool itself
    "return helper(self, block)",  # `self` is handed on: which fields are read is unknown
    "return self.total(block)",  # another method reads the pool
])
def test_no_unread_field_fix_when_the_method_may_read_the_field(body):
    text = UNREAD_FIELD.replace("return sum(block) * self.weight", body).replace(
        "    def run(self, blocks):",
        "    def total(self, block):\n        return len(self.pool._pool)\n\n    def run(self, blocks):").replace(
        "class Scorer:", "def helper(obj, block):\n    return obj.weight\n\n\nclass Scorer:")
    fix = _mp201_fix(text)
    assert fix is None or "__getstate__" not in "".join(e.content for e in fix.edits)


def test_state_fix_refuses_a_name_that_is_a_parameter_where_the_pool_is_made():
    text = read(HERE / "state_other_function_before.py").replace(
        "def count(lines):", "def count(lines, MIN_LENGTH=1):")
    finding = next(f for f in findings(text) if f.code == "MP302")
    assert finding.fix is None


def test_drain_fix_refuses_a_read_that_stops_at_an_empty_queue():
    # openstreetPOIs #1: `while not out.empty(): out.get()` moved before the joins ends at once, before the
    # children put anything, and the joins still deadlock; the loop that blocks on get() is still fixed.
    polling = (
        "import multiprocessing\n\n\ndef work(n, out):\n    for i in range(n):\n        out.put(i)\n\n\n"
        "def main():\n    out = multiprocessing.Queue()\n    procs = [multiprocessing.Process(target=work, args=(20000, out))"
        " for _ in range(3)]\n    for p in procs:\n        p.start()\n    for p in procs:\n        p.join()\n"
        "    got = []\n    while not out.empty():\n        got.append(out.get())\n    return got\n\n\n"
        "if __name__ == \"__main__\":\n    print(len(main()))\n")
    finding = next(f for f in findings(polling) if f.code == "MP410")
    assert finding.fix is None
    blocking = polling.replace("while not out.empty():\n        got.append(out.get())",
                               "for _ in range(3 * 20000):\n        got.append(out.get())")
    finding = next(f for f in findings(blocking) if f.code == "MP410")
    assert finding.fix is not None


def test_fixes_applied_in_one_round_get_different_names():
    """Two lambdas fixed in one round of fix-all: each gets its own module-level function (both were named
    `_task` before, and the second definition replaced the first)."""
    text = (
        "import multiprocessing\n\n\n"
        "def run():\n"
        "    with multiprocessing.Pool(2) as p:\n"
        "        return p.map(lambda x: x * 2, [1, 2, 3])\n\n\n"
        'if __name__ == "__main__":\n'
        "    print(run())\n"
        "    with multiprocessing.Pool(2) as p:\n"
        "        print(p.map(lambda x: x + 1, [1, 2, 3]))\n"
    )
    fixed, applied = fix_all(text, findings, unsafe=False)
    assert len(applied) == 2
    tree = ast.parse(fixed)
    defined = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert len(defined) == len(set(defined)) == 3, fixed
    namespace: dict = {}
    exec(compile(ast.Module([n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name != "run"], []),
                 "fixed", "exec"), namespace)
    assert sorted(f(3) for name, f in namespace.items() if not name.startswith("__")) == [4, 6]


@pytest.mark.parametrize("replacement, kept", [
    ("Pool(2, initializer=_init)", True),
    ("Pool(2, initializer=_init, initializer=_other)", False),  # parses, but "keyword argument repeated"
    ("Pool(2, initializer=lambda a, a: None)", False),  # parses, but "duplicate argument 'a'"
])
def test_a_fix_whose_result_would_not_compile_is_dropped(replacement, kept):
    """ast.parse accepts a keyword given twice and a parameter named twice; compile() does not. A fix that
    adds `initializer=` to a call that has one already (found by fixes16 on fresh_realistic5) is dropped."""
    from mpguard.text.findings import Edit, Fix, Position

    text = "import multiprocessing\n\n\ndef main():\n    with multiprocessing.Pool(2) as pool:\n        pool.map(f, [1])\n"
    start = Position(5, len("    with multiprocessing."))
    edit = Edit(start, Position(5, start.column + len("Pool(2)")), replacement)
    candidate = Fix("init", Applicability.SAFE, (edit,))
    fixed = text.replace("Pool(2)", replacement)
    compiles = True
    try:
        compile(fixed, "<fixed>", "exec")
    except SyntaxError:
        compiles = False
    assert compiles == kept
    assert (_validated_in(text, candidate) is candidate) == kept
