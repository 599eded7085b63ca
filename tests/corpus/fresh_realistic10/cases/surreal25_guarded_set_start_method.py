# family: start_method
# hazard: none
# line: none
# files: s18kit/agents.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/SurrealAI/surreal/pull/25 -- the fix: the launcher module no longer calls set_start_method at import time; the script calls `set_start_method('spawn')` once, under `if __name__ == '__main__':`, which a spawned child does not run
"""Experiment launcher: run rollout agents as subprocesses and aggregate their returns."""
import argparse
import multiprocessing as mp
import queue
import sys

from s18kit.agents import make_specs, rollout


class Launcher:
    def __init__(self, specs):
        self.specs = specs
        self.results = mp.Queue()
        self.procs = {}

    def launch(self):
        for spec in self.specs:
            p = mp.Process(target=rollout, args=(spec, self.results), name="agent-%d" % spec.agent_id)
            p.start()
            self.procs[spec.agent_id] = p

    def wait(self):
        for p in self.procs.values():
            p.join(timeout=15)
        returns = {}
        while True:
            try:
                agent_id, total = self.results.get(timeout=0.5)
            except queue.Empty:
                break
            returns[agent_id] = total
        failed = sorted(a for a, p in self.procs.items() if p.exitcode != 0)
        return returns, failed


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--agents", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    launcher = Launcher(make_specs(args.agents, args.seed))
    launcher.launch()
    returns, failed = launcher.wait()
    if failed:
        print("agents failed:", failed, file=sys.stderr)
        return 1
    print("RESULT=%d" % sum(returns.values()))
    return 0


if __name__ == "__main__":
    mp.set_start_method("spawn")
    sys.exit(main(sys.argv[1:]))
