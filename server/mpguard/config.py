"""Settings: defaults, `[tool.mpguard]` in pyproject.toml (or mpguard.toml / .mpguard.toml), and overrides
from the shells (the command line, the editor).

Both shells resolve the settings of a file with one function, `resolve`: the nearest configuration file
walking up from the file, then the shell's overrides, then the file's `per-file-ignores`.

Invalid values never raise: they are reported as messages and the default is kept. Messages that are
`ConfigError`s (an unknown or empty rule code, a reversed version range) are usage errors on the
command line; everything else is a warning. In the editor all of them are warnings.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from mpguard.linter.settings import Settings  # noqa: F401  (the settings it builds; re-exported for the shells)
from mpguard.semantic.platforms import PLATFORMS, parse_version, versions_from_requires_python

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

SEVERITIES = ("error", "warning", "information", "hint")
CONFIG_FILES = (".mpguard.toml", "mpguard.toml", "pyproject.toml")  # in one folder, the first one found wins
# Skipped inside folders besides the ones file discovery always skips (linter.files.EXCLUDED_DIRS);
# `exclude` replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = (".ipynb_checkpoints", ".git", ".hg", ".svn", ".bzr", "__pypackages__", "_build", "buck-out",
                   ".direnv", ".pytype", ".pyre", ".ruff_cache", ".mypy_cache", ".nox", ".tox", ".venv", "venv",
                   "node_modules", "site-packages", "build", "dist", "__pycache__")

# Every key and the spellings the editor accepts (camelCase from VS Code settings, snake_case).
KEYS = {
    "targets": "targets", "target": "targets",
    "python-version": "python_version", "pythonVersion": "python_version", "python_version": "python_version",
    "select": "select", "ignore": "ignore",
    "extend-select": "extend_select", "extendSelect": "extend_select", "extend_select": "extend_select",
    "per-file-ignores": "per_file_ignores", "perFileIgnores": "per_file_ignores",
    "per_file_ignores": "per_file_ignores",
    "extend-per-file-ignores": "extend_per_file_ignores", "extendPerFileIgnores": "extend_per_file_ignores",
    "extend_per_file_ignores": "extend_per_file_ignores",
    "severity": "severity",
    "freeze-support": "freeze_support", "freezeSupport": "freeze_support", "freeze_support": "freeze_support",
    "exclude": "exclude",
    "extend-exclude": "extend_exclude", "extendExclude": "extend_exclude", "extend_exclude": "extend_exclude",
    "respect-gitignore": "respect_gitignore", "respectGitignore": "respect_gitignore",
    "respect_gitignore": "respect_gitignore",
    "force-exclude": "force_exclude", "forceExclude": "force_exclude", "force_exclude": "force_exclude",
    "file-timeout": "file_timeout", "fileTimeout": "file_timeout", "file_timeout": "file_timeout",
    "cache-dir": "cache_dir", "cacheDir": "cache_dir", "cache_dir": "cache_dir",
}
# Keys the VS Code extension sends that are its own business.
CLIENT_KEYS = ("showNotifications", "interpreter", "importStrategy", "trace", "path", "args", "enable", "lint",
               "lint.run", "configurationPreference", "codeAction", "fixAll", "logLevel", "logFile")
# Within one table, the keys that replace are applied before the keys that extend.
_ORDER = {"extend_select": 1, "extend_exclude": 1, "extend_per_file_ignores": 1}


class ConfigError(str):
    """A message about a setting that must not be guessed around: a usage error on the command line."""


@dataclass(frozen=True)
class Config:
    """Settings plus what decides which files are checked, and with which codes left out."""
    settings: Settings = field(default_factory=Settings)
    path: Path | None = None  # the configuration file read, if any
    requires_python: Path | None = None  # the pyproject.toml whose requires-python was read, if any
    exclude: tuple[tuple[Path | None, str], ...] = tuple((None, p) for p in DEFAULT_EXCLUDE)
    extend_exclude: tuple[tuple[Path | None, str], ...] = ()
    per_file_ignores: tuple[tuple[Path | None, str, tuple[str, ...]], ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    cache_dir: Path | None = None  # `mpguard check`'s cache across runs (relative to the configuration's folder)

    def excluded(self, path: str | os.PathLike, start: str | os.PathLike | None = None) -> bool:
        """Does `exclude` or `extend-exclude` match the file or one of its folders? The built-in patterns
        are matched below `start` (the folder being walked), else below the configuration's folder."""
        default = Path(os.path.abspath(start)) if start is not None else self.path.parent if self.path else None
        prefixes: dict = {}  # base -> the '/'-joined names of the path's folders and itself below it, once
        for base, pattern in self.exclude + self.extend_exclude:
            base = base or default
            if base not in prefixes:
                prefixes[base] = _prefixes(path, base)
            if _prefix_matches(prefixes[base], pattern):
                return True
        return False

    def ignored_codes(self, path: str | os.PathLike | None) -> tuple[str, ...]:
        if path is None:
            return ()
        codes: list[str] = []
        for base, pattern, more in self.per_file_ignores:
            if path_matches(path, base, pattern):
                codes.extend(c for c in more if c not in codes)
        return tuple(codes)

    def settings_for(self, path: str | os.PathLike | None) -> Settings:
        """The settings for one file: `per-file-ignores` added to `ignore`."""
        extra = tuple(c for c in self.ignored_codes(path) if c not in self.settings.ignore)
        return replace(self.settings, ignore=self.settings.ignore + extra) if extra else self.settings


