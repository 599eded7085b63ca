"""PiFinder-like shared state: one object served by a manager process, used by every worker through a proxy."""
import time
from multiprocessing.managers import BaseManager


class SharedStateObj:
    def __init__(self):
        self._power_state = 1
        self._solutions = []

    def power_state(self):
        return self._power_state

    def set_power_state(self, value):
        self._power_state = value

    def add_solution(self, sol):
        self._solutions.append(sol)
        return len(self._solutions)

    def solutions(self):
        return list(self._solutions)


class StateManager(BaseManager):
    pass


StateManager.register("SharedState", SharedStateObj)

CONNECTION_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionRefusedError, EOFError, FileNotFoundError)


def sleep_for_framerate(shared_state, fps=50):
    """The first call of the solver's inner loop: asks the shared state whether the device is asleep."""
    if shared_state.power_state() <= 0:
        time.sleep(0.2)
    else:
        time.sleep(1 / fps)


def solve_frame(frame):
    return {"frame": frame, "ra": (frame * 7.5) % 360, "dec": (frame * 3.0) % 90 - 45}
