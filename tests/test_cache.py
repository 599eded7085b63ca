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
from mpguard.cli.main import main
from mpguard.linter.cache import CACHEDIR_TAG, FOLDER, MAGIC

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
    file of the run (`linter.sites`: they name the call in `name` they were reached from)."""
    return sorted(i["code"] for i in items if Path(i["filename"]).name == name or any(
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
    packs = list((cache / "v1").glob("*.json"))
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
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", "--exit-zero",
                           "--no-respect-gitignore", "--report-at-site", *flags, *map(str, CORPORA)],
                          capture_output=True, env=env, cwd=ROOT, timeout=600)
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
