"""Near misses from the seventh package sweep (docs/sweep.md, section 15). Each false positive is reduced to a
source string that must stay silent, next to the true case nearby that must still be found, and run under fork,
spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, run_program, skip_without

METHODS = ["fork", "spawn", "forkserver"]


# --- MP201: `global f` then `def f(...)` inside a function ------------------------------------------------------
# vip-hci 2.1.1 src/vip_hci/preproc/cosmetics.py cube_correct_nan: `global _nan_corr_2d_mp` then
# `def _nan_corr_2d_mp(args): ...` in the function, then `get_context("fork").Pool(...).map_async(_nan_corr_2d_mp,
# args)`. The def binds the module's global, whose __qualname__ is plain '_nan_corr_2d_mp': pickle finds it by
# name (a forked worker has it; a re-imported module would not, which mpguard leaves unsaid).

GLOBAL_DEF = """
    import multiprocessing


    def correct(cube, nproc):
        def corr_one(i, obj):
            return obj * 2

        global _corr_task

        def _corr_task(args):
            return corr_one(*args)

        pool = multiprocessing.get_context("fork").Pool(processes=nproc)
        try:
            return pool.map_async(_corr_task, list(enumerate(cube))).get()
        finally:
            pool.close()
            pool.join()


    if __name__ == "__main__":
        print("corrected", correct([1, 2, 3], 2))
"""

NESTED_DEF = GLOBAL_DEF.replace("        global _corr_task\n", "")


def test_a_global_def_in_a_function_is_found_by_name():
    assert "MP201" not in codes(GLOBAL_DEF)


def test_the_same_def_without_global_is_still_a_nested_function():
    assert "MP201" in codes(NESTED_DEF)


def test_a_global_declared_in_another_function_does_not_make_this_def_global():
    src = """
        import multiprocessing


        def other():
            global task


        def run():
            def task(x):
                return x

            with multiprocessing.Pool(1) as pool:
                return pool.map(task, [1])


        if __name__ == "__main__":
            run()
    """
    assert "MP201" in codes(src)


@pytest.mark.parametrize("method", METHODS)
def test_runtime_global_def_in_a_function(tmp_path, method):
    """The global def is pickled by name and found in the forked workers under every default; without `global`
    the nested function cannot be pickled at all."""
    path = tmp_path / "cosmetics.py"
    path.write_text(textwrap.dedent(GLOBAL_DEF))
    assert_outcome(run_program(path, method), False, "", "corrected [2, 4, 6]")
    path.write_text(textwrap.dedent(NESTED_DEF))
    assert_outcome(run_program(path, method), True, ("Can't pickle local object", "Can't get local object"), "")


# --- MP411: results of a pool submitted and read in a function the with block calls -----------------------------
# signac-flow 0.29.1 flow/project.py: `with Pool(...) as pool: self._run_operations_in_parallel(pool, ...)`, whose
# body is `results = [pool.apply_async(...) for task in tasks]`, `if progress: results = tqdm(results)`,
# `for result in results: result.get(timeout=timeout)`: the callee returns only after every result was read.

CALLEE_READS = """
    from multiprocessing import Pool


    def work(x):
        return x * 2


    class Project:
        def run(self, tasks, progress=False):
            with Pool(processes=2) as pool:
                self._run_in_parallel(pool, tasks, progress, None)

        def _run_in_parallel(self, pool, tasks, progress, timeout):
            results = [pool.apply_async(work, (t,)) for t in tasks]
            if progress:
                results = list(results)
            for result in results:
                print("got", result.get(timeout=timeout))


    if __name__ == "__main__":
        Project().run([1, 2, 3], progress=True)
