"""A finding reported at its site in another file of the run (`mpguard.linter.sites`, issue 12): the
`raise` a task reaches (MP208), the helper's Process call a parameter crosses into the child at (MP201),
the nested pool a Pool task creates (MP413). Small projects in tmp_path, checked by the CLI in-process."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import at_import_copy, sent_back_copy
from mpguard.cli.main import main

VALIDATE = '''\
class ValidationError(Exception):
    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def check(record):
    if record < 0:
        raise ValidationError("value", "negative"){noqa}
    return record
'''
VALIDATE_ROW = 10

SCORER = '''\
import concurrent.futures

import validate


def score(record):
    return validate.check(record)


def main():
    with concurrent.futures.ProcessPoolExecutor() as pool:
        print(list(pool.map(score, [1, -1]))){noqa}


if __name__ == "__main__":
    main()
'''

LAUNCHER = '''\
import multiprocessing


def launch(target, args=()):
    proc = multiprocessing.Process(target=target, args=args)
    proc.start()
    return proc
'''
LAUNCHER_ROW = 5

CLOSURE_CALLER = '''\
import launcher


def make(prefix):
    def report(n):
        print(prefix, n)
    return report


def main():
    launcher.launch(make("x"), args=(1,)).join()


if __name__ == "__main__":
    main()
'''

BATCHING = '''\
import multiprocessing


def square(x):
    return x * x


def process_batch(batch):
    with multiprocessing.Pool(2) as inner:
        return sum(inner.map(square, batch))
'''
BATCHING_ROW = 9

BATCH_CALLER = '''\
import multiprocessing

import batching


def main():
    with multiprocessing.Pool(2) as pool:
        print(pool.map(batching.process_batch, [[1, 2], [3]]))


if __name__ == "__main__":
    main()
'''


def project(tmp_path: Path, files: dict) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def check(capsys, folder: Path, names, *flags) -> list[dict]:
    """The JSON findings of `mpguard check` over `names` in `folder` (run from there: relative names)."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        code = main(["check", "--output-format", "json", "--exit-zero", "--no-cache", "--report-at-site", *flags, *names])
    finally:
        os.chdir(cwd)
    assert code == 0
    return json.loads(capsys.readouterr().out)


def only(items, code: str) -> dict:
    found = [i for i in items if i["code"] == code and not at_import_copy(i) and not sent_back_copy(i)]
    assert len(found) == 1, items
    return found[0]


@pytest.mark.parametrize("files, caller, site, site_row, code", [
    ({"validate.py": VALIDATE.replace("{noqa}", ""), "scorer.py": SCORER.replace("{noqa}", "")},
     "scorer.py", "validate.py", VALIDATE_ROW, "MP208"),
    ({"launcher.py": LAUNCHER, "caller.py": CLOSURE_CALLER}, "caller.py", "launcher.py", LAUNCHER_ROW, "MP201"),
    ({"batching.py": BATCHING, "caller.py": BATCH_CALLER}, "caller.py", "batching.py", BATCHING_ROW, "MP413"),
])
def test_the_finding_moves_to_its_site_when_that_file_is_in_the_run(tmp_path, capsys, files, caller, site,
                                                                      site_row, code):
    folder = project(tmp_path, files)
    alone = only(check(capsys, folder, [caller]), code)  # the site's file is not in the run: at the call
    assert alone["filename"] == caller
    marked = [r for r in alone["related"] if r.get("site")]
    assert [(r["filename"], r["location"]["row"]) for r in marked] == [(site, site_row)]

    moved = only(check(capsys, folder, [caller, site]), code)
    assert moved["filename"] == site
    assert moved["location"]["row"] == moved["end_location"]["row"] == site_row
    line = (folder / site).read_text().splitlines()[site_row - 1]
    assert moved["location"]["column"] == len(line) - len(line.lstrip()) + 1
    assert moved["fix"] is None
    assert moved["start_methods"] == alone["start_methods"]
    assert {"filename": caller, "location": alone["location"],
            "message": f"reached from `{caller}` line {alone['location']['row']}"} in moved["related"]
    assert not any(r.get("site") for r in moved["related"])  # (the site is where it now is)


