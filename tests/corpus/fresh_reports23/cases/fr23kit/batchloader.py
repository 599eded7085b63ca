"""A DataLoader-like batch loader: with num_workers > 0 batches are built in a process pool."""
import multiprocessing


def _make_batch(args):
    series, start, seq_len, pred_len = args
    x = series[start:start + seq_len]
    y = series[start + seq_len:start + seq_len + pred_len]
    return x, y


class BatchLoader:
    def __init__(self, series, seq_len, pred_len, num_workers=2):
        self.series = series
        self.seq_len = seq_len
        self.pred_len = pred_len
        self.num_workers = num_workers

    def batches(self):
        last = len(self.series) - self.seq_len - self.pred_len
        jobs = [(self.series, s, self.seq_len, self.pred_len) for s in range(0, last + 1, 4)]
        if self.num_workers == 0:
            return [_make_batch(j) for j in jobs]
        with multiprocessing.Pool(self.num_workers) as pool:
            return pool.map(_make_batch, jobs)
