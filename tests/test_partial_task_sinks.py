"""A method of another module's class that submits `partial(run, cache=self.cache)` as a pool task pickles what the
partial binds: the `cache` the caller gave the constructor crosses (llama_index's IngestionPipeline shape; fresh_libs4
pipeline_redis_cache_workers, a blind miss). A thread lock stands in for the redis client. The finding names the
submit in the other module as its site. Proven under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

PIPELINE = """
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial


    def run_transformations(doc, transformations, cache=None):
        return doc.strip().lower()


    class IngestionPipeline:
        def __init__(self, transformations, cache=None):
            self.transformations = list(transformations)
            self.cache = cache

        def run(self, documents, num_workers=2):
            with ProcessPoolExecutor(max_workers=num_workers) as executor:
                work = partial(run_transformations, transformations=self.transformations, cache=self.cache)
                return list(executor.map(work, documents))
"""

MAIN = """
    import threading

    from kit.pipeline import IngestionPipeline


    if __name__ == "__main__":
        pipeline = IngestionPipeline(["strip"], cache=CACHE)
        print("RESULT=%s" % "|".join(pipeline.run([" A ", "B "])))
"""

CACHES = {"threading.Lock()": True, "None": False}


def _project(tmp_path, cache):
    return project(tmp_path, {"kit/__init__.py": "", "kit/pipeline.py": PIPELINE, "main.py": MAIN.replace("CACHE", cache)})


@pytest.mark.parametrize("cache", sorted(CACHES))
def test_what_a_partial_task_binds_crosses(tmp_path, cache):
    found = findings(_project(tmp_path, cache) / "main.py")
    assert [f.code for f in found] == (["MP203"] if CACHES[cache] else [])
    if found:
        site = found[0].related_file
        assert site.site and site.path.endswith("pipeline.py") and site.line == 18


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("cache", sorted(CACHES))
def test_runtime(tmp_path, cache, method):
    root = _project(tmp_path, cache)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, CACHES[cache], "cannot pickle '_thread.lock' object", "RESULT=a|b")
