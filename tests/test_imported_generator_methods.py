"""A call of another module's generator method gives a generator (fresh_realistic10
medimagetools269_pipeline_keeps_generator, med-imagetools #269): `self.crawler.iter_series()` where `self.crawler`
is `Crawler(...)` of a helper module, `Crawler(...).iter_series()` inline, and `reader.members()` on the object
the callers pass. Kept on `self`, it crosses into the child with a bound method (a Process target, an executor's
task) and pickle refuses it. What a plain (non-generator) method of that class returns is not judged; a
`@contextmanager` method is no generator function; the generator listed or made where it is used stays silent."""
from __future__ import annotations

import pytest
from helpers import run_program
from test_semantic_crossmodule import findings, project

ARCHIVE = """
    \"\"\"Reads the members of an archive lazily.\"\"\"
    import contextlib


    class ArchiveReader:
        def __init__(self, path, suffix=".txt"):
            self.path = path
            self.suffix = suffix

        def members(self):
            for n in range(7):
                yield "%s/part%02d%s" % (self.path, n, self.suffix)

        def listing(self):
            return ["%s/part%02d%s" % (self.path, n, self.suffix) for n in range(7)]

        @contextlib.contextmanager
        def opened(self):
            yield self

        @property
        def first(self):
            return self.listing()[0]


    def member_size(name):
        return len(name)
"""

INDEXER = """
    \"\"\"Index the members of an archive, one chunk per task on a process pool.\"\"\"
    import concurrent.futures
    import sys

    from kit.archive import ArchiveReader, member_size


    class Indexer:
        def __init__(self, reader, chunk=3):
            self.reader = reader
            self.chunk = chunk
            self.pending = KEEP

        def index_chunk(self, names):
            return sum(member_size(n) for n in names)

        def chunks(self, names):
            names = list(names)
            return [names[i:i + self.chunk] for i in range(0, len(names), self.chunk)]

        def run(self):
            with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
                futures = [pool.submit(self.index_chunk, c) for c in self.chunks(SOURCE)]
                return sum(f.result() for f in futures)


    def main():
        total = Indexer(ArchiveReader("data/a.zip")).run()
        print("RESULT=%d" % total)
        return 0 if total == 7 * 21 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""

# A Process whose target is a bound method of an object keeping the generator (the corpus program's shape,
# other names): pickled under spawn and forkserver, inherited under fork.
SHIPPER = """
    import multiprocessing as mp
    import sys

    from kit import archive


    class Shipper:
        def __init__(self, path):
            self.source = archive.ArchiveReader(path, suffix=".log")
            self.backlog = GIVEN

        def ship(self, names, out):
            out.put(sum(archive.member_size(n) for n in names))

        def run(self):
            out = mp.Queue()
            worker = mp.Process(target=self.ship, args=(self.source.listing(), out))
            worker.start()
            total = out.get(timeout=60)
            worker.join()
            return total


    if __name__ == "__main__":
        total = Shipper("var/log").run()
        print("RESULT=%d" % total)
        sys.exit(0 if total == 7 * 18 else 3)
"""

HAZARDS = {
    "attribute": INDEXER.replace("KEEP", "self.reader.members()").replace("SOURCE", "self.pending"),
    "inline": INDEXER.replace("KEEP", 'ArchiveReader("data/b.zip").members()').replace("SOURCE", "self.pending"),
    "parameter": INDEXER.replace("KEEP", "reader.members()").replace("SOURCE", "self.pending"),
    "process_target": SHIPPER.replace("GIVEN", "self.source.members()"),
}

NEAR_MISSES = {
    "listed": INDEXER.replace("KEEP", "list(reader.members())").replace("SOURCE", "self.pending"),
    "comprehension": INDEXER.replace("KEEP", "[m for m in self.reader.members()]").replace("SOURCE", "self.pending"),
    "made_where_used": INDEXER.replace("KEEP", "None").replace("SOURCE", "self.reader.members()"),
    "plain_method": INDEXER.replace("KEEP", "reader.listing()").replace("SOURCE", "self.pending"),
    "property": INDEXER.replace("KEEP", "reader.first").replace("SOURCE", "self.reader.listing()"),
    "process_target_list": SHIPPER.replace("GIVEN", "tuple(self.source.members())"),
}


def root_with(tmp_path, main):
    return project(tmp_path, {"kit/__init__.py": "", "kit/archive.py": ARCHIVE, "main.py": main})


@pytest.mark.parametrize("name", sorted(HAZARDS))
def test_a_generator_method_of_another_module_kept_on_self_is_found(tmp_path, name):
    [finding] = findings(root_with(tmp_path, HAZARDS[name]) / "main.py", "MP201")
    assert "ArchiveReader.members() returns, a generator" in finding.message
    assert "cannot pickle 'generator' object" in finding.message


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_stay_silent(tmp_path, name):
    assert findings(root_with(tmp_path, NEAR_MISSES[name]) / "main.py") == []


def test_a_contextmanager_method_is_not_judged_a_generator(tmp_path):
    # (what `reader.opened()` gives holds a generator, but the decorator may give anything: unsure, silent)
    main = INDEXER.replace("KEEP", "reader.opened()").replace("SOURCE", "self.reader.listing()")
    assert findings(root_with(tmp_path, main) / "main.py", "MP201") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(HAZARDS) + sorted(NEAR_MISSES))
def test_runtime(tmp_path, method, name):
    main = HAZARDS.get(name) or NEAR_MISSES[name]
    out = run_program(root_with(tmp_path, main) / "main.py", method, timeout=120, cwd=tmp_path)
    inherited = name == "process_target" and method == "fork"  # a forked Process is given its target unpickled
    if name in HAZARDS and not inherited:
        assert out.returncode != 0 and "cannot pickle 'generator' object" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
