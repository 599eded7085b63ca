# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/brendanhasz/probflow/issues/32 -- the working variant: get_data is a module-level function and the generator hands each worker the picklable generator object itself (plain lists and ints), so the Process targets pickle under spawn
import multiprocessing as mp
import sys


def get_data(generator, index_list, out):
    for i in index_list:
        out.put((i, generator.get_batch(i)))


class DataGenerator:
    def __init__(self, x, y, batch_size=4, num_workers=2):
        self.x = x
        self.y = y
        self.batch_size = batch_size
        self.num_workers = num_workers

    @property
    def n_batches(self):
        return (len(self.x) + self.batch_size - 1) // self.batch_size

    def get_batch(self, i):
        s = slice(i * self.batch_size, (i + 1) * self.batch_size)
        return self.x[s], self.y[s]

    def __iter__(self):
        queue = mp.Queue()
        ids = list(range(self.n_batches))
        procs = [mp.Process(target=get_data, args=(self, ids[w::self.num_workers], queue))
                 for w in range(self.num_workers)]
        for p in procs:
            p.start()
        batches = dict(queue.get(timeout=10) for _ in ids)
        for p in procs:
            p.join(5)
        for i in ids:
            yield batches[i]


def fit(generator, epochs=2):
    loss = 0.0
    for _ in range(epochs):
        for xb, yb in generator:
            loss += sum(a - b for a, b in zip(xb, yb)) / max(len(xb), 1)
    return loss


if __name__ == "__main__":
    xs = [float(i) for i in range(10)]
    ys = [v / 2 for v in xs]
    print("loss", round(fit(DataGenerator(xs, ys)), 3))
    sys.exit(0)
