# family: conditions
# hazard: unpicklable-callable
# line: 23
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A FORK_AVAILABLE flag derived from get_all_start_methods() is taken to mean "processes are forked", but the code then uses the DEFAULT context; fork being available (macOS, Linux 3.14+) does not make it the default, so the lambda target is pickled under spawn/forkserver. Modelled on https://github.com/python/cpython/issues/91027 ("Lambda can't be pickled with spawn and only fork").
"""Run health checks in child processes when forking is possible."""
import multiprocessing

FORK_AVAILABLE = "fork" in multiprocessing.get_all_start_methods()

CHECKS = {"disk": 0.42, "memory": 0.77, "load": 0.15}


def run_checks(out, limit):
    procs = []
    for name, usage in sorted(CHECKS.items()):
        if FORK_AVAILABLE:
            # forked children share our globals, so a lambda is fine here
            target = lambda n=name, u=usage: out.put((n, u < limit))
        else:
            out.put((name, usage < limit))
            continue
        proc = multiprocessing.Process(target=target)
        proc.start()
        procs.append(proc)
    return procs


def main():
    out = multiprocessing.Queue()
    procs = run_checks(out, limit=0.7)
    results = sorted(out.get(timeout=10) for _ in CHECKS)
    for proc in procs:
        proc.join()
    print(results)


if __name__ == "__main__":
    main()
