"""Near misses from the third package sweep (docs/sweep.md, section 7). Each false positive is reduced to
a source string (or notebook) that must stay silent, next to the true case nearby that must still be
found. The reductions were run under fork, spawn and forkserver (docs/sweep.md, section 7.2)."""
from __future__ import annotations

import json

from helpers import codes, found, methods, rows

from mpguard.cli import main
from mpguard.text.ipython import as_python
from mpguard.text.notebook import read_notebook

EVERY = {"fork", "forkserver", "spawn"}


# --- MP203: `with contextmanager_function() as x` binds what the generator yields, not a generator ----

def test_value_bound_by_a_contextmanager_is_not_a_generator():
    # optuna tests/storages_tests/journal_tests/test_combination_with_grpc.py: `with
    # grpc_journal_file_context() as study` (an @contextmanager that yields a Study), study submitted
    # to a ProcessPoolExecutor. Run: [3, 3, 3] under fork, spawn and forkserver.
    src = """
        from concurrent.futures import ProcessPoolExecutor
        from contextlib import contextmanager
        class Study:
            def __init__(self, n):
                self.n = n
        @contextmanager
        def study_context():
            study = Study(3)
            yield study
        def pop(study):
            return study.n
        def main():
            with study_context() as study:
                with ProcessPoolExecutor(2) as pool:
                    return [pool.submit(pop, study).result() for _ in range(3)]
        if __name__ == "__main__":
            print(main())
    """
    assert "MP203" not in codes(src)


def test_method_contextmanager_is_not_a_generator_either():
    src = """
        import contextlib
        from concurrent.futures import ProcessPoolExecutor
        class Store:
            @contextlib.contextmanager
            def session(self):
                yield 3
        def work(n):
            return n
        def main(store):
            with store.session() as n, ProcessPoolExecutor(2) as pool:
                return pool.submit(work, n).result()
        if __name__ == "__main__":
            print(main(Store()))
    """
    assert "MP203" not in codes(src)


def test_a_generator_submitted_to_a_process_pool_is_still_found():
    src = """
        from concurrent.futures import ProcessPoolExecutor
        def study_items():
            yield 3
        def pop(items):
            return list(items)
        def main():
            items = study_items()
            with ProcessPoolExecutor(2) as pool:
                return pool.submit(pop, items).result()
        if __name__ == "__main__":
            print(main())
    """
    assert rows(src, "MP203") == [10]
    assert methods(src, "MP203") == EVERY


# --- MP201: a helper called with a process pool by one caller and a thread pool by another -------------

HELPER = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
    class Study:
        def pop(self):
            return 3
    def pop_in_child(study):
        return study.pop()
    def verify(pool, study, wrapper):
        futures = [pool.submit(wrapper, study) for _ in range(3)]
        return sorted(f.result() for f in as_completed(futures))
    def test_process_safe():
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context()) as pool:
            return verify(pool, Study(), {process_task})
    def test_thread_safe():
        with {second_pool} as pool:
            return verify(pool, Study(), lambda study: study.pop())
    if __name__ == "__main__":
        print(test_process_safe(), test_thread_safe())
