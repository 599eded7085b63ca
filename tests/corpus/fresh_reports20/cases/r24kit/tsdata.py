"""Time-Series-Library-like data provider whose loader reads windows with worker processes."""
import multiprocessing


def load_window(spec):
    start, length = spec
    return [float((start + i) % 7) for i in range(length)]


class DataLoader:
    def __init__(self, n_series, seq_len, num_workers=2):
        self.specs = [(i * seq_len, seq_len) for i in range(n_series)]
        self.num_workers = num_workers

    def batches(self):
        with multiprocessing.Pool(self.num_workers) as pool:
            return pool.map(load_window, self.specs)


def data_provider(args):
    return DataLoader(args.n_series, args.seq_len, num_workers=args.num_workers)
