# family: args
# hazard: lambda-attributes-in-process-args
# line: 39 42 r16kit/wds_lambda.py:11 r16kit/wds_lambda.py:12 r16kit/wds_lambda.py:13
# files: r16kit/wds_common.py r16kit/wds_lambda.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/NVIDIA/Megatron-Energon/pull/252 -- "Make dataset callables picklable (required because forkserver/spawn serialize the dataset to workers)": the loader's new multiprocessing_context option lets users pick forkserver to avoid fork deadlocks, but the generic webdataset keeps lambdas (part filter, field map, sample wrapper), so the worker processes cannot receive it
"""Iterate a captioning webdataset with worker processes of a configurable start method."""
import argparse
import multiprocessing as mp
import sys

from r16kit.wds_common import WorkerConfig
from r16kit.wds_lambda import build_captioning_dataset


def _worker_loop(dataset, shard_ids, queue):
    try:
        for shard in shard_ids:
            for sample in dataset.iter_shard(shard):
                queue.put((sample.key, sample.image, sample.caption))
    finally:
        queue.put(None)


class SavableDataLoader:
    def __init__(self, dataset, worker_config, multiprocessing_context="fork"):
        self.dataset = dataset
        self.worker_config = worker_config
        self.ctx = mp.get_context(multiprocessing_context)

    def _assignments(self):
        n = self.worker_config.num_workers
        return [list(range(w, len(self.dataset.shards), n)) for w in range(n)]

    def __iter__(self):
        queue = self.ctx.Queue()
        workers = []
        for shard_ids in self._assignments():
            workers.append(self.ctx.Process(target=_worker_loop, args=(self.dataset, shard_ids, queue),
                                            daemon=True))
        for w in workers:
            w.start()
        done = 0
        while done < len(workers):
            item = queue.get()
            if item is None:
                done += 1
                continue
            yield item
        for w in workers:
            w.join()


def get_savable_loader(dataset, worker_config, multiprocessing_context="fork"):
    return SavableDataLoader(dataset, worker_config, multiprocessing_context=multiprocessing_context)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mp-context", default="forkserver", choices=["fork", "forkserver", "spawn"],
                        help="forkserver avoids deadlocks from locks held by other threads at fork")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    dataset = build_captioning_dataset(n_shards=4)
    loader = get_savable_loader(dataset, WorkerConfig(num_workers=args.workers),
                                multiprocessing_context=args.mp_context)
    keys = sorted(key for key, _, _ in loader)
    print("RESULT=%d %s %s" % (len(keys), keys[0], keys[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
