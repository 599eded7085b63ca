"""The cache across runs (mpguard.linter.cache): findings read back only while nothing they depend on
changed, and anything in the cache folder that is not a pack we wrote is ignored, never trusted.

Work is counted (how many files were analysed), never timed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import mpguard.cli.batch as batch
from helpers import at_import_copy, run_in_session
from mpguard.cli.main import main
from mpguard.linter.cache import CACHEDIR_TAG, FOLDER, FORMAT, MAGIC, STALE_DAYS

ROOT = Path(__file__).resolve().parent.parent
SPAWNING_HELPER = "import multiprocessing\n\ndef run(task):\n    p = multiprocessing.Process(target=task)\n    p.start()\n    p.join()\n"
INERT_HELPER = "def run(task):\n    task()\n"
IMPORTER = "import helper\n\n\ndef main():\n    helper.run(lambda: print('hi'))\n\n\nif __name__ == '__main__':\n    main()\n"


@pytest.fixture
def analysed(monkeypatch):
    """The files analysed (not read back from the cache) by each `check` below."""
    paths: list = []
    original = batch.check_one

    def counted(job):
        paths.append(Path(job[0]).name)
        return original(job)

    monkeypatch.setattr(batch, "check_one", counted)
    return paths


def check(capsys, folder: Path, *flags) -> list[dict]:
    code = main(["check", "--output-format", "json", "--exit-zero", *flags, str(folder)])
    assert code == 0
    return json.loads(capsys.readouterr().out)


def codes(items, name: str) -> list[str]:
    """The codes of the findings made in `name`: its own, and those moved from it to their site in another
    file of the run (`linter.sites`: they name the call in `name` they were reached from); not the copies at an
    import of the module where the hazard happens (helpers.at_import_copy: they come and go with the call's)."""
    return sorted(i["code"] for i in items if not at_import_copy(i) and Path(i["filename"]).name == name or any(
        Path(r.get("filename", "")).name == name and r["message"].startswith("reached from") for r in i["related"]))


def edit(path: Path, text: str) -> None:
    """Write and move the mtime on, as an editor would a moment later (the cache rehashes racy files anyway)."""
    path.write_text(text)
    later = time.time_ns() + 5_000_000_000
    os.utime(path, ns=(later, later))


def project(tmp_path: Path, files: dict) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def test_a_second_run_over_an_unchanged_tree_analyses_nothing(tmp_path, capsys, analysed):
    folder = project(tmp_path, {"helper.py": SPAWNING_HELPER, "main.py": IMPORTER, "other.py": "x = 1\n"})
    first = check(capsys, folder)
    assert codes(first, "main.py") == ["MP201"]
    assert sorted(analysed) == ["helper.py", "main.py", "other.py"]
    analysed.clear()
    assert check(capsys, folder) == first
    assert analysed == []


def test_an_edit_to_an_imported_module_changes_the_importers_findings(tmp_path, capsys, analysed):
    folder = project(tmp_path, {"helper.py": INERT_HELPER, "main.py": IMPORTER})
    assert codes(check(capsys, folder), "main.py") == []
    edit(folder / "helper.py", SPAWNING_HELPER)
    analysed.clear()
    assert codes(check(capsys, folder), "main.py") == ["MP201"]
    assert sorted(analysed) == ["helper.py", "main.py"]  # main.py did not change: its import did
    edit(folder / "helper.py", INERT_HELPER)
    assert codes(check(capsys, folder), "main.py") == []


def test_an_edit_two_imports_away_changes_the_findings(tmp_path, capsys, analysed):
    # main -> middle -> helper: what middle.launch does depends on what helper.run does.
    middle = "import helper\n\ndef launch(task):\n    helper.run(task)\n"
    folder = project(tmp_path, {"helper.py": INERT_HELPER, "middle.py": middle,
                                "main.py": "import middle\n\nmiddle.launch(print)\n"})
    assert codes(check(capsys, folder), "main.py") == []
    edit(folder / "helper.py", SPAWNING_HELPER)
    analysed.clear()
    assert codes(check(capsys, folder), "main.py") == ["MP101"]  # starts processes at import, unguarded
    assert "main.py" in analysed


def test_a_module_that_appears_later_changes_the_findings(tmp_path, capsys):
    folder = project(tmp_path, {"main.py": IMPORTER})
    assert codes(check(capsys, folder), "main.py") == []
    (folder / "helper.py").write_text(SPAWNING_HELPER)
    assert codes(check(capsys, folder), "main.py") == ["MP201"]


def test_a_submodule_that_appears_in_a_package_changes_the_findings(tmp_path, capsys):
    main_text = "import pkg\n\n\ndef main():\n    pkg.tools.run(lambda: 0)\n"
    folder = project(tmp_path, {"pkg/__init__.py": "", "main.py": main_text})
    assert codes(check(capsys, folder), "main.py") == []
    (folder / "pkg" / "tools.py").write_text(SPAWNING_HELPER)
    assert codes(check(capsys, folder), "main.py") == ["MP201"]


def test_other_settings_are_other_entries(tmp_path, capsys, analysed):
    folder = project(tmp_path, {"helper.py": SPAWNING_HELPER, "main.py": IMPORTER})
    assert codes(check(capsys, folder), "main.py") == ["MP201"]
    analysed.clear()
    assert codes(check(capsys, folder, "--ignore", "MP201"), "main.py") == []
    assert sorted(analysed) == ["helper.py", "main.py"]
    assert codes(check(capsys, folder), "main.py") == ["MP201"]


def _pack(cache: Path) -> Path:
    packs = list((cache / f"v{FORMAT}").glob("*.json"))
    assert len(packs) == 1, packs
    return packs[0]


@pytest.mark.parametrize("damage", [
    lambda data: b"\x00garbage" + data[:100],  # not a pack
    lambda data: data[:-40],  # cut short: the checksum fails
    lambda data: data.replace(b'"MP201"', b'"MP999"'),  # changed without its checksum
    lambda data: b"[]\n" + data.split(b"\n", 1)[1],  # a header of another shape
])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path, capsys, analysed, damage):
    cache = tmp_path / "cache"
    folder = project(tmp_path, {"helper.py": SPAWNING_HELPER, "main.py": IMPORTER})
    first = check(capsys, folder, "--cache-dir", str(cache))
    pack = _pack(cache)
    pack.write_bytes(damage(pack.read_bytes()))
    analysed.clear()
    assert check(capsys, folder, "--cache-dir", str(cache)) == first
    assert sorted(analysed) == ["helper.py", "main.py"]  # nothing was trusted
    analysed.clear()
    assert check(capsys, folder, "--cache-dir", str(cache)) == first
    assert analysed == []  # and a good pack was written again