def test_two_callers_of_one_site_give_one_finding_with_both_calls(tmp_path, capsys):
    other = SCORER.replace("{noqa}", "").replace("[1, -1]", "[2, -2]").replace("def main", "\n\ndef main")
    folder = project(tmp_path, {"validate.py": VALIDATE.replace("{noqa}", ""), "a.py": SCORER.replace("{noqa}", ""),
                                "b.py": other})
    items = check(capsys, folder, ["a.py", "b.py", "validate.py"])
    finding = only(items, "MP208")
    assert (finding["filename"], finding["location"]["row"]) == ("validate.py", VALIDATE_ROW)
    callers = [(r["filename"], r["location"]["row"]) for r in finding["related"] if r["message"].startswith("reached")]
    assert callers == [("a.py", 7), ("b.py", 7)]
    # the same with the files named in another order: the same finding
    again = only(check(capsys, folder, ["validate.py", "b.py", "a.py"]), "MP208")
    assert {json.dumps(r, sort_keys=True) for r in again["related"]} == \
        {json.dumps(r, sort_keys=True) for r in finding["related"]}


def test_the_merged_finding_has_the_union_of_the_callers_start_methods(tmp_path, capsys):
    forked = BATCH_CALLER.replace("multiprocessing.Pool(2)", 'multiprocessing.get_context("fork").Pool(2)')
    folder = project(tmp_path, {"batching.py": BATCHING, "a.py": forked, "b.py": BATCH_CALLER})
    each = {name: only(check(capsys, folder, [name]), "MP413")["start_methods"] for name in ("a.py", "b.py")}
    merged = only(check(capsys, folder, ["a.py", "b.py", "batching.py"]), "MP413")
    assert merged["start_methods"] == sorted(set(each["a.py"]) | set(each["b.py"]))


def test_a_noqa_on_the_site_line_silences_the_moved_finding(tmp_path, capsys):
    folder = project(tmp_path, {"validate.py": VALIDATE.replace("{noqa}", "  # noqa: MP208"),
                                "scorer.py": SCORER.replace("{noqa}", "")})
    assert not [i for i in check(capsys, folder, ["scorer.py", "validate.py"]) if i["code"] == "MP208" and not at_import_copy(i)]
    # another code on that line silences nothing
    (folder / "validate.py").write_text(VALIDATE.replace("{noqa}", "  # noqa: MP201"))
    moved = only(check(capsys, folder, ["scorer.py", "validate.py"]), "MP208")
    assert moved["end_location"]["column"] == len('        raise ValidationError("value", "negative")') + 1
    # the site's noqa means nothing while the finding stays at the call (its file not in the run)
    (folder / "validate.py").write_text(VALIDATE.replace("{noqa}", "  # noqa: MP208"))
    assert only(check(capsys, folder, ["scorer.py"]), "MP208")["filename"] == "scorer.py"


def test_a_noqa_on_the_callers_line_silences_that_caller(tmp_path, capsys):
    other = SCORER.replace("{noqa}", "").replace("def main", "\n\ndef main")
    folder = project(tmp_path, {"validate.py": VALIDATE.replace("{noqa}", ""),
                                "a.py": SCORER.replace("{noqa}", "").replace("validate.check(record)",
                                                                       "validate.check(record)  # noqa: MP208"),
                                "b.py": other})
    finding = only(check(capsys, folder, ["a.py", "b.py", "validate.py"]), "MP208")
    assert [r["filename"] for r in finding["related"]] == ["b.py"]  # a.py's call is silenced
    assert not [i for i in check(capsys, folder, ["a.py", "validate.py"]) if i["code"] == "MP208" and not at_import_copy(i)]


