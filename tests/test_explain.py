"""`mpguard explain`: every printed error of a failing oracle run (Python 3.11, 3.12, 3.13, 3.14)
names the rule of the case's hazard, and a traceback's frame leads to the finding and its fix."""
from __future__ import annotations

import collections
import json
import textwrap
from pathlib import Path

import pytest

from mpguard.cli import main
from mpguard.linter.explain import PATTERNS, explain, recognise

ORACLE = Path(__file__).resolve().parent / "corpus" / "oracle"
RESULTS = ["results.json", "results_py3.12.1.json", "results_py3.13.0.json", "results_py3.14.json"]
# The rules that stand for each oracle hazard (a sync primitive as a pool task argument is MP204's
# special case of an unpicklable argument).
HAZARD_RULES = {
    "unpicklable-callable": {"MP201"}, "unpicklable-argument": {"MP203", "MP204"}, "unpicklable-return": {"MP207"},
    "unpicklable-exception": {"MP208"}, "target-in-main-block": {"MP202"}, "missing-main-guard": {"MP101"},
    "set-start-method-misuse": {"MP401"}, "daemon-children": {"MP413"}, "mixed-context-sync-object": {"MP205"},
    "sync-object-not-kept-alive": {"MP206"}, "fork-duplicated-rng": {"MP306"},
}


def failing_runs():
    """(python, case name, case, printed error) of every run that printed an exception."""
    for name in RESULTS:
        data = json.loads((ORACLE / name).read_text())
        for case_name, case in data["cases"].items():
            for run in case["runs"].values():
                if run["exceptions"]:
                    yield data["python"], case_name, case, "\n".join(run["exceptions"])


def score(named) -> tuple[collections.Counter, collections.Counter, list]:
    right, total, wrong = collections.Counter(), collections.Counter(), []
    for python, case_name, case, text, code in named:
        total[python] += 1
        if code in HAZARD_RULES[case["hazard"]]:
            right[python] += 1
        elif code is not None:
            wrong.append((python, case_name, code, text[:100]))
    return right, total, wrong


def test_the_words_alone_name_the_right_rule_for_most_runs_of_every_version(record_property):
    runs = list(failing_runs())
    named = [(p, n, c, t, (recognise(t).code if recognise(t) else None)) for p, n, c, t in runs]
    right, total, wrong = score(named)
    assert set(total) == {"3.11.7", "3.12.1", "3.13.0", "3.14.10"}
    for python in total:
        ratio = right[python] / total[python]
        record_property(f"explain_words_{python}", f"{right[python]}/{total[python]}")
        assert ratio >= 0.9, (python, right[python], total[python])
    # Measured: 668 of 722 (92.5%); what is left is `cannot pickle 'X'` inside a target or a result
    # (MP201/MP207, told apart by the project's code, next test), a FileNotFoundError and a missing numpy.
    assert sum(right.values()) >= 668, sum(right.values())
    assert {code for *_, code, _ in wrong} <= {"MP203"}, wrong


def test_with_the_scripts_frame_the_project_settles_the_rest(record_property):
    """A real traceback names the script's frame: in that file the finding tells MP201/MP207 from MP203."""
    seen: dict[tuple[str, str], str | None] = {}
    named = []
    for python, case_name, case, text in failing_runs():
        key = (case_name, text)
        if key not in seen:
            path = ORACLE / case["file"]
            frame = f'Traceback (most recent call last):\n  File "{path}", line {case["line"]}, in <module>\n'
            found = explain(frame + text, ORACLE)
            seen[key] = found.code if found else None
        named.append((python, case_name, case, text, seen[key]))
    right, total, wrong = score(named)
    record_property("explain_with_frame", f"{sum(right.values())}/{sum(total.values())}")
    assert sum(right.values()) >= 708, (sum(right.values()), sum(total.values()), wrong)  # 98% and up
    assert not wrong, wrong


