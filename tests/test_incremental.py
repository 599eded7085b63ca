"""Incremental re-analysis (text/chunks.py, linter/slicing.py, linter/incremental.py).

The one property that matters: whatever `reanalyze` answers equals what a full `analyze` of the
new text answers, fixes included. When it cannot be sure, it answers None and the caller runs the
full analysis. These tests edit the oracle cases, the fix fixtures and the benchmark generator's
output at random and compare both answers; they also check that it is actually used (not None) on
the edits it is built for.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mpguard.config import Settings
from mpguard.text import chunks
from mpguard.linter import slicing
from mpguard.linter.analyze import analyze
from mpguard.linter.incremental import reanalyze

ROOT = Path(__file__).resolve().parents[1]
ORACLE = ROOT / "tests" / "corpus" / "oracle" / "cases"
PROGRAMS = sorted(ORACLE.glob("*.py")) + sorted((ROOT / "tests" / "fixtures" / "fixes").glob("*_before.py"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

SETTINGS = Settings()
EQUIVALENCE = settings(max_examples=500, deadline=None, derandomize=True,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EDITS = [
    lambda line: line + "  # note",
    lambda line: line.replace("return ", "return 1 or ", 1) if "return " in line else line + "\n",
    lambda line: "",
    lambda line: line + "\n" + " " * (len(line) - len(line.lstrip())) + "pass",
    lambda line: line + "\n\n",
    lambda line: line.replace("(", "((", 1),
    lambda line: line.replace("Pool", "ThreadPool", 1),
    lambda line: line.replace("lambda", "(lambda", 1) + ")" if "lambda" in line else line,
    lambda line: line.replace("x", "y"),
    lambda line: line.replace("spawn", "fork"),
    lambda line: line.lstrip(),
    lambda line: "    " + line,
    lambda line: line + "\nimport multiprocessing",
    lambda line: line + "\nRESULTS = []",
]


def key(finding):
    return (finding.code, finding.start, finding.end, finding.message, finding.start_methods,
            finding.extra_platforms, finding.fix, finding.error, finding.related)


def same(a, b) -> bool:
    return sorted(map(key, a.findings), key=repr) == sorted(map(key, b.findings), key=repr)


@pytest.fixture
def whole_slices(monkeypatch):
    """Let slices grow to the whole module, so that small programs exercise the slicing too."""
    monkeypatch.setattr(slicing, "SLICE_LIMIT", 1.01)


# ---- parsing in batches ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", PROGRAMS[:60] + [Path(ast.__file__), Path(pytest.__file__)], ids=lambda p: p.name)
def test_batched_parse_is_the_same_tree(path, monkeypatch):
    monkeypatch.setattr(chunks, "BATCH_ROWS", 5)
    text = path.read_text()
    assert ast.dump(chunks.parse_module(text), include_attributes=True) == \
        ast.dump(ast.parse(text), include_attributes=True)


@pytest.mark.parametrize("text", [
    'x = """\nabc\n"""\ny = 1\n' * 20,  # column-0 rows inside a string: the batch widens
    "@decorator\ndef f():\n    pass\n" * 20,
    "if x:\n    pass\nelse:\n    pass\n" * 20,
    "def f(:\n    pass\n" + "x = 1\n" * 60,
    "x = 1\n" * 60 + "def f(:\n",
])
def test_batched_parse_keeps_the_files_own_answer(text, monkeypatch):
    monkeypatch.setattr(chunks, "BATCH_ROWS", 3)
    try:
        expected = ast.dump(ast.parse(text), include_attributes=True)
    except SyntaxError as exc:
        with pytest.raises(SyntaxError) as raised:
            chunks.parse_module(text)
        assert (raised.value.lineno, raised.value.msg) == (exc.lineno, exc.msg)
    else:
        assert ast.dump(chunks.parse_module(text), include_attributes=True) == expected


# ---- equivalence with a full analysis ------------------------------------------------------------------
def edit_sequence(text: str, picks) -> list[str]:
    texts = []
    for row_pick, edit in picks:
        lines = text.split("\n")
        row = row_pick % len(lines)
        lines[row] = EDITS[edit](lines[row])
        text = "\n".join(lines)
        texts.append(text)
    return texts


def check_sequence(path: str, text: str, picks) -> int:
    """Edit `text` step by step; at each step the incremental answer (if any) equals the full one.
    Returns how many steps were answered incrementally."""
    state = analyze(text, path, SETTINGS, keep_state=True).state
    answered = 0
    for new in edit_sequence(text, picks):
        full = analyze(new, path, SETTINGS, keep_state=True)
        fast = reanalyze(state, new, SETTINGS, path)
        if fast is not None:
            answered += 1
            assert same(fast, full), f"incremental and full analyses differ after an edit of {path}:\n{new}"
            state = fast.state if fast.state is not None else full.state
        else:
            state = full.state
    return answered


@EQUIVALENCE
@given(st.sampled_from(PROGRAMS), st.lists(st.tuples(st.integers(0, 400), st.integers(0, len(EDITS) - 1)),
                                           min_size=1, max_size=5))
def test_random_edits_of_the_corpus_match_a_full_analysis(path, picks):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slicing, "SLICE_LIMIT", 1.01)
        check_sequence(str(path), path.read_text(), picks)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(PROGRAMS), st.lists(st.tuples(st.integers(0, 400), st.integers(0, len(EDITS) - 1)),
                                           min_size=1, max_size=4))
def test_random_edits_of_crlf_programs_match_a_full_analysis(path, picks):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slicing, "SLICE_LIMIT", 1.01)
        check_sequence(str(path), path.read_text().replace("\n", "\r\n"), picks)


GENERATED = generate(400)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, len(EDITS) - 1)), min_size=1, max_size=4))
def test_random_edits_of_a_generated_module_match_a_full_analysis(picks):
    check_sequence("generated.py", GENERATED, picks)


# ---- it is used where it should be ---------------------------------------------------------------------
def test_a_code_edit_inside_one_function_of_a_large_module_is_answered_incrementally():
    text = generate(2000)
    state = analyze(text, "gen.py", SETTINGS, keep_state=True).state
    lines = text.split("\n")
    row = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].lstrip().startswith("return "))
    for tail in ("  # a comment", " or 2", "\n    extra = 1"):
        changed = list(lines)
        changed[row] += tail
        new = "\n".join(changed)
        fast = reanalyze(state, new, SETTINGS, "gen.py")
        assert fast is not None, tail
        assert same(fast, analyze(new, "gen.py", SETTINGS))


def test_an_edit_in_one_method_rechecks_a_few_statements(monkeypatch):
    """Counts work, not time: the statements a one-line edit inside a method re-checks. Only the edited method's
    attribute stores (and those of methods naming it) re-check their users: with every store of the class, the
    benchmark's 20,000-line code edit took 714 ms (58 statements of this module), 15 ms before."""
    text = generate(2000)
    state = analyze(text, "gen.py", SETTINGS, keep_state=True).state
    lines = text.split("\n")
    row = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("            return "))
    sizes = []
    context = slicing.Slicer.context

    def counted(self, recheck):
        sizes.append(len(recheck))
        return context(self, recheck)

    monkeypatch.setattr(slicing.Slicer, "context", counted)
    lines[row] += " or 2"
    assert reanalyze(state, "\n".join(lines), SETTINGS, "gen.py") is not None
    assert sizes and sizes[0] <= 5, sizes


