"""Tasks picked from a listing of a module's functions (issue 12, reports crmsh_report_command_failure):
`inspect.getmembers(module, isfunction)` narrowed by a comprehension's tests on the name, then
`getattr(module, name)` submitted. The listing is the union of the functions it keeps
(semantic/members.py); each cause has a near miss that must stay silent."""
import ast
import textwrap

from helpers import at_import_copy, sent_back_copy
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.semantic import members as M, values as V


def project(tmp_path, files: dict):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def findings(path, code=None):
    """(without the copies at an import of the module where a raise is: helpers.at_import_copy)"""
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings
            if code in (None, f.code) and not at_import_copy(f) and not sent_back_copy(f)]


ERRORS = """
    class Failure(ValueError):
        def __init__(self, cmd, host):
            super().__init__("failed: {} on {}".format(cmd, host))
"""

COLLECT = """
    from kit.errors import Failure

    def collect_logs():
        return "logs"

    def collect_verify():
        raise Failure("crm_verify", "node1")

    def helper_raises():
        raise Failure("helper", "node1")
"""

MAIN = """
    import multiprocessing
    from inspect import getmembers, isfunction
    from kit import collect

    def names():
        return [name for name, _ in getmembers(collect, isfunction) if TEST]

    def run():
        with multiprocessing.Pool(2) as pool:
            results = [pool.apply_async(getattr(collect, name)) for name in names()]
            return [r.get() for r in results]

    if __name__ == "__main__":
        run()
"""


def _check(tmp_path, collect=COLLECT, test='name.startswith("collect_")', main=MAIN):
    files = {"kit/__init__.py": "", "kit/errors.py": ERRORS, "kit/collect.py": collect,
             "main.py": main.replace("TEST", test)}
    return findings(project(tmp_path, files) / "main.py", "MP208")


def test_a_task_taken_by_name_from_a_listing_of_a_modules_functions_is_any_function_the_listing_keeps(tmp_path):
    [finding] = _check(tmp_path)
    assert "kit.collect.collect_verify()" in finding.message and "Failure" in finding.message


def test_the_member_itself_taken_from_the_listing_is_the_task(tmp_path):
    main = MAIN.replace("[name for name, _ in getmembers(collect, isfunction) if TEST]",
                        "[func for name, func in getmembers(collect, isfunction) if TEST]")
    main = main.replace("pool.apply_async(getattr(collect, name)) for name in names()",
                        "pool.apply_async(func) for func in names()")
    assert main.count("func for name, func") == 1 and "apply_async(func)" in main
    [finding] = _check(tmp_path, main=main)
    assert "kit.collect.collect_verify()" in finding.message
    quiet = COLLECT.replace('raise Failure("crm_verify", "node1")', 'return "ok"')
    assert _check(tmp_path / "b", collect=quiet, main=main) == []


def test_a_listing_made_by_a_function_walked_after_the_call_is_read_when_the_rule_asks(tmp_path):
    # the module-level code runs `names()` before the walker has walked its body
    main = """
        import multiprocessing
        from inspect import getmembers, isfunction
        from kit import collect

        def names():
            return [name for name, _ in getmembers(collect, isfunction) if TEST]

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                results = [pool.apply_async(getattr(collect, name)) for name in names()]
                print([r.get() for r in results])
    """
    [finding] = _check(tmp_path, main=main)
    assert "kit.collect.collect_verify()" in finding.message
    quiet = COLLECT.replace('raise Failure("crm_verify", "node1")', 'return "ok"')
    assert _check(tmp_path / "b", collect=quiet, main=main) == []
    assert _check(tmp_path / "c", main=main, test="is_enabled(name)") == []


def test_a_listing_whose_test_drops_the_raising_function_is_quiet(tmp_path):
    # near miss: only helper_raises raises, and the prefix leaves it out
    quiet = COLLECT.replace('raise Failure("crm_verify", "node1")', 'return "ok"')
    assert _check(tmp_path, collect=quiet) == []
    assert _check(tmp_path / "b", collect=quiet, test='not name.startswith("helper")') == []
    assert _check(tmp_path / "c", collect=quiet, test='name in ("collect_logs", "collect_verify")') == []


