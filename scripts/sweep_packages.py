#!/usr/bin/env python3
"""Run mpguard over the source of real PyPI packages that use multiprocessing.

The sweep measures false positives: every finding it prints has to be looked at
and judged (see docs/sweep.md for the judged results and how to rerun).

    python3 scripts/sweep_packages.py --mpguard /work/mpguard-snapshot/.venv/bin/mpguard \
        --out /work/sweep-cache/report.json

For each pinned package it
  1. downloads the sdist (or, when there is none, the pure-Python wheel) of the exact
     pinned version straight from PyPI's JSON API and checks its sha256 digest;
  2. unpacks it into CACHE/<name>-<version>/ (skipped when already there);
  3. runs `MPGUARD check --output-format json --exit-zero [--jobs N] <tree>`;
  4. writes a JSON report (--out) and a markdown report next to it (same name, .md).

It never executes the packages' code. That is why it does not use
`pip download --no-binary :all:`: for an sdist pip builds the metadata, which runs
the package's setup.py / build backend. Archives are unpacked with path checks
(tarfile's "data" filter, no links or absolute paths).

Needs only the standard library and network access to pypi.org / files.pythonhosted.org.
With --verdicts docs/sweep.md, each finding is matched against the judged table in that
file (package, file, line, code) and reported as judged or NEW.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

# name, exact version. Every one of these imports multiprocessing or
# concurrent.futures (ProcessPoolExecutor) somewhere in its source (checked by
# the `mp_files` column of the report, which is a plain text search).
PACKAGES: list[tuple[str, str]] = [
    ("joblib", "1.6.0"),
    ("loky", "3.7.0"),
    ("dask", "2026.8.0"),
    ("distributed", "2026.8.0"),
    ("pebble", "5.2.3"),
    ("mpire", "2.10.2"),
    ("multiprocess", "0.70.19"),
    ("pathos", "0.3.5"),
    ("tqdm", "4.70.1"),
    ("billiard", "4.3.2"),
    ("celery", "5.7.0"),
    ("gunicorn", "27.0.1"),
    ("uvicorn", "0.55.0"),
    ("pytest-xdist", "3.8.0"),
    ("coverage", "7.18.0"),
    ("sphinx", "9.2.0"),
    ("black", "26.10.1"),
    ("isort", "9.0.2"),
    ("pylint", "4.1.5"),
    ("flake8", "7.5.0"),
    ("nltk", "3.10.4"),
    ("luigi", "3.8.1"),
    ("pandarallel", "1.6.5"),
    ("parsl", "2026.10.26"),
    ("snakemake", "9.27.1"),
    ("yapf", "0.43.0"),
    ("mypy", "2.4.1"),
    ("aiomultiprocess", "0.9.1"),
    ("parmap", "1.7.0"),
    ("p-tqdm", "1.4.2"),
    ("ipyparallel", "9.2.0"),
]

# the per-version endpoint (/pypi/NAME/VERSION/json) is not served by every mirror or
# proxy; the project endpoint lists every release's files with their digests.
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
MP_USE = re.compile(
    r"^[ \t]*(import|from)[ \t][^\n]*\b(multiprocessing|multiprocess|billiard|concurrent)\b"
    r"|ProcessPoolExecutor",
    re.M,
)
SKIP_DIRS = {".git", ".hg", ".tox", ".nox", "__pycache__", "node_modules"}


def read_packages_file(path: Path) -> list[tuple[str, str]]:
    """`name==version` per line, or `github:owner/name@commit` for a GitHub repository taken at that
    commit (read from a local git copy, `--mirror`); blank lines and `#` comments are skipped."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("github:"):
            repo, sep, commit = line[len("github:"):].partition("@")
            if not sep or repo.count("/") != 1 or not re.fullmatch(r"[0-9a-f]{7,40}", commit.strip()):
                raise ValueError(f"{path}: expected github:owner/name@commit, got {raw!r}")
            out.append((repo.strip(), GITHUB + commit.strip()))
            continue
        name, sep, version = line.partition("==")
        if not sep or not name.strip() or not version.strip():
            raise ValueError(f"{path}: expected name==version, got {raw!r}")
        out.append((name.strip(), version.strip()))
    return out


GITHUB = "github@"  # the "version" of a GitHub repository: github@<commit>


