"""dolma-like core/parallel.py: a processor maps process_single over its inputs in a process pool."""
import multiprocessing


class BaseParallelProcessor:
    def __init__(self, num_processes=2, debug=False):
        self.num_processes = num_processes
        self.debug = debug

    @classmethod
    def process_single(cls, path):
        raise NotImplementedError

    def _multiprocessing_run_all(self, paths):
        # the released code: the library picks spawn for everyone
        try:
            multiprocessing.set_start_method("spawn")
        except RuntimeError:
            assert multiprocessing.get_start_method() == "spawn", "Multiprocessing start method must be spawn"
        with multiprocessing.Pool(self.num_processes) as pool:
            return pool.map(self.process_single, paths)

    def __call__(self, paths):
        if self.debug:
            return [self.process_single(p) for p in paths]
        return self._multiprocessing_run_all(paths)


class SpawnContextProcessor(BaseParallelProcessor):
    """The fix the issue suggests: a spawn context of its own instead of the global start method."""

    def _multiprocessing_run_all(self, paths):
        with multiprocessing.get_context("spawn").Pool(self.num_processes) as pool:
            return pool.map(self.process_single, paths)
