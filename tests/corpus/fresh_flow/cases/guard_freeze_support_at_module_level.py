# family: guard
# hazard: missing-main-guard
# line: 25
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: Modelled on https://github.com/pyinstaller/pyinstaller/issues/4104 and https://github.com/pyinstaller/pyinstaller/issues/1921 (freeze_support() called, but the Manager / Process start still runs at module level, so every spawned child re-runs it; freeze_support only helps inside the `if __name__ == "__main__":` block).
"""Share an instruction table between a player process and the UI (frozen-app style script)."""
import multiprocessing
import sys
import time
from multiprocessing import Manager, Process, freeze_support


def player(namespace, steps):
    total = 0
    for step in range(steps):
        total += namespace.instructions.get(step, 0)
    namespace.total = total


def load_instructions():
    return {i: i * 3 for i in range(20)}


freeze_support()
play_mgr = Manager()
ns = play_mgr.Namespace()
ns.instructions = load_instructions()
ns.total = -1

start = time.time()
proc = Process(target=player, args=(ns, 20))
proc.start()
proc.join()
print("played in %.2fs" % (time.time() - start))
total = ns.total
print("RESULT=%d" % total)
play_mgr.shutdown()
if total != sum(i * 3 for i in range(20)):
    sys.exit(3)
