# family: args
# hazard: none
# line: none
# files: r9kit/monitor.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/eleurent/rl-agents/issues/74 -- the working variant: the monitor drops its threading.Lock in __getstate__ and makes a new one in __setstate__, so the Evaluation handed to each worker process pickles under spawn
import multiprocessing as mp
import sys
from dataclasses import dataclass

from r9kit.monitor import EpisodeMonitor


@dataclass
class AgentConfig:
    name: str
    budget: int
    gamma: float = 0.9


class Evaluation:
    def __init__(self, env_name, agent_config, episodes=3):
        self.env_name = env_name
        self.agent_config = agent_config
        self.episodes = episodes
        self.monitor = EpisodeMonitor()

    def train(self):
        total = 0.0
        for ep in range(self.episodes):
            reward = self.agent_config.budget * (self.agent_config.gamma ** ep)
            self.monitor.record(ep, reward)
            total += reward
        return round(total, 3)


def evaluate(evaluation, results):
    results.put((evaluation.agent_config.name, evaluation.train()))


def run_benchmark(configs):
    results = mp.Queue()
    evaluations = [Evaluation("highway-v0", c) for c in configs]
    procs = [mp.Process(target=evaluate, args=(e, results)) for e in evaluations]
    for p in procs:
        p.start()
    out = dict(results.get(timeout=5) for _ in procs)
    for p in procs:
        p.join(5)
    return out


if __name__ == "__main__":
    scores = run_benchmark([AgentConfig("deterministic", 10), AgentConfig("mcts", 20)])
    print(f"RESULT={sorted(scores.items())}")
    sys.exit(0 if scores["mcts"] == 54.2 else 3)
