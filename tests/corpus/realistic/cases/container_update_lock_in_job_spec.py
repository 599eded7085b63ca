# family: container
# hazard: unpicklable-argument
# line: 41
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A job-spec dict built from defaults gets a threading.Lock through dict.update() and is then passed as a Process argument; fork inherits it, spawn/forkserver cannot pickle '_thread.lock'. Modelled on https://github.com/EnterpriseDB/barman/pull/1184 (a threading.Lock in an object handed to a child: "cannot pickle '_thread.lock' object").
"""Run copy jobs in child processes, one per destination."""
import argparse
import multiprocessing
import threading

DEFAULTS = {"retries": 2, "bandwidth": "10M", "verify": True}


def build_spec(destination, **overrides):
    spec = dict(DEFAULTS)
    spec.update(overrides)
    spec["destination"] = destination
    return spec


def copy_job(spec, results):
    with spec["io_lock"]:
        results.put((spec["destination"], spec["retries"], spec["verify"]))


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("destinations", nargs="*", default=["backup-a", "backup-b"])
    parser.add_argument("--retries", type=int, default=3)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    shared = {"io_lock": threading.Lock()}
    results = multiprocessing.Queue()
    procs = []
    for dest in args.destinations:
        spec = build_spec(dest, retries=args.retries)
        spec.update(shared)
        proc = multiprocessing.Process(target=copy_job, args=(spec, results))
        proc.start()
        procs.append(proc)
    done = sorted(results.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    for dest, retries, verify in done:
        print(f"{dest}: retries={retries} verify={verify}")


if __name__ == "__main__":
    main()