def _body(pack: Path) -> dict:
    return json.loads(pack.read_bytes().split(b"\n", 1)[1])


def test_files_that_read_the_same_modules_share_one_dependency_set(tmp_path, capsys, analysed):
    """Each dependency is stored once per pack, and each set of them once: a package whose files all import
    the same helpers makes one set, not one per file (yt-dlp's per-file lists made a 254 MB pack)."""
    cache = tmp_path / "cache"
    files = {"pkg/__init__.py": "", "pkg/common.py": "import pkg.util\n", "pkg/util.py": "X = 1\n"}
    files.update({f"pkg/ext{i}.py": "from pkg import common, util\n\n\ndef run():\n    return util.X\n"
                  for i in range(30)})
    folder = project(tmp_path, files)
    first = check(capsys, folder, "--cache-dir", str(cache))
    body = _body(_pack(cache))
    numbers = [body["entries"][str((folder / f"pkg/ext{i}.py").resolve())]["deps"] for i in range(30)]
    assert len(set(numbers)) == 1  # the thirty extractors share one set
    rows = [tuple(row) for row in body["rows"]]
    assert len(rows) == len(set(rows))  # and every row is stored once
    assert max(map(len, body["sets"])) < len(rows) + 1
    analysed.clear()
    assert check(capsys, folder, "--cache-dir", str(cache)) == first
    assert analysed == []
    edit(folder / "pkg/util.py", "X = 2\n")  # a row shared by the set changes: every file that read it again
    analysed.clear()
    check(capsys, folder, "--cache-dir", str(cache))
    assert {f"ext{i}.py" for i in range(30)} <= set(analysed)


