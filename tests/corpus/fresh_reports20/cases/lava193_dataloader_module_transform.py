# family: args
# hazard: none
# line: none
# files: r24kit/lavaproc.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/lava-nc/lava/issues/193 -- the working variant from the thread: the default transform is a function defined at module level instead of a lambda, so the dataset in proc_params pickles when the runtime spawns the process model
from typing import Tuple

from r24kit.lavaproc import Runtime


def identity(x):
    return x


class DummyDataset:
    def __init__(self, shape, transform=identity) -> None:
        self.shape = shape
        self.transform = transform

    def __len__(self) -> int:
        return 10

    def __getitem__(self, id: int) -> Tuple[list, int]:
        size = self.shape[0] * self.shape[1]
        data = [(v + id) % size for v in range(size)]
        return self.transform(data), id


class SpikeDataloaderModel:
    """The process model: reads every sample of the dataset given in proc_params."""

    def __init__(self, proc_params):
        self.dataset = proc_params["dataset"]
        self.interval = proc_params.get("interval", 1)

    def run(self):
        total = 0
        for i in range(0, len(self.dataset), self.interval):
            data, label = self.dataset[i]
            total += sum(data) + label
        return total


class SpikeDataloader:
    """The process: its parameters are handed to the model built in the child."""

    def __init__(self, dataset, interval=1):
        self.proc_params = {"dataset": dataset, "interval": interval}

    def run(self):
        return Runtime(SpikeDataloaderModel, self.proc_params).start().wait()


def main():
    dataset = DummyDataset((2, 3))
    results = SpikeDataloader(dataset, interval=2).run()
    print("RESULT=%s" % results)


if __name__ == "__main__":
    main()