@pytest.mark.parametrize("fmt", ["concise", "github", "pylint", "full"])
def test_text_formats_print_the_moved_finding_under_the_sites_file(tmp_path, capsys, fmt):
    folder = project(tmp_path, {"batching.py": BATCHING, "caller.py": BATCH_CALLER})
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        main(["check", "--output-format", fmt, "--exit-zero", "--no-cache", "--report-at-site", "caller.py", "batching.py"])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert f"batching.py:{BATCHING_ROW}" in out or f"file=batching.py,line={BATCHING_ROW}" in out
    assert "caller.py:7" not in out and "line=7," not in out


def test_sarif_locates_the_moved_finding_in_the_sites_file(tmp_path, capsys):
    folder = project(tmp_path, {"batching.py": BATCHING, "caller.py": BATCH_CALLER})
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        main(["check", "--output-format", "sarif", "--exit-zero", "--no-cache", "--report-at-site", "caller.py", "batching.py"])
    finally:
        os.chdir(cwd)
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    places = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1],
               r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results if r["ruleId"] == "MP413"]
    assert places == [("batching.py", BATCHING_ROW)]


def test_a_class_that_keeps_the_target_leaves_the_finding_at_the_call(tmp_path, capsys):
    """A helper class only keeps the value (its start() sends it later, called from the caller's module):
    the finding stays where the value is handed over, as the reports corpus (portage) has it."""
    helper = ("import multiprocessing\n\n\nclass Runner:\n    def __init__(self, target):\n        self.target = target\n\n"
              "    def start(self):\n        self.proc = multiprocessing.Process(target=self.target)\n"
              "        self.proc.start()\n")
    caller = ("from helper import Runner\n\n\ndef main():\n    Runner(lambda: print(1)).start()\n\n\n"
              "if __name__ == '__main__':\n    main()\n")
    folder = project(tmp_path, {"helper.py": helper, "caller.py": caller})
    items = [i for i in check(capsys, folder, ["caller.py", "helper.py"]) if i["code"].startswith("MP20")]
    assert items and all(i["filename"] == "caller.py" for i in items)


def test_the_cache_gives_the_moved_findings_as_a_run_without_it(tmp_path, capsys, monkeypatch):
    folder = project(tmp_path, {"validate.py": VALIDATE.replace("{noqa}", ""), "a.py": SCORER.replace("{noqa}", ""),
                                "batching.py": BATCHING, "caller.py": BATCH_CALLER})
    monkeypatch.setenv("MPGUARD_CACHE_DIR", str(tmp_path / "cache"))
    names = ["a.py", "batching.py", "caller.py", "validate.py"]

    def run(*flags):
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            main(["check", "--output-format", "json", "--exit-zero", "--report-at-site", *flags, *names])
        finally:
            os.chdir(cwd)
        return capsys.readouterr().out

    reference = run("--no-cache")
    assert {(i["filename"], i["code"]) for i in json.loads(reference)} >= {("validate.py", "MP208"),
                                                                           ("batching.py", "MP413")}
    assert run() == reference  # cold
    assert run() == reference  # warm
    # an edit that moves the site's line: the caller's entry is stale (it read that module), the finding follows
    (folder / "validate.py").write_text("\n" + VALIDATE.replace("{noqa}", ""))
    moved = only(json.loads(run()), "MP208")
    assert (moved["filename"], moved["location"]["row"]) == ("validate.py", VALIDATE_ROW + 1)
    assert run() == run("--no-cache")


def test_a_raise_of_a_class_from_yet_another_module_stays_at_the_call(tmp_path, capsys):
    """The class pickle cannot rebuild is in errors.py, the raise in validate.py: two places, no one site."""
    errors = VALIDATE.split("\n\n\ndef check")[0] + "\n"
    raising = "from errors import ValidationError\n\n\ndef check(record):\n    if record < 0:\n" \
              "        raise ValidationError('value', 'negative')\n    return record\n"
    folder = project(tmp_path, {"errors.py": errors, "validate.py": raising, "scorer.py": SCORER.replace("{noqa}", "")})
    finding = only(check(capsys, folder, ["scorer.py", "validate.py", "errors.py"]), "MP208")
    assert finding["filename"] == "scorer.py"


