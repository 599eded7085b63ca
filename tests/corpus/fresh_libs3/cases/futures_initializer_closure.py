# family: callable
# hazard: unpicklable-callable
# line: 30
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/LorenFrankLab/spyglass/issues/1000 (spikeinterface's ProcessPoolExecutor with initializer=worker_initializer and initargs carrying the job function): here the initializer is a closure built by the job runner
from concurrent.futures import ProcessPoolExecutor

_STATE = {}


def function_wrapper(chunk):
    return _STATE["func"](chunk)


def scale_chunk(chunk):
    return sum(chunk) * 2


class ChunkRunner:
    def __init__(self, func, n_jobs=2):
        self.func = func
        self.n_jobs = n_jobs

    def run(self, chunks):
        func = self.func

        def worker_initializer():
            _STATE["func"] = func

        with ProcessPoolExecutor(max_workers=self.n_jobs, initializer=worker_initializer) as ex:
            return list(ex.map(function_wrapper, chunks))


def main():
    out = ChunkRunner(scale_chunk).run([[1, 2], [3, 4]])
    print("RESULT=" + ",".join(map(str, out)))


if __name__ == "__main__":
    main()
