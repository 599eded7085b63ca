"""Values a function of the script returns, read where they cross: the bound method of an object of another
module's class that a local helper builds (`samples = build_dataset(0)`; `delayed(samples.row_sum)`; mace #117's shape,
fresh_libs4 h5_samples_joblib_mp_backend), and a module global the main block assigns from a helper's result, read by
a task cloudpickle sends by value (`DOC = load_document(path)`; joblib #1190, fresh_libs4
joblib_global_document_h5_task). Both blind misses. A thread lock stands in for the h5py File. Proven under fork,
spawn and forkserver."""
import pytest
from helpers import skip_without, assert_outcome, run_program

from test_semantic_crossmodule import findings, project

STORE = """
    import threading


    class Samples:
        def __init__(self, path):
            self.path = path
            self.handle = HANDLE

        def row_sum(self, index):
            return index * 2
"""

BOUND = """
    import multiprocessing

    from kit.store import Samples


    def build_dataset(split):
        return Samples("train_%d" % split)


    if __name__ == "__main__":
        samples = build_dataset(0)
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%s" % sum(pool.map(samples.row_sum, range(3))))
"""

GLOBAL = """
    import threading

    from joblib import Parallel, delayed

    DOC = None


    def load_document(path):
        return MADE


    def simulate(i):
        return i if DOC is not None else -1


    if __name__ == "__main__":
        DOC = load_document("aquifer")
        print("RESULT=%s" % sum(Parallel(n_jobs=2)(delayed(simulate)(i) for i in range(3))))
"""

HANDLES = {"threading.Lock()": True, "path.upper()": False}
MADE = {"threading.Lock()": True, "{'path': path}": False}


def _bound(tmp_path, handle):
    return project(tmp_path, {"kit/__init__.py": "", "kit/store.py": STORE.replace("HANDLE", handle), "main.py": BOUND})


@pytest.mark.parametrize("handle", sorted(HANDLES))
def test_a_bound_method_of_what_a_local_helper_returns(tmp_path, handle):
    assert [f.code for f in findings(_bound(tmp_path, handle) / "main.py")] == (["MP201"] if HANDLES[handle] else [])


@pytest.mark.parametrize("made", sorted(MADE))
def test_a_global_assigned_from_a_helpers_result(tmp_path, made):
    root = project(tmp_path, {"main.py": GLOBAL.replace("MADE", made)})
    assert [f.code for f in findings(root / "main.py")] == (["MP421"] if MADE[made] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("handle", sorted(HANDLES))
def test_runtime_bound(tmp_path, handle, method):
    root = _bound(tmp_path, handle)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, HANDLES[handle], "cannot pickle '_thread.lock' object", "RESULT=6")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("made", sorted(MADE))
def test_runtime_global(tmp_path, made, method):
    skip_without("joblib")
    root = project(tmp_path, {"main.py": GLOBAL.replace("MADE", made)})
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert_outcome(out, MADE[made], "cannot pickle '_thread.lock' object", "RESULT=3")
