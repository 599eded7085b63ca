"""Findings at the origin of a value (issue 12): what a task sends back to the parent is reported where the
crossing happens (the task's `return`, the call that submits a task of another module) and also where the
value is made, when that is another statement of the project:
- the `return` of a helper of this module that built what the task returns (rules/result_origins);
- the `raise` a task reaches in another project module: at this module's import of that module (or of the
  called function's module), the call a related location (RuleContext.report_at_origin);
- the helper of another module a value crosses into a child at (MP201-MP209 sites): at the import too.
The corpora anchor either place (tests/corpus: the call, the task's return, the helper's return or raise), so
both are kept. Each origin kind has a hazard-free near miss that stays silent."""
import textwrap

import pytest

from helpers import assert_outcome, run_program, sent_back_copy
from mpguard.linter.analyze import analyze
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings


def rows(src: str, code: str) -> list[int]:
    return sorted(f.start.row for f in analyze(textwrap.dedent(src)).findings if f.code == code and not sent_back_copy(f))


def found(src: str, code: str) -> list:
    return sorted((f for f in analyze(textwrap.dedent(src)).findings if f.code == code and not sent_back_copy(f)), key=lambda f: f.start.row)


def project(tmp_path, files: dict):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def project_findings(path, code):
    return sorted((f for f in analyze_path(path, Settings(), project_root=path.parent).findings if f.code == code and not sent_back_copy(f)),
                  key=lambda f: f.start.row)


# ---- a result a helper of this module made ----------------------------------------------------------

HELPER_GENERATOR = """\
import multiprocessing


def load_rows(text):
    rows = (line.split(",") for line in text.splitlines())
    return text[:3], rows


def load_shard(text):
    return load_rows(text)


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(load_shard, ["a,b", "c,d"]))
"""


def test_a_generator_a_helper_returns_is_reported_at_the_helpers_return_and_the_tasks():
    task_return, helper_return = found(HELPER_GENERATOR, "MP207")[::-1]
    assert (helper_return.start.row, task_return.start.row) == (6, 10)
    assert "load_rows() returns a generator here" in helper_return.message
    assert "load_shard()" in helper_return.message and "line 10" in helper_return.message
    assert [(p.row, text) for p, text in helper_return.related] == [(10, "the task load_shard() returns it here"),
                                                                    (15, "the result crosses back into the parent here")]
    assert [(p.row, text) for p, text in task_return.related] == [(15, "the result crosses back into the parent here")]
    assert helper_return.start_methods == task_return.start_methods == {"fork", "spawn", "forkserver"}
    assert helper_return.fix is None  # (the fix belongs to the finding at the task's return)


def test_the_deepest_helper_on_the_way_to_the_refused_object_is_the_origin():
    src = """\
    import multiprocessing
    import re

    TITLE = re.compile(r"<title>(.*?)</title>")


    def title_of(html):
        return TITLE.search(html)


    def page_info(name, html):
        return {"page": name, "title": title_of(html)}


    def scrape(item):
        return page_info(*item)


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(scrape, [("a", "<title>x</title>")]))
    """
    assert rows(src, "MP207") == [8, 16]  # title_of's return (the re.Match), the task's return


def test_a_method_of_this_module_that_returns_the_generator_is_its_origin():
    src = """\
    import multiprocessing


    class Scanner:
        def __init__(self, level):
            self.level = level

        def errors_in(self, lines):
            return (line for line in lines if line.startswith(self.level))


    def scan(lines):
        return Scanner("ERROR").errors_in(lines)


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(scan, [["ERROR a", "INFO b"]]))
    """
    assert rows(src, "MP207") == [9, 13]


def test_a_value_the_task_makes_itself_has_no_second_origin():
    src = """\
    import multiprocessing
    import threading


    def make_guard(name):
        return {"name": name, "lock": threading.Lock()}


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(make_guard, ["a"]))
    """
    assert rows(src, "MP207") == [6]  # (the shared oracle's anchor: the task's return)


