# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix reported in https://github.com/SUC-DriverOld/MSST-WebUI/issues/36 ("RuntimeError: context has already been set" at `multiprocessing.set_start_method('spawn')`, line 147 of webUI.py, at module level; "解决了，增加force=true": `multiprocessing.set_start_method("spawn", force=True)`): the web UI forces spawn at module level; with force=True the call also succeeds when the spawned separation worker re-imports the script, and everything that starts processes stays under the main guard.
"""A small web UI that runs audio separation jobs in a spawned worker process."""
import multiprocessing
import sys

multiprocessing.set_start_method("spawn", force=True)

MODELS = {"vocals": 0.6, "instrumental": 0.4}


def separate(job, results):
    name, samples = job
    results.put((name, [round(s * MODELS["vocals"], 3) for s in samples]))


def launch(jobs):
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=separate, args=(job, results)) for job in jobs]
    for w in workers:
        w.start()
    out = dict(results.get(timeout=15) for _ in workers)
    for w in workers:
        w.join()
    return out


if __name__ == "__main__":
    done = launch([("song1", [0.1, 0.5]), ("song2", [0.9])])
    print("RESULT=%s" % sorted(done))
    sys.exit(0)