def test_a_test_the_listing_cannot_read_leaves_the_tasks_unknown(tmp_path):
    # `if is_enabled(name)` may keep any subset: the union of every function would invent tasks
    main = MAIN.replace("def names():", "def is_enabled(name):\n        return name in ENABLED\n    def names():")
    assert _check(tmp_path, collect=COLLECT, test="is_enabled(name)", main=main) == []


def test_a_for_statement_over_the_listing_is_not_narrowed_by_the_if_in_its_body(tmp_path):
    # the walker does not narrow a loop variable by an `if` in the body: the listing gives nothing there
    quiet = COLLECT.replace('raise Failure("crm_verify", "node1")', 'return "ok"')
    main = """
        import multiprocessing
        from inspect import getmembers, isfunction
        from kit import collect

        def run():
            with multiprocessing.Pool(2) as pool:
                for name, func in getmembers(collect, isfunction):
                    if name.startswith("collect_"):
                        pool.apply_async(func).get()

        if __name__ == "__main__":
            run()
    """
    assert _check(tmp_path, collect=quiet, main=main) == []


def test_a_listing_without_a_predicate_is_unknown(tmp_path):
    # `getmembers(collect)` lists its variables and imports too (Failure, imported: not known here)
    main = MAIN.replace("getmembers(collect, isfunction)", "getmembers(collect)")
    assert _check(tmp_path, main=main) == []


def test_the_listing_keeps_what_each_test_says_on_the_name():
    names = ["collect_a", "collect_b", "helper"]
    listing = ast.parse("x").body[0].value
    pairs = V.Sequence(listing, [V.Sequence(listing, [M.name_value(listing, n), None]) for n in names],
                       enumerates="m")
    target = ast.parse("name, func = 1").body[0].targets[0]

    def kept(test):
        result = M.narrowed(pairs, target, [ast.parse(test).body[0].value] if test else [])
        return None if result is None else [p.items[0].node.value for p in result.items]

    assert kept("") == names
    assert kept('name.startswith("collect_")') == ["collect_a", "collect_b"]
    assert kept('name.endswith(("_b", "per"))') == ["collect_b", "helper"]
    assert kept('not name.startswith("collect_") or name == "collect_a"') == ["collect_a", "helper"]
    assert kept('name != "helper" and name not in ["collect_a"]') == ["collect_b"]
    assert kept("func.enabled") is None  # a test on the member, not the name: unknown
    assert kept('name.startswith(prefix)') is None
    assert M.names_of(M.name_value(listing, "a")) == ["a"]


CLASS_TASKS = """
    import inspect
    from concurrent.futures import ProcessPoolExecutor

    class Failure(ValueError):
        def __init__(self, cmd, host):
            super().__init__("failed: {} on {}".format(cmd, host))

    class Steps:
        @staticmethod
        def step_load():
            return 1

        @staticmethod
        def step_check():
            raise Failure("check", "node1")

    def run():
        names = [n for n, _ in inspect.getmembers(Steps, predicate=inspect.isfunction) if n.startswith("step_")]
        with ProcessPoolExecutor(2) as ex:
            return [ex.submit(getattr(Steps, n)).result() for n in names]

    if __name__ == "__main__":
        run()
"""


def test_a_listing_of_a_class_of_this_module_gives_its_static_methods(tmp_path):
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(CLASS_TASKS))
    [finding] = findings(path, "MP208")
    assert "step_check" in finding.message or "Failure" in finding.message
    # near miss: the prefix leaves the raising one out
    path.write_text(textwrap.dedent(CLASS_TASKS.replace('n.startswith("step_")', 'n == "step_load"')))
    assert findings(path, "MP208") == []