def test_an_edit_keeps_the_very_findings_it_cannot_affect():
    text = generate(400)
    before = analyze(text, "gen.py", SETTINGS, keep_state=True)
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("def square_"))
    for tail in ("  # squares", " "):
        lines[row] += tail
        after = reanalyze(before.state, "\n".join(lines), SETTINGS, "gen.py")
        assert after is not None and len(after.findings) == len(before.findings)
        reused = sum(a is b for a, b in zip(after.findings, before.findings))
        assert reused >= len(before.findings) - 3  # the lambda next to the edit gets a new fix


def test_a_noqa_comment_added_by_an_edit_applies(whole_slices):
    src = "import multiprocessing\n\nwork = lambda x: x\n\nif __name__ == '__main__':\n" \
          "    with multiprocessing.Pool() as pool:\n        pool.map(work, [1])\n"
    before = analyze(src, "a.py", SETTINGS, keep_state=True)
    assert [f.code for f in before.findings] == ["MP201"]
    after = reanalyze(before.state, src.replace("[1])", "[1])  # noqa: MP201"), SETTINGS, "a.py")
    assert after is not None and after.findings == []


def test_changing_the_start_method_rechecks_the_whole_module(whole_slices):
    src = "import multiprocessing as mp\n\ndef work(x):\n    return x\n\nif __name__ == '__main__':\n" \
          "    mp.set_start_method('fork')\n    mp.Process(target=lambda: None).start()\n"
    state = analyze(src, "a.py", SETTINGS, keep_state=True).state
    assert reanalyze(state, src.replace("'fork'", "'spawn'"), SETTINGS, "a.py") is None


