# family: guard
# hazard: unguarded-main
# line: 57 r24kit/tsdata.py:16
# files: r24kit/tsdata.py
# timeout: 10
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/thuml/Time-Series-Library/issues/9 -- "Runtime error caused by run.py not being contained within idiom if __name__ == '__main__'" (RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase): run.py parses its arguments and runs the experiment at module level, and the data loader's worker processes re-import it
import argparse
import random

from r24kit.tsdata import data_provider


class Exp_Long_Term_Forecast:
    def __init__(self, args):
        self.args = args
        self.history = []

    def _get_data(self):
        return data_provider(self.args)

    def train(self, setting):
        loader = self._get_data()
        for epoch in range(self.args.train_epochs):
            batches = loader.batches()
            loss = sum(sum(b) for b in batches) / (len(batches) * self.args.seq_len)
            self.history.append(round(loss / (epoch + 1), 3))
        return self.history

    def test(self, setting):
        return round(sum(self.history) / len(self.history), 3)


def build_parser():
    parser = argparse.ArgumentParser(description="TimesNet")
    parser.add_argument("--task_name", type=str, default="long_term_forecast")
    parser.add_argument("--model", type=str, default="TimesNet")
    parser.add_argument("--seq_len", type=int, default=8)
    parser.add_argument("--n_series", type=int, default=4)
    parser.add_argument("--num_workers", type=int, default=2)
    parser.add_argument("--train_epochs", type=int, default=2)
    parser.add_argument("--itr", type=int, default=1)
    return parser


fix_seed = 2021
random.seed(fix_seed)

args = build_parser().parse_args()
print("Args in experiment:", vars(args))

Exp = Exp_Long_Term_Forecast
for ii in range(args.itr):
    setting = "{}_{}_sl{}_{}".format(args.task_name, args.model, args.seq_len, ii)
    exp = Exp(args)
    print(">>>>>>>start training : {}>>>>>>>>>>>>>>>>>>>>>>>>>>".format(setting))
    exp.train(setting)
    print(">>>>>>>testing : {}<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<".format(setting))
    score = exp.test(setting)

print("RESULT=%s" % score)
