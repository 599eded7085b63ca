"""`mpguard check` on Jupyter notebooks: the code cells are analysed as one module (as the kernel runs
them), IPython syntax is set aside, and findings name the cell and the row within it."""
from __future__ import annotations

import json

from mpguard.cli import main
from mpguard.text.notebook import read_notebook


def notebook(*cells) -> str:
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells],
                      "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


DEMO = notebook(
    ("markdown", ["# Squares\n"]),
    ("code", ["import multiprocessing\n", "%matplotlib inline\n", "!pip install numpy\n", "\n", "\n",
              "def work(x):\n", "    return x * 2\n"]),
    ("code", "%%bash\necho this is not Python\n"),
    ("code", ["with multiprocessing.Pool(2) as pool:\n", "    print(pool.map(work, range(3)))\n"]),
)


def test_cells_become_one_module_with_ipython_lines_set_aside():
    source = read_notebook(DEMO.encode())
    assert source.text.splitlines() == ["import multiprocessing", "pass", "pass", "", "", "def work(x):",
                                        "    return x * 2", "", "", "with multiprocessing.Pool(2) as pool:",
                                        "    print(pool.map(work, range(3)))"]
    assert source.cells[9] == (4, 1) and source.cells[1] == (2, 2)


def test_a_cell_that_parses_is_left_as_it_is():
    """`%` continuing an expression is Python, not a magic."""
    source = read_notebook(notebook(("code", ['x = ("%d"\n', "     % 1)\n"])).encode())
    assert source.text == 'x = ("%d"\n     % 1)\n'


def test_check_names_the_cell(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.ipynb").write_text(DEMO)
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert main(["check", "--output-format", "concise", "."]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("broken.ipynb:1:1: MP002 cannot read the notebook")
    assert out[1].startswith("demo.ipynb:cell 4:2:11: MP209 `map` task is a function 'work' defined in the notebook")
    assert out[2:] == ["Found 2 findings in 2 files."]  # no MP101: a child never imports a notebook
    main(["check", "--output-format", "json", "demo.ipynb"])
    [item] = json.loads(capsys.readouterr().out)
    assert (item["cell"], item["location"], item["fix"]) == (4, {"row": 2, "column": 11}, None)


def test_fix_leaves_notebooks_as_they_are(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.ipynb").write_text(DEMO)
    assert main(["check", "--fix", "demo.ipynb"]) == 1
    out, err = capsys.readouterr()
    assert "demo.ipynb:cell 4:2:11: MP209" in out and "fixes are not applied to notebooks" in err
    assert (tmp_path / "demo.ipynb").read_text() == DEMO


def test_rows_are_counted_as_the_parser_counts_them():
    """A form feed or a line separator inside a string is not a line break for Python."""
    source = read_notebook(notebook(("code", ["s = 'a\u2028b'\x0c\n", "import multiprocessing\n"]),
                                    ("code", ["x = 1"])).encode())
    assert source.cells == [(1, 1), (1, 2), (2, 1)]
    assert source.text.count("\n") == 3


def test_a_notebook_on_standard_input(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "-", "--stdin-filename", "nb.ipynb"],
                          input=DEMO, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("nb.ipynb:cell 4:2:11: MP209")


def test_fix_on_standard_input_gives_a_notebook_back_unchanged(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--fix", "-", "--stdin-filename", "nb.ipynb"],
                          input=DEMO, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == DEMO
    assert "nb.ipynb:cell 4:2:11: MP209" in proc.stderr and "fixes are not applied to notebooks" in proc.stderr


def test_help_requests_and_a_broken_cell_do_not_hide_the_other_cells(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nb.ipynb").write_text(notebook(
        ("code", ["import multiprocessing\n", "multiprocessing.Pool?\n"]),
        ("code", ["def broken(:\n", "    pass\n"]),
        ("code", ["def work(x):\n", "    return x\n", "with multiprocessing.Pool(2) as pool:\n",
                  "    pool.map(work, [1])\n"]),
    ))
    assert main(["check", "--output-format", "concise", "nb.ipynb"]) == 1
    out = capsys.readouterr().out.splitlines()[:-1]  # (the last line is the summary)
    assert [line.split(" ")[0:2] for line in out] == [["nb.ipynb:cell", "2:1:12:"], ["nb.ipynb:cell", "3:4:5:"]]
    assert "MP001 SyntaxError" in out[0] and "MP209" in out[1]


def test_ipython_lines_stand_in_as_pass_on_the_same_rows():
    from mpguard.text.ipython import as_python

    assert as_python("import x\n%matplotlib inline\n    !ls -la\r\nx?\nobj.attr??\nprint(1)\n") == \
        "import x\npass\n    pass\r\npass\npass\nprint(1)\n"
    assert as_python("%%bash\necho hi\nls\n") == "\n\n\n"
    assert as_python("x = 1 % 2\nprint('!')\n") is None


def test_a_cell_with_ipython_lines_is_analysed_not_reported_as_a_syntax_error():
    from mpguard.linter.analyze import analyze

    cell = ("import multiprocessing\n%matplotlib inline\n\n\ndef work(x):\n    return x\n\n\n"
            "with multiprocessing.Pool(2) as pool:\n    pool.map(work, [1])\n")
    assert [(f.code, f.start.row) for f in analyze(cell, "nb.ipynb").findings] == [("MP209", 10)]
    assert [f.code for f in analyze(cell, "nb.py").findings] == ["MP001"]  # a script with IPython in it


def test_a_magics_value_assigned_to_a_name_stands_in_as_none():
    # ipyparallel's "Broadcast view" notebook: `tr = %timeit -o -n 1 direct_view.push(...)`.
    source = read_notebook(notebook(("code", ["import multiprocessing\n", "tr = %timeit -o -n 1 push(1)\n",
                                              "files = !ls\n", "print(tr, files)\n"])).encode())
    assert source.text.splitlines() == ["import multiprocessing", "tr = None", "files = None", "print(tr, files)"]
    assert not source.errors


def test_an_indented_cell_runs_as_the_kernel_dedents_it():
    """IPython takes the first line's indentation off every line of a cell before it runs it
    (inputtransformer2.leading_indent, after leading_empty_lines): cellpose's paper notebook has cells pasted
    from a function body (`    ap, tp, fp, fn = metrics.average_precision(...)`). Not a syntax error; and the
    dedented code is analysed (rows unchanged)."""
    source = read_notebook(notebook(("code", ["\n", "    ap = f(1)\n", "    ap.mean()\n", "  \n"]),
                                    ("code", "        print(ap)\n")).encode())
    assert not source.errors
    assert source.text.splitlines() == ["", "ap = f(1)", "ap.mean()", "  ", "print(ap)"]
    lambdas = notebook(("code", ["    import multiprocessing\n", "    with multiprocessing.Pool(2) as pool:\n",
                                 "        pool.map(lambda x: x, [1])\n"]))
    source = read_notebook(lambdas.encode())
    assert not source.errors and "    pool.map(lambda x: x, [1])" in source.text.splitlines()


def test_an_indent_that_the_kernel_cannot_take_off_is_still_a_syntax_error():
    """Near miss: a later line indented less than the first is left as it is (IPython too), and the cell
    does not parse (what IPython runs: `x = 1\n  y = 2`, IndentationError: unexpected indent)."""
    source = read_notebook(notebook(("code", ["    x = 1\n", "  y = 2\n"]),).encode())
    assert len(source.errors) == 1 and source.text.splitlines() == ["", ""]
    source = read_notebook(notebook(("code", ["x = 1\n", "    y = 2\n"]),).encode())
    assert len(source.errors) == 1  # only a first line's indentation is taken off