def test_a_syntax_error_mid_edit_is_found_without_a_full_parse(whole_slices):
    text = generate(400)
    state = analyze(text, "gen.py", SETTINGS, keep_state=True).state
    broken = text.replace("def consume_3(n):", "def consume_3(n:", 1)
    result = reanalyze(state, broken, SETTINGS, "gen.py")
    expected = analyze(broken, "gen.py", SETTINGS)
    assert result is not None and result.error and same(result, expected)


@pytest.mark.parametrize("edit", ["    ", "else"], ids=["indented", "clause"])
def test_a_statement_an_edit_joins_to_the_one_before_reports_the_files_own_error(edit, whole_slices):
    """Indenting the main guard's `if` makes it part of the function above it: Python then complains
    about the guard's body ("expected an indented block"), not about an unexpected indent."""
    text = ("import multiprocessing\n\n\ndef work(x):\n    return x\n\n\n"
            "if __name__ == '__main__':\n    with multiprocessing.Pool(2) as pool:\n        pool.map(work, [1])\n")
    state = analyze(text, "a.py", SETTINGS, keep_state=True).state
    broken = text.replace("if __name__", edit + "if __name__", 1)
    result = reanalyze(state, broken, SETTINGS, "a.py")
    expected = analyze(broken, "a.py", SETTINGS)
    assert result is not None and same(result, expected), (result and result.findings, expected.findings)


@pytest.mark.parametrize("edit", ["pass\n", "x = 1\n"])
def test_fixes_elsewhere_put_their_import_where_the_edited_import_block_now_ends(edit, whole_slices):
    """A fix that adds `import functools` puts it after the module's leading imports: an edit that ends
    that block sooner moves the line, even in the fix of a statement the edit does not touch."""
    text = ("import concurrent.futures\nimport os\nimport sys\nimport json\nimport re\nimport shutil\n"
            "import string\nimport textwrap\n\n\n"
            "if __name__ == '__main__':\n    folder = sys.argv[0]\n"
            "    with concurrent.futures.ProcessPoolExecutor() as ex:\n"
            "        ex.submit(lambda: os.path.join(folder, 'done'))\n")
    state = analyze(text, "a.py", SETTINGS, keep_state=True).state
    new = text.replace("import re\n", edit + "import re\n", 1)  # far from the imports' end, in unused names
    fast = reanalyze(state, new, SETTINGS, "a.py")
    expected = analyze(new, "a.py", SETTINGS)
    assert any(e.content == "import functools\n" and e.start.row == 5
               for f in expected.findings if f.fix for e in f.fix.edits)
    assert fast is not None and same(fast, expected), (fast and fast.findings, expected.findings)


def test_a_removed_import_drops_the_findings_that_depended_on_it(whole_slices):
    """Findings in statements the edit does not touch, linked to it only through what the module does
    at run time (the pool it creates), are re-checked too."""
    src = ("import atexit\nimport multiprocessing\n\n\ndef cleanup():\n    pass\n\n\natexit.register(cleanup)\n\n\n"
           "def work():\n    pass\n\n\nif __name__ == '__main__':\n    p = multiprocessing.Process(target=work)\n"
           "    p.start()\n    p.join()\n")
    state = analyze(src, "a.py", SETTINGS, keep_state=True).state
    assert [f.code for f in state.findings] == ["MP102"]
    new = src.replace("import multiprocessing\n", "\n")
    result = reanalyze(state, new, SETTINGS, "a.py")
    assert result is None or same(result, analyze(new, "a.py", SETTINGS))


