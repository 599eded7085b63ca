# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cms-sw/cmssw/pull/51671 -- the merged change: the query processes get the module-level function query_das as target and the dataset and queue as args, so the Process object pickles under forkserver and spawn
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

FAKE_DAS = {
    "/MinBias/Run3-v1/ALCARECO": ["/store/a/1.root", "/store/a/2.root"],
    "/Cosmics/Run3-v2/ALCARECO": ["/store/c/1.root"],
}


def query_das(dataset, out):
    files = FAKE_DAS.get(dataset, [])
    out.put((dataset, files))


@dataclass
class CreatorOptions:
    datasets: list = field(default_factory=lambda: sorted(FAKE_DAS))
    events_per_file: int = 1000
    iov: int = 1


class FileListCreator:
    def __init__(self, options: CreatorOptions):
        self.options = options
        self.files = {}

    def create(self):
        self._request_dataset_information()
        return sum(len(v) for v in self.files.values())

    def _request_dataset_information(self):
        out = multiprocessing.Queue()
        procs = []
        for dataset in self.options.datasets:
            proc = multiprocessing.Process(target=query_das, args=(dataset, out))
            procs.append(proc)
            proc.start()
        for _ in procs:
            dataset, files = out.get(timeout=10)
            self.files[dataset] = files
        for proc in procs:
            proc.join(10)


def main(argv=None):
    parser = argparse.ArgumentParser(description="create file lists for alignment")
    parser.add_argument("-d", "--datasets", nargs="*")
    args = parser.parse_args(argv)
    opts = CreatorOptions(datasets=args.datasets) if args.datasets else CreatorOptions()
    creator = FileListCreator(opts)
    print("files", creator.create())
    return 0


if __name__ == "__main__":
    sys.exit(main())