# ---------------------------------------------------------------------------------------------------------
# Values


@lru_cache(maxsize=1)
def valid_codes() -> frozenset[str]:
    """Every rule code, every prefix of one that names a family ("MP", "MP2", "MP20"), and "ALL"."""
    from mpguard.rules.registry import all_rules

    codes = {"ALL"}
    for rule in all_rules():
        codes.update(rule.code[:n] for n in range(2, len(rule.code) + 1))
    return frozenset(codes)


def _code_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace(" ", ",").split(",")
        value = [v for v in value if v.strip()] or [""]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of rule codes")
    return [v.strip().upper() for v in value]


def check_codes(value: Any, key: str, source: str) -> tuple[tuple[str, ...], list[str]]:
    """The valid codes of `value` ("ALL" becomes "MP"), and a `ConfigError` for each bad one (dropped)."""
    problems: list[str] = []
    out: list[str] = []
    for code in _code_list(value):
        if not code:
            problems.append(ConfigError(f"{source}: empty rule code in {key!r} (it would match every rule)"))
        elif code not in valid_codes():
            problems.append(ConfigError(f"{source}: unknown rule code or prefix {code!r} in {key!r} "
                                        "(see `mpguard rule --all`)"))
        else:
            out.append("MP" if code == "ALL" else code)
    return tuple(dict.fromkeys(out)), problems