def test_near_miss_the_task_turns_the_helpers_generator_into_a_list():
    src = HELPER_GENERATOR.replace("    return load_rows(text)", "    header, rows = load_rows(text)\n"
                                   "    return header, list(rows)")
    assert rows(src, "MP207") == []


def test_near_miss_a_helper_returns_a_picklable_dict():
    src = HELPER_GENERATOR.replace('rows = (line.split(",") for line in text.splitlines())',
                                   'rows = [line.split(",") for line in text.splitlines()]')
    assert rows(src, "MP207") == []


def test_near_miss_a_function_the_task_never_calls_returns_the_same_object():
    src = """\
    import multiprocessing
    import threading

    LOCK = threading.Lock()


    def unrelated():
        return LOCK


    def task(x):
        return LOCK


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(task, [1]))
    """
    assert rows(src, "MP207") == [12]  # at the task's return only: unrelated() is not on the way


# ---- a raise in another project module ---------------------------------------------------------------

ERRORS = """\
class RowError(Exception):
    def __init__(self, lineno, reason):
        super().__init__(f"line {lineno}: {reason}")
"""

PARSE = """\
from pkg.errors import RowError


def _number(lineno, value):
    if not value.isdigit():
        raise RowError(lineno, "not a number")
    return int(value)


def parse_line(item):
    lineno, line = item
    return _number(lineno, line.partition(",")[2])
"""

RUNNER = """\
from concurrent.futures import ProcessPoolExecutor


def parse_all(lines, parser):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(parser, enumerate(lines, 1)))
"""


def _pkg(tmp_path, main: str):
    return project(tmp_path, {"pkg/__init__.py": "", "pkg/errors.py": ERRORS, "pkg/parse.py": PARSE,
                              "pkg/runner.py": RUNNER, "main.py": main})


def test_a_raise_two_calls_deep_in_another_module_is_reported_at_its_import_and_at_the_call(tmp_path):
    root = _pkg(tmp_path, """\
        from concurrent.futures import ProcessPoolExecutor

        from pkg.parse import parse_line


        def main():
            with ProcessPoolExecutor() as pool:
                print(list(pool.map(parse_line, [(1, "a,x")])))


        if __name__ == "__main__":
            main()
        """)
    at_import, at_call = project_findings(root / "main.py", "MP208")
    assert (at_import.start.row, at_call.start.row) == (3, 8)
    assert "`RowError` is raised on line 6 of parse.py" in at_import.message
    assert [(p.row, text) for p, text in at_import.related] == [(8, "reached from here")]
    origin = at_import.related_file
    assert (origin.path.replace("\\", "/").rsplit("/", 2)[-2:], origin.line, origin.site) == (["pkg", "parse.py"], 6,
                                                                                              False)
    assert at_import.fix is None
    assert at_import.start_methods == at_call.start_methods


def test_a_task_of_another_module_handed_to_a_third_modules_pool_is_reported_at_the_tasks_import(tmp_path):
    root = _pkg(tmp_path, """\
        from pkg.parse import parse_line
        from pkg.runner import parse_all


        def main():
            print(parse_all(["a,x"], parse_line))


        if __name__ == "__main__":
            main()
        """)
    rows_ = [f.start.row for f in project_findings(root / "main.py", "MP208")]
    assert rows_ == [1, 6]  # the import of pkg.parse (where the raise is), the call


def test_a_raise_in_a_module_this_one_does_not_import_is_reported_at_the_import_it_is_reached_through(tmp_path):
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/errors.py": ERRORS, "pkg/parse.py": PARSE,
                              "pkg/api.py": "from pkg.parse import parse_line\n\n\ndef handle(item):\n"
                                            "    return parse_line(item)\n",
                              "main.py": """\
        from concurrent.futures import ProcessPoolExecutor

        from pkg import api


        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                print(list(pool.map(api.handle, [(1, "a,x")])))
        """})
    assert [f.start.row for f in project_findings(root / "main.py", "MP208")] == [3, 8]


