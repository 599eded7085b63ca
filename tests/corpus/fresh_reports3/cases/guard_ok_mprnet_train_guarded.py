# family: guard
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix linked from https://github.com/swz30/MPRNet/issues/114 ("An attempt has been made to start a new process before the current process has finished its bootstrapping phase" when training): the training loop, with its data-loader workers, runs in main() under `if __name__ == "__main__":` with freeze_support(); the module level only defines options and functions.
"""Train the MPRNet deraining model."""
import multiprocessing

OPT = {"BATCH_SIZE": 4, "NUM_WORKERS": 2, "EPOCHS": 1}


def load_patch(index):
    return index * 2


def train_epoch(indices, workers):
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.map(load_patch, indices))


def main():
    losses = []
    for epoch in range(OPT["EPOCHS"]):
        losses.append(train_epoch(list(range(16)), OPT["NUM_WORKERS"]))
    print("RESULT=%s" % losses)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
