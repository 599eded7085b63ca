# family: queue
# hazard: join-while-child-blocks-on-queue-get
# line: 93 28
# files: r23kit/ga3c.py
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/NVlabs/GA3C/pull/23 -- "Fix for hanging on quit (fixes issues #4 and #21)": "Processes/threads got stuck in queue.get() operations which normally block indefinitely": on quit the server stops its predictor threads, sets each ProcessAgent's exit_flag and joins the agents, but an agent that already sent a state is blocked in wait_q.get() for a prediction that never comes, never looks at exit_flag again, and the join waits forever
"""Train a toy actor-critic with agent processes fed by predictor threads (a GA3C-like server)."""
import sys
import threading
from multiprocessing import Process, Queue, Value

from r23kit.ga3c import Config, Environment, Experience, policy


class ProcessAgent(Process):
    def __init__(self, agent_id, prediction_q, training_q, episode_log_q):
        super().__init__(name=f"agent-{agent_id}")
        self.id = agent_id
        self.prediction_q = prediction_q
        self.training_q = training_q
        self.episode_log_q = episode_log_q
        self.wait_q = Queue(maxsize=1)
        self.exit_flag = Value("i", 0)

    def predict(self, state):
        self.prediction_q.put((self.id, state))
        action, value = self.wait_q.get()
        return action, value

    def run_episode(self, env):
        state = env.reset()
        total = 0.0
        done = False
        while not done:
            action, _ = self.predict(state)
            state, reward, done = env.step(action)
            total += reward
            self.training_q.put(Experience(self.id, state, action, reward, done))
        return total

    def run(self):
        env = Environment(Config.STEPS_PER_EPISODE)
        while self.exit_flag.value == 0:
            self.episode_log_q.put((self.id, self.run_episode(env)))


class Server:
    def __init__(self):
        self.prediction_q = Queue()
        self.training_q = Queue()
        self.episode_log_q = Queue()
        self.agents = []
        self.stop_predictors = threading.Event()
        self.rewards = []

    def predictor(self):
        while not self.stop_predictors.is_set():
            try:
                agent_id, state = self.prediction_q.get(timeout=0.05)
            except Exception:
                continue
            self.agents[agent_id].wait_q.put(policy(state))

    def trainer(self):
        while not self.stop_predictors.is_set():
            try:
                self.training_q.get(timeout=0.05)
            except Exception:
                continue

    def add_agent(self):
        agent = ProcessAgent(len(self.agents), self.prediction_q, self.training_q, self.episode_log_q)
        self.agents.append(agent)
        agent.start()

    def main(self):
        threads = [threading.Thread(target=self.predictor, daemon=True) for _ in range(Config.PREDICTORS)]
        threads.append(threading.Thread(target=self.trainer, daemon=True))
        for t in threads:
            t.start()
        for _ in range(Config.AGENTS):
            self.add_agent()
        while len(self.rewards) < Config.EPISODES:
            self.rewards.append(self.episode_log_q.get()[1])
        # quit: stop serving, then ask the agents to finish
        self.stop_predictors.set()
        for t in threads:
            t.join()
        for agent in self.agents:
            agent.exit_flag.value = 1
        for agent in self.agents:
            agent.join()
        return self.rewards


if __name__ == "__main__":
    rewards = Server().main()
    print(f"RESULT={len(rewards)}")
    sys.exit(0)
