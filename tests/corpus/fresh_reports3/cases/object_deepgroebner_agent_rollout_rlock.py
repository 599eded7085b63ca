# family: object
# hazard: unpicklable-bound-method
# line: 38 40
# timeout: 15
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/dylanpeifer/deepgroebner/issues/1 ("TypeError: cannot pickle '_thread.RLock' object" at `p.start()` in pg.py run_episodes, macOS, Python 3.8.5): the policy-gradient agent runs episodes in parallel processes whose target is the agent's own rollout method; the agent holds the policy model, whose session keeps an RLock. Reduced: the model is a class with a dict of weights and an RLock, the environment a counter.
"""Run training episodes of the policy-gradient agent in parallel."""
import multiprocessing as mp
import threading


class PolicyModel:
    def __init__(self):
        self.weights = {"w": 0.5}
        self._session_lock = threading.RLock()

    def act(self, state):
        with self._session_lock:
            return int(state * self.weights["w"]) % 3


class LeadMonomialsEnv:
    def __init__(self, degree=20):
        self.degree = degree


class PGAgent:
    def __init__(self, policy_network):
        self.policy_model = policy_network

    def _rollout(self, env, episode, out):
        actions = [self.policy_model.act(s + episode) for s in range(env.degree)]
        out.put((episode, sum(actions)))

    def run_episodes(self, env, episodes=4, parallel=True):
        out = mp.Queue()
        if parallel:
            procs = [mp.Process(target=self._rollout, args=(env, e, out)) for e in range(episodes)]
            for p in procs:
                p.start()
            history = sorted(out.get(timeout=10) for _ in procs)
            for p in procs:
                p.join()
        else:
            for e in range(episodes):
                self._rollout(env, e, out)
            history = sorted(out.get() for _ in range(episodes))
        return history

    def train(self, env, episodes=4):
        return self.run_episodes(env, episodes=episodes)


if __name__ == "__main__":
    agent = PGAgent(PolicyModel())
    print("RESULT=%s" % agent.train(LeadMonomialsEnv(degree=20), episodes=4))
