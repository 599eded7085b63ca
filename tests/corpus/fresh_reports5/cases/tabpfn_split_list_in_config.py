# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the fix of finetune_tabpfn_v2 #14: the split generator is turned into a list before the config is sent (https://github.com/LennartPurucker/finetune_tabpfn_v2/pull/14)
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


def kfold_indices(n_rows, n_splits):
    fold = n_rows // n_splits
    for k in range(n_splits):
        test = list(range(k * fold, (k + 1) * fold))
        train = [i for i in range(n_rows) if i not in test]
        yield train, test


@dataclass
class FineTuneConfig:
    learning_rate: float
    epochs: int
    splits: object = None


def build_config(n_rows, n_splits=3):
    return FineTuneConfig(learning_rate=1e-5, epochs=2, splits=list(kfold_indices(n_rows, n_splits)))


def fine_tune(config, seed):
    scores = []
    for train, test in config.splits:
        scores.append(len(train) * config.learning_rate + seed)
    return scores


def main():
    config = build_config(12)
    with ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(fine_tune, config, 0)
        print("RESULT=%s" % len(future.result()))


if __name__ == "__main__":
    main()
