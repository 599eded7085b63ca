# family: guard
# hazard: no-main-guard
# line: 60
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/ArcetriAdaptiveOptics/SPECULA/issues/81 -- the simulation script starts its display server process at module level; on Windows and macOS (spawn) the child re-imports the script and reaches the start again, failing with "An attempt has been made to start a new process before the current process has finished its bootstrapping phase"
import multiprocessing
import time
from dataclasses import dataclass


@dataclass
class SimulParams:
    name: str = "scao_demo"
    total_steps: int = 5
    time_step: float = 0.002


class DisplayServer:
    """Receives frames from the simulation and keeps the last one per data object."""

    def __init__(self, params: SimulParams):
        self.params = params
        self.frames = multiprocessing.Queue()
        self.replies = multiprocessing.Queue()
        self.proc = multiprocessing.Process(target=serve, args=(self.frames, self.replies), daemon=True)

    def start(self):
        self.proc.start()

    def publish(self, step, values):
        self.frames.put((step, values))

    def stop(self):
        self.frames.put(None)
        summary = self.replies.get(timeout=10)
        self.proc.join(10)
        return summary


def serve(frames, replies):
    last = {}
    while True:
        item = frames.get()
        if item is None:
            break
        step, values = item
        last.update(values)
        last["step"] = step
    replies.put(last)


def run_simulation(params, server):
    for step in range(params.total_steps):
        server.publish(step, {"wfs.slopes": step * 0.1, "dm.command": -step * 0.05})
        time.sleep(params.time_step)


params = SimulParams()
server = DisplayServer(params)
server.start()
run_simulation(params, server)
print("display saw", server.stop())
