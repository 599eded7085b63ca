# family: guard
# hazard: missing-main-guard
# line: 61 s18kit/graphx.py:20
# files: s18kit/graphx.py
# timeout: 20
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/Graphify-Labs/graphify/pull/3620 -- "Refuse to spawn an extraction pool that would spawn its own (#1637)": a caller script with no `if __name__ == "__main__":` guard calls `extract()` at module scope; under spawn every worker of extract's ProcessPoolExecutor re-executes the script, calls `extract()` again and dies with "RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase", and the library only falls back to sequential extraction after BrokenProcessPool
"""Quick inline runner: build the code graph of a source tree and write a summary."""
import json
import os
from dataclasses import dataclass, asdict

from s18kit import graphx


@dataclass
class RunSettings:
    root: str = "src"
    extensions: tuple = (".py", ".pyi")
    max_workers: int = 2


def collect_files(settings):
    names = ["core", "io", "cli", "util", "graph", "cache", "watch", "report", "hooks", "api"]
    return ["%s/%s%s" % (settings.root, name, settings.extensions[i % 2]) for i, name in enumerate(names)]


def language_counts(files):
    counts = {}
    for path in files:
        ext = os.path.splitext(path)[1]
        counts[ext] = counts.get(ext, 0) + 1
    return counts


class SummaryWriter:
    """Collects the run's sections and renders them as one JSON document."""

    def __init__(self, settings):
        self.settings = settings
        self.sections = {}

    def add(self, name, value):
        self.sections[name] = value
        return self

    def render(self):
        doc = {"settings": asdict(self.settings)}
        doc.update(self.sections)
        return json.dumps(doc, sort_keys=True)


def summarise(report, settings):
    out = dict(report)
    out["settings"] = asdict(settings)
    return json.dumps(out, sort_keys=True)


settings = RunSettings(root=os.environ.get("GRAPH_ROOT", "src"))
files = collect_files(settings)
report = graphx.extract(files, max_workers=settings.max_workers)
print(SummaryWriter(settings).add("languages", language_counts(files)).add("graph", report).render())
print("RESULT=%d/%d" % (report["files"], report["nodes"]))
