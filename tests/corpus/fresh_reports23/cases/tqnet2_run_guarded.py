# family: guard
# hazard: none
# line: none
# files: fr23kit/batchloader.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ACAT-SCUT/TQNet/pull/2 -- the PR's change for Windows users: the argument parsing, the experiment and the training move under if __name__ == '__main__':, so the data loader's workers re-import run.py without starting anything
"""TQNet-style run.py: long-term forecasting experiment on a synthetic series."""
import argparse
import math

from fr23kit.batchloader import BatchLoader


class ExpLongTermForecast:
    def __init__(self, args):
        self.args = args
        self.series = [round(math.sin(t / 6.0) + 0.01 * t, 4) for t in range(args.length)]

    def _get_data(self):
        return BatchLoader(self.series, self.args.seq_len, self.args.pred_len,
                           num_workers=self.args.num_workers)

    def train(self):
        loader = self._get_data()
        losses = []
        for x, y in loader.batches():
            naive = x[-1]
            losses.append(sum((v - naive) ** 2 for v in y) / len(y))
        return len(losses), round(sum(losses) / len(losses), 4)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="TQNet")
    parser.add_argument("--model", default="TQNet")
    parser.add_argument("--length", type=int, default=96)
    parser.add_argument("--seq_len", type=int, default=24)
    parser.add_argument("--pred_len", type=int, default=8)
    parser.add_argument("--num_workers", type=int, default=2)
    args = parser.parse_args()

    print(f"Args in experiment: model={args.model} seq_len={args.seq_len} pred_len={args.pred_len}")
    exp = ExpLongTermForecast(args)
    batches, mse = exp.train()
    print(f"RESULT=batches={batches}")
    print(f"mse={mse}")