def test_two_calls_reaching_one_raise_give_one_finding_at_the_import(tmp_path):
    root = _pkg(tmp_path, """\
        from concurrent.futures import ProcessPoolExecutor

        from pkg.parse import parse_line


        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                print(list(pool.map(parse_line, [(1, "a,x")])))
                print(pool.submit(parse_line, (2, "b,y")).result())
        """)
    found_ = project_findings(root / "main.py", "MP208")
    at_import = [f for f in found_ if f.start.row == 3]
    assert len(at_import) == 1
    assert sorted(p.row for p, text in at_import[0].related if text == "reached from here") == [8, 9]


def test_near_miss_the_task_catches_the_exception_raised_in_the_other_module(tmp_path):
    root = _pkg(tmp_path, """\
        from concurrent.futures import ProcessPoolExecutor

        from pkg.errors import RowError
        from pkg.parse import parse_line


        def safe(item):
            try:
                return parse_line(item)
            except RowError as exc:
                return str(exc)


        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                print(list(pool.map(safe, [(1, "a,x")])))
        """)
    assert project_findings(root / "main.py", "MP208") == []


def test_near_miss_an_exception_that_rebuilds_is_reported_nowhere(tmp_path):
    root = project(tmp_path, {"pkg/__init__.py": "", "pkg/parse.py": PARSE.replace(
        "from pkg.errors import RowError", "class RowError(ValueError):\n    pass"), "main.py": """\
        from concurrent.futures import ProcessPoolExecutor

        from pkg.parse import parse_line


        if __name__ == "__main__":
            with ProcessPoolExecutor() as pool:
                print(list(pool.map(parse_line, [(1, "a,x")])))
        """})
    assert project_findings(root / "main.py", "MP208") == []


# ---- a value handed to another module's helper that starts the child ----------------------------------

LAUNCHER = """\
import multiprocessing


def launch(target, args=()):
    proc = multiprocessing.Process(target=target, args=args)
    proc.start()
    return proc
"""


def test_a_closure_a_helper_module_starts_as_a_process_is_also_reported_at_its_import(tmp_path):
    root = project(tmp_path, {"launcher.py": LAUNCHER, "main.py": """\
        import launcher


        def make(prefix):
            def report(x):
                print(prefix, x)
            return report


        if __name__ == "__main__":
            launcher.launch(make(">"), (1,)).join()
        """})
    at_import, at_call = project_findings(root / "main.py", "MP201")
    assert (at_import.start.row, at_call.start.row) == (1, 11)
    assert at_import.message == at_call.message
    assert at_import.start_methods == at_call.start_methods == {"spawn", "forkserver"}
    assert [(p.row, text) for p, text in at_import.related] == [(11, "reached from here")]


def test_near_miss_a_module_level_function_handed_to_the_helper(tmp_path):
    root = project(tmp_path, {"launcher.py": LAUNCHER, "main.py": """\
        import launcher


        def report(x):
            print(x)


        if __name__ == "__main__":
            launcher.launch(report, (1,)).join()
        """})
    assert project_findings(root / "main.py", "MP201") == []


# ---- a value handed to a parameter of a helper of this module that crosses ---------------------------

PARALLEL = """\
import multiprocessing


def parallel_count(func, texts):
    with multiprocessing.Pool(2) as pool:
        return sum(pool.map(func, texts))


def count_words(text):
    return len(text.split())


def main():
    class Accumulator:
        def count(self, text):
            return len(text)
    print(parallel_count(count_words, ["a b", "c"]))
    print(parallel_count(TASK, ["a b", "c"]))


if __name__ == "__main__":
    main()
"""


def test_a_bound_method_of_a_local_class_given_to_a_helper_is_reported_at_the_helpers_map_and_where_given():
    crossing, given = found(PARALLEL.replace("TASK", "Accumulator().count"), "MP201")
    assert (crossing.start.row, given.start.row) == (6, 18)
    assert "(parameter `func`, given on line 18)" in crossing.message and given.message == crossing.message
    assert [(p.row, text) for p, text in given.related] == [(6, "it crosses into the child process here")]
    assert given.start_methods == crossing.start_methods == {"fork", "spawn", "forkserver"}