def from_github(repo: str, commit: str, mirror: Path, dest: Path) -> None:
    """Unpack `repo` (owner/name) at `commit` from its local git copy (MIRROR/owner+name/repo, as the
    code search's `fetch` leaves it) into dest with `git archive`; no code runs (archive members are
    vetted as for an sdist)."""
    gitdir = mirror / repo.replace("/", "+") / "repo"
    if (gitdir / ".git").is_dir():  # (a copy with a work tree)
        gitdir = gitdir / ".git"
    if not gitdir.is_dir():
        raise RuntimeError(f"{repo}: no local git copy at {gitdir}")
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=dest.parent))
    try:
        archive = tmp / "tree.tar"
        subprocess.run(["git", "--git-dir", str(gitdir), "archive", "--format=tar", "-o", str(archive), commit],
                       check=True, capture_output=True)
        unpack(archive, dest)
        (dest / ".sweep-source").write_text(f"github:{repo}@{commit}\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- download


def _get(url: str, timeout: float = 120) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": "mpguard-sweep/1"})
    last: Exception | None = None
    for attempt in range(3):
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code < 500:  # 404 and friends: retrying will not help
                raise RuntimeError(f"GET {url} failed: {exc}") from None
            last = exc
        except Exception as exc:  # network hiccup: retry
            last = exc
            time.sleep(2 * (attempt + 1))
    raise RuntimeError(f"GET {url} failed: {last}")


def choose_file(name: str, version: str) -> dict:
    """The release file to sweep: the sdist, else a pure wheel, else any wheel."""
    meta = json.loads(_get(PYPI_JSON.format(name=name)))
    files = meta.get("releases", {}).get(version)
    if not files:
        raise RuntimeError(f"{name}: version {version} not on PyPI")
    files = [f for f in files if not f.get("yanked")] or files
    for f in files:
        if f["packagetype"] == "sdist" and f["filename"].endswith((".tar.gz", ".zip", ".tgz")):
            return f
    wheels = [f for f in files if f["packagetype"] == "bdist_wheel"]
    for f in wheels:
        if f["filename"].endswith("-none-any.whl"):
            return f
    if wheels:
        return wheels[0]
    raise RuntimeError(f"{name}=={version}: no sdist or wheel on PyPI")


def download(name: str, version: str, cache: Path) -> tuple[Path, dict]:
    info = choose_file(name, version)
    dl = cache / "downloads"
    dl.mkdir(parents=True, exist_ok=True)
    path = dl / info["filename"]
    want = info["digests"]["sha256"]
    if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == want:
        return path, info
    # some mirrors of the JSON API give relative file URLs
    url = urllib.parse.urljoin(PYPI_JSON.format(name=name), info["url"])
    log(f"  downloading {url}")
    data = _get(url, timeout=600)
    got = hashlib.sha256(data).hexdigest()
    if got != want:
        raise RuntimeError(f"{info['filename']}: sha256 {got} != {want}")
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path, info


def _safe_member(dest: Path, member_name: str) -> Path | None:
    target = (dest / member_name).resolve()
    if not str(target).startswith(str(dest.resolve()) + os.sep):
        return None
    return target


def unpack(archive: Path, dest: Path) -> None:
    """Unpack without following links or writing outside dest; no code runs."""
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=dest.parent))
    try:
        if archive.name.endswith((".whl", ".zip")):
            with zipfile.ZipFile(archive) as zf:
                for zi in zf.infolist():
                    if zi.is_dir():
                        continue
                    target = _safe_member(tmp, zi.filename)
                    if target is None:
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(zi) as src, open(target, "wb") as out:
                        shutil.copyfileobj(src, out)
        else:
            with tarfile.open(archive) as tf:
                members = [
                    m for m in tf.getmembers()
                    if (m.isfile() or m.isdir()) and _safe_member(tmp, m.name) is not None
                ]
                if hasattr(tarfile, "data_filter"):
                    tf.extractall(tmp, members=members, filter="data")
                else:  # Python < 3.11.4: members already vetted above
                    tf.extractall(tmp, members=members)
        # an sdist has one top folder (name-version/): flatten it
        entries = list(tmp.iterdir())
        root = entries[0] if len(entries) == 1 and entries[0].is_dir() else tmp
        shutil.move(str(root), str(dest))
        (dest / ".sweep-source").write_text(archive.name + "\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- measure


def py_files(tree: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for fn in sorted(filenames):
            if fn.endswith((".py", ".pyi", ".ipynb")):
                out.append(Path(dirpath) / fn)
    return out


def count_source(tree: Path) -> dict:
    files = py_files(tree)
    lines = 0
    mp_files = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines += text.count("\n")
        if f.suffix == ".py" and MP_USE.search(text):
            mp_files.append(str(f.relative_to(tree)))
    return {"files": len(files), "lines": lines, "mp_files": mp_files}


def mpguard_cmd(mpguard: str, jobs: int | None) -> list[str]:
    cmd = shlex.split(mpguard) + ["check", "--output-format", "json", "--exit-zero"]
    if jobs:
        try:
            help_text = subprocess.run(
                shlex.split(mpguard) + ["check", "--help"],
                capture_output=True, text=True, timeout=60,
            ).stdout
        except (OSError, subprocess.TimeoutExpired):
            help_text = ""
        if "--jobs" in help_text:
            cmd += ["--jobs", str(jobs)]
        else:
            log("  (this mpguard has no --jobs option; running without it)")
    return cmd


def run_mpguard(cmd: list[str], tree: Path) -> tuple[list[dict], float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd + [str(tree)], capture_output=True, text=True, cwd=tree)
    elapsed = time.perf_counter() - t0
    try:
        raw = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        return [], elapsed, f"exit {proc.returncode}, unparsable output: {proc.stderr[-2000:]}"
    findings = []
    for r in raw:
        fn = r.get("filename", "")
        try:
            rel = str(Path(fn).resolve().relative_to(tree.resolve()))
        except ValueError:
            rel = fn
        findings.append({
            "file": rel,
            "line": r.get("location", {}).get("row"),
            "col": r.get("location", {}).get("column"),
            "code": r.get("code"),
            "name": r.get("name"),
            "message": r.get("message"),
            "start_methods": r.get("start_methods"),
        })
    findings.sort(key=lambda f: (f["file"], f["line"] or 0, f["code"] or ""))
    err = "" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr[-2000:]}"
    return findings, elapsed, err


# --------------------------------------------------------------------------- verdicts


VERDICT_ROW = re.compile(
    r"^\|\s*(?P<pkg>[\w./-]+)\s*\|\s*`?(?P<file>[^|`]+?)`?\s*\|\s*(?P<line>\d+)\s*\|\s*"
    r"(?P<code>MP\d+)\s*\|\s*\**(?P<verdict>TRUE|FALSE|UNSURE)\**\s*\|",
)


def load_verdicts(path: Path) -> dict[tuple[str, str, int, str], str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = VERDICT_ROW.match(line)
        if m:
            key = (m["pkg"], m["file"].strip(), int(m["line"]), m["code"])
            out[key] = m["verdict"]
    return out


# --------------------------------------------------------------------------- report


def write_markdown(report: dict, path: Path) -> None:
    lines = [
        "# mpguard package sweep",
        "",
        f"mpguard: `{report['mpguard']}`  ",
        f"date: {report['date']}",
        "",
        "| package | version | source | .py files | lines | files using mp | findings | time (s) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in report["packages"]:
        lines.append(
            f"| {p['name']} | {p['version']} | {p.get('archive', '')} | {p.get('files', '')} | "
            f"{p.get('lines', '')} | {len(p.get('mp_files', []))} | {len(p.get('findings', []))} | "
            f"{p.get('seconds', 0):.1f} |"
        )
    tot = report["totals"]
    lines += ["", f"Total: {tot['files']} files, {tot['lines']} lines, {tot['findings']} findings, "
              f"{tot['seconds']:.1f} s.", ""]
    by_code: dict[str, int] = {}
    for p in report["packages"]:
        for f in p.get("findings", []):
            by_code[f["code"]] = by_code.get(f["code"], 0) + 1
    lines += ["| code | findings |", "|---|---|"]
    lines += [f"| {c} | {n} |" for c, n in sorted(by_code.items())]
    lines += ["", "## Findings", "",
              "| package | file | line | code | verdict | message |", "|---|---|---|---|---|---|"]
    for p in report["packages"]:
        for f in p.get("findings", []):
            msg = (f["message"] or "").replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {p['name']} | `{f['file']}` | {f['line']} | {f['code']} | "
                         f"{f.get('verdict', '')} | {msg} |")
        if p.get("error"):
            lines.append(f"| {p['name']} | | | | | ERROR: {p['error'][:300]} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mpguard", default="mpguard",
                    help="command that runs mpguard (default: `mpguard` on PATH)")
    ap.add_argument("--packages", nargs="+", metavar="NAME",
                    help="only these pinned packages (default: all)")
    ap.add_argument("--packages-file", type=Path, default=None, metavar="FILE",
                    help="sweep the packages pinned in FILE (`name==version` per line, e.g. "
                         "scripts/sweep3_packages.txt) instead of the built-in list")
    ap.add_argument("--out", type=Path, default=None,
                    help="JSON report (default: CACHE/report.json); markdown goes next to it")
    ap.add_argument("--cache", type=Path, default=Path("/work/sweep-cache"),
                    help="downloads and unpacked sources (default: /work/sweep-cache)")
    ap.add_argument("--jobs", type=int, default=None,
                    help="passed to `mpguard check --jobs` when that option exists")
    ap.add_argument("--verdicts", type=Path, default=None,
                    help="docs/sweep.md: mark each finding with its judged verdict, or NEW")
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"),
                    help="local git copies of the `github:owner/name@commit` entries (OWNER+NAME/repo)")
    ap.add_argument("--list", action="store_true", help="print the pinned packages and exit")
    args = ap.parse_args(argv)

    packages = read_packages_file(args.packages_file) if args.packages_file else PACKAGES
    if args.list:
        for n, v in packages:
            print(f"{n}=={v}")
        return 0

    pinned = dict(packages)
    if args.packages:
        norm = {n.lower().replace("_", "-"): n for n in pinned}
        unknown = [p for p in args.packages if p.lower().replace("_", "-") not in norm]
        if unknown:
            ap.error(f"not pinned in PACKAGES: {', '.join(unknown)}")
        selected = [(norm[p.lower().replace('_', '-')], pinned[norm[p.lower().replace('_', '-')]])
                    for p in args.packages]
    else:
        selected = list(packages)

    cache: Path = args.cache.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    out: Path = args.out or cache / "report.json"
    cmd = mpguard_cmd(args.mpguard, args.jobs)
    verdicts = load_verdicts(args.verdicts) if args.verdicts else None

    report = {
        "mpguard": " ".join(cmd),
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "packages": [],
    }
    for name, version in selected:
        log(f"{name}=={version}")
        entry: dict = {"name": name, "version": version}
        github = version.startswith(GITHUB)
        tree = cache / (f"github/{name.replace('/', '+')}-{version[len(GITHUB):][:12]}" if github
                        else f"{name}-{version}")
        try:
            if not (tree / ".sweep-source").exists():
                if tree.exists():
                    shutil.rmtree(tree)
                tree.parent.mkdir(parents=True, exist_ok=True)
                if github:
                    from_github(name, version[len(GITHUB):], args.mirror, tree)
                else:
                    archive, info = download(name, version, cache)
                    unpack(archive, tree)
            entry["archive"] = (tree / ".sweep-source").read_text().strip()
            entry["tree"] = str(tree)
            entry.update(count_source(tree))
            findings, secs, err = run_mpguard(cmd, tree)
            entry["seconds"] = round(secs, 2)
            if verdicts is not None:
                for f in findings:
                    f["verdict"] = verdicts.get((name, f["file"], f["line"], f["code"]), "NEW")
            entry["findings"] = findings
            if err:
                entry["error"] = err
            log(f"  {entry['files']} files, {entry['lines']} lines, "
                f"{len(entry['mp_files'])} using mp, {len(findings)} findings, {secs:.1f}s")
        except Exception as exc:  # keep sweeping the others
            entry["error"] = f"{type(exc).__name__}: {exc}"
            entry.setdefault("findings", [])
            log(f"  ERROR {entry['error']}")
        report["packages"].append(entry)

    pk = report["packages"]
    report["totals"] = {
        "packages": len(pk),
        "files": sum(p.get("files", 0) for p in pk),
        "lines": sum(p.get("lines", 0) for p in pk),
        "findings": sum(len(p.get("findings", [])) for p in pk),
        "seconds": round(sum(p.get("seconds", 0) for p in pk), 2),
        "errors": [p["name"] for p in pk if p.get("error")],
    }
    if verdicts is not None:
        new = [(p["name"], f["file"], f["line"], f["code"])
               for p in pk for f in p["findings"] if f["verdict"] == "NEW"]
        report["totals"]["unjudged"] = len(new)
        for n in new:
            log(f"NEW (not judged in {args.verdicts}): {n}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_markdown(report, out.with_suffix(".md"))
    t = report["totals"]
    log(f"done: {t['packages']} packages, {t['files']} files, {t['lines']} lines, "
        f"{t['findings']} findings, {t['seconds']:.1f}s; report {out} (+ .md)")
    return 1 if t["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
