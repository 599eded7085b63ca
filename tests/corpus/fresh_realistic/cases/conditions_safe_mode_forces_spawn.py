# family: conditions
# hazard: unpicklable-callable
# line: 31 32
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/espnet/espnet/issues/1266 (`mp.set_start_method('spawn')` added to a training entry point broke runs that had worked with fork) and the sphinx report https://github.com/sphinx-doc/sphinx/issues/6865 (nested `proc` as Process target). A SAFE_MODE flag that defaults to on forces spawn for the whole program, so the nested probe function fails to pickle even where fork is the default.
"""Health-check a list of backends, one process per backend.

SAFE_MODE=1 (the default) forces the spawn start method so that probes never
inherit the parent's sockets.
"""
import multiprocessing
import os
import sys

BACKENDS = [("10.0.0.5", 5432), ("10.0.0.6", 6379), ("10.0.0.7", 9200)]


def configure_multiprocessing():
    if os.environ.get("SAFE_MODE", "1") == "1":
        multiprocessing.set_start_method("spawn", force=True)


def check_all(backends, timeout=2.0):
    def probe(host, port, replies):
        # a real probe would open a socket with the timeout
        replies.put((host, port, "up" if port % 2 else "degraded"))

    replies = multiprocessing.Queue()
    procs = []
    for host, port in backends:
        proc = multiprocessing.Process(target=probe, args=(host, port, replies))
        proc.start()
        procs.append(proc)
    status = sorted(replies.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(timeout)
    return status


def main():
    configure_multiprocessing()
    status = check_all(BACKENDS)
    print("RESULT=%s" % [s for _, _, s in status])
    return 0


if __name__ == "__main__":
    sys.exit(main())
