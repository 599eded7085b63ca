"""The platform model: which start method each (platform, Python version) gets by default."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

METHODS = ("fork", "spawn", "forkserver")
PLATFORMS = ("windows", "macos", "linux")
ALL_METHODS = frozenset(METHODS)
REIMPORTING = frozenset({"spawn", "forkserver"})
MIN_VERSION, MAX_VERSION = (3, 9), (3, 14)


def default_method(platform: str, version: tuple[int, int]) -> str:
    if platform == "windows":
        return "spawn"
    if platform == "macos":
        return "spawn" if version >= (3, 8) else "fork"
    return "forkserver" if version >= (3, 14) else "fork"


@dataclass(frozen=True)
class Environment:
    """One row of the per-platform story: a platform and a version range sharing a default."""

    key: str
    label: str
    platform: str
    method: str


ENVIRONMENTS = (
    Environment("windows", "Windows", "windows", "spawn"),
    Environment("macos", "macOS (Python 3.8+)", "macos", "spawn"),
    Environment("linux<=3.13", "Linux, Python up to 3.13", "linux", "fork"),
    Environment("linux>=3.14", "Linux, Python 3.14+", "linux", "forkserver"),
)


@dataclass(frozen=True)
class TargetSet:
    platforms: frozenset[str] = frozenset(PLATFORMS)
    min_version: tuple[int, int] = MIN_VERSION
    max_version: tuple[int, int] = MAX_VERSION

    def versions(self) -> list[tuple[int, int]]:
        lo, hi = self.min_version, max(self.min_version, self.max_version)
        return [(3, minor) for minor in range(lo[1], hi[1] + 1)]

    def default_methods(self) -> frozenset[str]:
        return frozenset(default_method(p, v) for p in self.platforms for v in self.versions())

    def environments(self) -> list[Environment]:
        return list(_environments(self))  # asked once per finding shown: worked out once per target set

    def affected(self, methods: Iterable[str], extra_platforms: Iterable[str] = (),
                 unreachable: Iterable[str] = (), versions: Iterable[tuple[int, int]] | None = None,
                 later: Iterable[tuple[str, tuple[int, int]]] = ()) -> list[str]:
        """Environment keys hit by a hazard that bites under `methods` (or on `extra_platforms`, or under a
        method of `later` from its Python version on), leaving out the platforms where the code cannot run,
        and the environments none of whose targeted Python versions is among `versions` (None: it bites on
        every version)."""
        methods, extra, never, later = set(methods), set(extra_platforms), set(unreachable), tuple(later)
        wanted = None if versions is None else set(versions)

        def hit(env: Environment) -> bool:
            runs = [v for v in self.versions_of(env) if wanted is None or v in wanted]
            if env.method in methods or env.platform in extra:
                return bool(runs) or wanted is None
            return any(m == env.method and v >= since for m, since in later for v in runs)
        return [e.key for e in self.environments() if e.platform not in never and hit(e)]

    def versions_of(self, env: Environment) -> list[tuple[int, int]]:
        """The targeted versions an environment row covers (Linux changed its default in 3.14)."""
        versions = self.versions()
        if env.key == "linux<=3.13":
            return [v for v in versions if v <= (3, 13)]
        if env.key == "linux>=3.14":
            return [v for v in versions if v >= (3, 14)]
        return versions


@lru_cache(maxsize=64)
def _environments(targets: TargetSet) -> tuple[Environment, ...]:
    wanted = targets.default_methods()
    out = []
    for env in ENVIRONMENTS:
        if env.platform not in targets.platforms or env.method not in wanted:
            continue
        if env.key == "linux<=3.13" and targets.min_version >= (3, 14):
            continue
        if env.key == "linux>=3.14" and targets.max_version < (3, 14):
            continue
        out.append(env)
    return tuple(out)


def parse_version(text: str) -> tuple[int, int]:
    major, _, minor = str(text).strip().partition(".")
    return int(major), int(minor.split(".")[0] or 0)


def versions_from_requires_python(spec: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A small reading of `requires-python`: lower bounds (>=, >, ~=, ==) and upper bounds (<, <=)."""
    lo, hi = MIN_VERSION, MAX_VERSION
    found = False
    for clause in spec.split(","):
        clause = clause.strip()
        for op in (">=", "~=", "==", "<=", ">", "<"):
            if clause.startswith(op):
                try:
                    major, minor = parse_version(clause[len(op):].strip().rstrip(".*"))
                except ValueError:
                    break
                found = True
                if op in (">=", "~=", "=="):
                    lo = max(lo, (major, minor))
                if op == ">":
                    lo = max(lo, (major, minor + 1) if "." in clause[1:] else (major, minor))
                if op == "<":
                    hi = min(hi, (major, minor - 1))
                if op in ("<=", "=="):
                    hi = min(hi, (major, minor))
                break
    if not found:
        return None
    return (lo, hi) if lo <= hi else (lo, lo)