def test_a_helper_that_starts_processes_through_yet_another_module_moves_to_that_ones_pool(tmp_path, capsys):
    """relay.process_batch only calls batching's spawner: the site is batching's `Pool(...)`, two modules on."""
    relay = "import batching\n\n\ndef process_batch(batch):\n    return batching.process_batch(batch)\n"
    caller = BATCH_CALLER.replace("import batching", "import relay").replace("batching.process_batch",
                                                                             "relay.process_batch")
    folder = project(tmp_path, {"batching.py": BATCHING, "relay.py": relay, "caller.py": caller})
    alone = only(check(capsys, folder, ["caller.py"]), "MP413")
    assert [(r["filename"], r["location"]["row"], r.get("site")) for r in alone["related"]] == \
        [("batching.py", BATCHING_ROW, True)]
    moved = only(check(capsys, folder, ["caller.py", "relay.py", "batching.py"]), "MP413")
    assert (moved["filename"], moved["location"]["row"]) == ("batching.py", BATCHING_ROW)


def test_a_helper_whose_processes_start_at_a_submit_leaves_the_finding_at_the_call(tmp_path, capsys):
    """An executor starts its processes at a submit (`ex.map`), not where it is made: no one line to move to."""
    helper = ("from concurrent.futures import ProcessPoolExecutor\n\n\ndef square(x):\n    return x * x\n\n\n"
              "def process_batch(batch):\n    with ProcessPoolExecutor(2) as ex:\n        return sum(ex.map(square, batch))\n")
    folder = project(tmp_path, {"batching.py": helper, "caller.py": BATCH_CALLER})
    items = [i for i in check(capsys, folder, ["caller.py", "batching.py"]) if i["code"] == "MP413"]
    assert items and all(i["filename"] == "caller.py" for i in items)
    assert not any(r.get("site") for i in items for r in i["related"])


def _item(filename, code, row, related=(), methods=("spawn",)):
    return {"filename": filename, "code": code, "location": {"row": row, "column": 5},
            "end_location": {"row": row, "column": 9}, "start_methods": list(methods), "platforms": ["windows"],
            "errors": [], "fix": None, "related": list(related)}


def test_a_finding_the_sites_file_reports_itself_absorbs_the_moved_one(tmp_path):
    from mpguard.linter.sites import Relocation

    (tmp_path / "helper.py").write_text("import os\n\n\ndef f():\n    os.fork()\n")
    (tmp_path / "main.py").write_text("import helper\nhelper.f()\n")
    helper, caller = str(tmp_path / "helper.py"), str(tmp_path / "main.py")
    site = {"filename": helper, "location": {"row": 5, "column": 1}, "message": "here", "site": True}
    relocation = Relocation([caller, helper])
    assert relocation.keep(caller, [_item(caller, "MP413", 2, [site], ("fork",))]) == []
    own = _item(helper, "MP413", 5)
    assert relocation.keep(helper, [own]) == [own]
    assert relocation.moved() == []
    assert own["start_methods"] == ["fork", "spawn"]
    assert [r["filename"] for r in own["related"]] == [caller]


def test_a_site_line_that_is_not_in_the_file_leaves_the_finding_at_the_call(tmp_path):
    from mpguard.linter.sites import Relocation

    (tmp_path / "helper.py").write_text("x = 1\n")
    helper, caller = str(tmp_path / "helper.py"), str(tmp_path / "main.py")
    site = {"filename": helper, "location": {"row": 40, "column": 1}, "message": "here", "site": True}
    finding = _item(caller, "MP208", 2, [site])
    assert Relocation([caller, helper]).keep(caller, [finding]) == [finding]
