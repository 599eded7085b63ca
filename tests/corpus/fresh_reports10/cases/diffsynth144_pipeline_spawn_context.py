# family: startmethod
# hazard: none
# line: none
# files: r10kit/dsengine.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/modelscope/DiffSynth-Engine/pull/144 -- the merged change: the pipeline asks mp.get_context("spawn") for a context object and builds its Queues and Processes from it, which works whether or not the default context was fixed earlier
import multiprocessing as mp
import sys
from dataclasses import dataclass

from r10kit import dsengine


@dataclass
class ParallelConfig:
    world_size: int = 2
    steps: int = 4


class ParallelWrapper:
    def __init__(self, config: ParallelConfig):
        self.config = config
        ctx = mp.get_context("spawn")
        self.requests = ctx.Queue()
        self.responses = ctx.Queue()
        self.workers = [ctx.Process(target=dsengine.worker_loop, args=(rank, self.requests, self.responses))
                        for rank in range(config.world_size)]
        for w in self.workers:
            w.start()

    def __call__(self, prompts):
        for p in prompts:
            self.requests.put((p, self.config.steps))
        return sorted(self.responses.get(timeout=10)[2] for _ in prompts)

    def close(self):
        for _ in self.workers:
            self.requests.put(None)
        for w in self.workers:
            w.join(10)


def main():
    print("engine", dsengine.BANNER["start_method"])
    pipe = ParallelWrapper(ParallelConfig())
    try:
        print(pipe(["a cat", "a dog"]))
    finally:
        pipe.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