"""


def test_results_read_in_the_called_function_are_waited_for():
    assert "MP411" not in codes(CALLEE_READS)


def test_results_never_read_in_the_called_function_are_still_reported():
    src = """
        from multiprocessing import Pool


        def work(x):
            return x * 2


        def submit_only(pool, tasks):
            results = [pool.apply_async(work, (t,)) for t in tasks]
            print("submitted", len(tasks))


        def main():
            with Pool(2) as pool:
                submit_only(pool, [1, 2])


        if __name__ == "__main__":
            main()
    """
    assert "MP411" in codes(src)


def test_results_returned_by_the_called_function_and_read_after_the_block_are_still_reported():
    src = """
        from multiprocessing import Pool


        def work(x):
            return x * 2


        def submit_all(pool, tasks):
            results = [pool.apply_async(work, (t,)) for t in tasks]
            return results


        def main():
            with Pool(2) as pool:
                pending = submit_all(pool, [1, 2])
            print([p.get() for p in pending])


        if __name__ == "__main__":
            main()
    """
    assert "MP411" in codes(src)


@pytest.mark.parametrize("method", METHODS)
def test_runtime_results_read_in_the_called_function(tmp_path, method):
    path = tmp_path / "project.py"
    path.write_text(textwrap.dedent(CALLEE_READS))
    assert_outcome(run_program(path, method), False, "", "got 6")


# --- MP203: what a torch Dataset stores in `self` in __getitem__ / __iter__ -------------------------------------
# mosaicml-streaming 0.13.0 streaming/base/dataset.py StreamingDataset: `self._executor: ThreadPoolExecutor` (an
# annotation alone) in __init__, and `if not hasattr(self, '_executor'): self._executor = ThreadPoolExecutor()` in
# __iter__, which a DataLoader worker calls on its unpickled copy. The parent hands the dataset to
# `DataLoader(dataset, num_workers=8)` and never iterates it: the executor is made in each worker.

DATASETS = """
    import threading
    from torch.utils.data import DataLoader, Dataset, IterableDataset


    class Lazy(Dataset):
        def __init__(self):
            self.n = 4
            self.lock: threading.Lock

        def __len__(self):
            return self.n

        def __getitem__(self, i):
            if not hasattr(self, "lock"):
                self.lock = threading.Lock()
            return self._value(i)

        def _value(self, i):
            self.cache = threading.Lock()
            return i


    class Stream(IterableDataset):
        def __iter__(self):
            if not hasattr(self, "lock"):
                self.lock = threading.Lock()
            yield from range(4)


    def main():
        print("lazy", int(sum(DataLoader(Lazy(), num_workers=2))))
        print("stream", int(sum(DataLoader(Stream(), num_workers=2))))


    if __name__ == "__main__":
        main()
"""

EAGER = """
    import threading
    from torch.utils.data import DataLoader, Dataset


    class Eager(Dataset):
        def __init__(self):
            self.n = 4
            self.prepare()

        def prepare(self):
            self.lock = threading.Lock()

        def __len__(self):
            return self.n

        def __getitem__(self, i):
            return i


    def main():
        print("eager", int(sum(DataLoader(Eager(), num_workers=2))))


    if __name__ == "__main__":
        main()
"""


def test_state_a_dataset_makes_in_its_worker_methods_is_silent():
    assert "MP203" not in codes(DATASETS)


def test_state_a_dataset_makes_before_it_is_handed_over_is_reported():
    assert "MP203" in codes(EAGER)


def test_a_plain_class_indexed_by_the_parent_is_still_reported():
    src = """
        import multiprocessing
        import threading


        class Plain:
            def __getitem__(self, i):
                self.lock = threading.Lock()
                return i


        def main():
            p = Plain()
            p[0]
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                print(pool.apply(len, ([p],)))


        if __name__ == "__main__":
            main()
    """
    assert "MP203" in codes(src)


def test_a_process_subclass_run_method_is_still_child_only():
    src = """
        import multiprocessing
        import threading


        class Worker(multiprocessing.Process):
            def run(self):
                self.lock = threading.Lock()


        if __name__ == "__main__":
            w = Worker()
            w.start()
            w.join()
    """
    assert "MP203" not in codes(src)


@pytest.mark.parametrize("method", METHODS)
def test_runtime_dataset_state_made_in_the_worker(tmp_path, method):
    """The lazy datasets run under every method; the eager one fails to pickle under spawn and forkserver."""
    skip_without("torch")
    path = tmp_path / "datasets.py"
    path.write_text(textwrap.dedent(DATASETS))
    out = run_program(path, method, timeout=180)
    # each of the two workers holds its own replica of an IterableDataset and yields the whole stream: 2 * 6
    assert_outcome(out, False, "", "lazy 6")
    assert_outcome(out, False, "", "stream 12")
    path = tmp_path / "eager.py"
    path.write_text(textwrap.dedent(EAGER))
    out = run_program(path, method, timeout=180)
    if method == "fork":
        assert_outcome(out, False, "", "eager 6")
    else:
        assert out.returncode != 0 and "pickle" in out.stderr, out.stderr