@pytest.mark.parametrize("reshape", [
    lambda body: {**body, "sets": [[len(body["rows"]) + 5]]},  # a set naming a row that is not there
    lambda body: {**body, "entries": {p: {**e, "deps": 99} for p, e in body["entries"].items()}},  # no such set
    lambda body: {**body, "rows": [["m", 3, None]]},  # a row of another shape
])
def test_dependency_tables_of_a_foreign_shape_are_ignored(tmp_path, capsys, analysed, reshape):
    import hashlib

    cache = tmp_path / "cache"
    folder = project(tmp_path, {"main.py": IMPORTER, "helper.py": SPAWNING_HELPER})
    first = check(capsys, folder, "--cache-dir", str(cache))
    pack = _pack(cache)
    header = json.loads(pack.read_bytes().split(b"\n", 1)[0])
    body = json.dumps(reshape(_body(pack))).encode()
    header["sha256"] = hashlib.sha256(body).hexdigest()
    pack.write_bytes(json.dumps(header).encode() + b"\n" + body)
    analysed.clear()
    assert check(capsys, folder, "--cache-dir", str(cache)) == first
    assert sorted(analysed) == ["helper.py", "main.py"]


def test_old_packs_and_old_formats_are_removed_when_a_pack_is_saved(tmp_path, capsys):
    cache = tmp_path / "cache"
    folder = project(tmp_path, {"helper.py": SPAWNING_HELPER, "main.py": IMPORTER})
    (cache / "v1").mkdir(parents=True)
    (cache / "v1" / "0123.json").write_text("an older format's pack")
    packs = cache / f"v{FORMAT}"
    packs.mkdir()
    stale, recent = packs / "stale.json", packs / "recent.json"
    for pack, days in ((stale, STALE_DAYS + 1), (recent, STALE_DAYS - 1)):
        pack.write_text("another run key's pack")
        then = time.time() - days * 86400
        os.utime(pack, (then, then))
    check(capsys, folder, "--cache-dir", str(cache))
    assert not (cache / "v1").exists()
    assert not stale.exists()
    assert recent.exists()  # (another interpreter or environment in use: kept)
    assert len(list(packs.glob("*.json"))) == 2


def test_a_pack_with_a_valid_checksum_but_a_foreign_shape_is_ignored(tmp_path, capsys, analysed):
    import hashlib

    cache = tmp_path / "cache"
    folder = project(tmp_path, {"main.py": IMPORTER, "helper.py": SPAWNING_HELPER})
    first = check(capsys, folder, "--cache-dir", str(cache))
    pack = _pack(cache)
    header = json.loads(pack.read_bytes().split(b"\n", 1)[0])
    body = json.dumps({"entries": {str((folder / "main.py").resolve()): {"key": 1, "items": "rm -rf"}},
                       "files": []}).encode()
    header["sha256"] = hashlib.sha256(body).hexdigest()
    pack.write_bytes(json.dumps(header).encode() + b"\n" + body)
    analysed.clear()
    assert check(capsys, folder, "--cache-dir", str(cache)) == first
    assert sorted(analysed) == ["helper.py", "main.py"]
    assert json.loads(pack.read_bytes().split(b"\n", 1)[0])["magic"] == MAGIC


