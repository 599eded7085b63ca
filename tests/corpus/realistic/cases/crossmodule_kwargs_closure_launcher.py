# family: crossmodule
# hazard: unpicklable-callable
# line: appkit/launcher.py:11
# files: appkit/launcher.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A closure built by a local factory travels through a **spec dict into appkit.launcher.launch(), which does Process(target=..., args=...); fork inherits it, spawn/forkserver fail with "Can't pickle local object". Modelled on https://github.com/tomerfiliba-org/rpyc/pull/412 (a nested function passed to a Process inside library code: "Can't pickle local object 'connect_multiprocess.<locals>.server'").
"""Start reporter processes through the shared launcher helper.

Usage: crossmodule_kwargs_closure_launcher.py [--count N] [--prefix TEXT]
"""
import argparse
import multiprocessing

from appkit import launcher


def make_reporter(prefix):
    def report(n, out):
        out.put(f"{prefix}:{n * n}")
    return report


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="fan out reporters")
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--prefix", default="square")
    return parser.parse_args(argv)


def build_spec(target, name):
    return {"target": target, "name": name, "daemon": False}


def main(argv=None):
    args = parse_args(argv)
    out = multiprocessing.Queue()
    spec = build_spec(make_reporter(args.prefix), "reporter")
    procs = []
    for n in range(args.count):
        procs.append(launcher.launch(args=(n, out), **spec))
    results = sorted(out.get(timeout=10) for _ in procs)
    exit_codes = launcher.join_all(procs)
    print(exit_codes, results)


if __name__ == "__main__":
    main()