# ---- fixes built on demand -----------------------------------------------------------------------------
@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.name)
def test_fixes_built_later_for_a_few_findings_equal_those_of_a_full_analysis(path, whole_slices):
    from mpguard.linter.incremental import fixes_for

    text = path.read_text()
    full = analyze(text, str(path), SETTINGS)
    lazy = analyze(text, str(path), SETTINGS, keep_state=True, fixes=False)
    assert [f.fix for f in lazy.findings] == [None] * len(lazy.findings)
    assert [(f.code, f.start, f.message) for f in lazy.findings] == [(f.code, f.start, f.message) for f in full.findings]
    expected = {(f.code, f.start, f.end): f.fix for f in full.findings}
    for finding in lazy.findings:
        built = fixes_for(lazy.state, [finding.start.row])
        if built is None:
            continue  # a whole-module fix: the caller analyses the module whole, with fixes
        got = {(f.code, f.start, f.end): f.fix for f in built}
        assert got[(finding.code, finding.start, finding.end)] == expected[(finding.code, finding.start, finding.end)]


def test_an_edit_to_a_module_analysed_without_fixes_needs_no_fix_bookkeeping():
    text = generate(400)
    state = analyze(text, "gen.py", SETTINGS, keep_state=True, fixes=False).state
    new = text.replace("return x * x", "return x * x + 1", 1)
    fast = reanalyze(state, new, SETTINGS, "gen.py", fixes=False)
    assert fast is not None and same(fast, analyze(new, "gen.py", SETTINGS, fixes=False))
    assert reanalyze(state, new, SETTINGS, "gen.py", fixes=True) is None  # a snapshot without fixes cannot give them


# ---- a file that does not parse ------------------------------------------------------------------------------
BROKEN = generate(3500).replace("def main():", "def main(:", 1)  # large enough to be parsed in batches


def test_a_file_that_never_parsed_keeps_its_error_through_edits_before_it():
    from mpguard.linter.incremental import BrokenSnapshot

    before = analyze(BROKEN, "broken.py", SETTINGS, keep_state=True)
    assert [f.code for f in before.findings] == ["MP001"] and isinstance(before.state, BrokenSnapshot)
    lines = BROKEN.split("\n")
    row = len(lines) // 2
    for tail in ("  # a comment", "\n    extra = 1", "(", " x"):
        changed = list(lines)
        changed[row] += tail
        new = "\n".join(changed)
        fast = reanalyze(before.state, new, SETTINGS, "broken.py")
        assert fast is not None and same(fast, analyze(new, "broken.py", SETTINGS)), tail


def test_a_syntax_error_that_names_a_line_names_it_after_rows_are_added_above():
    broken = generate(3500) + "\n\ndef tail():\n"  # "expected an indented block after function definition on line N"
    before = analyze(broken, "broken.py", SETTINGS, keep_state=True)
    new = "import sys\n" + broken
    fast = reanalyze(before.state, new, SETTINGS, "broken.py")
    expected = analyze(new, "broken.py", SETTINGS)
    assert "on line" in expected.findings[0].message
    assert fast is not None and same(fast, expected), (fast and fast.findings, expected.findings)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 4000), st.integers(0, len(EDITS) - 1)), min_size=1, max_size=4))
def test_random_edits_of_a_file_that_does_not_parse_match_a_full_analysis(picks):
    check_sequence("broken.py", BROKEN, picks)


def test_fixing_the_error_analyses_the_whole_file():
    state = analyze(BROKEN, "broken.py", SETTINGS, keep_state=True).state
    fixed = BROKEN.replace("def main(:", "def main():", 1)
    assert reanalyze(state, fixed, SETTINGS, "broken.py") is None


def test_an_internal_error_while_re_checking_means_a_full_analysis(monkeypatch):
    core = sys.modules["mpguard.linter.analyze"]  # (the package exports a function of that name)
    text = generate(400)
    state = analyze(text, "gen.py", SETTINGS, keep_state=True).state
    monkeypatch.setattr(core, "STRICT", False)
    monkeypatch.setattr(slicing.Slicer, "recheck", lambda self: 1 / 0)
    assert reanalyze(state, text.replace("return x * x", "return x * x + 1", 1), SETTINGS, "gen.py") is None


@pytest.mark.parametrize("path", PROGRAMS[:40] + [Path(ast.__file__)], ids=lambda p: p.name)
def test_name_counts_of_statements_add_up_to_the_index_of_the_module(path):
    """Re-checking keeps the module's identifiers by adding and removing the counts of the edited
    statements (`index.name_counts`): they must count exactly what the index counts."""
    from mpguard.semantic.index import TreeIndex, name_counts

    tree = ast.parse(path.read_text())
    assert name_counts(tree.body) == TreeIndex(tree).names
