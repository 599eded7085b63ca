# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the fixed Keras shape (init_pool at module level, as later Keras versions have it) for noise2noise #4 (https://github.com/yu4u/noise2noise/issues/4)
import multiprocessing

_SHARED_SEQUENCES = {}


class NoisyImageSequence:
    def __init__(self, n_batches):
        self.n_batches = n_batches

    def __getitem__(self, index):
        return [index * 3 + k for k in range(3)]


def init_pool(seqs):
    _SHARED_SEQUENCES.update(seqs)


def get_index(uid, index):
    return _SHARED_SEQUENCES[uid][index]


class OrderedEnqueuer:
    def __init__(self, sequence, workers=2):
        self.sequence = sequence
        self.workers = workers
        self.uid = 0

    def _get_executor_init(self):
        def pool_fn(seqs):
            return multiprocessing.Pool(self.workers, initializer=init_pool, initargs=(seqs,))
        return pool_fn

    def run(self):
        executor_fn = self._get_executor_init()
        pool = executor_fn({self.uid: self.sequence})
        try:
            return pool.starmap(get_index, [(self.uid, i) for i in range(self.sequence.n_batches)])
        finally:
            pool.close()
            pool.join()


if __name__ == "__main__":
    print("RESULT=%s" % OrderedEnqueuer(NoisyImageSequence(2)).run())