def test_near_miss_every_caller_gives_the_helper_a_module_function():
    assert found(PARALLEL.replace("TASK", "count_words"), "MP201") == []


# ---- the language server's re-analysis after an edit gives the same copies --------------------------------

INCREMENTAL_MAIN = """\
from concurrent.futures import ProcessPoolExecutor

from pkg.parse import parse_line


def helper(x):
    return x + 1


def main():
    with ProcessPoolExecutor() as pool:
        print(list(pool.map(parse_line, [(1, "a,x")])))


if __name__ == "__main__":
    main()
"""
CALL = '        print(list(pool.map(parse_line, [(1, "a,x")])))'


@pytest.mark.parametrize("edit", [
    lambda t: t.replace(CALL, "        print(1)"),  # the call goes: so does the copy at the import
    lambda t: t.replace(CALL, CALL + '\n        pool.submit(parse_line, (2, "b,y"))'),  # a second call: one copy
    lambda t: t.replace("return x + 1", "return x + 2"),
    lambda t: t.replace("import parse_line", "import parse_line  # note"),
    lambda t: t.replace("    with ProcessPoolExecutor", "    y = 1\n    with ProcessPoolExecutor"),
    lambda t: t.replace("from pkg.parse import parse_line\n", "").replace(
        "def helper", "from pkg.parse import parse_line\n\n\ndef helper"),
])
def test_reanalysis_after_an_edit_gives_what_a_full_analysis_gives(tmp_path, monkeypatch, edit):
    from mpguard.config import Settings as Config
    from mpguard.linter import slicing
    from mpguard.linter.files import resolver_for
    from mpguard.linter.incremental import reanalyze

    monkeypatch.setattr(slicing, "SLICE_LIMIT", 1.01)  # (let small modules be re-checked in slices)
    root = _pkg(tmp_path, INCREMENTAL_MAIN)
    path, config = root / "main.py", Config()
    resolver = resolver_for(path, root, fallback=None)

    def shown(result):
        return sorted((f.code, f.start, f.end, f.message, tuple(f.related)) for f in result.findings)

    first = analyze(INCREMENTAL_MAIN, path=str(path), settings=config, resolver=resolver, keep_state=True)
    assert [f.start.row for f in first.findings if f.code == "MP208"] == [3, 12]
    text = edit(INCREMENTAL_MAIN)
    again = reanalyze(first.state, text, config, str(path), resolver=resolver)
    full = analyze(text, path=str(path), settings=config, resolver=resolver)
    assert again is not None and shown(again) == shown(full)


# ---- runtime: the programs fail as the findings say, under every start method --------------------------

@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_helpers_generator_fails_to_come_back_under_every_method(tmp_path, method):
    path = tmp_path / "shards.py"
    path.write_text(HELPER_GENERATOR)
    assert_outcome(run_program(path, method), True, "cannot pickle 'generator' object", "")
    near = tmp_path / "near.py"
    near.write_text(HELPER_GENERATOR.replace("    return load_rows(text)", "    header, rows = load_rows(text)\n"
                                             "    return header, list(rows)"))
    assert_outcome(run_program(near, method), False, None, "[('a,b', [['a', 'b']]), ('c,d', [['c', 'd']])]")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_raise_in_another_module_breaks_the_executor_under_every_method(tmp_path, method):
    root = _pkg(tmp_path, """\
        from concurrent.futures import ProcessPoolExecutor

        from pkg.parse import parse_line


        if __name__ == "__main__":
            with ProcessPoolExecutor(max_workers=1) as pool:
                print(list(pool.map(parse_line, [(1, "a,x")])))
        """)
    out = run_program(root / "main.py", method, cwd=root)
    assert_outcome(out, True, ("BrokenProcessPool", "missing 1 required positional argument"), "")
    flagged = project_findings(root / "main.py", "MP208")
    assert len(flagged) == 2 and all(method in f.start_methods for f in flagged)
