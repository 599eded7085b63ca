"""A custom environment that runs its simulator in a child process (xingtian-style)."""
import multiprocessing


def _simulator(conn, level):
    state = level
    while True:
        action = conn.recv()
        if action is None:
            break
        state += action
        conn.send(state)


class SimEnv:
    def __init__(self, level=0):
        self.conn, child_conn = multiprocessing.Pipe()
        self.sim = multiprocessing.Process(target=_simulator, args=(child_conn, level))
        self.sim.start()

    def step(self, action):
        self.conn.send(action)
        return self.conn.recv()

    def close(self):
        self.conn.send(None)
        self.sim.join()
