# family: lifecycle
# hazard: worker-retries-forever-after-manager-shutdown
# line: 63 66
# files: r23kit/pifstate.py
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/brickbots/PiFinder/pull/476 -- "fix(state): graceful worker shutdown when shared-state manager dies": "When the multiprocessing Manager process that owns SharedStateObj dies, every worker that holds a proxy ... gets a BrokenPipeError / ConnectionResetError / EOFError on its next shared_state.* call ... the solver spinning forever, logging 'Broken pipe' every ~2 s": the solver's restart loop catches every exception and re-enters the work loop, whose first call (sleep_for_framerate -> shared_state.power_state()) fails again, so a parent that joins the solver waits forever
"""Plate-solve camera frames in a worker process that shares state through a manager (PiFinder-like)."""
import logging
import sys
import time
from multiprocessing import Process, Queue

from r23kit.pifstate import StateManager, sleep_for_framerate, solve_frame

logging.basicConfig(level=logging.WARNING, format="%(processName)s %(levelname)s %(message)s")
log = logging.getLogger("solver")


def solver(shared_state, camera_q, solved_q):
    """Outer restart loop around the inner work loop, as PiFinder's solver.py has it."""
    frames_done = 0
    while True:
        try:
            while True:
                sleep_for_framerate(shared_state)
                frame = camera_q.get(timeout=0.05) if not camera_q.empty() else None
                if frame is None:
                    continue
                if frame == "stop":
                    return
                shared_state.add_solution(solve_frame(frame))
                frames_done += 1
                solved_q.put(frames_done)
        except Exception as exc:  # noqa: BLE001 - "keep the solver alive"
            if frames_done % 50 == 0:
                log.warning("solver error, restarting: %r", exc)
            time.sleep(0.01)


class App:
    def __init__(self):
        self.manager = StateManager()
        self.camera_q = Queue()
        self.solved_q = Queue()

    def save_settings(self, total):
        time.sleep(0.3)                     # write the observing session to the SD card
        return {"solutions": total}

    def run(self, frames):
        self.manager.start()
        shared_state = self.manager.SharedState()
        proc = Process(target=solver, args=(shared_state, self.camera_q, self.solved_q), name="Solver")
        proc.start()
        for f in range(frames):
            self.camera_q.put(f)
        solved = 0
        while solved < frames:
            solved = self.solved_q.get(timeout=10)
        total = len(shared_state.solutions())
        # the state server goes away first (here: an orderly shutdown; on the device it was killed)
        self.manager.shutdown()
        self.save_settings(total)
        self.camera_q.put("stop")
        proc.join()
        return total


if __name__ == "__main__":
    total = App().run(frames=5)
    print(f"RESULT={total}")
    sys.exit(0)
