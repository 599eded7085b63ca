# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: as in https://github.com/LorenFrankLab/spyglass/issues/1000 (spikeinterface job_tools): a module-level worker_initializer with the job function in initargs
from concurrent.futures import ProcessPoolExecutor

_STATE = {}


def worker_initializer(func):
    _STATE["func"] = func


def function_wrapper(chunk):
    return _STATE["func"](chunk)


def scale_chunk(chunk):
    return sum(chunk) * 2


class ChunkRunner:
    def __init__(self, func, n_jobs=2):
        self.func = func
        self.n_jobs = n_jobs

    def run(self, chunks):
        with ProcessPoolExecutor(max_workers=self.n_jobs, initializer=worker_initializer,
                                 initargs=(self.func,)) as ex:
            return list(ex.map(function_wrapper, chunks))


def main():
    out = ChunkRunner(scale_chunk).run([[1, 2], [3, 4]])
    print("RESULT=" + ",".join(map(str, out)))


if __name__ == "__main__":
    main()
