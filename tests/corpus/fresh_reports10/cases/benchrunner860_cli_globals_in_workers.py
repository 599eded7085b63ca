# family: state
# hazard: state-not-inherited
# line: 28 30 47 48
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/redhat-performance/benchmark-runner/pull/860 -- the runner's workers read connection settings that the parent process fills in after parsing its command line; under spawn (the macOS default) the children re-import the module and get the defaults, so the PR calls set_start_method('fork') to run on a Mac
import argparse
import multiprocessing
import sys

# filled in by main() from the command line
SETTINGS = {"host": None, "namespace": "default", "timeout": 30}


def run_workload(name, out):
    host = SETTINGS["host"]
    if host is None:
        out.put((name, "skipped: no cluster host"))
        return
    out.put((name, "ran on %s/%s" % (host, SETTINGS["namespace"])))


class BenchmarkOperator:
    def __init__(self, workloads):
        self.workloads = workloads

    def run_parallel(self):
        out = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=run_workload, args=(w, out)) for w in self.workloads]
        for p in procs:
            p.start()
        results = dict(out.get(timeout=10) for _ in procs)
        for p in procs:
            p.join(10)
        return results


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="api.cluster.local")
    parser.add_argument("--namespace", default="benchmark-runner")
    parser.add_argument("workloads", nargs="*", default=["stressng_pod", "uperf_pod"])
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    SETTINGS["host"] = args.host
    SETTINGS["namespace"] = args.namespace
    results = BenchmarkOperator(args.workloads).run_parallel()
    for name in sorted(results):
        print(name, results[name])
    ok = all(r.startswith("ran on") for r in results.values())
    print("RESULT=" + ("ran" if ok else "skipped"))
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