def test_where_the_cache_lives(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MPGUARD_CACHE_DIR")
    folder = project(tmp_path, {"pyproject.toml": "[tool.mpguard]\n", "sub/a.py": "x = 1\n"})
    check(capsys, folder / "sub")
    cache = folder / FOLDER  # the project root: the configuration file's folder
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    _pack(cache)

    (folder / "pyproject.toml").write_text('[tool.mpguard]\ncache-dir = "build/lint-cache"\n')
    check(capsys, folder / "sub")
    _pack(folder / "build" / "lint-cache")

    monkeypatch.setenv("MPGUARD_CACHE_DIR", str(tmp_path / "from-env"))
    check(capsys, folder / "sub")
    _pack(tmp_path / "from-env")

    check(capsys, folder / "sub", "--cache-dir", str(tmp_path / "from-flag"))
    _pack(tmp_path / "from-flag")


def test_no_cache_neither_reads_nor_writes(tmp_path, capsys, analysed, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("MPGUARD_CACHE_DIR", str(cache))
    folder = project(tmp_path, {"main.py": IMPORTER, "helper.py": SPAWNING_HELPER})
    check(capsys, folder, "--no-cache")
    assert not cache.exists()
    check(capsys, folder)
    analysed.clear()
    check(capsys, folder, "--no-cache")
    assert sorted(analysed) == ["helper.py", "main.py"]


def test_text_output_is_written_file_by_file_in_order(tmp_path, capsys):
    files = {f"m{i}.py": "import multiprocessing\nmultiprocessing.Pool()\n" for i in range(3)}
    folder = project(tmp_path, files)
    main(["check", "--output-format", "concise", "--exit-zero", str(folder)])
    lines = capsys.readouterr().out.splitlines()
    assert [Path(line.split(":")[0]).name for line in lines[:3]] == ["m0.py", "m1.py", "m2.py"]
    assert lines[3:] == ["Found 3 findings in 3 files.", "[*] 3 fixable with the `--fix` option."]


# ---------------------------------------------------------------------------------------------------------
# Findings identical with and without the cache, on 1 and 2 processes (the stdlib: benchmarks/codebase.py)

# (realistic: findings moved to their site in a helper module, linter/sites.py)
CORPORA = [ROOT / "tests" / "corpus" / "oracle" / "cases", ROOT / "tests" / "fixtures",
           ROOT / "tests" / "corpus" / "realistic" / "cases"]


def _run(*flags, env=None) -> bytes:
    proc = run_in_session([sys.executable, "-m", "mpguard", "check", "--output-format", "json", "--exit-zero",
                           "--no-respect-gitignore", "--report-at-site", *flags, *map(str, CORPORA)],
                          text=False, env=env, cwd=ROOT, timeout=600)  # (its forked workers go with it)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    return proc.stdout


def test_findings_are_the_same_with_and_without_the_cache_on_one_and_two_processes(tmp_path):
    env = {**os.environ, "MPGUARD_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("MPGUARD_STRICT", None)  # as users run it
    reference = _run("--no-cache", "--jobs", "1", env=env)
    assert len(json.loads(reference)) > 100
    moved = [i for i in json.loads(reference) if "/appkit/" in i["filename"].replace("\\", "/")
             and any(r["message"].startswith("reached from") for r in i["related"])]
    assert len(moved) >= 3
    assert _run("--no-cache", "--jobs", "2", env=env) == reference
    # workers forked at the first file (they build the whole index themselves), and never (all in process)
    forked = {**env, "MPGUARD_WARM_UP": "0", "MPGUARD_FORK_BYTES": "0"}
    assert _run("--no-cache", "--jobs", "2", env=forked) == reference
    assert _run("--no-cache", "--jobs", "2", env={**env, "MPGUARD_WARM_UP": "1e9"}) == reference
    assert _run("--jobs", "2", env=forked) == reference  # cold cache, written by 2 workers
    assert _run("--jobs", "1", env=env) == reference  # warm cache
    assert _run("--jobs", "2", env=env) == reference
