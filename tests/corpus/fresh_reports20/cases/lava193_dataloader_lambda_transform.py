# family: args
# hazard: unpicklable-argument
# line: 53 48 r24kit/lavaproc.py:19 r24kit/lavaproc.py:21
# files: r24kit/lavaproc.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/lava-nc/lava/issues/193 -- "This errors out with can't pickle the lambda function at the point where run tries to spawn multiprocessing job in Windows": the test dataset's constructor takes transform=lambda x: x by default, the dataset goes into the data loader process's proc_params, and the runtime starts the process model in a child
from typing import Tuple

from r24kit.lavaproc import Runtime


class DummyDataset:
    def __init__(self, shape, transform=lambda x: x) -> None:
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
