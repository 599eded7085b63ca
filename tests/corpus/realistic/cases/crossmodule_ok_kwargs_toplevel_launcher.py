# family: crossmodule
# hazard: none
# line: none
# files: appkit/launcher.py
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of crossmodule_kwargs_closure_launcher: the same **spec route into appkit.launcher.launch(), but the target is a module-level function and the varying prefix travels in args. Modelled on https://github.com/starlinglab/integrity-backend/pull/70 (fix: module-level target with its data in args instead of a lambda).
"""Start reporter processes through the shared launcher helper.

Usage: crossmodule_ok_kwargs_toplevel_launcher.py [--count N] [--prefix TEXT]
"""
import argparse
import multiprocessing

from appkit import launcher


def report(prefix, n, out):
    out.put(f"{prefix}:{n * n}")


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
    spec = build_spec(report, "reporter")
    procs = []
    for n in range(args.count):
        procs.append(launcher.launch(args=(args.prefix, n, out), **spec))
    results = sorted(out.get(timeout=10) for _ in procs)
    exit_codes = launcher.join_all(procs)
    print(exit_codes, results)


if __name__ == "__main__":
    main()
