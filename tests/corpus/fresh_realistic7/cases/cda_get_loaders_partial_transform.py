# family: args
# hazard: none
# line: none
# files: rz7kit/registry.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mathilde-b/CDA/issues/5 -- the usual fix: the transform is a functools.partial over the registered module-level function instead of a lambda inside get_loaders, so the dataset pickles for the loader workers
import argparse
import functools
import multiprocessing as mp
import sys

from rz7kit import registry


@registry.register("scale")
def scale(x, factor):
    return x * factor


class SliceDataset:
    def __init__(self, n, transform):
        self.items = list(range(n))
        self.transform = transform

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.transform(self.items[i])


def _loader_worker(dataset, indices, out):
    out.put([dataset[i] for i in indices])


class Loader:
    def __init__(self, dataset, num_workers=2):
        self.dataset = dataset
        self.num_workers = num_workers

    def collect(self):
        out = mp.Queue()
        ids = list(range(len(self.dataset)))
        procs = []
        for w in range(self.num_workers):
            p = mp.Process(target=_loader_worker,
                           args=(self.dataset, ids[w::self.num_workers], out))
            p.start()
            procs.append(p)
        values = [v for _ in procs for v in out.get(timeout=10)]
        for p in procs:
            p.join(5)
        return sorted(values)


def get_loaders(args):
    fn = registry.resolve(args.transform)
    dataset = SliceDataset(args.n, transform=functools.partial(fn, factor=args.factor))
    return Loader(dataset, num_workers=args.workers)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--transform", default="scale")
    ap.add_argument("--factor", type=float, default=0.5)
    ap.add_argument("--workers", type=int, default=2)
    print("batch", get_loaders(ap.parse_args()).collect())
    return 0


if __name__ == "__main__":
    sys.exit(main())