TRACEBACK_314 = """\
Traceback (most recent call last):
  File "{path}", line 27, in <module>
    p.start()
    ~~~~~~~^^
  File "/usr/lib/python3.14/multiprocessing/process.py", line 121, in start
    self._popen = self._Popen(self)
  File "/usr/lib/python3.14/multiprocessing/reduction.py", line 60, in dump
    ForkingPickler(file, protocol).dump(obj)
_pickle.PicklingError: Can't pickle local object <function test_closure.<locals>.test_b at 0x7f3b2c1d8a40>
when serializing dict item '_target'
when serializing multiprocessing.context.Process state
when serializing multiprocessing.context.Process object
"""


def blog(tmp_path: Path) -> Path:
    source = (Path(__file__).resolve().parents[1] / "examples" / "blog_closure_target.py").read_text()
    path = tmp_path / "proj" / "blog.py"
    path.parent.mkdir()
    path.write_text(source)
    return path


def test_a_314_traceback_leads_to_the_finding_and_its_fix(tmp_path):
    path = blog(tmp_path)
    found = explain(TRACEBACK_314.format(path=path), path.parent)
    assert found.code == "MP201" and found.name == "test_closure.<locals>.test_b"
    site = found.sites[0]
    assert (site.path, site.how) == (str(path), "finding")
    assert "multiprocessing.Process(target=test_closure())" in path.read_text().splitlines()[site.row - 1]
    assert site.finding.fix is not None


def test_a_traceback_from_another_machine_is_found_by_its_tail(tmp_path):
    path = blog(tmp_path)
    found = explain(TRACEBACK_314.format(path="/home/ci/build/proj/blog.py"), tmp_path)
    assert found.sites and found.sites[0].path == str(path) and found.sites[0].how == "finding"


def test_only_the_error_line_finds_the_function_it_names(tmp_path):
    path = blog(tmp_path)
    found = explain("AttributeError: Can't get local object 'test_closure.<locals>.test_b'", tmp_path)
    assert found.code == "MP201" and found.sites[0].path == str(path)


def test_a_guarded_definition_named_in_314_wording(tmp_path):
    script = tmp_path / "main.py"
    script.write_text(textwrap.dedent("""\
        import multiprocessing

        if __name__ == "__main__":
            def square(x):
                return x * x

            with multiprocessing.get_context("spawn").Pool(2) as pool:
                print(pool.map(square, range(3)))
    """))
    found = explain("AttributeError: module '__mp_main__' has no attribute 'square'", tmp_path)
    assert found.code == "MP202"
    assert [(s.path, s.how) for s in found.sites][:1] == [(str(script), "finding")]


@pytest.mark.parametrize("text", ["", "Traceback (most recent call last):\nKeyError: 'x'\n",
                                  "FileNotFoundError: [Errno 2] No such file or directory", "\x00\udcff" * 50])
def test_unknown_errors_are_not_guessed(text):
    assert recognise(text) is None


def test_every_pattern_names_a_rule():
    from mpguard.rules.registry import get

    for pattern in PATTERNS:
        assert get(pattern.code) is not None, pattern
        assert all(get(code) is not None for code in pattern.alternatives)


def test_cli_explain_reads_stdin_and_prints_site_and_docs(tmp_path, capsys, monkeypatch):
    import io

    path = blog(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(TRACEBACK_314.format(path=path)))
    assert main(["explain", "--root", str(path.parent)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("MP201 unpicklable-callable")
    assert f"{path}:26:" in out and "# MP201 unpicklable-callable" in out


def test_cli_explain_json_and_unknown(tmp_path, capsys):
    path = blog(tmp_path)
    trace = tmp_path / "trace.txt"
    trace.write_text(TRACEBACK_314.format(path=path))
    assert main(["explain", str(trace), "--root", str(path.parent), "--output-format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == "MP201" and data["sites"][0]["row"] == 26 and data["sites"][0]["fix"]
    trace.write_text("KeyError: 'x'\n")
    assert main(["explain", str(trace)]) == 1
    assert "not a multiprocessing error mpguard knows" in capsys.readouterr().err
