# family: start_method
# hazard: set-start-method-in-child
# line: s18kit/subproc_spawn.py:6 13 24 25
# files: s18kit/subproc_spawn.py s18kit/agents.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/SurrealAI/surreal/pull/25 -- "better set_start_method location": surreal_subproc.py called `set_start_method('spawn')` at import time ("Use spawn to avoid running into fork caused issues"), so every spawned child re-ran it while importing the launcher again and hit "RuntimeError: context has already been set" (the original wrapped it in `try: ... except RuntimeError: pass`); this launcher module makes the call without that wrapper
"""Experiment launcher: run rollout agents as subprocesses and aggregate their returns."""
import argparse
import multiprocessing as mp
import queue
import sys

from s18kit.subproc_spawn import make_specs, rollout


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
    sys.exit(main(sys.argv[1:]))
