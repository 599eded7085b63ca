"""The cache across runs, like ruff's: a file whose text, settings and project modules are the same as last
time is not analysed again; its findings are read back.

What a file's findings depend on, and so what an entry is keyed by:
- the mpguard version, the Python version and platform, and the installed packages (jedi reads them),
  one pack file per combination (`run_key`);
- the file's settings, the resolver's roots and its package (`file_key`);
- the file's content (a content hash; its mtime and size only spare reading it, and only when the mtime
  is older than the moment it was hashed, so an edit within the same clock tick is still seen);
- every project module its analysis read, transitively (what importing a module does is summarised
  through the modules it imports in turn): module name -> (path it was found at, content hash), or no
  path for a module that was looked for and not found. On the next run each module is located again
  under the same roots and hashed again (the same stat shortcut): a module edited, added or removed
  makes the entry stale. Module summaries themselves are not stored: they hold syntax trees, and a
  summary is a function of these hashes.

The pack is `<cache dir>/v<FORMAT>/<run key>.json`: a header line (magic, format, versions, the SHA-256
of the body) and a JSON body. A file's dependencies are stored once per pack, not once per file: a table of
(module, path, hash) rows, and a table of dependency sets as lists of row numbers that the entries name by
number. (The files of a package mostly read the same modules: yt-dlp's 1,122 files read 4.4 million
dependencies but only 7,580 distinct ones in 239 distinct sets; stored per entry they made a 254 MB pack.)
A run also checks each row and each set once, not once per file. Saving a pack removes the packs of other
run keys that have not been written for `STALE_DAYS` days (an mpguard upgrade or a package install makes
a new key, and the old pack would otherwise stay forever). Anything unexpected (another format, a bad checksum, JSON that does not
have the expected shape) is ignored: the run checks everything and writes a new pack. Writes go to a
temporary file in the same folder and are renamed over the old one (atomic on POSIX and Windows).
The folder holds a `.gitignore` ("*") and a `CACHEDIR.TAG`, so that git and backup tools skip it.
Nothing is unpickled: the cache is data, read as JSON.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import fields, is_dataclass
from pathlib import Path

from mpguard import __version__
from mpguard.linter.reach import FOLDER_KEY, folder_digest
from mpguard.resolve.project import digest_of

FORMAT = 2
MAGIC = "mpguard-cache"
FOLDER = ".mpguard_cache"
ENV_VAR = "MPGUARD_CACHE_DIR"
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by mpguard.\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")
# A file whose mtime is this close to the moment it was hashed may have changed within the same tick.
RACY_NS = 2_000_000_000
# Packs of other run keys (other mpguard code, interpreter or installed packages) not written for this long
# are removed when a pack is saved; a key in use is rewritten whenever its run changed something.
STALE_DAYS = 14


def default_folder(project_root: Path | None, flag: str | None = None, setting: Path | None = None) -> Path:
    """`--cache-dir`, else MPGUARD_CACHE_DIR, else the `cache-dir` setting, else `.mpguard_cache` in
    the project root (the folder of the configuration file) or the current folder."""
    env = os.environ.get(ENV_VAR)
    for chosen in (flag, env, setting):
        if chosen:
            return Path(chosen)
    return (project_root or Path.cwd()) / FOLDER


def canonical(value):
    """Settings as plain JSON values in a stable order (sets are sorted; repr of a frozenset is not stable)."""
    if is_dataclass(value):
        return {f.name: canonical(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted((canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return sorted(([str(k), canonical(v)] for k, v in value.items()), key=repr)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _sha(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def environment() -> list:
    """The interpreter, the installed packages (each site-packages folder's mtime: installing or removing a
    package changes it; jedi reads them) and mpguard's own code (an editable install changes without a
    new version number)."""
    site = sorted({p for p in sys.path if p and ("site-packages" in p or "dist-packages" in p)})
    own = Path(__file__).resolve().parents[1]
    code = sorted([str(f.relative_to(own)), *_stat(f)] for f in own.rglob("*") if f.suffix in (".py", ".json"))
    switches = [os.environ.get(name) for name in ("MPGUARD_STRICT", "MPGUARD_NO_PREFILTER")]
    import platform  # only when a cache is used: `--no-cache` starts without it

    return [__version__, sys.version, sys.platform, platform.machine(), sys.prefix,
            [[p, *_stat(Path(p))] for p in site], code, switches]


def _stat(path: Path) -> list:
    try:
        st = path.stat()
    except OSError:
        return [None, None]
    return [st.st_mtime_ns, st.st_size]


def run_key() -> str:
    return _sha([FORMAT, environment()])[:32]


def file_key(settings, roots, package, *more) -> str:
    """What a file's findings depend on besides texts: its settings, where its imports are looked for, its
    package (and the path as it was named: it is the analysis's `path`)."""
    return _sha([canonical(settings), [str(r) for r in roots], package, *more])[:32]


class Digests:
    """path -> content hash within one run, read from the pack's table when the file's stat is the same
    as when it was hashed (and not racy), else hashed now."""

    def __init__(self, table: dict):
        self.table = table  # path -> [mtime_ns, size, digest, hashed_at_ns]
        self.memo: dict = {}

    def of(self, path: str) -> str | None:
        if path in self.memo:
            return self.memo[path]
        self.memo[path] = found = self._of(path)
        return found

    def _of(self, path: str) -> str | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        known = self.table.get(path)
        if known is not None and known[0] == st.st_mtime_ns and known[1] == st.st_size \
                and st.st_mtime_ns < known[3] - RACY_NS:
            return known[2]
        hashed_at = time.time_ns()
        try:
            with open(path, "rb") as handle:
                digest = digest_of(handle.read())
        except OSError:
            return None
        self.table[path] = [st.st_mtime_ns, st.st_size, digest, hashed_at]
        return digest

    def learn(self, path: str, stat: list, digest: str, hashed_at: int) -> None:
        """What a worker saw when it read a file it analysed."""
        self.table[path] = [stat[0], stat[1], digest, hashed_at]
        self.memo[path] = digest


class Cache:
    """One run's view of the pack: `lookup` before analysing a file, `store` after, `save` at the end."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.key = run_key()
        self.pack = self.folder / f"v{FORMAT}" / f"{self.key}.json"
        self.rows: list = []  # [module, path, digest]: the dependencies of the pack's entries, each once
        self.sets: list = []  # tuples of row numbers: the entries' dependency sets, each once
        self.entries, table = self._load()
        self._row_of = {tuple(row): n for n, row in enumerate(self.rows)}
        self._set_of = {deps: n for n, deps in enumerate(self.sets)}
        self._row_ok: dict = {}  # (roots, row number) -> unchanged since the pack was written?
        self._set_ok: dict = {}  # (roots, set number) -> every row unchanged?
        self.digests = Digests(table)
        self.hits = self.misses = 0
        self.changed = False
        self._located: dict = {}
        self._listed: dict = {}  # (roots, folder key) -> its digest (`folder_digest`), as `_located`

    # --- reading ---------------------------------------------------------------------------------------
    def _load(self) -> tuple[dict, dict]:
        try:
            with open(self.pack, "rb") as handle:
                header, body = handle.read().split(b"\n", 1)
            meta = json.loads(header)
            if not (isinstance(meta, dict) and meta.get("magic") == MAGIC and meta.get("format") == FORMAT
                    and meta.get("key") == self.key and meta.get("sha256") == hashlib.sha256(body).hexdigest()):
                return {}, {}
            data = json.loads(body)
            entries, table, rows, sets = data["entries"], data["files"], data["rows"], data["sets"]
            if not (isinstance(entries, dict) and isinstance(table, dict) and isinstance(rows, list)
                    and all(_is_row(r) for r in rows) and isinstance(sets, list)
                    and all(_is_set(d, len(rows)) for d in sets)):
                return {}, {}
            self.rows, self.sets = rows, [tuple(d) for d in sets]
            table = {p: v for p, v in table.items() if _is_stat_row(v)}
            return {p: e for p, e in entries.items() if _is_entry(e, len(sets))}, table
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return {}, {}  # no cache yet, or not one we wrote: start again

    def lookup(self, path: Path, key: str, resolver) -> list | None:
        """The findings stored for `path` if nothing they depend on changed. `resolver` finds modules under
        the file's roots, as the analysis did."""
        name = _name(path)
        entry = self.entries.get(name)
        if entry is None or entry["key"] != key:
            self.misses += 1
            return None
        if self.digests.of(name) != entry["digest"] or not self._deps_unchanged(entry, key, resolver):
            self.misses += 1
            return None
        self.hits += 1
        return entry["items"]

    def _deps_unchanged(self, entry: dict, key: str, resolver) -> bool:
        # Where modules are and which a folder holds depend on the roots alone (the files of a folder share
        # them; `key` is the file's own): each row, and each set, is looked at once per run and roots.
        roots = tuple(map(str, resolver.roots))
        number = entry["deps"]
        known = self._set_ok.get((roots, number))
        if known is None:
            known = self._set_ok[(roots, number)] = all(self._row_unchanged(n, roots, resolver)
                                                        for n in self.sets[number])
        return known

    def _row_unchanged(self, number: int, roots: tuple, resolver) -> bool:
        known = self._row_ok.get((roots, number))
        if known is None:
            known = self._row_ok[(roots, number)] = self._unchanged(*self.rows[number], roots, resolver)
        return known

    def _unchanged(self, module: str, path, digest, roots: tuple, resolver) -> bool:
        if module.startswith(FOLDER_KEY):  # which modules could be found below a package
            listed = self._listed.get((roots, module), False)
            if listed is False:  # (the files of a package ask about the same folders)
                listed = self._listed[(roots, module)] = folder_digest(resolver.roots, module[len(FOLDER_KEY):])
            return listed == digest
        located = self._located.get((roots, module), False)
        if located is False:
            found = resolver.locate(module)
            located = self._located[(roots, module)] = None if found is None else str(found)
        return located == path and (path is None or self.digests.of(path) == digest)

    # --- writing ---------------------------------------------------------------------------------------
    def store(self, path: Path, key: str, record: dict, items: list) -> None:
        """`record`: what `record_of` made in the worker that analysed the file."""
        name = _name(path)
        if record.get("digest") is None:
            self.entries.pop(name, None)  # unreadable: nothing to key the findings by
            return
        self.digests.learn(name, record["stat"], record["digest"], record["hashed_at"])
        self.entries[name] = {"key": key, "digest": record["digest"], "deps": self._intern(record["deps"]),
                              "items": items}
        self.changed = True

    def _intern(self, deps: list) -> int:
        """The number of the dependency set `deps` ([module, path, digest] rows), added to the tables if new."""
        numbers = []
        for row in deps:
            row = tuple(row)
            number = self._row_of.get(row)
            if number is None:
                number = self._row_of[row] = len(self.rows)
                self.rows.append(list(row))
            numbers.append(number)
        numbers = tuple(sorted(numbers))
        number = self._set_of.get(numbers)
        if number is None:
            number = self._set_of[numbers] = len(self.sets)
            self.sets.append(numbers)
        return number

    def save(self) -> None:
        """Write the pack (atomically), with the folder's .gitignore and CACHEDIR.TAG. A cache that
        cannot be written is not an error: the next run checks everything again."""
        if not self.changed:
            return
        entries = {p: e for p, e in self.entries.items() if os.path.exists(p)}
        entries, rows, sets = self._compacted(entries)
        files = {p: self.digests.table[p] for p in self._needed(entries, rows) if p in self.digests.table}
        body = json.dumps({"entries": entries, "files": files, "rows": rows, "sets": sets},
                          separators=(",", ":")).encode()
        header = json.dumps({"magic": MAGIC, "format": FORMAT, "key": self.key, "mpguard": __version__,
                             "python": sys.version.split()[0], "sha256": hashlib.sha256(body).hexdigest()})
        try:
            prepare(self.folder)
            self.pack.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.pack, header.encode() + b"\n" + body)
        except OSError:
            return
        remove_stale_packs(self.pack)

    def _compacted(self, entries: dict) -> tuple[dict, list, list]:
        """The entries with their sets renumbered, and only the rows and sets they still use (an entry
        replaced in this run leaves its old set behind)."""
        set_numbers: dict = {}
        row_numbers: dict = {}
        rows, sets, kept = [], [], {}
        for path, entry in entries.items():
            old = entry["deps"]
            if old not in set_numbers:
                numbers = []
                for n in self.sets[old]:
                    if n not in row_numbers:
                        row_numbers[n] = len(rows)
                        rows.append(self.rows[n])
                    numbers.append(row_numbers[n])
                set_numbers[old] = len(sets)
                sets.append(sorted(numbers))
            kept[path] = {**entry, "deps": set_numbers[old]}
        return kept, rows, sets

    @staticmethod
    def _needed(entries: dict, rows: list) -> set:
        needed = set(entries)
        needed.update(path for _m, path, _d in rows if path is not None)
        return needed