def _targets(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not value:
        raise ValueError(f"expected a list among {', '.join(PLATFORMS)}")
    names = {str(v).strip().lower() for v in value}
    names = {"macos" if n in ("darwin", "mac", "osx") else "windows" if n in ("win32", "win") else n for n in names}
    bad = names - set(PLATFORMS)
    if bad:
        raise ValueError(f"unknown platform(s) {', '.join(sorted(bad))}; expected {', '.join(PLATFORMS)}")
    return frozenset(names)


class ReversedRange(ValueError):
    pass


def _python_version(value: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    text = str(value).strip()
    if "-" in text:
        lo, hi = (parse_version(part) for part in text.split("-", 1))
        if lo[0] != 3 or hi[0] != 3:
            raise ValueError(f"{text!r} is not a range of Python 3 versions")
        if lo > hi:
            raise ReversedRange(f"{text!r} is a reversed range; write {hi[0]}.{hi[1]}-{lo[0]}.{lo[1]}")
        return lo, hi
    if any(op in text for op in "<>=~"):
        parsed = versions_from_requires_python(text)
        if parsed is None:
            raise ValueError(f"cannot read {text!r}")
        clauses = [c.strip() for c in text.split(",")]
        lower = versions_from_requires_python(",".join(c for c in clauses if not c.startswith("<")))
        upper = versions_from_requires_python(",".join(c for c in clauses if c.startswith(("<", "=="))))
        if lower and upper and lower[0] > upper[1]:  # `>=3.14,<3.9`: read alone, it would become 3.14 only
            raise ReversedRange(f"{text!r} allows no Python version")
        return parsed
    version = parse_version(text)
    if version[0] != 3:
        raise ValueError(f"{text!r} is not a Python 3 version")
    return version, version


def _severity(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError("expected a table of CODE = severity")
    out = {}
    for code, level in value.items():
        level = str(level).lower()
        level = {"warn": "warning", "info": "information"}.get(level, level)
        if level not in SEVERITIES:
            raise ValueError(f"{code}: severity must be one of {', '.join(SEVERITIES)}")
        out[str(code).upper()] = level
    return out


def _patterns(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of glob patterns")
    patterns = tuple(v.strip() for v in value)
    if any(not p for p in patterns):
        raise ValueError("empty glob pattern")
    return patterns


def _per_file_table(value: Any) -> list[tuple[str, Any]]:
    """{glob: codes}, or "glob:CODE,CODE" strings (a list of them, or ';'-separated) from a command line."""
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items()]
    if isinstance(value, str):
        value = [v for v in value.split(";") if v.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a table of glob = [codes], or GLOB:CODES")
    out = []
    for entry in value:
        pattern, sep, codes = entry.rpartition(":")
        if not sep or not pattern.strip():
            raise ValueError(f"{entry!r} is not GLOB:CODES")
        out.append((pattern.strip(), codes))
    return out


def _seconds(value: Any) -> float:
    """`file-timeout`: seconds, a number >= 0 (0: no limit); "30" from a command line is read too."""
    try:
        seconds = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        seconds = None
    if seconds is None or not seconds >= 0 or seconds == float("inf"):
        raise ValueError("expected a number of seconds, 0 for no limit")
    return seconds


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


# ---------------------------------------------------------------------------------------------------------
# Merging tables of settings


def merge_config(base: Config, raw: Mapping[str, Any] | None, source: str = "settings",
                 folder: Path | None = None) -> tuple[Config, list[str]]:
    """Apply `raw` over `base`; return the result and messages (warnings, and `ConfigError`s).
    Glob patterns in `raw` are relative to `folder`."""
    messages: list[str] = []
    if raw is None:
        return base, messages
    if not isinstance(raw, Mapping):
        return base, [f"{source}: expected a table of settings, got {type(raw).__name__}; using defaults"]
    config = base
    folder = Path(os.path.abspath(folder)) if folder is not None else None
    for key, value in sorted(raw.items(), key=lambda kv: _ORDER.get(KEYS.get(kv[0], ""), 0)):
        name = KEYS.get(key)
        if name is None:
            if key not in CLIENT_KEYS:
                messages.append(f"{source}: unknown setting {key!r} ignored")
            continue
        try:
            config = _apply(config, name, key, value, source, folder, messages)
        except ReversedRange as exc:
            messages.append(ConfigError(f"{source}: invalid value for {key!r} ({exc})"))
        except (ValueError, TypeError) as exc:
            messages.append(f"{source}: invalid value for {key!r} ({exc}); using the default")
    return config, messages


def _apply(config: Config, name: str, key: str, value: Any, source: str, folder: Path | None,
           messages: list[str]) -> Config:
    settings = config.settings
    if name == "targets":
        return replace(config, settings=replace(settings, targets=replace(settings.targets, platforms=_targets(value))))
    if name == "python_version":
        if value in (None, ""):
            return config
        lo, hi = _python_version(value)
        return replace(config, settings=replace(settings, targets=replace(settings.targets, min_version=lo,
                                                                          max_version=hi)))
    if name in ("select", "ignore", "extend_select"):
        codes, problems = check_codes(value, key, source)
        messages.extend(problems)
        if name == "extend_select":
            # Nothing selected means the default set; a rule outside it (MP403) is added by its code.
            base = settings.select or ("MP",)
            codes = base + tuple(c for c in codes if c not in base)
            name = "select"
        elif problems and not codes and name == "select":
            return config  # never turn every rule off because of a typo: keep what was selected
        return replace(config, settings=replace(settings, **{name: codes}))
    if name == "severity":
        levels = _severity(value)
        for code in list(levels):
            if code.upper() not in valid_codes():
                messages.append(f"{source}: unknown rule code {code!r} in {key!r} ignored")
                del levels[code]
        return replace(config, settings=replace(settings, severity={**settings.severity, **levels}))
    if name == "freeze_support":
        return replace(config, settings=replace(settings, freeze_support=_bool(value)))
    if name == "cache_dir":
        if not isinstance(value, str) or not value:
            raise ValueError("expected a folder name")
        return replace(config, cache_dir=(folder or Path.cwd()) / os.path.expanduser(value))
    if name in ("exclude", "extend_exclude"):
        patterns = tuple((folder, p) for p in _patterns(value))
        return replace(config, **{name: patterns if name == "exclude" else config.extend_exclude + patterns})
    if name in ("per_file_ignores", "extend_per_file_ignores"):
        entries = []
        for pattern, codes in _per_file_table(value):
            if not pattern.strip():
                raise ValueError("empty glob pattern")
            checked, problems = check_codes(codes, f"{key}.{pattern}", source)
            messages.extend(problems)
            if checked:
                entries.append((folder, pattern.strip(), checked))
        entries_t = tuple(entries)
        return replace(config, per_file_ignores=entries_t if name == "per_file_ignores"
                       else config.per_file_ignores + entries_t)
    if name in ("respect_gitignore", "force_exclude"):
        return replace(config, **{name: _bool(value)})
    if name == "file_timeout":
        return replace(config, settings=replace(settings, file_timeout=_seconds(value)))
    raise AssertionError(name)  # pragma: no cover - every name in KEYS is handled above


def merge(base: Settings, raw: Mapping[str, Any] | None, source: str = "settings") -> tuple[Settings, list[str]]:
    """Apply `raw` over `base`; return the result and human-readable warnings."""
    config, messages = merge_config(Config(settings=base), raw, source)
    return config.settings, messages


def errors(messages: Iterable[str]) -> list[str]:
    """The messages that are usage errors on the command line."""
    return [m for m in messages if isinstance(m, ConfigError)]


def parse_override(text: str) -> dict[str, Any]:
    """`--config KEY=VALUE`: a line of TOML (`select = ["MP2"]`, `severity.MP201 = "hint"`), or a bare value
    (`python-version=3.10`, `select=MP2,MP4`), which is read as text."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        table = None
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"{text!r} is neither a configuration file nor KEY=VALUE")
    if table is None or any(isinstance(v, float) for v in table.values()):  # 3.10 is not 3.1
        table = {key.strip().strip("\"'"): value.strip()}
    return table


# ---------------------------------------------------------------------------------------------------------
# Glob patterns (exclude, per-file-ignores; .gitignore patterns use the same translation)


@lru_cache(maxsize=1024)
def glob_regex(pattern: str) -> tuple[re.Pattern, bool]:
    """A gitignore-style glob as a regex over '/'-separated relative paths, and whether it is for folders
    only (a trailing '/'). A pattern with a '/' before its end is anchored to its base folder; one without
    matches a name at any depth. `*` and `?` stay within one name, `**` spans any number of folders."""
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    out = [] if anchored else ["(?:.*/)?"]
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**", i) and (i == 0 or pattern[i - 1] == "/") and (i + 2 == n or pattern[i + 2] == "/"):
            if i + 2 == n:
                out.append(".*")
                i += 2
            else:
                out.append("(?:.*/)?")
                i += 3
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("!", "^") else i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
                i = end
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z", re.S), dir_only


def relative_parts(path: str | os.PathLike, base: Path | None) -> tuple[str, ...] | None:
    """`path`'s names below `base` (None when it is not inside it)."""
    if base is None:
        return None
    return _relative_parts(os.path.abspath(path), base)


@lru_cache(maxsize=8192)  # every exclusion pattern asks again about the same file (pathlib is slow)
def _relative_parts(absolute: str, base: Path) -> tuple[str, ...] | None:
    try:
        return Path(absolute).relative_to(base).parts
    except ValueError:
        return None


def path_matches(path: str | os.PathLike, base: Path | None, pattern: str, is_dir: bool = False) -> bool:
    """Does `pattern` (relative to `base`) match `path` or one of the folders it is in? Outside `base`, or
    with no base, a pattern without '/' is matched against the file's name."""
    return _prefix_matches(_prefixes(path, base), pattern, is_dir)


def _prefixes(path: str | os.PathLike, base: Path | None) -> list[str]:
    """`path`'s names below `base` joined by '/' up to each of them (`a`, `a/b`, `a/b/c.py`); its name alone
    outside `base` or without one."""
    parts = relative_parts(path, base)
    if parts is None:
        parts = (Path(os.path.abspath(path)).name,)
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _prefix_matches(prefixes: list[str], pattern: str, is_dir: bool = False) -> bool:
    regex, dir_only = glob_regex(pattern)
    last = len(prefixes) - 1
    for i, prefix in enumerate(prefixes):
        if dir_only and i == last and not is_dir:
            continue
        if regex.match(prefix):
            return True
    return False


# ---------------------------------------------------------------------------------------------------------
# Configuration files


_TOML_CACHE: dict[tuple[str, float, int], tuple[dict | None, str | None]] = {}


def read_toml(path: Path) -> tuple[dict | None, str | None]:
    """The parsed file, or None and why not; cached by modification time."""
    try:
        stat = os.stat(path)
        key = (str(path), stat.st_mtime, stat.st_size)
    except OSError as exc:
        return None, str(exc)
    if key not in _TOML_CACHE:
        try:
            _TOML_CACHE[key] = (tomllib.loads(Path(path).read_text(encoding="utf-8")), None)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            _TOML_CACHE[key] = (None, str(exc))
        if len(_TOML_CACHE) > 256:
            _TOML_CACHE.pop(next(iter(_TOML_CACHE)))
    return _TOML_CACHE[key]


def _mpguard_table(data: dict | None) -> Any:
    tool = data.get("tool") if isinstance(data, dict) else None
    return tool.get("mpguard") if isinstance(tool, dict) else None


def _is_config(path: Path) -> bool:
    if not os.path.isfile(path):  # never raises (Path.is_file does for a folder that cannot be entered)
        return False
    if path.name != "pyproject.toml":
        return True
    data, error = read_toml(path)
    return error is not None or _mpguard_table(data) is not None  # a broken one is reported, not passed over


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest `.mpguard.toml`, `mpguard.toml`, or pyproject.toml with a [tool.mpguard] table, walking up
    from `start` (a file or a folder); in one folder they are tried in that order."""
    start = Path(os.path.abspath(start))
    if not os.path.isdir(start):
        start = start.parent
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            if _is_config(folder / name):
                return folder / name
    return None


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml, with or without [tool.mpguard]."""
    start = Path(os.path.abspath(start))
    start = start if os.path.isdir(start) else start.parent
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if os.path.isfile(candidate):
            return candidate
    return None


def _requires_python(config: Config, pyproject: Path | None) -> Config:
    data = read_toml(pyproject)[0] if pyproject is not None and os.path.isfile(pyproject) else None
    project = data.get("project") if isinstance(data, dict) else None
    requires = project.get("requires-python") if isinstance(project, dict) else None
    parsed = versions_from_requires_python(requires) if isinstance(requires, str) else None
    if not parsed:
        return config
    lo, hi = parsed
    settings = config.settings
    return replace(config, requires_python=pyproject,
                   settings=replace(settings, targets=replace(settings.targets, min_version=lo, max_version=hi)))


def load_config(path: Path, base: Config | None = None) -> tuple[Config, list[str]]:
    """A configuration file: [tool.mpguard] of a pyproject.toml (and its requires-python), or the top-level
    table of mpguard.toml / .mpguard.toml (and the requires-python of a pyproject.toml beside it)."""
    path = Path(os.path.abspath(path))
    config = replace(base or Config(), path=path)
    data, error = read_toml(path)
    if error is not None:
        return config, [f"{path}: cannot read ({error}); using defaults"]
    if path.name == "pyproject.toml":
        config = _requires_python(config, path)
        table, label = _mpguard_table(data), f"{path} [tool.mpguard]"
    else:
        config = _requires_python(config, path.with_name("pyproject.toml"))
        table, label = data, str(path)
    return merge_config(config, table, label, path.parent)


def load_pyproject(path: Path, base: Settings | None = None) -> tuple[Settings, list[str]]:
    config, messages = load_config(path, Config(settings=base or Settings()))
    return config.settings, messages


@dataclass(frozen=True)
class Resolved:
    config: Config  # the project's configuration with the overrides applied
    settings: Settings  # ... and the file's per-file-ignores
    messages: tuple[str, ...]


_LOADED: dict[tuple[str, float, int], tuple[Config, list[str]]] = {}


def _load_cached(path: Path) -> tuple[Config, list[str]]:
    try:
        stat = os.stat(path)
        key = (str(path), stat.st_mtime, stat.st_size)
    except OSError:
        return load_config(path)
    if key not in _LOADED:
        _LOADED[key] = load_config(path)
        if len(_LOADED) > 128:
            _LOADED.pop(next(iter(_LOADED)))
    return _LOADED[key]


def resolve(path: str | os.PathLike | None, overrides: Sequence[tuple[Any, str, Path | None]] = (), *,
            config_file: str | os.PathLike | None = None, fallback: str | os.PathLike | None = None,
            preference: str = "editorFirst") -> Resolved:
    """The settings for one file, for the command line and the editor alike.

    The configuration is `config_file` when given, else the nearest one walking up from `path`, else the
    nearest one walking up from `fallback` (the working folder, the workspace). With none, only the
    requires-python of the nearest pyproject.toml is read. Then each override table (raw settings, a label
    for messages, the folder its patterns are relative to) is merged in order, and last the file's
    `per-file-ignores` are added to `ignore`.

    `preference` is the editor's `configurationPreference`: "editorFirst" (as above), "filesystemFirst"
    (the overrides first, the configuration file over them) or "editorOnly" (no file is read).
    """
    if preference == "editorOnly" and config_file is None:
        return _overridden(Config(), overrides, path, [])
    found = Path(config_file) if config_file is not None else None
    for start in (path, fallback):
        if found is None and start is not None and os.path.exists(start):
            found = find_config(start)
    messages: list[str] = []
    if preference == "filesystemFirst" and found is not None:
        base = _overridden(Config(), overrides, None, messages).config
        config, more = load_config(Path(os.path.abspath(found)), base)
        return Resolved(config, config.settings_for(path), tuple(messages + more))
    if found is not None:
        config, more = _load_cached(Path(os.path.abspath(found)))
        messages.extend(more)
    else:
        config = Config()
        for start in (path, fallback):
            pyproject = find_pyproject(Path(start)) if start is not None and os.path.exists(start) else None
            if pyproject is not None:
                config = _requires_python(config, pyproject)
                break
    return _overridden(config, overrides, path, messages)


def _overridden(config: Config, overrides, path, messages: list[str]) -> Resolved:
    for raw, label, folder in overrides:
        config, more = merge_config(config, raw, label, folder)
        messages.extend(more)
    return Resolved(config, config.settings_for(path), tuple(messages))


def describe(resolved: Resolved, path: str | os.PathLike) -> str:
    """`mpguard check --show-settings`: the settings a file is checked with, as TOML-like lines."""
    config, settings = resolved.config, resolved.settings
    targets = settings.targets

    def strings(values) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"

    def patterns(entries) -> str:
        return strings(p if base is None else f"{base}{os.sep}{p}" for base, p in entries)

    lines = [
        f"# settings for {path}",
        f"# configuration file: {config.path or '(none)'}",
        f"# requires-python from: {config.requires_python or '(none)'}",
        f"targets = {strings(p for p in PLATFORMS if p in targets.platforms)}",
        f'python-version = "{targets.min_version[0]}.{targets.min_version[1]}-'
        f'{targets.max_version[0]}.{targets.max_version[1]}"',
        f"select = {strings(settings.select or ['ALL'])}",
        f"ignore = {strings(settings.ignore)}",
        "severity = {" + ", ".join(f'{k} = "{v}"' for k, v in sorted(settings.severity.items())) + "}",
        f"freeze-support = {'true' if settings.freeze_support else 'false'}",
        f"file-timeout = {settings.file_timeout:g}",
        f"exclude = {patterns(config.exclude)}",
        f"extend-exclude = {patterns(config.extend_exclude)}",
        "per-file-ignores = {" + ", ".join(
            f'"{p if base is None else f"{base}{os.sep}{p}"}" = {strings(codes)}'
            for base, p, codes in config.per_file_ignores) + "}",
        f"respect-gitignore = {'true' if config.respect_gitignore else 'false'}",
        f"force-exclude = {'true' if config.force_exclude else 'false'}",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# The language server's own behaviour (not the analysis): the editor settings ruff's extension has


RUN_MODES = ("onType", "onSave")
PREFERENCES = ("editorFirst", "filesystemFirst", "editorOnly")
LOG_LEVELS = ("error", "warning", "info", "debug", "trace")


@dataclass(frozen=True)
class EditorOptions:
    enable: bool = True  # False: the server publishes nothing and offers no action
    lint_run: str = "onType"  # "onSave": diagnostics describe the document as last opened or saved
    configuration_preference: str = "editorFirst"
    fix_violation: bool = True  # codeAction.fixViolation.enable: the rules' quick fixes
    disable_rule_comment: bool = True  # codeAction.disableRuleComment.enable: "Disable MPxxx for this line"
    fix_all: bool = True  # the source.fixAll.mpguard action (fix-all on save)
    log_level: str | None = None
    log_file: str | None = None


def editor_options(raw: Any, source: str = "editor settings") -> tuple[EditorOptions, list[str]]:
    """The editor-only keys of a client's table (nested as VS Code sends them, or dotted); bad values
    keep their defaults, with a warning."""
    if not isinstance(raw, Mapping):
        return EditorOptions(), []
    messages: list[str] = []

    def get(*path: str) -> Any:
        value: Any = raw.get(".".join(path))
        node: Any = raw
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        return node if node is not None else value

    def choice(value: Any, allowed: tuple[str, ...], key: str, default: str | None) -> str | None:
        if value is None or value == "":
            return default
        if value in allowed:
            return value
        messages.append(f"{source}: invalid value for {key!r} ({value!r}; expected one of {', '.join(allowed)}); "
                        f"using the default")
        return default

    def flag(value: Any, key: str) -> bool:
        if value is None:
            return True
        if isinstance(value, bool):
            return value
        messages.append(f"{source}: invalid value for {key!r} ({value!r}; expected true or false); using true")
        return True

    log_file = get("logFile")
    options = EditorOptions(
        enable=flag(get("enable"), "enable"),
        lint_run=choice(get("lint", "run"), RUN_MODES, "lint.run", "onType"),
        configuration_preference=choice(get("configurationPreference"), PREFERENCES, "configurationPreference",
                                        "editorFirst"),
        fix_violation=flag(get("codeAction", "fixViolation", "enable"), "codeAction.fixViolation.enable"),
        disable_rule_comment=flag(get("codeAction", "disableRuleComment", "enable"),
                                  "codeAction.disableRuleComment.enable"),
        fix_all=flag(get("fixAll"), "fixAll"),
        log_level=choice(get("logLevel"), LOG_LEVELS, "logLevel", None),
        log_file=os.path.expanduser(log_file) if isinstance(log_file, str) and log_file.strip() else None,
    )
    return options, messages