"""


def test_lambda_given_with_a_thread_pool_is_not_sent_to_the_process_pool_of_another_caller():
    # optuna test_combination_with_grpc.py: `_verify_racing_condition(pool, study, wrapper)` called with
    # a ProcessPoolExecutor and a module-level function, and by another test with a ThreadPoolExecutor
    # and a lambda. Run: [3, 3, 3] [3, 3, 3] under fork, spawn and forkserver.
    src = HELPER.format(process_task="pop_in_child", second_pool="ThreadPoolExecutor(2)")
    assert "MP201" not in codes(src)


def test_lambda_given_with_a_process_pool_is_still_found_and_named_where_it_is_given():
    src = HELPER.format(process_task="pop_in_child", second_pool="ProcessPoolExecutor(2)")
    finding, copy = found(src, "MP201")  # (the copy at the call that gives it: rules/pickle_reports.with_origin_copy)
    assert (finding.start.row, copy.start.row) == (10, 17)
    assert "(parameter `wrapper`, given on line 17)" in finding.message
    assert methods(src, "MP201") == EVERY
    src = HELPER.format(process_task="lambda study: study.pop()", second_pool="ThreadPoolExecutor(2)")
    finding, copy = found(src, "MP201")
    assert "(parameter `wrapper`, given on line 14)" in finding.message and copy.start.row == 14


# --- MP001 in notebooks: an IPython command continued with backslashes ----------------------------------

def _notebook(*sources, nbformat=4) -> str:
    if nbformat == 3:
        cells = [{"cell_type": "code", "language": "python", "input": s, "metadata": {}, "outputs": []}
                 for s in sources]
        return json.dumps({"metadata": {"name": "demo"}, "nbformat": 3, "nbformat_minor": 0,
                           "worksheets": [{"cells": [{"cell_type": "heading", "level": 1, "source": ["Demo"]},
                                                     *cells], "metadata": {}}]})
    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "source": s} for s in sources],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_backslash_continued_magic_is_one_ipython_command():
    # swifter examples/quick_demo.ipynb: `%time df["a"] = df.apply( \` over three lines. IPython joins
    # them into one magic (TransformerManager: run_line_magic('time', 'df["a"] = df.apply(  ...  )')).
    cell = '%time df["b"] = df.apply( \\\n    lambda x: x.n, axis=1 \\\n)\nprint(df)'
    assert as_python(cell) == "pass\n\n\nprint(df)"
    assert as_python('r = %timeit -o f( \\\n  1)\nprint(r)') == "r = None\n\nprint(r)"
    assert as_python("!echo a \\\n  b\nx = 1") == "pass\n\nx = 1"
    source = read_notebook(_notebook("import pandas as pd", cell).encode())
    assert source.errors == []
    assert source.text.splitlines() == ["import pandas as pd", "pass", "", "", "print(df)"]


def test_python_continued_after_a_magic_line_is_still_a_syntax_error():
    # the magic line does not end with a backslash: the indented line after it is Python's problem
    source = read_notebook(_notebook('%time df["b"] = df.apply(\n    lambda x: x.n, axis=1\n)').encode())
    assert [message for _row, _col, message in source.errors] == ["SyntaxError: unexpected indent"]


# --- MP002: nbformat 3 notebooks (cells in worksheets, code in `input`) ---------------------------------

def test_nbformat_3_notebook_is_read(tmp_path, monkeypatch, capsys):
    # Cython docs/examples/Cython Magics.ipynb: `"nbformat": 3`, `"worksheets": [{"cells": [...]}]`
    source = read_notebook(_notebook("%load_ext cython", "x = 1\ny = x", nbformat=3).encode())
    assert source.text.splitlines() == ["pass", "x = 1", "y = x"]
    assert source.cells == [(2, 1), (3, 1), (3, 2)]  # cell 1 is the heading
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.ipynb").write_text(_notebook(
        "import multiprocessing\ndef work(x):\n    return x * 2",
        "with multiprocessing.Pool(2) as pool:\n    print(pool.map(work, range(3)))", nbformat=3))
    main(["check", "--output-format", "concise", "old.ipynb"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("old.ipynb:cell 3:2:11: MP209 `map` task is a function 'work' defined in the notebook")


def test_json_without_cells_or_worksheets_is_still_not_a_notebook(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.ipynb").write_text(json.dumps({"nbformat": 3, "metadata": {}}))
    (tmp_path / "bad.ipynb").write_text(json.dumps({"nbformat": 3, "worksheets": {"cells": []}}))
    main(["check", "--output-format", "concise", "."])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("bad.ipynb:1:1: MP002 cannot read the notebook: not a Jupyter notebook")
    assert out[1].startswith("data.ipynb:1:1: MP002 cannot read the notebook: not a Jupyter notebook (KeyError")
