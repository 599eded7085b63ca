# family: multiprocess
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: a watchdog that runs a closure and a lambda in multiprocess.Process children, under the main guard. multiprocess serialises with dill, which copies closures and lambdas, so the spawn and forkserver children get them too. Modelled on https://github.com/uqfoundation/multiprocess (README: "multiprocess ... uses dill", lambdas in Pool.map) and https://github.com/uqfoundation/multiprocess/issues/19 (mmckerns: the lambda itself is serialised by dill).
"""Run health probes in child processes and collect their verdicts."""
import time

import multiprocess as mp


def make_probe(name, limit_ms):
    def probe(out):
        started = time.perf_counter()
        ok = sum(range(10_000)) > 0
        elapsed = (time.perf_counter() - started) * 1000
        out.put((name, ok and elapsed < limit_ms))

    return probe


def summarise(verdicts):
    failing = [name for name, ok in verdicts.items() if not ok]
    return "all probes passed" if not failing else "failing: " + ", ".join(failing)


def main():
    out = mp.Queue()
    probes = [make_probe("cpu", 500), make_probe("sum", 500)]
    procs = [mp.Process(target=p, args=(out,)) for p in probes]
    procs.append(mp.Process(target=lambda q: q.put(("lambda", True)), args=(out,)))
    for p in procs:
        p.start()
    verdicts = dict(out.get(timeout=20) for _ in procs)
    for p in procs:
        p.join()
    for name, ok in sorted(verdicts.items()):
        print(f"{name:>8}: {'ok' if ok else 'SLOW'}")
    print(summarise(verdicts))
    print("RESULT=" + str(sorted(verdicts)))


if __name__ == "__main__":
    main()