def remove_stale_packs(current: Path, now: float | None = None) -> None:
    """Remove the packs beside `current` (other run keys) last written more than STALE_DAYS ago, and the
    folders of older formats, which this version never reads."""
    now = time.time() if now is None else now
    try:
        for other in current.parent.iterdir():
            if other != current and other.suffix == ".json" and now - other.stat().st_mtime > STALE_DAYS * 86400:
                other.unlink()
        for folder in current.parent.parent.iterdir():
            if folder.is_dir() and folder.name[:1] == "v" and folder.name[1:].isdigit() \
                    and int(folder.name[1:]) < FORMAT:
                for old in folder.glob("*.json"):
                    old.unlink()
                folder.rmdir()
    except OSError:
        pass  # (another run removed it first, or the folder is not ours to clean: the next save tries again)


def record_of(stat: os.stat_result | None, data: bytes | None, hashed_at: int, consulted: dict) -> dict:
    """What the cache keeps about one analysis (made in the worker that ran it; plain data, so it
    crosses the process boundary as it is)."""
    if stat is None or data is None:
        return {"digest": None}
    deps = sorted([module, path, digest] for module, (path, digest) in consulted.items())
    return {"stat": [stat.st_mtime_ns, stat.st_size], "digest": digest_of(data), "hashed_at": hashed_at,
            "deps": deps}


def prepare(folder: Path) -> None:
    """The cache folder, with a .gitignore that ignores it all and a CACHEDIR.TAG."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "# Automatically created by mpguard.\n*\n"), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        target = folder / name
        if not target.exists():
            write_atomic(target, text.encode())
            os.chmod(target, 0o644)


def write_atomic(target: Path, data: bytes) -> None:
    import tempfile

    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _name(path: Path) -> str:
    return os.path.abspath(path)


def _is_stat_row(value) -> bool:
    return isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in (value[0], value[1], value[3])) \
        and isinstance(value[2], str)


def _is_entry(entry, sets: int) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("digest"), str) \
        and isinstance(entry.get("items"), list) and all(isinstance(i, dict) for i in entry["items"]) \
        and type(entry.get("deps")) is int and 0 <= entry["deps"] < sets


def _is_row(row) -> bool:
    return isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) \
        and (row[1] is None or isinstance(row[1], str)) and (row[2] is None or isinstance(row[2], str))


def _is_set(numbers, rows: int) -> bool:
    return isinstance(numbers, list) and all(type(n) is int and 0 <= n < rows for n in numbers)
